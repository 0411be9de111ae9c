#pragma once
// The one place where money loses precision. Every lossy step names its rounding mode here.
#include <cstdint>
#include <string>
#include <string_view>

#include "money.hpp"

namespace zc {

// numerator / denominator rounded half away from zero ("half-up" in Dutch bookkeeping:
// 0.5 cent -> 1 cent, -0.5 cent -> -1 cent). Precondition: denominator > 0.
std::int64_t divideRoundHalfUp(__int128 numerator, std::int64_t denominator);

// A percentage with up to 6 decimals, kept as millionths of a percent ("2.85" -> 2'850'000).
class Percentage {
public:
    // Accepts "3", "2.85", "-1.5", at most 6 decimals, between -100 and 1000.
    // Throws ValidationError{"INVALID_PERCENTAGE"}.
    static Percentage parse(std::string_view text, std::string_view field = "percentage");
    static Percentage fromMillionths(std::int64_t m) { return Percentage(m); }
    std::int64_t millionths() const { return millionths_; }
    std::string toString() const;  // "2.85"

private:
    explicit Percentage(std::int64_t m) : millionths_(m) {}
    std::int64_t millionths_;
};

// amount × (1 + pct/100), rounded half-up to whole cents (tariff indexation).
Money applyIndexation(Money amount, Percentage pct);

}  // namespace zc
