#include "budget_figures.hpp"

#include "interfaces/mysql/connection.hpp"
#include "invoicing/store/budget_figures_store.hpp"

namespace zc::invoicing {
namespace {

ClientPlace placeOf(const contracting::ClientPlaceOf& p) {
    return {p.district_id.value_or(0), p.team_id.value_or(0)};
}

std::string describe(const FigureDifference& d) {
    return d.table + " " + d.key + ": kept " + std::to_string(d.kept_cents) + " cents in " +
           std::to_string(d.kept_lines) + " line(s), recomputed " +
           std::to_string(d.recomputed_cents) + " cents in " + std::to_string(d.recomputed_lines) +
           " line(s)";
}

FiguresCheck compareAll(db::Connection& db) {
    FiguresCheck out;
    std::vector<std::string> municipalities;
    {
        db::Transaction tx(db);
        municipalities = figureMunicipalities(db);
        tx.commit();
    }
    for (const auto& m : municipalities) {
        // One snapshot for the kept and the recomputed figures, whatever is written meanwhile.
        db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        db::Transaction tx(db);
        for (const auto& d : compareFigures(db, m)) out.differences.push_back(describe(d));
        tx.commit();
        ++out.municipalities;
    }
    return out;
}

}  // namespace

void ClientFigures::clientMoved(std::int64_t client_id, const contracting::ClientPlaceOf& before,
                                const contracting::ClientPlaceOf& after) {
    moveClientFigures(ctx_.db, client_id, placeOf(before), placeOf(after));
}

FiguresCheck checkBudgetFigures(db::Connection& db, bool rebuild) {
    auto out = compareAll(db);
    if (!rebuild || out.differences.empty()) return out;
    {
        db::Transaction tx(db);
        rebuildFigures(db);
        tx.commit();
    }
    out = compareAll(db);
    out.rebuilt = true;
    return out;
}

}  // namespace zc::invoicing
