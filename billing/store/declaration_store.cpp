#include "declaration_store.hpp"

#include "billing/domain/cap_windows.hpp"
#include "contracting/kernel/unit.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"

namespace zc::billing {

namespace {

const db::SortSpec kDeclarationSort{{{"received_at", "d.id"},
                                     {"number", "d.declaratie_nummer"},
                                     {"provider_name", "p.name"},
                                     {"period_start", "d.period_begin"},
                                     {"submitted_cents", "d.total_submitted_cents"},
                                     {"awarded_cents", "d.total_awarded_cents"},
                                     {"status", "d.status"}},
                                    "d.id",
                                    "received_at",
                                    true};

DeclarationListRow listedOf(const db::Row& r) {
    DeclarationListRow d;
    d.id = r.i64(0);
    d.number = r.str(1);
    d.provider_agb = r.str(2);
    d.provider_name = r.str(3);
    d.source = r.str(4);
    d.period_start = r.str(5);
    d.period_end = r.str(6);
    d.received_at = r.str(7);
    d.submitted_cents = r.i64(8);
    d.awarded_cents = r.optI64(9);
    d.status = r.str(10);
    d.header_code = r.opt(11);
    d.answer_due = r.str(12);
    d.municipality_code = r.str(13);
    return d;
}

}  // namespace

app::ListPage<DeclarationListRow> findDeclarations(db::Connection& db, const DeclarationFilter& f) {
    // Only the filters given are in the statement (a prepared "? = '' OR p.agb = ?" is not
    // folded away), and the count joins the providers only when a filter needs them, so that
    // without one it reads the declarations' municipality index alone.
    db::Params params;
    std::string where = " WHERE 1 = 1";
    where += db::equalsFilter("d.provider_id", f.provider_id, params);
    where += db::equalsFilter("d.declaratie_nummer", f.number, params);
    where += db::equalsFilter("p.agb", f.agb, params);
    where += db::equalsFilter("d.status", f.status, params);
    where += db::municipalityFilter(f.municipalities, "d.municipality_code", params);
    where += db::searchFilter(f.list.search, {"d.declaratie_nummer", "p.name", "p.agb"}, params);
    const std::string joined = "FROM declarations d JOIN providers p ON p.id = d.provider_id";
    const bool needs_providers = !f.agb.empty() || !f.list.search.empty();
    const std::string order = db::orderBy(f.list, kDeclarationSort);
    const std::string alone = needs_providers ? joined : "FROM declarations d";
    // The page's ids from the declarations' indexes; the providers only for a filter or a sort
    // that needs them.
    const std::string ids_from = needs_providers || f.list.sort == "provider_name" ? joined : alone;
    const auto counted = db::countedPageByIds(
        db,
        "SELECT d.id, d.declaratie_nummer, p.agb, p.name, d.source, d.period_begin,"
        " d.period_end, d.received_at, d.total_submitted_cents, d.total_awarded_cents,"
        " d.status, d.header_code, d.answer_due, d.municipality_code",
        alone + where, {"d.id", ids_from + where, " " + joined}, params, order, f.list);
    app::ListPage<DeclarationListRow> page;
    page.total = counted.total;
    for (const auto& r : counted.rows) page.items.push_back(listedOf(r));
    return page;
}

std::optional<DeclarationRow> findDeclaration(db::Connection& db, std::int64_t id) {
    auto r = db.queryOne(
        "SELECT provider_id, declaratie_nummer, status, header_code, total_submitted_cents,"
        " total_awarded_cents, answer_due, source, municipality_code FROM declarations"
        " WHERE id = ?",
        {id});
    if (!r) return std::nullopt;
    DeclarationRow d;
    d.provider_id = r->i64(0);
    d.number = r->str(1);
    d.status = r->str(2);
    d.header_code = r->opt(3);
    d.submitted_cents = r->i64(4);
    d.awarded_cents = r->optI64(5);
    d.answer_due = r->str(6);
    d.source = r->str(7);
    d.municipality_code = r->str(8);
    return d;
}

namespace {

// A claim line (l) with its review item (v), if any: the page's lines and their items in one
// join, not a lookup per line and column.
constexpr const char* kLineSelect =
    "SELECT l.reference, l.credit, l.allocation_number, l.product_code, l.period_begin,"
    " l.period_end, l.volume, l.unit, l.amount_cents, l.status, l.code, l.credited, l.id,"
    " l.codes, v.status, l.municipality_code, v.reason, l.cap_scope, l.cap_unit, l.cap_limit,"
    " l.cap_before, l.cap_claimed, l.cap_window_first, l.cap_window_last";
constexpr const char* kLineFrom =
    " FROM claim_lines l LEFT JOIN review_items v ON v.claim_line_id = l.id ";

// Columns 17..23 of kLineSelect; all NULL unless a cap rule failed.
std::optional<StoredCapFigures> capOf(const db::Row& r) {
    const auto scope = r.opt(17);
    if (!scope) return std::nullopt;
    const std::string cap_unit = r.str(18);
    return StoredCapFigures{*scope,    cap_unit,  unitName(capCountingUnit(parseUnit(cap_unit))),
                            r.i64(19), r.i64(20), r.i64(21),
                            r.opt(22), r.opt(23)};
}

ClaimLineRow lineOf(const db::Row& r) {
    ClaimLineRow l;
    l.reference = r.str(0);
    l.credit = r.i64(1) != 0;
    l.allocation_number = r.i64(2);
    l.product_code = r.str(3);
    l.period_start = r.str(4);
    l.period_end = r.str(5);
    l.volume = r.i64(6);
    l.unit = r.str(7);
    l.amount_cents = r.i64(8);
    l.status = r.str(9);
    l.code = r.opt(10);
    l.credited = r.i64(11) != 0;
    l.id = r.i64(12);
    l.codes = r.opt(13);
    l.review = r.opt(14);
    l.municipality_code = r.str(15);
    l.review_reason = r.opt(16);
    l.cap = capOf(r);
    return l;
}

const db::SortSpec kLineSort{{{"reference", "l.reference"},
                              {"allocation_number", "l.allocation_number"},
                              {"product_code", "l.product_code"},
                              {"period_start", "l.period_begin"},
                              {"volume", "l.volume"},
                              {"amount_cents", "l.amount_cents"},
                              {"status", "l.status"}},
                             "l.id",
                             "",
                             false};

// Fixed SQL per filter: nothing of the request reaches the text.
const char* statusSql(LineStatusFilter status) {
    switch (status) {
        case LineStatusFilter::Accepted:
            return " AND l.status = 'accepted'";
        case LineStatusFilter::Rejected:
            return " AND l.status = 'rejected'";
        case LineStatusFilter::Review:
            return " AND l.status = 'review'";
        case LineStatusFilter::NotAccepted:
            return " AND l.status <> 'accepted'";
        case LineStatusFilter::All:
            break;
    }
    return "";
}

}  // namespace

std::vector<ClaimLineRow> declarationLines(db::Connection& db, std::int64_t declaration_id) {
    std::vector<ClaimLineRow> out;
    for (const auto& r : db.query(std::string(kLineSelect) + kLineFrom +
                                      "WHERE l.declaration_id = ? ORDER BY l.id LIMIT 10000",
                                  {declaration_id})) {
        out.push_back(lineOf(r));
    }
    return out;
}

app::ListPage<ClaimLineRow> declarationLinesPage(db::Connection& db, std::int64_t declaration_id,
                                                 LineStatusFilter status, const app::ListQuery& q) {
    db::Params params{declaration_id};
    std::string where = "WHERE l.declaration_id = ?";
    where += statusSql(status);
    where += db::searchFilter(q.search,
                              {"l.reference", "CAST(l.allocation_number AS CHAR)", "l.product_code",
                               "COALESCE(l.codes, l.code, '')"},
                              params);
    const std::string order = db::orderBy(q, kLineSort);
    const auto counted = db::countedPage(db, kLineSelect, "FROM claim_lines l " + where,
                                         kLineFrom + where, params, order, q);
    app::ListPage<ClaimLineRow> page;
    page.total = counted.total;
    for (const auto& r : counted.rows) page.items.push_back(lineOf(r));
    return page;
}

}  // namespace zc::billing
