#pragma once
// The budget figures kept current (begroting: cijfers per budget, maand en status): the budget
// reports read pre-summed claim and payment figures instead of every claim line. They change in
// the transaction of whatever changes them — billing's claim lines (ClaimPayables, through
// billing's AwardedClaimsPort), a payment booked, returned or offset (invoicing's stores) and a
// client's move (ClientFigures below, through contracting's ClientMovedPort) — and
// checkBudgetFigures proves them equal to a full recomputation (`zorgcontract
// check-budget-figures`).
#include <cstdint>
#include <string>
#include <vector>

#include "contracting/app/clients.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::invoicing {

// Contracting's ClientMovedPort: the client's care counts on the budgets of its new place.
class ClientFigures final : public contracting::ClientMovedPort {
  public:
    explicit ClientFigures(app::RequestContext& ctx) : ctx_(ctx) {}
    void clientMoved(std::int64_t client_id, const contracting::ClientPlaceOf& before,
                     const contracting::ClientPlaceOf& after) override;

  private:
    app::RequestContext& ctx_;
};

// What the check found: per municipality the figures that differ from the recomputation.
struct FiguresCheck {
    std::size_t municipalities = 0;
    std::vector<std::string> differences;  // "budget_claim_figures KEY: kept X, recomputed Y"
    bool rebuilt = false;
};

// Compares every kept figure with a full recomputation, one municipality at a time (each in its
// own read transaction). With `rebuild`, differences are mended by replacing all figures with
// the recomputation in one transaction, and the check runs again.
FiguresCheck checkBudgetFigures(db::Connection& db, bool rebuild);

}  // namespace zc::invoicing
