#include "debtor_account_store.hpp"

#include "interfaces/mysql/list_sql.hpp"

namespace zc::invoicing {
namespace {

db::Param optional(const std::optional<std::string>& v) {
    return v ? db::Param(*v) : db::Param(nullptr);
}

}  // namespace

std::vector<DebtorAccountRow> debtorAccounts(db::Connection& db, const std::string& code) {
    std::vector<DebtorAccountRow> out;
    for (const auto& r : db.query("SELECT id, municipality_code, iban, bic, name, label,"
                                  " is_default, active FROM debtor_accounts"
                                  " WHERE municipality_code = ? ORDER BY is_default DESC, id",
                                  {code})) {
        out.push_back({r.i64(0), r.str(1), r.str(2), r.opt(3), r.str(4), r.opt(5), r.i64(6) != 0,
                       r.i64(7) != 0});
    }
    return out;
}

app::ListPage<DebtorAccountRow> debtorAccountPage(db::Connection& db, const std::string& code,
                                                  std::int64_t limit, std::int64_t offset) {
    app::ListPage<DebtorAccountRow> page;
    page.total = db::countRows(db, "FROM debtor_accounts WHERE municipality_code = ?", {code});
    for (const auto& r : db.query("SELECT id, municipality_code, iban, bic, name, label,"
                                  " is_default, active FROM debtor_accounts"
                                  " WHERE municipality_code = ? ORDER BY is_default DESC, id"
                                  " LIMIT ? OFFSET ?",
                                  {code, limit, offset})) {
        page.items.push_back({r.i64(0), r.str(1), r.str(2), r.opt(3), r.str(4), r.opt(5),
                              r.i64(6) != 0, r.i64(7) != 0});
    }
    return page;
}

std::optional<std::string> debtorAccountHolder(db::Connection& db, const std::string& iban) {
    auto r = db.queryOne("SELECT municipality_code FROM debtor_accounts WHERE iban = ?", {iban});
    if (!r) return std::nullopt;
    return r->str(0);
}

std::int64_t saveDebtorAccount(db::Connection& db, const DebtorAccountRow& a, bool make_default) {
    if (make_default) {
        db.execute(
            "UPDATE debtor_accounts SET is_default = 0 WHERE municipality_code = ?"
            " AND iban <> ?",
            {a.municipality_code, a.iban});
    }
    db.execute(
        "INSERT INTO debtor_accounts (municipality_code, iban, bic, name, label, is_default,"
        " active) VALUES (?,?,?,?,?,?,1) ON DUPLICATE KEY UPDATE bic = VALUES(bic),"
        " name = VALUES(name), label = COALESCE(VALUES(label), label),"
        " is_default = GREATEST(is_default, VALUES(is_default)), active = 1",
        {a.municipality_code, a.iban, optional(a.bic), a.name, optional(a.label),
         std::int64_t{make_default ? 1 : 0}});
    return db.queryOne("SELECT id FROM debtor_accounts WHERE iban = ?", {a.iban})->i64(0);
}

}  // namespace zc::invoicing
