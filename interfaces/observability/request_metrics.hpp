#pragma once
// The service's request counters and latency histograms, in memory. The route labels are fixed
// when the server starts (the route table's patterns and a few of the server's own), so the
// request path only increments atomics at computed indices: no lock, no allocation.
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "prometheus_text.hpp"

namespace zc::obs {

// Upper bounds of the latency buckets, in microseconds (5 ms ... 30 s).
inline constexpr std::array<std::uint64_t, 12> kLatencyBucketsMicros = {
    5000,   10000,   25000,   50000,   100000,   250000,
    500000, 1000000, 2500000, 5000000, 10000000, 30000000};

class RequestMetrics {
  public:
    // One slot per route label (e.g. "/api/v1/contracts/{id}", "/health", "{static}").
    explicit RequestMetrics(std::vector<std::string> route_labels);
    ~RequestMetrics();
    RequestMetrics(const RequestMetrics&) = delete;
    RequestMetrics& operator=(const RequestMetrics&) = delete;

    // Counts one answered request. A slot out of range is ignored.
    void record(std::size_t slot, std::string_view method, int status,
                std::uint64_t micros) noexcept;

    // zc_http_requests_total and zc_http_request_duration_seconds (a histogram whose _count is
    // the sum of its buckets, so "+Inf" and _count agree within one scrape).
    void write(PrometheusText& out) const;

    std::size_t slots() const { return labels_.size(); }
    // The slot's route label ("" out of range).
    std::string labelOf(std::size_t slot) const {
        return slot < labels_.size() ? labels_[slot] : std::string();
    }

  private:
    struct Slot;
    std::vector<std::string> labels_;
    std::unique_ptr<Slot[]> slots_;
};

// The message exchange's counters (process-wide): iWmo messages in and out by message name
// ("wmo315"; unknown ones as "other"), declarations (WMO323, JSON, CSV) and their lines processed.
void countMessageIn(std::string_view message_name) noexcept;
void countMessageOut(std::string_view message_name) noexcept;
void countDeclaration(std::uint64_t lines) noexcept;
// zc_iwmo_messages_total, zc_declarations_processed_total, zc_declaration_lines_processed_total.
void writeExchangeMetrics(PrometheusText& out);

// The iWmo message name ("wmo315") of the XML whose start is `head`: the first iWmo 3.2
// namespace in it other than the basisschema's; "" when there is none.
std::string iwmoMessageName(std::string_view head);

}  // namespace zc::obs
