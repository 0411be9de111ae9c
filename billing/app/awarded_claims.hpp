#pragma once
// The port through which billing announces what it awarded on a provider's claims (toegekende
// declaratie): a declaration answered, or a claim line accepted on review. Billing owns the
// port and calls it inside its transaction; invoicing implements it (a payable and its journal,
// invoicing/app/claim_payables.hpp). Billing never books invoicing's payables itself.
// Through the same port billing tells invoicing which claim lines it wrote or moved, so that
// the budget figures stay current in the same transaction (invoicing/app/budget_figures.hpp).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "billing/domain/claim_status.hpp"
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
    // Every claim line of the declaration is written (once, when it closes, whatever its
    // outcome): they count in the budget figures.
    virtual void linesWritten(std::int64_t declaration_id) = 0;
    // A claim line's status changed (a review decided) from `from` to `to`.
    virtual void lineStatusChanged(std::int64_t claim_line_id, LineStatus from, LineStatus to) = 0;
};

}  // namespace zc::billing
