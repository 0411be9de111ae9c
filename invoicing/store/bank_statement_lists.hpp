#pragma once
// The lists of reconciliation (issue 15): imported statements with what became of their entries,
// and the work-list items finance resolved. Free functions, read-only; with a scope only the
// statements of the debtor accounts of those municipalities (as the work list).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "interfaces/mysql/scope_filter.hpp"

namespace zc::invoicing {

// One imported statement with its entries counted by outcome.
struct StatementListRow {
    std::int64_t id = 0;
    std::string account_iban, statement_id, from_date, to_date;  // dates YYYY-MM-DD
    std::int64_t opening_cents = 0, closing_cents = 0;
    std::string imported_at, imported_by;  // imported_at: DATETIME(6) text
    std::int64_t entries = 0;
    std::int64_t booked = 0;     // matched to a transfer it books (automatically or by hand)
    std::int64_t returned = 0;   // a returned transfer
    std::int64_t unmatched = 0;  // on the work list: unmatched or an amount difference
    std::int64_t resolved = 0;   // resolved by hand with a reason
    std::string chain_status;    // unchecked, first, ok, gap, mismatch
    std::optional<std::string> chain_detail, chain_resolved_at;
};

// A work-list item finance resolved: a bank entry (kind "entry") or a broken statement chain
// (kind "statement_chain"), with who resolved it, when and why.
struct ResolvedItemRow {
    std::string kind;
    std::int64_t id = 0;  // the entry's or the statement's
    std::string account_iban, statement_id;
    std::int64_t amount_cents = 0;  // entry: its amount; chain: opening − previous closing
    bool credit = false;
    std::optional<std::string> booking_date, end_to_end_id, counterparty_name;
    std::string
        outcome;  // entry: booked (matched by hand), returned or resolved; chain: gap/mismatch
    std::optional<std::string> reason;  // what put it on the work list (entry's match reason)
    std::optional<std::int64_t> instruction_id;        // the transfer matched by hand
    std::string resolution, resolved_by, resolved_at;  // resolved_at: DATETIME(6) text
};

// Statements, newest import first, paged, with their total in the scope.
app::ListPage<StatementListRow> listBankStatements(db::Connection& db, std::int64_t limit,
                                                   std::int64_t offset,
                                                   const db::MunicipalityScope& scope);
// Resolved items, most recently resolved first, paged, with their total in the scope.
app::ListPage<ResolvedItemRow> listResolvedWorkItems(db::Connection& db, std::int64_t limit,
                                                     std::int64_t offset,
                                                     const db::MunicipalityScope& scope);

}  // namespace zc::invoicing
