#include "settlement_rule.hpp"

#include "errors.hpp"

namespace zc {

std::string settlementRuleName(SettlementRule rule) {
    switch (rule) {
        case SettlementRule::FixedBudget:
            return "fixed_budget";
        case SettlementRule::ProportionalToRealisation:
            return "proportional_to_realisation";
        case SettlementRule::CapAtAdvances:
            return "cap_at_advances";
    }
    assertionFailed("unknown settlement rule", __FILE__, __LINE__);
}

SettlementRule parseSettlementRule(std::string_view name, std::string_view field) {
    for (SettlementRule r : {SettlementRule::FixedBudget, SettlementRule::ProportionalToRealisation,
                             SettlementRule::CapAtAdvances}) {
        if (settlementRuleName(r) == name) return r;
    }
    throw ValidationError("INVALID_SETTLEMENT_RULE",
                          "The settlement rule must be fixed_budget, proportional_to_realisation "
                          "or cap_at_advances.",
                          std::string(field));
}

}  // namespace zc
