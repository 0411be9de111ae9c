// Review decisions against a store in memory: what accepting and rejecting a line held for
// review does, a decision taken twice or on an unknown review, a line whose WMO325 already went
// out, and answering the declarations whose answer is due.
#include "billing/app/review_decisions.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "contracting/kernel/errors.hpp"

namespace zc::billing {
namespace {

class StoppedClock final : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::sys_days{std::chrono::year{2026} / 3 / 16};
    }
};

class MemoryReviews final : public ReviewStore {
  public:
    std::map<std::int64_t, ReviewItem> reviews;
    std::map<std::int64_t, LineStatus> lines;
    std::map<std::int64_t, std::int64_t> awarded;      // per declaration
    std::map<std::int64_t, std::string> declarations;  // status per declaration
    std::map<std::int64_t, std::string> reasons;       // per review
    std::set<std::int64_t> escalated;                  // declarations
    std::vector<std::int64_t> overdue;
    std::map<std::int64_t, std::string> recipients;  // declaration -> Ontvanger
    int writes = 0;

    std::optional<ReviewItem> lockReview(std::int64_t id) override {
        const auto it = reviews.find(id);
        return it == reviews.end() ? std::nullopt : std::optional(it->second);
    }
    void recordDecision(std::int64_t id, ReviewStatus status, const std::string&,
                        const std::string&, const std::string& reason) override {
        reviews[id].status = status;
        reasons[id] = reason;
        ++writes;
    }
    void setLineStatus(std::int64_t line, LineStatus status) override {
        lines[line] = status;
        ++writes;
    }
    void addAwarded(std::int64_t declaration, std::int64_t cents) override {
        awarded[declaration] += cents;
        ++writes;
    }
    Date receivedOn(std::int64_t) override { return parseDate("2026-03-02"); }
    bool hasOpenReview(std::int64_t declaration) override {
        for (const auto& [id, r] : reviews)
            if (r.declaration_id == declaration && r.status == ReviewStatus::Open) return true;
        return false;
    }
    bool answerIfAwaitingReview(std::int64_t declaration, const std::string&) override {
        if (declarations[declaration] != "awaiting_review") return false;
        declarations[declaration] = "answered";
        return true;
    }
    std::vector<std::int64_t> lockOverdueDeclarations(Date,
                                                      const db::MunicipalityScope& scope) override {
        std::vector<std::int64_t> out;
        for (const auto id : overdue) {
            if (!scope || std::count(scope->begin(), scope->end(), recipients[id])) {
                out.push_back(id);
            }
        }
        return out;
    }
    void escalateAndAnswer(std::int64_t declaration, const std::string&) override {
        escalated.insert(declaration);
        declarations[declaration] = "answered";
    }
};

class RecordedAwards final : public AwardedClaimsPort {
  public:
    std::vector<AwardedClaims> announced;
    std::vector<std::int64_t> written;
    std::vector<std::tuple<std::int64_t, LineStatus, LineStatus>> moved;
    void announce(const AwardedClaims& a) override { announced.push_back(a); }
    void linesWritten(std::int64_t declaration_id) override { written.push_back(declaration_id); }
    void lineStatusChanged(std::int64_t line, LineStatus from, LineStatus to) override {
        moved.emplace_back(line, from, to);
    }
};

class RecordedAnswers final : public ReviewedDeclarationsPort {
  public:
    std::vector<std::int64_t> answered;
    void declarationAnswered(std::int64_t id) override { answered.push_back(id); }
};

std::string refusal(const std::function<void()>& call) {
    try {
        call();
    } catch (const ValidationError& e) {
        return e.code();
    }
    return "";
}

ReviewItem openReview(std::int64_t line, std::int64_t declaration, std::int64_t cents,
                      bool credit = false) {
    ReviewItem r;
    r.status = ReviewStatus::Open;
    r.claim_line_id = line;
    r.declaration_id = declaration;
    r.provider_id = 7;
    r.amount_cents = cents;
    r.credit = credit;
    r.category = "04";
    r.cost_year = 2026;
    r.municipality_code = "0193";
    return r;
}

class ReviewDecisionsTest : public ::testing::Test {
  protected:
    ReviewDecisionsTest() {
        store_.reviews[1] = openReview(11, 100, 12500);
        store_.reviews[2] = openReview(12, 200, 4000);
        store_.reviews[3] = openReview(13, 200, 6000);
        store_.reviews[4] = openReview(14, 300, 2500, true);
        store_.declarations = {
            {100, "awaiting_review"}, {200, "awaiting_review"}, {300, "awaiting_review"}};
    }
    ReviewDecisionResult decide(std::int64_t review, ReviewDecision d) {
        return decideReviewOn(store_, awards_, answers_, {clock_, "manager", 30},
                              {review, d, "checked the care plan"});
    }
    StoppedClock clock_;
    MemoryReviews store_;
    RecordedAwards awards_;
    RecordedAnswers answers_;
};

TEST_F(ReviewDecisionsTest, AcceptingTheLastReviewAwardsTheLineAndAnswersTheDeclaration) {
    const auto r = decide(1, ReviewDecision::Accept);
    EXPECT_EQ(r.review_status, ReviewStatus::Accepted);
    EXPECT_FALSE(r.answered_before);
    EXPECT_EQ(r.claim_line_id, 11);
    EXPECT_EQ(store_.lines[11], LineStatus::Accepted);
    EXPECT_EQ(store_.awarded[100], 12500);
    ASSERT_EQ(awards_.announced.size(), 1u);
    const auto& a = awards_.announced[0];
    EXPECT_EQ(a.source_type, "review");
    EXPECT_EQ(a.journal_source, "claim-line:11");
    EXPECT_EQ(a.due, parseDate("2026-04-01")) << "30 days after the declaration came in";
    EXPECT_EQ(a.booked_on, parseDate("2026-03-16"));
    EXPECT_EQ(a.total(), Money::fromCents(12500));
    EXPECT_EQ(answers_.answered, std::vector<std::int64_t>{100});
    EXPECT_EQ(store_.declarations[100], "answered");
    using Move = std::tuple<std::int64_t, LineStatus, LineStatus>;
    EXPECT_EQ(awards_.moved, (std::vector<Move>{{11, LineStatus::Review, LineStatus::Accepted}}))
        << "the budget figures move the line from review to accepted";
}

TEST_F(ReviewDecisionsTest, TheAwardBelongsToTheMunicipalityThatOwesTheLine) {
    store_.reviews[1].municipality_code = "0166";
    decide(1, ReviewDecision::Accept);
    ASSERT_EQ(awards_.announced.size(), 1u);
    EXPECT_EQ(awards_.announced[0].municipality_code, "0166");
}

TEST_F(ReviewDecisionsTest, AcceptingACreditAwardsANegativeAmount) {
    decide(4, ReviewDecision::Accept);
    EXPECT_EQ(store_.awarded[300], -2500);
    ASSERT_EQ(awards_.announced.size(), 1u);
    EXPECT_EQ(awards_.announced[0].total(), Money::fromCents(-2500));
}

TEST_F(ReviewDecisionsTest, RejectingAwardsNothing) {
    const auto r = decide(1, ReviewDecision::Reject);
    EXPECT_EQ(r.review_status, ReviewStatus::Rejected);
    EXPECT_EQ(store_.lines[11], LineStatus::Rejected);
    EXPECT_TRUE(awards_.announced.empty());
    EXPECT_EQ(store_.awarded.count(100), 0u);
    EXPECT_EQ(answers_.answered, std::vector<std::int64_t>{100}) << "still the last review";
    using Move = std::tuple<std::int64_t, LineStatus, LineStatus>;
    EXPECT_EQ(awards_.moved, (std::vector<Move>{{11, LineStatus::Review, LineStatus::Rejected}}));
}

TEST_F(ReviewDecisionsTest, TheDeclarationWaitsForItsOtherReviews) {
    decide(2, ReviewDecision::Accept);
    EXPECT_TRUE(answers_.answered.empty());
    EXPECT_EQ(store_.declarations[200], "awaiting_review");
    decide(3, ReviewDecision::Reject);
    EXPECT_EQ(answers_.answered, std::vector<std::int64_t>{200});
}

TEST_F(ReviewDecisionsTest, ALineIsDecidedOnlyOnce) {
    decide(1, ReviewDecision::Reject);
    const int writes = store_.writes;
    EXPECT_EQ(refusal([&] { decide(1, ReviewDecision::Accept); }), "REVIEW_DECIDED");
    EXPECT_EQ(store_.writes, writes);
    EXPECT_TRUE(awards_.announced.empty());
    EXPECT_EQ(store_.lines[11], LineStatus::Rejected);
}

TEST_F(ReviewDecisionsTest, AnUnknownReviewIsNotFound) {
    EXPECT_EQ(refusal([&] { decide(99, ReviewDecision::Accept); }), "NOT_FOUND");
    EXPECT_EQ(store_.writes, 0);
}

TEST_F(ReviewDecisionsTest, ALineAnsweredOnTheDueDateStaysNotAcceptedWhateverTheDecision) {
    store_.reviews[1].escalated = true;
    store_.declarations[100] = "answered";
    const auto r = decide(1, ReviewDecision::Accept);
    EXPECT_EQ(r.review_status, ReviewStatus::AnsweredNotAccepted);
    EXPECT_TRUE(r.answered_before);
    EXPECT_EQ(store_.lines[11], LineStatus::Rejected);
    EXPECT_TRUE(awards_.announced.empty());
    EXPECT_TRUE(answers_.answered.empty()) << "its WMO325 went out already";
}

TEST_F(ReviewDecisionsTest, APaymentTermBeyondSixtyDaysIsRefusedOnAcceptance) {
    EXPECT_EQ(refusal([&] {
                  decideReviewOn(store_, awards_, answers_, {clock_, "manager", 61},
                                 {1, ReviewDecision::Accept, "ok"});
              }),
              "INVALID_PAYMENT_TERM");
    EXPECT_TRUE(awards_.announced.empty());
}

TEST_F(ReviewDecisionsTest, OnlyAcceptOrRejectIsADecision) {
    EXPECT_EQ(parseReviewDecision("accept"), ReviewDecision::Accept);
    EXPECT_EQ(parseReviewDecision("reject"), ReviewDecision::Reject);
    EXPECT_EQ(refusal([] { parseReviewDecision("approve"); }), "INVALID_DECISION");
    EXPECT_EQ(refusal([] { parseReviewDecision("Accept"); }), "INVALID_DECISION");
}

TEST_F(ReviewDecisionsTest, OverdueDeclarationsAreAnsweredAndTheirReviewsEscalated) {
    store_.overdue = {100, 300};
    std::vector<std::int64_t> audited;
    const int n = answerOverdueOn(store_, answers_, parseDate("2026-03-16"), "2026-03-16 00:00:00",
                                  std::nullopt, [&](std::int64_t id) { audited.push_back(id); });
    EXPECT_EQ(n, 2);
    EXPECT_EQ(store_.escalated, (std::set<std::int64_t>{100, 300}));
    EXPECT_EQ(answers_.answered, (std::vector<std::int64_t>{100, 300}));
    EXPECT_EQ(audited, (std::vector<std::int64_t>{100, 300}));
    EXPECT_EQ(store_.declarations[200], "awaiting_review");
}

// Issue 13: a Kampen user answering overdue declarations answers Kampen's, not Zwolle's.
TEST_F(ReviewDecisionsTest, AScopedUserAnswersOnlyTheirMunicipalitysOverdueDeclarations) {
    store_.overdue = {100, 300};
    store_.recipients = {{100, "0193"}, {300, "0166"}};
    const int n = answerOverdueOn(store_, answers_, parseDate("2026-03-16"), "2026-03-16 00:00:00",
                                  std::vector<std::string>{"0166"}, [](std::int64_t) {});
    EXPECT_EQ(n, 1);
    EXPECT_EQ(answers_.answered, (std::vector<std::int64_t>{300}));
    EXPECT_EQ(store_.escalated, (std::set<std::int64_t>{300}));
}

}  // namespace
}  // namespace zc::billing
