#pragma once
// What the review decisions (billing/app/review_decisions.hpp) need of the database: the review
// item with its claim line, the decision, the declaration's award and answer. ReviewStore is the
// interface they call; MariaDbReviews implements it in the caller's transaction, the unit tests
// in memory. review_items.status holds ReviewStatus's text form.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "billing/domain/claim_status.hpp"
#include "contracting/kernel/civil_date.hpp"
#include "interfaces/mysql/scope_filter.hpp"

namespace zc::db {
class Connection;
}

namespace zc::billing {

// A review item (beoordeling) and the claim line it is about.
struct ReviewItem {
    ReviewStatus status = ReviewStatus::Open;
    std::int64_t claim_line_id = 0;
    std::int64_t declaration_id = 0;
    std::int64_t provider_id = 0;
    std::int64_t amount_cents = 0;
    bool credit = false;
    std::string category;           // the line's product category
    int cost_year = 0;              // the year the line's period begins in
    bool escalated = false;         // the WMO325 already answered the line on the due date
    std::string municipality_code;  // the municipality that owes the line
};

// The status column's text as the enum (an invariant: std::logic_error for any other text).
ReviewStatus reviewStatusOf(const std::string& text);

class ReviewStore {
  public:
    virtual ~ReviewStore() = default;
    // The review item, locked until the transaction ends; nothing when there is none.
    virtual std::optional<ReviewItem> lockReview(std::int64_t review_id) = 0;
    // Records the decision: the review's status, when (`now`), by whom and why.
    virtual void recordDecision(std::int64_t review_id, ReviewStatus status, const std::string& now,
                                const std::string& decided_by, const std::string& reason) = 0;
    virtual void setLineStatus(std::int64_t claim_line_id, LineStatus status) = 0;
    // Adds a (signed) amount to the declaration's awarded total.
    virtual void addAwarded(std::int64_t declaration_id, std::int64_t cents) = 0;
    // The day the declaration was received.
    virtual Date receivedOn(std::int64_t declaration_id) = 0;
    virtual bool hasOpenReview(std::int64_t declaration_id) = 0;
    // Answers the declaration if it still awaits review; whether it did.
    virtual bool answerIfAwaitingReview(std::int64_t declaration_id, const std::string& now) = 0;
    // The declarations awaiting review whose answer is due on or before `today`, locked; with a
    // scope only those to its municipalities.
    virtual std::vector<std::int64_t> lockOverdueDeclarations(
        Date today, const db::MunicipalityScope& scope) = 0;
    // Escalates the declaration's open reviews (they stay open) and answers it.
    virtual void escalateAndAnswer(std::int64_t declaration_id, const std::string& now) = 0;
};

class MariaDbReviews final : public ReviewStore {
  public:
    explicit MariaDbReviews(db::Connection& db) : db_(db) {}

    std::optional<ReviewItem> lockReview(std::int64_t review_id) override;
    void recordDecision(std::int64_t review_id, ReviewStatus status, const std::string& now,
                        const std::string& decided_by, const std::string& reason) override;
    void setLineStatus(std::int64_t claim_line_id, LineStatus status) override;
    void addAwarded(std::int64_t declaration_id, std::int64_t cents) override;
    Date receivedOn(std::int64_t declaration_id) override;
    bool hasOpenReview(std::int64_t declaration_id) override;
    bool answerIfAwaitingReview(std::int64_t declaration_id, const std::string& now) override;
    std::vector<std::int64_t> lockOverdueDeclarations(Date today,
                                                      const db::MunicipalityScope& scope) override;
    void escalateAndAnswer(std::int64_t declaration_id, const std::string& now) override;

  private:
    db::Connection& db_;
};

}  // namespace zc::billing
