#include "care_start_store.hpp"

#include "interfaces/mysql/connection.hpp"

namespace zc::contracting {

std::optional<NamedAllocation> findNamedAllocation(db::Connection& db, std::int64_t number) {
    const auto r = db.queryOne(
        "SELECT a.number, a.client_id, a.provider_id, a.product_code, p.category, a.start_date,"
        " a.end_date, a.paying_municipality_code"
        " FROM allocations a JOIN products p ON p.code = a.product_code"
        " WHERE a.number = ? AND a.is_current = 1",
        {number});
    if (!r) return std::nullopt;
    NamedAllocation a;
    a.number = r->i64(0);
    a.client_id = r->i64(1);
    a.provider_id = r->i64(2);
    a.product_code = r->str(3);
    a.category = r->str(4);
    a.start_date = parseDate(r->str(5));
    if (r->opt(6)) a.end_date = parseDate(*r->opt(6));
    a.paying_municipality = r->str(7);
    return a;
}

std::optional<NamedAllocation> MariaDbCareStarts::allocation(std::int64_t number) {
    return findNamedAllocation(db_, number);
}

std::optional<CareStartRow> MariaDbCareStarts::lockStart(std::int64_t number, Date begin) {
    const auto r = db_.queryOne(
        "SELECT id, state, stop_date FROM care_starts WHERE allocation_number = ? AND begin_date = "
        "?"
        " AND state <> 'deleted' FOR UPDATE",
        {number, formatDate(begin)});
    if (!r) return std::nullopt;
    CareStartRow row{r->i64(0), r->str(1), std::nullopt};
    if (r->opt(2)) row.stop_date = parseDate(*r->opt(2));
    return row;
}

bool MariaDbCareStarts::hasCurrentStart(std::int64_t number) {
    return db_
        .queryOne("SELECT id FROM care_starts WHERE allocation_number = ? AND state = 'current'",
                  {number})
        .has_value();
}

void MariaDbCareStarts::insertStart(std::int64_t number, std::int64_t provider_id, Date begin,
                                    std::int64_t inbox_id) {
    db_.execute(
        "INSERT INTO care_starts (allocation_number, provider_id, begin_date, state, "
        "start_message_id)"
        " VALUES (?, ?, ?, 'current', ?)",
        {number, provider_id, formatDate(begin), inbox_id});
}

void MariaDbCareStarts::deleteStart(std::int64_t number, Date begin) {
    db_.execute(
        "UPDATE care_starts SET state = 'deleted' WHERE allocation_number = ?"
        " AND begin_date = ? AND state = 'current'",
        {number, formatDate(begin)});
}

void MariaDbCareStarts::undoStop(std::int64_t number, Date begin) {
    db_.execute(
        "UPDATE care_starts SET state = 'current', stop_date = NULL, stop_reason = NULL,"
        " stop_message_id = NULL WHERE allocation_number = ? AND begin_date = ?"
        " AND state IN ('stopped','stopped_temporary')",
        {number, formatDate(begin)});
}

void MariaDbCareStarts::stopStart(std::int64_t number, Date begin, const std::string& state,
                                  Date end, const std::string& reason, std::int64_t inbox_id) {
    db_.execute(
        "UPDATE care_starts SET state = ?, stop_date = ?, stop_reason = ?, stop_message_id = ?"
        " WHERE allocation_number = ? AND begin_date = ? AND state IN "
        "('current','stopped_temporary')",
        {state, formatDate(end), reason, inbox_id, number, formatDate(begin)});
}

}  // namespace zc::contracting
