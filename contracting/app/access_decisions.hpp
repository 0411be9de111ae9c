#pragma once
// Access decisions (toegangsbesluit / beschikking) as use cases: which products a client is
// granted, how much (Cap), in kind (ZIN) or as a personal budget (PGB), over which period.
// The input's format is validated by the caller; the use case checks what needs the database,
// in this order: client, decision number, per product: product known / not a general provision
// / its unit, unit and frequency over the validity, and for a PGB its cost and overlap.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/domain/allocation_rules.hpp"
#include "contracting/kernel/cap.hpp"
#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/money.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::contracting {

// A product to grant.
struct GrantInput {
    std::string product_code;
    Cap cap;
    Financing financing = Financing::Zin;
    std::optional<Money> pgb_budget;  // exactly for a PGB grant
};

struct NewDecision {
    std::int64_t client_id = 0;
    std::int64_t number = 0;  // 1 .. 999999999
    Date decision_date;
    Period validity;  // valid_to exclusive, or open
    std::vector<GrantInput> grants;
};

// A granted product as shown.
struct GrantRecord {
    std::int64_t id = 0;
    std::string product_code;
    std::int64_t volume = 0;
    std::string unit, frequency;
    std::string iwmo_frequency;  // the iWmo code of the frequency
    std::string financing;
    std::optional<std::int64_t> pgb_budget_cents;
    std::string paying_municipality_code;  // the client's, or the central one of a placement
};

// A decision as shown.
struct DecisionRecord {
    std::int64_t id = 0, client_id = 0, number = 0;
    std::string decision_date, valid_from;
    std::optional<std::string> valid_to;
    std::vector<GrantRecord> products;
};

// POST /clients/{id}/decisions: NOT_FOUND (client), DUPLICATE_DECISION, UNKNOWN_PRODUCT,
// GENERAL_PROVISION, UNIT_MISMATCH, the unit/frequency rules, and for a PGB
// END_DATE_REQUIRED, NO_TARIFF_TO_COMPARE and the cost and overlap rules; audited
// "decision.create" with the record.
DecisionRecord createDecision(app::RequestContext& ctx, const NewDecision& d);
// GET /clients/{id}/decisions: NOT_FOUND; one "client.read" row ("decisions").
// A page of them by start, and how many there are.
app::ListPage<DecisionRecord> listDecisions(app::RequestContext& ctx, std::int64_t client_id,
                                            std::int64_t limit, std::int64_t offset);

}  // namespace zc::contracting
