#include "payable.hpp"

#include <cstdio>

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

std::string advanceSource(std::string_view contract_ref, const Advance& advance) {
    char month[16];
    std::snprintf(month, sizeof month, "%04d-%02u", advance.year, advance.month);
    return "advance:" + std::string(contract_ref) + ":" + month;
}

}  // namespace

Date dueDate(Date received, int payment_term_days) {
    if (payment_term_days < 0 || payment_term_days > kMaxPaymentTermDays) {
        throw ValidationError("INVALID_PAYMENT_TERM",
                              "The payment term must be between 0 and 60 days.",
                              "payment_term_days");
    }
    return addDays(received, payment_term_days);
}

std::vector<Payable> advancesDue(const std::vector<Advance>& advances, Date today,
                                 std::int64_t provider_id, std::string_view contract_ref) {
    std::vector<Payable> due;
    for (const Advance& advance : advances) {
        if (advance.due > today || advance.amount == Money()) continue;
        due.push_back(Payable{provider_id, advance.amount, advance.due,
                              advanceSource(contract_ref, advance)});
    }
    return due;
}

}  // namespace zc::invoicing
