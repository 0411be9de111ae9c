#include "metrics_endpoint.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "error_mapping.hpp"
#include "interfaces/observability/prometheus_text.hpp"
#include "interfaces/observability/request_metrics.hpp"
#include "json_output.hpp"
#include "request_trace.hpp"

namespace zc::http {
namespace {

using Poco::Net::HTTPServerResponse;

void sendJsonError(HTTPServerResponse& res, const ErrorReply& e) {
    const std::string text = toJson(errorBody(e));
    res.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(e.status));
    res.setContentType("application/json; charset=utf-8");
    res.set("Cache-Control", "no-store");
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Strict-Transport-Security", "max-age=31536000");
    res.setContentLength(static_cast<std::streamsize>(text.size()));
    res.send() << text;
}

void notFound(HTTPServerResponse& res, const std::string& path) {
    sendJsonError(res, {404, "NOT_FOUND", "No such endpoint: " + path, ""});
}

std::string pathOf(const std::string& uri) {
    try {
        return Poco::URI(uri).getPath();
    } catch (const Poco::Exception&) {
        return uri.substr(0, uri.find('?'));
    }
}

// The bytes of `address`, an IPv4-mapped IPv6 address as its IPv4 bytes.
std::vector<unsigned char> addressBytes(const Poco::Net::IPAddress& address) {
    const auto* p = static_cast<const unsigned char*>(address.addr());
    std::vector<unsigned char> bytes(p, p + address.length());
    if (address.family() == Poco::Net::IPAddress::IPv6 && address.isIPv4Mapped()) {
        bytes.erase(bytes.begin(), bytes.end() - 4);
    }
    return bytes;
}

void writeWork(obs::PrometheusText& out, const std::optional<WorkGauges>& work) {
    const contracting::OperationsGauges* w = work ? &work->contracting : nullptr;
    out.family("zc_metrics_database_up", "gauge",
               "1 when this scrape could read the database gauges below, else 0.");
    out.sample("zc_metrics_database_up", {}, w ? 1 : 0);
    out.family("zc_outbox_backlog", "gauge",
               "Outbox messages that no provider has acknowledged yet.");
    if (w) out.sample("zc_outbox_backlog", {}, static_cast<std::uint64_t>(w->outbox_backlog));
    out.family("zc_overdue_deadlines", "gauge",
               "Deadlines passed: allocation requests not answered or decided in time, our "
               "messages whose retour is overdue, declarations whose review is overdue.");
    if (!w) return;
    out.sample("zc_overdue_deadlines", {{"kind", "allocation_requests"}},
               static_cast<std::uint64_t>(w->overdue_requests));
    out.sample("zc_overdue_deadlines", {{"kind", "missing_retours"}},
               static_cast<std::uint64_t>(w->missing_retours));
    out.sample("zc_overdue_deadlines", {{"kind", "declaration_reviews"}},
               static_cast<std::uint64_t>(work->overdue_reviews));
}

}  // namespace

AddressAllowList::AddressAllowList(const std::string& list) {
    std::string text = list;
    for (char& c : text) {
        if (c == ',') c = ' ';
    }
    std::istringstream in(text);
    for (std::string item; in >> item;) {
        const auto slash = item.find('/');
        Poco::Net::IPAddress address;
        if (!Poco::Net::IPAddress::tryParse(item.substr(0, slash), address)) {
            throw std::invalid_argument("'" + item + "' is no IP address or network");
        }
        Entry e{addressBytes(address), 0};
        e.prefix = static_cast<unsigned>(e.bytes.size() * 8);
        if (slash != std::string::npos) {
            const std::string bits = item.substr(slash + 1);
            if (bits.empty() || bits.size() > 3 ||
                bits.find_first_not_of("0123456789") != std::string::npos ||
                std::stoul(bits) > e.prefix) {
                throw std::invalid_argument("'" + item + "' has no valid prefix length");
            }
            e.prefix = static_cast<unsigned>(std::stoul(bits));
        }
        entries_.push_back(std::move(e));
    }
}

bool AddressAllowList::allows(const Poco::Net::IPAddress& address) const {
    const auto bytes = addressBytes(address);
    for (const auto& e : entries_) {
        if (e.bytes.size() != bytes.size()) continue;
        unsigned bit = 0;
        bool same = true;
        for (std::size_t i = 0; same && bit < e.prefix; ++i, bit += 8) {
            const unsigned take = std::min(8u, e.prefix - bit);
            const auto mask = static_cast<unsigned char>(0xff << (8 - take));
            same = (bytes[i] & mask) == (e.bytes[i] & mask);
        }
        if (same) return true;
    }
    return false;
}

bool looksLikeMetricsPath(const std::string& path) {
    if (path == "/metrics") return false;
    return path.rfind("/metrics", 0) == 0 || path.rfind("/prometheus", 0) == 0;
}

std::string metricsText(const PoolGauges& pool, const std::optional<WorkGauges>& work) {
    obs::PrometheusText out;
    requestMetrics().write(out);
    out.family("zc_db_pool_connections_in_use", "gauge",
               "Database connections lent to requests now.");
    out.sample("zc_db_pool_connections_in_use", {}, pool.in_use);
    out.family("zc_db_pool_connections_open", "gauge",
               "Database connections open now (in use or idle).");
    out.sample("zc_db_pool_connections_open", {}, pool.open);
    out.family("zc_db_pool_size", "gauge",
               "Largest number of database connections (db.pool_size).");
    out.sample("zc_db_pool_size", {}, pool.size);
    obs::writeExchangeMetrics(out);
    writeWork(out, work);
    return out.text();
}

void MetricsHandler::handleRequest(Poco::Net::HTTPServerRequest& req, HTTPServerResponse& res) {
    if (!sources_.allow.allows(req.clientAddress().host())) {
        notFound(res, pathOf(req.getURI()));
        return;
    }
    if (req.getMethod() != "GET" && req.getMethod() != "HEAD") {
        res.set("Allow", "GET, HEAD");
        sendJsonError(res, {405, "METHOD_NOT_ALLOWED", "This method is not allowed here.", ""});
        return;
    }
    std::optional<WorkGauges> work;
    try {
        work = sources_.work();
    } catch (const std::exception&) {
        work.reset();  // zc_metrics_database_up 0; the rest is still worth scraping
    }
    const std::string text = metricsText(sources_.pool(), work);
    res.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
    res.setContentType(obs::kPrometheusContentType);
    res.set("Cache-Control", "no-store");
    res.set("X-Content-Type-Options", "nosniff");
    res.setContentLength(static_cast<std::streamsize>(text.size()));
    if (req.getMethod() == "HEAD") {
        res.send();
    } else {
        res.send() << text;
    }
}

void NotFoundHandler::handleRequest(Poco::Net::HTTPServerRequest& req, HTTPServerResponse& res) {
    notFound(res, pathOf(req.getURI()));
}

}  // namespace zc::http
