#pragma once
// A provider's spending ceiling (bestedingsruimte) for one contract year: how much of it the
// accepted and paid claims of that year use, and whether to warn or report it exceeded.
#include <cstdint>
#include <optional>

#include "contracting/kernel/money.hpp"
#include "contracting/kernel/rounding.hpp"

namespace zc::invoicing {

// In order of severity.
enum class CeilingStatus {
    Within,    // used below the warning threshold
    Warning,   // used >= warning threshold × ceiling, and used <= ceiling
    Exceeded,  // used > ceiling
};

struct SpendingCeilingPolicy {
    // Warn from this share of the ceiling on (default 70 %); between 0 and 100.
    Percentage warning_threshold = Percentage::fromMillionths(70'000'000);
};

struct SpendingCeilingUse {
    Money used;       // accepted + paid for the contract year
    Money remaining;  // ceiling − used; negative when exceeded
    // used / ceiling in basis points (10,000 = 100 %), rounded half-up; absent for a zero ceiling.
    std::optional<std::int64_t> used_bp;
    CeilingStatus status = CeilingStatus::Within;
};

// The use of `ceiling` by the year's `accepted` (not yet paid) and `paid` claims. The status is
// decided on exact integers, not on the rounded basis points: 69.996 % is Within, 100.004 % is
// Exceeded. A zero ceiling with nothing used is Warning (nothing is left), with anything used
// Exceeded. Precondition: ceiling >= 0, 0 <= warning_threshold <= 100 %.
// Throws std::overflow_error.
SpendingCeilingUse spendingCeilingUse(Money ceiling, Money accepted, Money paid,
                                      const SpendingCeilingPolicy& policy = {});

}  // namespace zc::invoicing
