#pragma once
// Payables: what the municipality owes a provider, from when. Accepted claims become payable
// after the payment term; the advances of a budget-financed contract on their schedule.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "contracting/kernel/advance_schedule.hpp"
#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/money.hpp"

namespace zc::invoicing {

struct Payable {
    std::int64_t provider_id = 0;
    Money amount;
    Date due;
    // What it pays, unique per provider: the key that keeps a payable from being created twice
    // (e.g. "advance:<contract>:2025-03").
    std::string source;

    bool operator==(const Payable&) const = default;
};

// Dutch public bodies pay within 30 days; 60 days is the most a public body may agree to
// (late-payment directive 2011/7/EU).
inline constexpr int kDefaultPaymentTermDays = 30;
inline constexpr int kMaxPaymentTermDays = 60;

// received + payment_term_days calendar days. A payment term outside 0..kMaxPaymentTermDays
// throws ValidationError{"INVALID_PAYMENT_TERM", field "payment_term_days"}.
Date dueDate(Date received, int payment_term_days = kDefaultPaymentTermDays);

// The advances whose due date has come (due <= today), as payables of `provider_id` due on the
// advance's own date, in schedule order, with source "advance:<contract_ref>:YYYY-MM". Advances of
// 0.00 (a zero budget) are skipped. Every due advance is returned on every call: the caller
// creates the ones whose source it has not stored yet.
std::vector<Payable> advancesDue(const std::vector<Advance>& advances, Date today,
                                 std::int64_t provider_id, std::string_view contract_ref);

}  // namespace zc::invoicing
