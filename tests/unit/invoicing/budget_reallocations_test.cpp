// Reallocations between budgets against a store in memory: four eyes, never beyond what the
// source has left, only between known budgets of one year, a decision only once; an approval
// moves the amount with a journal. Budgets financed "budget" have no claims, so what is left is
// their amount.
#include "invoicing/app/budget_reallocations.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

class MemoryBudgets final : public BudgetStore {
  public:
    std::map<std::int64_t, BudgetRow> budgets;
    std::map<std::int64_t, ReallocationRow> reallocations;
    std::vector<JournalEntry> journals;
    int writes = 0;

    std::optional<BudgetRow> findBudget(std::int64_t id, bool) override {
        const auto it = budgets.find(id);
        return it == budgets.end() ? std::nullopt : std::optional(it->second);
    }
    std::vector<Money> months = std::vector<Money>(kMonthsPerYear);
    Money booked;  // what paid() answers
    std::vector<Money> acceptedByMonth(const BudgetScope&) override { return months; }
    Money paid(const BudgetScope&) override { return booked; }
    FigureParts figureParts(const BudgetScope&) override { return {}; }
    Money pgb;                  // what pgbGranted() answers
    FinancedSpending financed;  // what budgetFinanced() answers
    Money pgbGranted(const BudgetScope&) override { return pgb; }
    FinancedSpending budgetFinanced(const BudgetScope&) override { return financed; }
    std::map<std::int64_t, VolumeByUnit> acceptedVolumes(const BudgetScope&) override { return {}; }
    std::vector<ScopedAllocation> allocations(const BudgetScope&, Date) override { return {}; }
    std::int64_t insertReallocation(const NewReallocationRow& r) override {
        const auto id = static_cast<std::int64_t>(reallocations.size()) + 1;
        reallocations[id] = {id,           r.from_budget_id, r.to_budget_id, r.amount,
                             r.reason,     "requested",      r.requested_by, r.requested_at,
                             std::nullopt, std::nullopt,     std::nullopt};
        ++writes;
        return id;
    }
    std::optional<ReallocationRow> findReallocation(std::int64_t id, bool) override {
        const auto it = reallocations.find(id);
        return it == reallocations.end() ? std::nullopt : std::optional(it->second);
    }
    void moveAmount(std::int64_t from, std::int64_t to, Money amount) override {
        budgets.at(from).amount -= amount;
        budgets.at(to).amount += amount;
        ++writes;
    }
    void postJournal(const JournalEntry& entry) override { journals.push_back(entry); }
    void recordDecision(std::int64_t id, const std::string& status, std::int64_t by,
                        const std::string& at, const std::string& reason) override {
        auto& r = reallocations.at(id);
        r.status = status;
        r.decided_by = by;
        r.decided_at = at;
        r.decision_reason = reason;
        ++writes;
    }
};

constexpr std::int64_t kHolder = 7;
constexpr std::int64_t kFinance = 8;
const Date kToday = parseDate("2026-06-15");
const Percentage kThreshold = Percentage::parse("5");

BudgetRow budget(std::int64_t id, int year, std::int64_t cents) {
    BudgetRow b;
    b.id = id;
    b.year = year;
    b.municipality = "0193";
    b.category = "02";
    b.financing = "budget";
    b.amount = Money::fromCents(cents);
    b.holder = kHolder;
    return b;
}

std::string refusal(const std::function<void()>& call) {
    try {
        call();
    } catch (const ValidationError& e) {
        return e.code() + "/" + e.field();
    }
    return "";
}

contracting::TariffSchedule noTariffs(std::int64_t, const std::string&) { return {}; }

class BudgetReallocationsTest : public ::testing::Test {
  protected:
    BudgetReallocationsTest() {
        store_.budgets[1] = budget(1, 2026, 100'000);
        store_.budgets[2] = budget(2, 2026, 50'000);
        store_.budgets[3] = budget(3, 2027, 50'000);
    }

    ProposedReallocation propose(std::int64_t from, std::int64_t to, std::int64_t cents,
                                 std::string reason = "Meer wijkteams") {
        ReallocationProposal p{from,
                               to,
                               Money::fromCents(cents),
                               std::move(reason),
                               kHolder,
                               "2026-06-15 10:00:00.000000"};
        return proposeReallocation(store_, noTariffs, p, kToday, kThreshold);
    }

    DecidedReallocation decide(std::int64_t id, bool approve, std::int64_t by,
                               std::string reason = "") {
        ReallocationDecision d{id,    approve, std::move(reason), by, "2026-06-16 09:00:00.000000",
                               kToday};
        return decideReallocationIn(store_, noTariffs, d, kThreshold);
    }

    MemoryBudgets store_;
};

TEST_F(BudgetReallocationsTest, ProposalIsStoredWithWhatTheSourceHasLeft) {
    const auto p = propose(1, 2, 40'000);
    EXPECT_EQ(p.row.status, "requested");
    EXPECT_EQ(p.row.amount, Money::fromCents(40'000));
    EXPECT_EQ(p.from_remaining, Money::fromCents(100'000));
    // A proposal moves nothing yet.
    EXPECT_EQ(store_.budgets.at(1).amount, Money::fromCents(100'000));
}

TEST_F(BudgetReallocationsTest, ProposalNotBeyondWhatTheSourceHasLeft) {
    EXPECT_EQ(refusal([&] { propose(1, 2, 100'001); }), "INSUFFICIENT_BUDGET/amount_cents");
    EXPECT_NO_THROW(propose(1, 2, 100'000));
}

TEST_F(BudgetReallocationsTest, ProposalChecksInOrderBeforeAnythingIsWritten) {
    EXPECT_EQ(refusal([&] { propose(1, 2, 10, " \t"); }), "REASON_REQUIRED/reason");
    EXPECT_EQ(refusal([&] { propose(1, 1, 0); }), "INVALID_AMOUNT/amount_cents");
    EXPECT_EQ(refusal([&] { propose(1, 1, 10); }), "SAME_BUDGET/to_budget_id");
    EXPECT_EQ(refusal([&] { propose(99, 98, 10); }), "UNKNOWN_BUDGET/from_budget_id");
    EXPECT_EQ(refusal([&] { propose(1, 98, 10); }), "UNKNOWN_BUDGET/to_budget_id");
    EXPECT_EQ(refusal([&] { propose(1, 3, 10); }), "BUDGET_YEAR_MISMATCH/to_budget_id");
    EXPECT_EQ(store_.writes, 0);
}

TEST_F(BudgetReallocationsTest, ApprovalMovesTheAmountWithAJournal) {
    const auto id = propose(1, 2, 40'000).row.id;
    const auto d = decide(id, true, kFinance);
    EXPECT_EQ(d.row.status, "approved");
    EXPECT_EQ(d.row.decided_by, kFinance);
    EXPECT_EQ(d.from_before, Money::fromCents(100'000));
    EXPECT_EQ(d.to_before, Money::fromCents(50'000));
    EXPECT_EQ(d.from_after, Money::fromCents(60'000));
    EXPECT_EQ(d.to_after, Money::fromCents(90'000));
    EXPECT_EQ(store_.budgets.at(1).amount, Money::fromCents(60'000));
    ASSERT_EQ(store_.journals.size(), 1U);
}

TEST_F(BudgetReallocationsTest, TheRequesterNeverDecides) {
    const auto id = propose(1, 2, 40'000).row.id;
    EXPECT_EQ(refusal([&] { decide(id, true, kHolder); }), "FOUR_EYES/approved_by");
    EXPECT_EQ(refusal([&] { decide(id, false, kHolder, "Nee"); }), "FOUR_EYES/approved_by");
    EXPECT_EQ(store_.reallocations.at(id).status, "requested");
    EXPECT_EQ(store_.budgets.at(1).amount, Money::fromCents(100'000));
    EXPECT_TRUE(store_.journals.empty());
}

TEST_F(BudgetReallocationsTest, ApprovalRechecksWhatTheSourceHasLeftNow) {
    const auto id = propose(1, 2, 80'000).row.id;
    store_.budgets.at(1).amount = Money::fromCents(70'000);  // shrunk since the proposal
    EXPECT_EQ(refusal([&] { decide(id, true, kFinance); }), "INSUFFICIENT_BUDGET/amount_cents");
    EXPECT_EQ(store_.reallocations.at(id).status, "requested");
}

TEST_F(BudgetReallocationsTest, RejectionNeedsAReasonAndMovesNothing) {
    const auto id = propose(1, 2, 40'000).row.id;
    EXPECT_EQ(refusal([&] { decide(id, false, kFinance, "  "); }), "REASON_REQUIRED/reason");
    const auto d = decide(id, false, kFinance, "Niet nodig");
    EXPECT_EQ(d.row.status, "rejected");
    EXPECT_EQ(d.row.decision_reason, std::optional<std::string>("Niet nodig"));
    EXPECT_EQ(d.from_after, Money::fromCents(100'000));
    EXPECT_TRUE(store_.journals.empty());
}

TEST_F(BudgetReallocationsTest, DecidedOnlyOnceAndOnlyWhenKnown) {
    const auto id = propose(1, 2, 40'000).row.id;
    decide(id, true, kFinance);
    EXPECT_EQ(refusal([&] { decide(id, false, kFinance, "Toch niet"); }),
              "REALLOCATION_DECIDED/id");
    EXPECT_EQ(refusal([&] { decide(42, true, kFinance); }), "NOT_FOUND/id");
    EXPECT_EQ(store_.budgets.at(1).amount, Money::fromCents(60'000));
}

// Issue 13 (S12): a budget holder moves money only between budgets they hold, and never from
// one municipality's budget to another's; nothing is written when refused.
TEST_F(BudgetReallocationsTest, OnlyTheHolderOfBothBudgetsProposes) {
    store_.budgets.at(2).holder = kHolder + 100;
    EXPECT_EQ(refusal([&] { propose(1, 2, 10); }), "NOT_BUDGET_HOLDER/to_budget_id");
    store_.budgets.at(1).holder = std::nullopt;
    EXPECT_EQ(refusal([&] { propose(1, 2, 10); }), "NOT_BUDGET_HOLDER/from_budget_id");
    EXPECT_EQ(store_.writes, 0);
    store_.budgets.at(1).holder = kHolder;
    store_.budgets.at(2).holder = kHolder;
    EXPECT_EQ(propose(1, 2, 10).row.status, "requested");
}

TEST_F(BudgetReallocationsTest, NoMoveBetweenMunicipalities) {
    store_.budgets[4] = budget(4, 2026, 50'000);
    store_.budgets.at(4).municipality = "0166";  // Kampen, same holder, same year
    EXPECT_EQ(refusal([&] { propose(1, 4, 10); }),
              "REALLOCATION_ACROSS_MUNICIPALITIES/to_budget_id");
    EXPECT_EQ(refusal([&] { propose(4, 1, 10); }),
              "REALLOCATION_ACROSS_MUNICIPALITIES/to_budget_id");
    EXPECT_EQ(store_.writes, 0);
}

// Paid is part of the accepted care, not on top of it: of 1,500.00 accepted, 1,000.00 was
// booked by the bank; exhaustion stays 1,500.00.
TEST_F(BudgetReallocationsTest, PaidIsTheBookedPartOfTheAcceptedCare) {
    auto b = budget(1, 2026, 100'000);
    b.financing = "ZIN";
    store_.months[0] = Money::fromCents(100'000);
    store_.months[1] = Money::fromCents(50'000);
    store_.booked = Money::fromCents(100'000);
    const auto f = figuresOf(store_, noTariffs, b, kToday, kThreshold);
    EXPECT_EQ(f.paid, Money::fromCents(100'000));
    EXPECT_EQ(f.accepted_unpaid, Money::fromCents(50'000));
    EXPECT_EQ(f.report.exhaustion, Money::fromCents(150'000));
}

// A PGB budget commits the granted personal budgets; a budget-financed budget has spent its
// advances and settlement differences (paid: what the bank booked). Only a municipality-wide
// budget-financed budget counts them: they are per contract, not per client.
TEST_F(BudgetReallocationsTest, PgbAndBudgetFinancedBudgetsShowTheirSpending) {
    store_.pgb = Money::fromCents(30'000);
    store_.financed = {Money::fromCents(60'000), Money::fromCents(45'000)};
    auto pgb = budget(1, 2026, 100'000);
    pgb.financing = "PGB";
    const auto p = figuresOf(store_, noTariffs, pgb, kToday, kThreshold);
    EXPECT_EQ(p.committed, Money::fromCents(30'000));
    EXPECT_EQ(p.report.remaining, Money::fromCents(70'000));
    const auto f = figuresOf(store_, noTariffs, budget(2, 2026, 100'000), kToday, kThreshold);
    EXPECT_EQ(f.paid, Money::fromCents(45'000));
    EXPECT_EQ(f.accepted_unpaid, Money::fromCents(15'000));
    EXPECT_EQ(f.report.exhaustion, Money::fromCents(60'000));
    auto district = budget(3, 2026, 100'000);
    district.district_id = 5;
    EXPECT_EQ(figuresOf(store_, noTariffs, district, kToday, kThreshold).report.exhaustion,
              Money());
}

TEST(IsoTimestamp, DatabaseTimestampAsTheApiShowsIt) {
    EXPECT_EQ(app::isoTimestamp("2026-06-15 10:00:00.123456"), "2026-06-15T10:00:00Z");
}

}  // namespace
}  // namespace zc::invoicing
