#include "provider_account_store.hpp"

#include "interfaces/mysql/connection.hpp"

namespace zc::invoicing {
namespace {

const char* const kColumns =
    "SELECT id, provider_id, iban, holder_name, valid_from, status, proposed_by, proposed_at,"
    " decided_by, decided_at, decision_reason FROM provider_bank_accounts";

ProviderAccountRow rowOf(const db::Row& r) {
    return {r.i64(0), r.i64(1), r.str(2), r.str(3), parseDate(r.str(4)), r.str(5), r.str(6),
            r.str(7), r.opt(8), r.opt(9), r.opt(10)};
}

}  // namespace

namespace {

std::string accountColumnOn(const char* column, const char* fallback, const char* date_sql) {
    return std::string("COALESCE((SELECT b.") + column +
           " FROM provider_bank_accounts b WHERE b.provider_id = v.id AND b.status = 'approved'"
           " AND b.valid_from <= " +
           date_sql + " ORDER BY b.valid_from DESC, b.id DESC LIMIT 1), " + fallback + ")";
}

}  // namespace

std::string accountIbanOn(const char* date_sql) {
    return accountColumnOn("iban", "v.iban", date_sql);
}
std::string accountHolderOn(const char* date_sql) {
    return accountColumnOn("holder_name", "LEFT(v.name, 70)", date_sql);
}

using app::timestamp;

std::optional<ProviderForAccount> MariaDbProviderAccounts::lockProvider(std::int64_t provider_id) {
    auto p = ctx_.db.queryOne(
        "SELECT name, iban, DATE(created_at) FROM providers WHERE id = ? FOR UPDATE",
        {provider_id});
    if (!p) return std::nullopt;
    return ProviderForAccount{p->str(0), p->str(1), parseDate(p->str(2))};
}

std::optional<std::int64_t> MariaDbProviderAccounts::pendingProposal(std::int64_t provider_id) {
    auto r = ctx_.db.queryOne(
        "SELECT id FROM provider_bank_accounts WHERE provider_id = ? AND status = 'proposed'"
        " LIMIT 1",
        {provider_id});
    if (!r) return std::nullopt;
    return r->i64(0);
}

std::int64_t MariaDbProviderAccounts::insertProposal(const NewProviderAccount& a) {
    ctx_.db.execute(
        "INSERT INTO provider_bank_accounts (provider_id, iban, holder_name, valid_from, status,"
        " proposed_by, proposed_at) VALUES (?,?,?,?,'proposed',?,?)",
        {a.provider_id, a.iban, a.holder_name, formatDate(a.valid_from), a.proposed_by,
         timestamp(ctx_.clock)});
    return ctx_.db.lastInsertId();
}

void MariaDbProviderAccounts::ensureRegistrationEntry(std::int64_t provider_id,
                                                      const ProviderForAccount& p) {
    if (ctx_.db.queryOne("SELECT id FROM provider_bank_accounts WHERE provider_id = ? AND"
                         " status = 'approved' LIMIT 1",
                         {provider_id})) {
        return;
    }
    const std::string now = timestamp(ctx_.clock);
    ctx_.db.execute(
        "INSERT INTO provider_bank_accounts (provider_id, iban, holder_name, valid_from, status,"
        " proposed_by, proposed_at, decided_by, decided_at) VALUES"
        " (?,?,?,?,'approved','registration',?,'registration',?)",
        {provider_id, p.registered_iban, p.name.substr(0, 70), formatDate(p.recorded_on), now,
         now});
}

std::optional<ProviderAccountRow> MariaDbProviderAccounts::find(std::int64_t id, bool lock) {
    auto r = ctx_.db.queryOne(std::string(kColumns) + " WHERE id = ?" + (lock ? " FOR UPDATE" : ""),
                              {id});
    if (!r) return std::nullopt;
    return rowOf(*r);
}

void MariaDbProviderAccounts::recordDecision(std::int64_t id, bool approve, const std::string& by,
                                             const std::string& reason) {
    ctx_.db.execute(
        "UPDATE provider_bank_accounts SET status = ?, decided_by = ?, decided_at = ?,"
        " decision_reason = ? WHERE id = ? AND status = 'proposed'",
        {std::string(approve ? "approved" : "rejected"), by, timestamp(ctx_.clock),
         reason.empty() ? db::Param(nullptr) : db::Param(reason.substr(0, 400)), id});
}

std::vector<ProviderAccountRow> MariaDbProviderAccounts::history(std::int64_t provider_id) {
    std::vector<ProviderAccountRow> out;
    for (const auto& r :
         ctx_.db.query(std::string(kColumns) + " WHERE provider_id = ? ORDER BY valid_from DESC,"
                                               " id DESC LIMIT 500",
                       {provider_id})) {
        out.push_back(rowOf(r));
    }
    return out;
}

}  // namespace zc::invoicing
