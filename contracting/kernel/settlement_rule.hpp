#pragma once
// How a budget-financed contract (dagbesteding) is settled after its year: a term of the
// contract (contracting records it) that invoicing applies (invoicing/domain/budget_settlement).
// With n indicators of equal weight, the realisation R = (Σ_i min(1, realised_i / target_i)) / n,
// an exact fraction; over-performance on one indicator never makes up for another, nor raises R
// above 1.
#include <string>
#include <string_view>

namespace zc {

enum class SettlementRule {
    // due = budget. The performance agreements are reported but claw nothing back.
    FixedBudget,
    // due = budget × R, rounded half-up to whole cents (one rounding, of the exact product).
    ProportionalToRealisation,
    // due = min(budget × R rounded as above, advances paid): under-performance is clawed back,
    // but the settlement never pays more than was advanced.
    CapAtAdvances,
};

// "fixed_budget", "proportional_to_realisation", "cap_at_advances".
std::string settlementRuleName(SettlementRule rule);

// The rule named `name`; INVALID_SETTLEMENT_RULE naming `field` otherwise.
SettlementRule parseSettlementRule(std::string_view name,
                                   std::string_view field = "settlement_rule");

}  // namespace zc
