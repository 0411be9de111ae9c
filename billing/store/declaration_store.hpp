#pragma once
// The SQL of reading declarations and their claim lines (billing/app/declarations.hpp): rows
// as the database holds them, dates and statuses in their text form (the JSON answers show
// them as they are stored).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "interfaces/mysql/scope_filter.hpp"

namespace zc::db {
class Connection;
}

namespace zc::billing {

// Which declarations a list shows; 0 / "" match everything. `q` searches the number, the
// provider's name and AGB; sorts: received_at (default, newest first with '-'), number,
// provider_name, period_start, submitted_cents, awarded_cents, status.
struct DeclarationFilter {
    std::int64_t provider_id = 0;
    std::string number;  // declaratie_nummer
    std::string agb;     // the provider's AGB
    std::string status;  // declarations.status
    app::ListQuery list;
    db::MunicipalityScope municipalities;  // a staff user's own municipalities; nothing: all
};

// One declaration in a list, with its provider.
struct DeclarationListRow {
    std::int64_t id = 0;
    std::string number;
    std::string provider_agb;
    std::string provider_name;
    std::string source;  // "wmo323", "json", "csv"
    std::string period_start;
    std::string period_end;
    std::string received_at;  // DATETIME(6) text
    std::int64_t submitted_cents = 0;
    std::optional<std::int64_t> awarded_cents;
    std::string status;
    std::optional<std::string> header_code;
    std::string answer_due;
    std::string municipality_code;  // the recipient (Ontvanger)
};

// One declaration as its detail shows it.
struct DeclarationRow {
    std::int64_t provider_id = 0;
    std::string number;
    std::string status;
    std::optional<std::string> header_code;
    std::int64_t submitted_cents = 0;
    std::optional<std::int64_t> awarded_cents;
    std::string answer_due;
    std::string source;
    std::string municipality_code;  // the recipient (Ontvanger)
};

// One claim line of a declaration, with the status of its review item when it has one.
// The figures of a failed cap rule as stored with the line (migration 0040), in the counting
// unit of the cap (capCountingUnit(cap_unit): minutes for an hours cap); window dates are the
// first and last day counted, absent for a decision.
struct StoredCapFigures {
    std::string scope;          // "period", "allocation", "decision"
    std::string cap_unit;       // the allocation cap's own unit, e.g. "hours"
    std::string counting_unit;  // the figures' unit, e.g. "minutes" for an hours cap
    std::int64_t limit = 0;
    std::int64_t before = 0;
    std::int64_t claimed = 0;
    std::optional<std::string> window_first;
    std::optional<std::string> window_last;
};

struct ClaimLineRow {
    std::int64_t id = 0;
    std::string reference;
    bool credit = false;
    std::int64_t allocation_number = 0;
    std::string product_code;
    std::string period_start;
    std::string period_end;
    std::int64_t volume = 0;
    std::string unit;
    std::int64_t amount_cents = 0;
    std::string status;
    std::optional<std::string> code;
    std::optional<std::string> codes;   // every retourcode, space separated
    std::optional<std::string> review;  // review_items.status
    // The contract manager's reason for the review's decision (review_items.reason), once decided.
    std::optional<std::string> review_reason;
    bool credited = false;
    std::string municipality_code;        // the municipality that owes it
    std::optional<StoredCapFigures> cap;  // when a cap rule failed (9321, 9322)
};

// A page of the declarations matching the filter (newest first unless sorted otherwise), and
// how many match.
app::ListPage<DeclarationListRow> findDeclarations(db::Connection& db, const DeclarationFilter& f);
// The declaration with this id; nothing when there is none.
std::optional<DeclarationRow> findDeclaration(db::Connection& db, std::int64_t id);
// Its claim lines in the order received (at most 10,000).
std::vector<ClaimLineRow> declarationLines(db::Connection& db, std::int64_t declaration_id);

// Which lines of a declaration a paged list shows: every status, one, or all but accepted.
enum class LineStatusFilter { All, Accepted, Rejected, Review, NotAccepted };

// A page of its claim lines and how many match: `q` searches the reference, the allocation
// number, the product code and the retourcodes; sorts: reference, allocation_number,
// product_code, period_start, volume, amount_cents, status (default: the order received).
app::ListPage<ClaimLineRow> declarationLinesPage(db::Connection& db, std::int64_t declaration_id,
                                                 LineStatusFilter status, const app::ListQuery& q);

}  // namespace zc::billing
