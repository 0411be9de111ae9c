#pragma once
// GET /metrics in the Prometheus text format 0.0.4 (docs/operations.md, "Metrics"): the request
// counters and latency histograms, the database pool, the message exchange's counters, and the
// outbox backlog and overdue deadlines (one short read at scrape time). Only clients whose
// address is on metrics.allow may scrape (default loopback); anyone else gets the same JSON 404
// as an unknown path. Also the 404 of the paths that only look like it (/metrics/, /metrics.txt,
// /metricsx, /prometheus), which never fall back to the web page.
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/IPAddress.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "contracting/app/operations_gauges.hpp"

namespace zc::http {

// Addresses and networks ("127.0.0.1, ::1, 10.0.0.0/8, fd00::/8"), separated by commas or
// spaces. An IPv4 address mapped into IPv6 (::ffff:a.b.c.d) counts as the IPv4 address.
class AddressAllowList {
  public:
    // Throws std::invalid_argument naming the entry that is no address or network.
    explicit AddressAllowList(const std::string& list);
    bool allows(const Poco::Net::IPAddress& address) const;
    bool empty() const { return entries_.empty(); }

  private:
    struct Entry {
        std::vector<unsigned char> bytes;
        unsigned prefix;  // bits that must match
    };
    std::vector<Entry> entries_;
};

// The gauges read from the database at scrape time.
struct WorkGauges {
    contracting::OperationsGauges contracting;
    std::int64_t overdue_reviews = 0;  // declarations awaiting review past their answer date
};

struct PoolGauges {
    std::size_t in_use = 0;
    std::size_t open = 0;
    std::size_t size = 0;
};

// Where the handler reads the gauges; `work` throws when the database does not answer.
struct MetricsSources {
    const AddressAllowList& allow;
    std::function<PoolGauges()> pool;
    std::function<WorkGauges()> work;
};

// True for /metrics-like paths that are not /metrics itself.
bool looksLikeMetricsPath(const std::string& path);

// The whole exposition text (without the database gauges when `work` is empty).
std::string metricsText(const PoolGauges& pool, const std::optional<WorkGauges>& work);

class MetricsHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit MetricsHandler(const MetricsSources& sources) : sources_(sources) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& res) override;

  private:
    const MetricsSources& sources_;
};

// The API's JSON 404 (NOT_FOUND) for a path nothing serves.
class NotFoundHandler : public Poco::Net::HTTPRequestHandler {
  public:
    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& res) override;
};

}  // namespace zc::http
