#include "request_metrics.hpp"

namespace zc::obs {
namespace {

constexpr std::array<std::string_view, 8> kMethods = {"GET",   "HEAD",   "POST",    "PUT",
                                                      "PATCH", "DELETE", "OPTIONS", "other"};
constexpr std::array<int, 24> kStatuses = {200, 201, 202, 204, 206, 301, 302, 304,
                                           400, 401, 403, 404, 405, 408, 409, 411,
                                           413, 415, 422, 429, 431, 500, 503, 0};
constexpr std::size_t kBuckets = kLatencyBucketsMicros.size() + 1;  // the last is +Inf

std::size_t methodIndex(std::string_view method) {
    for (std::size_t i = 0; i + 1 < kMethods.size(); ++i) {
        if (kMethods[i] == method) return i;
    }
    return kMethods.size() - 1;
}

std::size_t statusIndex(int status) {
    for (std::size_t i = 0; i + 1 < kStatuses.size(); ++i) {
        if (kStatuses[i] == status) return i;
    }
    return kStatuses.size() - 1;
}

// Names of the iWmo 3.2 messages we exchange; anything else counts as "other".
constexpr std::array<std::string_view, 15> kMessageNames = {
    "wmo301", "wmo302", "wmo305", "wmo306", "wmo307", "wmo308", "wmo315", "wmo316",
    "wmo317", "wmo318", "wmo319", "wmo320", "wmo323", "wmo325", "other"};

std::size_t messageIndex(std::string_view name) {
    for (std::size_t i = 0; i + 1 < kMessageNames.size(); ++i) {
        if (kMessageNames[i] == name) return i;
    }
    return kMessageNames.size() - 1;
}

struct ExchangeCounters {
    std::array<std::atomic<std::uint64_t>, kMessageNames.size()> in{};
    std::array<std::atomic<std::uint64_t>, kMessageNames.size()> out{};
    std::atomic<std::uint64_t> declarations{0};
    std::atomic<std::uint64_t> lines{0};
};

ExchangeCounters& exchange() {
    static ExchangeCounters counters;
    return counters;
}

}  // namespace

struct RequestMetrics::Slot {
    std::array<std::array<std::atomic<std::uint64_t>, kStatuses.size()>, kMethods.size()> count{};
    std::array<std::atomic<std::uint64_t>, kBuckets> buckets{};
    std::atomic<std::uint64_t> sum_micros{0};
};

RequestMetrics::RequestMetrics(std::vector<std::string> route_labels)
    : labels_(std::move(route_labels)), slots_(new Slot[labels_.size()]) {}

RequestMetrics::~RequestMetrics() = default;

void RequestMetrics::record(std::size_t slot, std::string_view method, int status,
                            std::uint64_t micros) noexcept {
    if (slot >= labels_.size()) return;
    Slot& s = slots_[slot];
    s.count[methodIndex(method)][statusIndex(status)].fetch_add(1, std::memory_order_relaxed);
    std::size_t b = 0;
    while (b < kLatencyBucketsMicros.size() && micros > kLatencyBucketsMicros[b]) ++b;
    s.buckets[b].fetch_add(1, std::memory_order_relaxed);
    s.sum_micros.fetch_add(micros, std::memory_order_relaxed);
}

void RequestMetrics::write(PrometheusText& out) const {
    out.family("zc_http_requests_total", "counter",
               "HTTP requests answered, by route pattern, method and status.");
    for (std::size_t r = 0; r < labels_.size(); ++r) {
        for (std::size_t m = 0; m < kMethods.size(); ++m) {
            for (std::size_t st = 0; st < kStatuses.size(); ++st) {
                const auto n = slots_[r].count[m][st].load(std::memory_order_relaxed);
                if (n == 0) continue;
                const std::string status =
                    kStatuses[st] == 0 ? "other" : std::to_string(kStatuses[st]);
                out.sample("zc_http_requests_total",
                           {{"route", labels_[r]},
                            {"method", std::string(kMethods[m])},
                            {"status", status}},
                           n);
            }
        }
    }
    out.family("zc_http_request_duration_seconds", "histogram",
               "Time from the request's handler start to the end of its answer, by route.");
    for (std::size_t r = 0; r < labels_.size(); ++r) {
        std::array<std::uint64_t, kBuckets> counts{};
        std::uint64_t total = 0;
        for (std::size_t b = 0; b < kBuckets; ++b) {
            counts[b] = slots_[r].buckets[b].load(std::memory_order_relaxed);
            total += counts[b];
        }
        if (total == 0) continue;
        std::uint64_t cumulative = 0;
        for (std::size_t b = 0; b < kBuckets; ++b) {
            cumulative += counts[b];
            const std::string le =
                b < kLatencyBucketsMicros.size() ? millionths(kLatencyBucketsMicros[b]) : "+Inf";
            out.sample("zc_http_request_duration_seconds_bucket",
                       {{"route", labels_[r]}, {"le", le}}, cumulative);
        }
        out.sample("zc_http_request_duration_seconds_sum", {{"route", labels_[r]}},
                   millionths(slots_[r].sum_micros.load(std::memory_order_relaxed)));
        out.sample("zc_http_request_duration_seconds_count", {{"route", labels_[r]}}, total);
    }
}

void countMessageIn(std::string_view message_name) noexcept {
    exchange().in[messageIndex(message_name)].fetch_add(1, std::memory_order_relaxed);
}

void countMessageOut(std::string_view message_name) noexcept {
    exchange().out[messageIndex(message_name)].fetch_add(1, std::memory_order_relaxed);
}

void countDeclaration(std::uint64_t lines) noexcept {
    exchange().declarations.fetch_add(1, std::memory_order_relaxed);
    exchange().lines.fetch_add(lines, std::memory_order_relaxed);
}

void writeExchangeMetrics(PrometheusText& out) {
    auto& c = exchange();
    out.family("zc_iwmo_messages_total", "counter",
               "iWmo messages received (in) and delivered (out: synchronous retours and outbox "
               "messages fetched), by message.");
    for (std::size_t i = 0; i < kMessageNames.size(); ++i) {
        const std::string name(kMessageNames[i]);
        out.sample("zc_iwmo_messages_total", {{"direction", "in"}, {"message", name}},
                   c.in[i].load(std::memory_order_relaxed));
        out.sample("zc_iwmo_messages_total", {{"direction", "out"}, {"message", name}},
                   c.out[i].load(std::memory_order_relaxed));
    }
    out.family("zc_declarations_processed_total", "counter",
               "Declarations processed (WMO323, JSON and CSV; not dry runs).");
    out.sample("zc_declarations_processed_total", {},
               c.declarations.load(std::memory_order_relaxed));
    out.family("zc_declaration_lines_processed_total", "counter",
               "Lines read from the declarations processed.");
    out.sample("zc_declaration_lines_processed_total", {}, c.lines.load(std::memory_order_relaxed));
}

std::string iwmoMessageName(std::string_view head) {
    static constexpr std::string_view kPrefix = "http://www.istandaarden.nl/iwmo/3_2/";
    for (auto pos = head.find(kPrefix); pos != std::string_view::npos;
         pos = head.find(kPrefix, pos + 1)) {
        const auto start = pos + kPrefix.size();
        const auto end = head.find('/', start);
        if (end == std::string_view::npos) return "";
        const auto name = head.substr(start, end - start);
        if (name != "basisschema") return std::string(name);
    }
    return "";
}

}  // namespace zc::obs
