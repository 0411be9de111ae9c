#include "allocation_store.hpp"

#include "contracting/store/care_queries.hpp"
#include "contracting/store/commitment_basis_store.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"

namespace zc::contracting {
namespace {

constexpr const char* kAllocationColumns =
    "SELECT a.number, a.version, a.client_id, a.provider_id, a.product_code, p.category,"
    " a.start_date, a.end_date, a.volume, a.unit, a.frequency, a.reason_change,"
    " a.referentie_aanbieder, a.allocated_at, a.id, a.decision_id, a.granted_product_id,"
    " a.contract_id, a.created_by, a.is_current, a.consent_given_by, a.consent_given_on,"
    " a.paying_municipality_code, c.initials, c.prefix, c.surname, c.birth_date";
constexpr const char* kAllocationFrom =
    " FROM allocations a JOIN products p ON p.code = a.product_code"
    " JOIN clients c ON c.id = a.client_id";
const std::string kAllocationSelect = std::string(kAllocationColumns) + kAllocationFrom;

AllocationRow rowOf(const db::Row& r) {
    AllocationRow v;
    v.id = r.i64(14);
    v.number = r.i64(0);
    v.version = static_cast<int>(r.i64(1));
    v.client_id = r.i64(2);
    v.provider_id = r.i64(3);
    v.product_code = r.str(4);
    v.category = r.str(5);
    v.start_date = parseDate(r.str(6));
    if (r.opt(7)) v.end_date = parseDate(*r.opt(7));
    v.volume = r.i64(8);
    v.unit = parseUnit(r.str(9));
    v.frequency = parseFrequency(r.str(10));
    v.reason_change = r.opt(11);
    v.referentie_aanbieder = r.opt(12);
    v.allocated_at = r.str(13);
    v.decision_id = r.i64(15);
    v.granted_product_id = r.i64(16);
    v.contract_id = r.i64(17);
    v.created_by = r.str(18);
    v.is_current = r.i64(19) == 1;
    v.consent_given_by = r.opt(20);
    if (v.consent_given_by) v.consent_given_on = r.str(21);
    v.paying_municipality = r.str(22);
    // As the WMO301 names the client: "H.J. Jansen", "M. de Vries".
    for (const auto& part : {r.str(23), r.str(24), r.str(25)}) {
        if (part.empty()) continue;
        v.client_name += (v.client_name.empty() ? "" : " ") + part;
    }
    v.client_birth_date = r.str(26);
    return v;
}

std::vector<AllocationRow> rowsOf(const std::vector<db::Row>& rows) {
    std::vector<AllocationRow> out;
    for (const auto& r : rows) out.push_back(rowOf(r));
    return out;
}

db::Param optionalParam(const std::optional<std::string>& v) {
    return v ? db::Param(*v) : db::Param(nullptr);
}

class MariaDbTransaction final : public StoreTransaction {
  public:
    explicit MariaDbTransaction(db::Connection& db) : tx_(db) {}
    void commit() override { tx_.commit(); }

  private:
    db::Transaction tx_;
};

}  // namespace

std::vector<AllocationRow> currentAllocationRows(db::Connection& db, std::int64_t client_id,
                                                 std::int64_t provider_id) {
    return rowsOf(db.query(std::string(kAllocationSelect) +
                               " WHERE a.client_id = ? AND a.provider_id = ? AND a.is_current = 1"
                               " ORDER BY a.number",
                           {client_id, provider_id}));
}

std::optional<AllocationRow> currentAllocationRow(db::Connection& db, std::int64_t number,
                                                  bool lock) {
    auto r =
        db.queryOne(std::string(kAllocationSelect) + " WHERE a.number = ? AND a.is_current = 1" +
                        (lock ? " FOR UPDATE" : ""),
                    {number});
    if (!r) return std::nullopt;
    return rowOf(*r);
}

std::unique_ptr<StoreTransaction> MariaDbAllocations::begin() {
    return std::make_unique<MariaDbTransaction>(ctx_.db);
}

std::optional<GrantedProductRow> MariaDbAllocations::grant(std::int64_t granted_product_id) {
    auto r = ctx_.db.queryOne(
        "SELECT g.id, d.id, d.client_id, g.product_code, p.category, c.municipality_code,"
        " g.volume, g.unit, g.frequency, g.financing, d.valid_from, d.valid_to,"
        " g.paying_municipality_code, EXISTS (SELECT 1 FROM regional_placements rp"
        " WHERE rp.central_code = g.paying_municipality_code AND rp.product_category ="
        " p.category) FROM granted_products g JOIN access_decisions d ON d.id = g.decision_id"
        " JOIN products p ON p.code = g.product_code JOIN clients c ON c.id = d.client_id"
        " WHERE g.id = ?",
        {granted_product_id});
    if (!r) return std::nullopt;
    GrantedProductRow g;
    g.granted_product_id = r->i64(0);
    g.decision_id = r->i64(1);
    g.client_id = r->i64(2);
    g.product_code = r->str(3);
    g.category = r->str(4);
    g.municipality = r->str(5);
    g.granted = Cap{r->i64(6), parseUnit(r->str(7)), parseFrequency(r->str(8))};
    g.financing = r->str(9);
    g.decision.begin = parseDate(r->str(10));
    if (r->opt(11)) g.decision.end = parseDate(*r->opt(11));
    g.paying_municipality = r->str(12);
    g.placed = r->i64(13) != 0;
    return g;
}

void MariaDbAllocations::lockClient(std::int64_t client_id) {
    ctx_.db.queryOne("SELECT id FROM clients WHERE id = ? FOR UPDATE", {client_id});
}

bool MariaDbAllocations::providerExists(std::int64_t provider_id) {
    return ctx_.db.queryOne("SELECT id FROM providers WHERE id = ?", {provider_id}).has_value();
}

std::optional<AllocationRow> MariaDbAllocations::current(std::int64_t number, bool lock) {
    return currentAllocationRow(ctx_.db, number, lock);
}

std::vector<AllocationRow> MariaDbAllocations::versions(std::int64_t number) {
    return rowsOf(ctx_.db.query(
        std::string(kAllocationSelect) + " WHERE a.number = ? ORDER BY a.version", {number}));
}

std::vector<AllocationRow> MariaDbAllocations::currentOfGrant(std::int64_t client_id,
                                                              std::int64_t provider_id,
                                                              std::int64_t granted_product_id) {
    return rowsOf(ctx_.db.query(
        std::string(kAllocationSelect) +
            " WHERE a.client_id = ? AND a.provider_id = ? AND a.granted_product_id = ?"
            " AND a.is_current = 1 ORDER BY a.number",
        {client_id, provider_id, granted_product_id}));
}

std::vector<GrantUse> MariaDbAllocations::otherUsesOfGrant(std::int64_t granted_product_id,
                                                           std::int64_t number) {
    std::vector<GrantUse> uses;
    for (const auto& r :
         ctx_.db.query("SELECT number, start_date, end_date, volume, unit, frequency"
                       " FROM allocations WHERE granted_product_id = ? AND is_current = 1"
                       " AND number <> ?",
                       {granted_product_id, number})) {
        Period p{parseDate(r.str(1)), std::nullopt};
        if (r.opt(2)) p.end = parseDate(*r.opt(2));
        uses.push_back({r.i64(0), Cap{r.i64(3), parseUnit(r.str(4)), parseFrequency(r.str(5))}, p});
    }
    return uses;
}

std::vector<ExistingAllocation> MariaDbAllocations::currentPeriods(
    std::int64_t client_id, const std::string& product_code) {
    return currentAllocationPeriods(ctx_.db, client_id, product_code);
}

std::vector<Period> MariaDbAllocations::pgbPeriods(std::int64_t client_id,
                                                   const std::string& product_code) {
    return pgbGrantPeriods(ctx_.db, client_id, product_code);
}

std::optional<std::int64_t> MariaDbAllocations::activeContract(
    std::int64_t provider_id, const std::string& paying_municipality,
    const std::string& product_code, Date day) {
    return activeContractOf(ctx_.db, provider_id, paying_municipality, product_code, day);
}

bool MariaDbAllocations::hasUncreditedClaims(std::int64_t number) {
    return ctx_.db
        .queryOne(
            "SELECT id FROM claim_lines WHERE allocation_number = ? AND status ="
            " 'accepted' AND credit = 0 AND credited = 0 LIMIT 1",
            {number})
        .has_value();
}

std::int64_t MariaDbAllocations::nextNumber() {
    const auto last =
        ctx_.db.queryOne("SELECT last_number FROM allocation_sequence WHERE id = 1 FOR UPDATE")
            ->i64(0);
    const std::int64_t next = last + 1;
    ctx_.db.execute("UPDATE allocation_sequence SET last_number = ? WHERE id = 1", {next});
    return next;
}

void MariaDbAllocations::retire(std::int64_t id) {
    ctx_.db.execute("UPDATE allocations SET is_current = 0 WHERE id = ?", {id});
    noteAllocationRetired(ctx_.db, id);
}

void MariaDbAllocations::insert(const AllocationRow& v) {
    ctx_.db.execute(
        "INSERT INTO allocations (number, version, is_current, client_id, decision_id,"
        " granted_product_id, provider_id, contract_id, product_code, start_date, end_date,"
        " volume, unit, frequency, reason_change, referentie_aanbieder, allocated_at, created_by,"
        " consent_given_by, consent_given_on, paying_municipality_code)"
        " VALUES (?,?,1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        {v.number,
         static_cast<std::int64_t>(v.version),
         v.client_id,
         v.decision_id,
         v.granted_product_id,
         v.provider_id,
         v.contract_id,
         v.product_code,
         formatDate(v.start_date),
         v.end_date ? db::Param(formatDate(*v.end_date)) : db::Param(nullptr),
         v.volume,
         unitName(v.unit),
         frequencyName(v.frequency),
         optionalParam(v.reason_change),
         optionalParam(v.referentie_aanbieder),
         v.allocated_at,
         v.created_by,
         optionalParam(v.consent_given_by),
         optionalParam(v.consent_given_on),
         v.paying_municipality});
    noteAllocationWritten(ctx_.db, v.paying_municipality, v.product_code);
}

namespace {

const db::SortSpec kAllocationSort{{{"number", "a.number"},
                                    {"start_date", "a.start_date"},
                                    {"end_date", "a.end_date"},
                                    {"product_code", "a.product_code"},
                                    {"volume", "a.volume"}},
                                   "a.id",
                                   "number",
                                   false};

}  // namespace

app::ListPage<AllocationRow> MariaDbAllocations::list(const AllocationFilter& f) {
    db::Params params{f.client_id,   f.client_id,    f.provider_id,
                      f.provider_id, f.product_code, f.product_code};
    std::string from_where = std::string(kAllocationFrom) +
                             " WHERE a.is_current = 1"
                             " AND (? = 0 OR a.client_id = ?) AND (? = 0 OR a.provider_id = ?)"
                             " AND (? = '' OR a.product_code = ?)";
    if (f.scope) from_where += careScopeSql(*f.scope, params);
    from_where += db::searchFilter(f.list.search,
                                   {"CAST(a.number AS CHAR)", "a.product_code",
                                    "COALESCE(a.referentie_aanbieder, '')", "c.surname"},
                                   params);
    const std::string order = db::orderBy(f.list, kAllocationSort);
    app::ListPage<AllocationRow> page;
    page.total = db::countRows(ctx_.db, from_where, params);
    auto page_params = params;
    const auto limit = db::limitOffset(f.list, page_params);
    page.items =
        rowsOf(ctx_.db.query(kAllocationColumns + from_where + order + limit, page_params));
    return page;
}

void MariaDbAllocations::audit(const security::AuditEntry& entry) {
    security::appendAudit(ctx_, entry);
}

}  // namespace zc::contracting
