#include "money.hpp"

#include <cstdio>
#include <stdexcept>

#include "ascii.hpp"
#include "errors.hpp"

namespace zc {
namespace {

// More significant euro digits than this cannot fit in int64 cents; refusing them first keeps
// the digit loop in parse() from overflowing.
constexpr std::size_t kMaxIntegerDigits = 17;

using ascii::isDigit;

using ascii::allDigits;

[[noreturn]] void throwInvalidAmount(std::string_view field) {
    throw ValidationError("INVALID_AMOUNT",
                          "Amount must be a number of euros with at most 2 decimals after a dot, "
                          "for example 1234.56 or -0.05.",
                          std::string(field));
}

std::int64_t checkedAdd(std::int64_t a, std::int64_t b) {
    std::int64_t r;
    if (__builtin_add_overflow(a, b, &r)) throw std::overflow_error("Money addition overflows");
    return r;
}

std::int64_t checkedSub(std::int64_t a, std::int64_t b) {
    std::int64_t r;
    if (__builtin_sub_overflow(a, b, &r)) throw std::overflow_error("Money subtraction overflows");
    return r;
}

}  // namespace

Money Money::parse(std::string_view text, std::string_view field) {
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
        if (fraction.empty() || fraction.size() > 2) throwInvalidAmount(field);
    }
    if (whole.empty() || !allDigits(whole) || !allDigits(fraction)) throwInvalidAmount(field);
    while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
    if (whole.size() > kMaxIntegerDigits) throwInvalidAmount(field);

    // The digit cap keeps the euros loop exact; adding the cents can still pass INT64_MAX,
    // so those steps are checked. The magnitude is built positive, so INT64_MIN is refused.
    std::int64_t euros = 0;
    for (char c : whole) euros = euros * 10 + (c - '0');
    std::int64_t fraction_cents = 0;
    if (!fraction.empty()) fraction_cents += (fraction[0] - '0') * 10;
    if (fraction.size() == 2) fraction_cents += fraction[1] - '0';
    std::int64_t cents;
    if (__builtin_mul_overflow(euros, std::int64_t{100}, &cents) ||
        __builtin_add_overflow(cents, fraction_cents, &cents)) {
        throwInvalidAmount(field);
    }
    return Money(negative ? -cents : cents);
}

std::string Money::toString() const {
    // Work on the magnitude as unsigned so that the most negative value has a magnitude too.
    std::uint64_t magnitude =
        cents_ < 0 ? 0 - static_cast<std::uint64_t>(cents_) : static_cast<std::uint64_t>(cents_);
    // snprintf avoids GCC 12's false -Wrestrict on short string concatenations.
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%llu.%02llu", cents_ < 0 ? "-" : "",
                  static_cast<unsigned long long>(magnitude / 100),
                  static_cast<unsigned long long>(magnitude % 100));
    return buf;
}

Money Money::operator+(Money other) const { return Money(checkedAdd(cents_, other.cents_)); }

Money Money::operator-(Money other) const { return Money(checkedSub(cents_, other.cents_)); }

Money Money::operator-() const { return Money(checkedSub(0, cents_)); }

Money& Money::operator+=(Money other) {
    cents_ = checkedAdd(cents_, other.cents_);
    return *this;
}

Money& Money::operator-=(Money other) {
    cents_ = checkedSub(cents_, other.cents_);
    return *this;
}

Money Money::times(std::int64_t quantity) const {
    std::int64_t r;
    if (__builtin_mul_overflow(cents_, quantity, &r)) {
        throw std::overflow_error("Money multiplication overflows");
    }
    return Money(r);
}

}  // namespace zc
