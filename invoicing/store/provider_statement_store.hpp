#pragma once
// What a provider's statement and a claim line's trace (invoicing/app/provider_statements.hpp)
// read, as named rows: the provider's payables and transfers in a period, and one claim line
// with its declaration, payable, transfer and bank entry. Free functions, reads only.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/list_query.hpp"
#include "interfaces/mysql/scope_filter.hpp"

namespace zc::db {
class Connection;
}

namespace zc::invoicing {

// A payable of the provider created in the period.
struct StatementLineRow {
    std::int64_t payable_id = 0;
    std::string date;         // YYYY-MM-DD (created)
    std::string type;         // source type
    std::string declaration;  // declaratie_nummer, "" when none
    std::int64_t amount_cents = 0;
    std::string status, due_date, end_to_end_id, paid_on;  // "" when none
    std::string municipality_code;                         // the municipality that owes it
    std::int64_t source_id = 0;   // the declaration, review line, ... it came from
    std::string disputed_reason;  // "" when not disputed
    // Offsets (issue 13): the approved run that settled it by offset (0: none); for a
    // 'remainder', the run whose offset left it (0 otherwise); the remainder split off this
    // payable (0: none) and its amount (negative).
    std::int64_t offset_run_id = 0;
    std::int64_t split_run_id = 0;
    std::int64_t remainder_id = 0;
    std::int64_t remainder_cents = 0;
    std::string note = {};  // the statement's explanation of the above, "" when none
};

// A transfer to the provider in a run approved in the period.
struct StatementPaymentRow {
    std::int64_t instruction_id = 0;
    std::int64_t run_id = 0;
    std::string end_to_end_id;
    std::int64_t amount_cents = 0;
    std::string status, return_reason, booked_on;  // "" when none
};

struct TracedClaimLine {
    std::int64_t provider_id = 0;
    std::string reference, status, code;
    std::int64_t amount_cents = 0;
    bool credit = false;
    std::int64_t declaration_id = 0;
    std::string declaration_number, received_at, declaration_status;
    std::optional<std::string> answered_at;  // DATETIME(6) text
    std::string municipality_code;           // the municipality that owes the line
};

struct TracedPayable {
    std::int64_t id = 0;
    std::int64_t amount_cents = 0;
    std::string status, due_date;
    std::optional<std::int64_t> instruction_id;
    std::int64_t run_id = 0;
    std::string end_to_end_id, instruction_status;
    std::optional<std::string> return_reason;
};

struct TracedBankEntry {
    std::int64_t id = 0;
    std::string statement_id;
    std::optional<std::string> booking_date;
    std::int64_t amount_cents = 0;
};

// A statement's lines over the whole period (not only a page): how many, and their sums.
struct StatementLineTotals {
    std::int64_t count = 0;
    std::int64_t claimed = 0;     // the amounts >= 0
    std::int64_t offsets = 0;     // the amounts < 0
    std::int64_t open = 0;        // status 'open'
    std::int64_t in_transit = 0;  // status 'in_run'
};

// A statement's payments over the whole period: how many, booked and returned.
struct StatementPaymentTotals {
    std::int64_t count = 0;
    std::int64_t paid = 0;
    std::int64_t returned = 0;
};

// Whether the provider is recorded.
bool providerRecorded(db::Connection& db, std::int64_t provider_id);
// The provider's payables created in [from, to), by id; with a scope, of those
// municipalities only; the page's (its limit and offset) or, without one, all.
std::vector<StatementLineRow> statementLines(db::Connection& db, std::int64_t provider_id,
                                             Date from, Date to,
                                             const db::MunicipalityScope& scope = std::nullopt,
                                             const std::optional<app::ListQuery>& page = {});
StatementLineTotals statementLineTotals(db::Connection& db, std::int64_t provider_id, Date from,
                                        Date to, const db::MunicipalityScope& scope);
// The provider's transfers (not 'prepared') of runs approved in [from, to), by id; with a
// scope, of runs of those municipalities only; the page's or, without one, all.
std::vector<StatementPaymentRow> statementPayments(
    db::Connection& db, std::int64_t provider_id, Date from, Date to,
    const db::MunicipalityScope& scope = std::nullopt,
    const std::optional<app::ListQuery>& page = {});
StatementPaymentTotals statementPaymentTotals(db::Connection& db, std::int64_t provider_id,
                                              Date from, Date to,
                                              const db::MunicipalityScope& scope);
// The claim line with its declaration; nothing when unknown.
std::optional<TracedClaimLine> tracedClaimLine(db::Connection& db, std::int64_t line_id);
// The payable that pays the line: its review payable, else its declaration's.
std::optional<TracedPayable> payableOfLine(db::Connection& db, std::int64_t line_id,
                                           std::int64_t declaration_id);
// The first bank entry that booked the transfer.
std::optional<TracedBankEntry> bookedEntryOf(db::Connection& db, std::int64_t instruction_id);

}  // namespace zc::invoicing
