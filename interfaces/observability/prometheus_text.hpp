#pragma once
// A writer of the Prometheus text exposition format 0.0.4: per family one "# HELP" and one
// "# TYPE" line, then its samples `name{label="value",...} value`, label values escaped
// (backslash, quote, line feed). GET /metrics (docs/operations.md, "Metrics").
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zc::obs {

using Labels = std::vector<std::pair<std::string, std::string>>;

// The content type of the format.
inline constexpr const char* kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

// A label value as written between the quotes.
std::string prometheusLabelValue(std::string_view value);

// Micro-units as a decimal without trailing zeros: 5000 -> "0.005", 2500000 -> "2.5" (seconds
// from microseconds, the unit of the latency histogram).
std::string millionths(std::uint64_t micro_units);

class PrometheusText {
  public:
    // type: "counter", "gauge" or "histogram".
    void family(std::string_view name, std::string_view type, std::string_view help);
    void sample(std::string_view name, const Labels& labels, std::uint64_t value);
    void sample(std::string_view name, const Labels& labels, std::string_view value_text);
    const std::string& text() const { return text_; }

  private:
    std::string text_;
};

}  // namespace zc::obs
