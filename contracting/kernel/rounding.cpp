#include "rounding.hpp"

#include <limits>
#include <stdexcept>

#include "ascii.hpp"
#include "errors.hpp"

namespace zc {
namespace {

constexpr std::int64_t kMillionthsPerPercent = 1'000'000;
constexpr int kMaxPercentageDecimals = 6;
constexpr std::int64_t kMinPercentage = -100;
constexpr std::int64_t kMaxPercentage = 1000;
// A factor of 1 expressed in millionths of a percent: 100 % = 100'000'000.
constexpr std::int64_t kWholeInMillionths = 100 * kMillionthsPerPercent;

using ascii::isDigit;

using ascii::allDigits;

[[noreturn]] void throwInvalidPercentage(std::string_view field) {
    throw ValidationError("INVALID_PERCENTAGE",
                          "Percentage must be a number between -100 and 1000 with at most 6 "
                          "decimals after a dot, for example 2.85.",
                          std::string(field));
}

}  // namespace

std::int64_t divideRoundHalfUp(__int128 numerator, std::int64_t denominator) {
    ZC_ASSERT(denominator > 0);
    // C++ division truncates toward zero; the remainder has the numerator's sign.
    __int128 quotient = numerator / denominator;
    __int128 remainder = numerator % denominator;
    __int128 twice_abs_remainder = 2 * (remainder < 0 ? -remainder : remainder);
    if (twice_abs_remainder >= denominator) quotient += numerator < 0 ? -1 : 1;
    if (quotient > std::numeric_limits<std::int64_t>::max() ||
        quotient < std::numeric_limits<std::int64_t>::min()) {
        throw std::overflow_error("Rounded quotient does not fit in 64 bits");
    }
    return static_cast<std::int64_t>(quotient);
}

Percentage Percentage::parse(std::string_view text, std::string_view field) {
    bool negative = false;
    std::string_view rest = text;
    if (!rest.empty() && rest.front() == '-') {
        negative = true;
        rest.remove_prefix(1);
    }
    std::string_view whole = rest;
    std::string_view fraction;
    if (auto dot = rest.find('.'); dot != std::string_view::npos) {
        whole = rest.substr(0, dot);
        fraction = rest.substr(dot + 1);
        if (fraction.empty() || fraction.size() > kMaxPercentageDecimals) {
            throwInvalidPercentage(field);
        }
    }
    if (whole.empty() || !allDigits(whole) || !allDigits(fraction)) throwInvalidPercentage(field);
    // Leading zeros aside, more than four integer digits is beyond the range anyway; the cap
    // keeps the accumulation below from overflowing.
    while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
    if (whole.size() > 4) throwInvalidPercentage(field);

    std::int64_t millionths = 0;
    for (char c : whole) millionths = millionths * 10 + (c - '0');
    millionths *= kMillionthsPerPercent;
    std::int64_t scale = kMillionthsPerPercent / 10;
    for (char c : fraction) {
        millionths += (c - '0') * scale;
        scale /= 10;
    }
    if (negative) millionths = -millionths;
    if (millionths < kMinPercentage * kMillionthsPerPercent ||
        millionths > kMaxPercentage * kMillionthsPerPercent) {
        throwInvalidPercentage(field);
    }
    return Percentage(millionths);
}

std::string Percentage::toString() const {
    std::uint64_t magnitude = millionths_ < 0 ? 0 - static_cast<std::uint64_t>(millionths_)
                                              : static_cast<std::uint64_t>(millionths_);
    std::string out = millionths_ < 0 ? "-" : "";
    out += std::to_string(magnitude / kMillionthsPerPercent);
    std::uint64_t fraction = magnitude % kMillionthsPerPercent;
    if (fraction == 0) return out;
    std::string digits = std::to_string(fraction);
    digits.insert(0, kMaxPercentageDecimals - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    return out + "." + digits;
}

Money applyIndexation(Money amount, Percentage pct) {
    // Both factors fit in 64 bits, so their product fits in 128 bits without overflow.
    __int128 factor = static_cast<__int128>(kWholeInMillionths) + pct.millionths();
    __int128 numerator = static_cast<__int128>(amount.cents()) * factor;
    return Money::fromCents(divideRoundHalfUp(numerator, kWholeInMillionths));
}

}  // namespace zc
