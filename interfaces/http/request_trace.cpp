#include "request_trace.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>

#include "interfaces/observability/json_log_line.hpp"
#include "interfaces/observability/service_log.hpp"
#include "interfaces/security/crypto.hpp"
#include "routes.hpp"

namespace zc::http {
namespace {

constexpr const char* kServerLabels[] = {"/health", "/metrics", "{unmatched}", "{static}",
                                         "/ggk0310/OntvangAsynchroon"};

thread_local RequestTrace t_trace;

// One label per distinct pattern (GET and POST of one pattern share it), then the server's own.
struct SlotTable {
    std::vector<std::string> labels;
    std::vector<std::size_t> of_route;  // route index -> slot
    std::size_t first_server = 0;
};

const SlotTable& slotTable() {
    static const SlotTable table = [] {
        SlotTable t;
        for (const auto& r : routes()) {
            std::size_t i = 0;
            while (i < t.labels.size() && t.labels[i] != r.pattern) ++i;
            if (i == t.labels.size()) t.labels.push_back(r.pattern);
            t.of_route.push_back(i);
        }
        t.first_server = t.labels.size();
        for (const char* label : kServerLabels) t.labels.emplace_back(label);
        return t;
    }();
    return table;
}

void addActor(obs::JsonLogLine& line, const RequestTrace& t) {
    if (!t.user.empty()) line.add("user", t.user).add("user_id", t.user_id);
    if (!t.provider.empty()) line.add("provider", t.provider);
    if (t.provider_id != 0) line.add("provider_id", t.provider_id);
}

// One line per answered request, and one before it for an error answer (status >= 400).
void logRequest(const RequestTrace& t, const std::string& method, int status, std::int64_t micros) {
    auto& log = obs::serviceLog();
    const std::string route = requestMetrics().labelOf(t.slot);
    const std::string now = obs::utcMillis(std::chrono::system_clock::now());
    if (status >= 400) {
        const bool internal = status >= 500;
        if (log.is(internal ? Poco::Message::PRIO_ERROR : Poco::Message::PRIO_WARNING)) {
            obs::JsonLogLine line;
            line.add("time", now)
                .add("level", internal ? "error" : "warning")
                .add("event", "error");
            line.add("request_id", t.id);
            addActor(line, t);
            line.add("method", method).add("route", route).add("status", status);
            line.add("reason", t.reason.empty() ? "HTTP_" + std::to_string(status) : t.reason);
            if (!t.detail.empty()) line.add("detail", t.detail);
            if (internal) {
                log.error(line.str());
            } else {
                log.warning(line.str());
            }
        }
    }
    if (!log.information()) return;
    obs::JsonLogLine line;
    line.add("time", now).add("level", "info").add("event", "request").add("request_id", t.id);
    addActor(line, t);
    line.add("method", method).add("route", route).add("status", status);
    line.addNumber("duration_ms", obs::thousandths(micros));
    if (!t.reason.empty()) line.add("reason", t.reason);
    log.information(line.str());
}

class ObservedHandler : public Poco::Net::HTTPRequestHandler {
  public:
    ObservedHandler(Poco::Net::HTTPRequestHandler* inner, std::size_t slot)
        : inner_(inner), slot_(slot) {}

    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& res) override {
        t_trace = RequestTrace{};
        t_trace.id = requestIdFor(req.get("X-Request-Id", ""));
        t_trace.slot = slot_;
        res.set("X-Request-Id", t_trace.id);
        const auto start = std::chrono::steady_clock::now();
        try {
            inner_->handleRequest(req, res);
        } catch (...) {
            finish(req, res, start);
            throw;
        }
        finish(req, res, start);
    }

  private:
    static void finish(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res,
                       std::chrono::steady_clock::time_point start) {
        const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::steady_clock::now() - start)
                                .count();
        const int status = static_cast<int>(res.getStatus());
        requestMetrics().record(t_trace.slot, req.getMethod(), status,
                                static_cast<std::uint64_t>(micros));
        try {
            logRequest(t_trace, req.getMethod(), status, micros);
        } catch (...) {
            // A full disk must not fail the request that was answered already.
        }
        t_trace = RequestTrace{};
    }

    std::unique_ptr<Poco::Net::HTTPRequestHandler> inner_;
    std::size_t slot_;
};

}  // namespace

RequestTrace& currentTrace() { return t_trace; }

void traceRoute(const Route& route) {
    t_trace.slot = slotTable().of_route.at(static_cast<std::size_t>(&route - routes().data()));
}

void traceActor(const app::Actor& actor) {
    constexpr std::string_view kProvider = "provider:";
    if (actor.name.rfind(kProvider, 0) == 0) {
        t_trace.provider = actor.name.substr(kProvider.size());
    } else if (actor.user_id != 0) {
        t_trace.user = actor.name;
        t_trace.user_id = actor.user_id;
    }
    t_trace.provider_id = actor.provider_id;
}

bool acceptableRequestId(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

std::string requestIdFor(std::string_view incoming) {
    if (acceptableRequestId(incoming)) return std::string(incoming);
    // 32 hexadecimal digits: 16 random per process, then a counter, so an id is unique within
    // the process and, by its prefix, across processes. An id only ties log lines to an answer;
    // 16 bytes of RAND_bytes per request (with OpenSSL's fork check) were 3 % of the server's CPU
    // for a budget report (issue 17).
    static const std::string prefix = [] {
        const auto bytes = security::randomBytes(8);
        return security::toHex(bytes.data(), bytes.size());
    }();
    static std::atomic<std::uint64_t> next{0};
    char counter[17];
    std::snprintf(counter, sizeof counter, "%016llx",
                  static_cast<unsigned long long>(next.fetch_add(1, std::memory_order_relaxed)));
    return prefix + counter;
}

obs::RequestMetrics& requestMetrics() {
    static obs::RequestMetrics metrics(slotTable().labels);
    return metrics;
}

std::size_t slotOf(ServerSlot s) { return slotTable().first_server + static_cast<std::size_t>(s); }

Poco::Net::HTTPRequestHandler* observed(Poco::Net::HTTPRequestHandler* inner, ServerSlot slot) {
    return new ObservedHandler(inner, slotOf(slot));
}

}  // namespace zc::http
