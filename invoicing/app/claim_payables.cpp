#include "claim_payables.hpp"

#include "invoicing/domain/ledger.hpp"
#include "invoicing/store/budget_figures_store.hpp"
#include "invoicing/store/commitment_store.hpp"
#include "invoicing/store/ledger_store.hpp"

namespace zc::invoicing {

// Per product category the awarded amount as cost on its ZIN budget of the cost year (credits
// reduce it), and the total on the provider's payable account.
void ClaimPayables::announce(const billing::AwardedClaims& awarded) {
    const Money total = awarded.total();
    if (total == Money()) return;
    JournalEntry journal;
    journal.kind = total > Money() ? EventKind::AcceptedClaim : EventKind::Credit;
    journal.source = awarded.journal_source;
    journal.date = awarded.booked_on;
    journal.municipality = awarded.municipality_code;  // the municipality that owes it
    for (const auto& [category, amount] : awarded.by_category) {
        if (amount == Money()) continue;
        const auto budget =
            budgetFor(ctx_, awarded.municipality_code, category, "ZIN", awarded.cost_year);
        journal.lines.push_back({AccountKey::budgetExpense(budget), amount});
    }
    journal.lines.push_back({AccountKey::providerPayable(awarded.provider_id), -total});
    createPayable(ctx_, awarded.municipality_code, awarded.provider_id, awarded.source_type,
                  awarded.source_id, total, awarded.due, journal);
}

void ClaimPayables::linesWritten(std::int64_t declaration_id) {
    addDeclarationFigures(ctx_.db, declaration_id);
    noteDeclarationLines(ctx_.db, declaration_id);
}

void ClaimPayables::lineStatusChanged(std::int64_t claim_line_id, billing::LineStatus from,
                                      billing::LineStatus to) {
    moveLineFigures(ctx_.db, claim_line_id, std::string(billing::lineStatusName(from)),
                    std::string(billing::lineStatusName(to)));
    if (from == billing::LineStatus::Accepted || to == billing::LineStatus::Accepted) {
        noteLineStatusChanged(ctx_.db, claim_line_id);
    }
}

}  // namespace zc::invoicing
