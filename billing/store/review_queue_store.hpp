#pragma once
// The SQL of reading the review queue (billing/app/review_queue.hpp): review items with their
// claim line, provider and declaration, as the database holds them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "billing/domain/claim_status.hpp"
#include "contracting/kernel/list_query.hpp"
#include "interfaces/mysql/scope_filter.hpp"

namespace zc::db {
class Connection;
}

namespace zc::billing {

// One review item (beoordeling) with what the reviewer sees of its line.
struct ReviewRow {
    std::int64_t id = 0;
    std::int64_t declaration_id = 0;
    std::string code;  // the retourcode that held the line
    std::string message;
    ReviewStatus status = ReviewStatus::Open;
    std::string due_date;  // YYYY-MM-DD
    std::string provider_agb;
    std::string reference;
    std::int64_t allocation_number = 0;
    std::string product_code;
    std::string period_start;
    std::string period_end;
    std::int64_t volume = 0;
    std::string unit;
    std::int64_t amount_cents = 0;
    std::optional<std::string> decided_by;
    std::optional<std::string> reason;
    bool escalated = false;
    std::int64_t claim_line_id = 0;
    std::string provider_name;
    std::string declaration_number;
    std::string municipality_code;  // the municipality that owes the line
};

// Which review items the queue shows ("" / 0: any), with its page, search and sort: `q`
// searches the line's reference, allocation number and retourcode, the provider's name and AGB
// and the declaration's number; sorts: due_date (default), provider_name, declaration_number,
// reference, amount_cents, status.
struct ReviewFilter {
    std::string status;  // a review status, "decided" (all but open) or "" (all)
    std::int64_t provider_id = 0;
    db::MunicipalityScope scope;  // lines owed by these municipalities only; nothing: all
    app::ListQuery list;
};

// A page of the review items matching the filter, and how many match.
app::ListPage<ReviewRow> findReviews(db::Connection& db, const ReviewFilter& f);
// The review item with this id; nothing when there is none.
std::optional<ReviewRow> findReview(db::Connection& db, std::int64_t id);

}  // namespace zc::billing
