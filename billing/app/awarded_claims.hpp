#pragma once
// The port through which billing announces what it awarded on a provider's claims (toegekende
// declaratie): a declaration answered, or a claim line accepted on review. Billing owns the
// port and calls it inside its transaction; invoicing implements it (a payable and its journal,
// invoicing/app/claim_payables.hpp). Billing never books invoicing's payables itself.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/money.hpp"

namespace zc::billing {

struct AwardedClaims {
    std::int64_t provider_id = 0;
    std::string municipality_code;  // the municipality that owes it (the declaration's recipient)
    std::string source_type;        // what the payable is for: "declaration" or "review"
    std::int64_t source_id = 0;     // the declaration's or the claim line's id
    std::string journal_source;     // "declaration:N" or "claim-line:N"
    Date booked_on;                 // the journal's date
    Date due;                       // when the payable falls due
    int cost_year = 0;              // the year whose budgets carry the cost
    // Signed amounts (a credit is negative) per product category, in the order awarded.
    std::vector<std::pair<std::string, Money>> by_category;

    Money total() const {
        Money sum;
        for (const auto& [category, amount] : by_category) sum += amount;
        return sum;
    }
};

class AwardedClaimsPort {
  public:
    virtual ~AwardedClaimsPort() = default;
    // Books what was awarded; nothing when the total is zero. Runs in the caller's transaction
    // (a failure rolls the whole decision back).
    virtual void announce(const AwardedClaims& awarded) = 0;
};

}  // namespace zc::billing
