#pragma once
// Money: an exact amount of euro-cents in an int64. All arithmetic is overflow-checked
// (throws std::overflow_error). Never constructed from floating point.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace zc {

class Money {
public:
    constexpr Money() = default;
    static constexpr Money fromCents(std::int64_t cents) { return Money(cents); }
    // Parses "12", "12.3", "12.34", "-0.05" (dot decimal, at most 2 decimals).
    // Throws ValidationError{"INVALID_AMOUNT"} naming `field` otherwise.
    static Money parse(std::string_view text, std::string_view field = "amount");
    constexpr std::int64_t cents() const { return cents_; }
    // "1234.56", "-0.05"
    std::string toString() const;
    Money operator+(Money other) const;
    Money operator-(Money other) const;
    Money operator-() const;
    Money& operator+=(Money other);
    Money& operator-=(Money other);
    // Exact multiplication by a whole quantity.
    Money times(std::int64_t quantity) const;
    constexpr auto operator<=>(const Money&) const = default;

private:
    constexpr explicit Money(std::int64_t cents) : cents_(cents) {}
    std::int64_t cents_ = 0;
};

}  // namespace zc
