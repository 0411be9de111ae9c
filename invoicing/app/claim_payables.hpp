#pragma once
// Invoicing's side of billing's AwardedClaimsPort: what billing awarded becomes a payable of the
// provider, with the journal that puts the cost on the budgets of its product categories
// (crediteur) — in the caller's transaction; and the claim lines billing writes or moves are
// counted in the budget figures (invoicing/store/budget_figures_store.hpp) in that transaction.
#include "billing/app/awarded_claims.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::invoicing {

class ClaimPayables final : public billing::AwardedClaimsPort {
  public:
    explicit ClaimPayables(app::RequestContext& ctx) : ctx_(ctx) {}

    void announce(const billing::AwardedClaims& awarded) override;
    void linesWritten(std::int64_t declaration_id) override;
    void lineStatusChanged(std::int64_t claim_line_id, billing::LineStatus from,
                           billing::LineStatus to) override;

  private:
    app::RequestContext& ctx_;
};

}  // namespace zc::invoicing
