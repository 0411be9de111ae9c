// Deciding an application (inschrijving) against a store in memory: an application is decided
// once, a rejection needs a reason, an admission needs every requirement met and a contract
// term left in the procedure, and an admission awards each lot applied for with its products.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>

#include "contracting/app/procedures.hpp"
#include "contracting/kernel/errors.hpp"

namespace zc::contracting {
namespace {

class FixedClock final : public Clock {
  public:
    explicit FixedClock(Date d) : t_(std::chrono::sys_days(d) + std::chrono::hours(10)) {}
    std::chrono::system_clock::time_point now() const override { return t_; }

  private:
    std::chrono::system_clock::time_point t_;
};

class MemoryDecisions final : public ApplicationDecisionStore {
  public:
    std::map<std::int64_t, ApplicationToDecide> applications;
    std::map<std::int64_t, std::vector<RequirementAnswer>> answer_lists;
    std::map<std::int64_t, Procedure> procedures;
    std::map<std::int64_t, std::vector<std::int64_t>> lots;     // application -> lots
    std::map<std::int64_t, std::vector<std::string>> products;  // lot -> products
    struct Recorded {
        std::string status, at, by, reason;
    };
    std::map<std::int64_t, Recorded> decisions;

    std::optional<ApplicationToDecide> lockApplication(std::int64_t id) override {
        const auto it = applications.find(id);
        return it == applications.end() ? std::nullopt : std::optional(it->second);
    }
    std::vector<RequirementAnswer> answers(std::int64_t id) override { return answer_lists[id]; }
    void recordDecision(std::int64_t id, const std::string& status, const std::string& at,
                        const std::string& by, const std::string& reason) override {
        applications.at(id).status = status;
        decisions[id] = {status, at, by, reason};
    }
    std::optional<Procedure> lockProcedure(std::int64_t id) override {
        const auto it = procedures.find(id);
        return it == procedures.end() ? std::nullopt : std::optional(it->second);
    }
    std::vector<std::int64_t> applicationLots(std::int64_t id) override { return lots[id]; }
    std::vector<std::string> lotProducts(std::int64_t lot) override { return products[lot]; }
};

std::string refusal(const std::function<void()>& call) {
    try {
        call();
    } catch (const ValidationError& e) {
        return e.code();
    }
    return "";
}

ApplicationDecision admit(std::int64_t id) { return {id, Decision::Admit, "", "cm.jansen"}; }
ApplicationDecision reject(std::int64_t id, std::string reason) {
    return {id, Decision::Reject, std::move(reason), "cm.jansen"};
}

class ApplicationDecisionTest : public ::testing::Test {
  protected:
    ApplicationDecisionTest() {
        store_.procedures[1] = {
            1, "0193", "open", "Jeugdhulp", parseDate("2026-01-01"), parseDate("2029-01-01"), true};
        store_.applications[10] = {"submitted", 1, 7};
        store_.answer_lists[10] = {{100, "Keurmerk", Assessment::Met},
                                   {101, "VOG", Assessment::Met}};
        store_.lots[10] = {20, 21};
        store_.products[20] = {"01A01"};
        store_.products[21] = {"02A01", "02A02"};
        store_.applications[11] = {"submitted", 1, 8};
        store_.answer_lists[11] = {{100, "Keurmerk", Assessment::Met},
                                   {101, "", Assessment::Pending}};
    }
    MemoryDecisions store_;
    FixedClock today_{parseDate("2026-03-15")};
};

TEST_F(ApplicationDecisionTest, AnAdmissionAwardsEachLotFromToday) {
    const auto admission = decide(store_, admit(10), today_);
    ASSERT_TRUE(admission.has_value());
    EXPECT_EQ(admission->provider_id, 7);
    EXPECT_EQ(admission->procedure_id, 1);
    EXPECT_EQ(admission->term.begin, parseDate("2026-03-15"));
    EXPECT_EQ(*admission->term.end, parseDate("2029-01-01"));
    ASSERT_EQ(admission->lots.size(), 2u);
    EXPECT_EQ(admission->lots[1].lot_id, 21);
    EXPECT_EQ(admission->lots[1].products, (std::vector<std::string>{"02A01", "02A02"}));
    EXPECT_EQ(store_.decisions.at(10).status, "admitted");
    EXPECT_EQ(store_.decisions.at(10).by, "cm.jansen");
    EXPECT_EQ(store_.decisions.at(10).at.substr(0, 19), "2026-03-15 10:00:00");
}

TEST_F(ApplicationDecisionTest, AnApplicationIsDecidedOnce) {
    decide(store_, reject(10, "te duur"), today_);
    EXPECT_EQ(store_.decisions.at(10).status, "rejected");
    EXPECT_EQ(store_.decisions.at(10).reason, "te duur");
    store_.decisions.clear();
    EXPECT_EQ(refusal([&] { decide(store_, admit(10), today_); }), "APPLICATION_DECIDED");
    EXPECT_EQ(refusal([&] { decide(store_, reject(10, "nogmaals"), today_); }),
              "APPLICATION_DECIDED");
    EXPECT_TRUE(store_.decisions.empty());
}

TEST_F(ApplicationDecisionTest, ARejectionNeedsAReasonAndNeedsNoAssessment) {
    EXPECT_EQ(refusal([&] { decide(store_, reject(11, ""), today_); }), "REASON_REQUIRED");
    EXPECT_TRUE(store_.decisions.empty());
    EXPECT_FALSE(decide(store_, reject(11, "onvoldoende"), today_).has_value());
    EXPECT_EQ(store_.decisions.at(11).status, "rejected");
}

TEST_F(ApplicationDecisionTest, AnAdmissionNeedsEveryRequirementMet) {
    EXPECT_EQ(refusal([&] { decide(store_, admit(11), today_); }), "REQUIREMENTS_NOT_MET");
    EXPECT_TRUE(store_.decisions.empty());
}

TEST_F(ApplicationDecisionTest, NoAdmissionAfterTheProcedureEnded) {
    try {
        decide(store_, admit(10), FixedClock(parseDate("2029-01-01")));
        FAIL() << "admitted after the procedure's term";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "PROCEDURE_ENDED");
        EXPECT_EQ(e.field(), "decision");
    }
    // A rejection is still possible then.
    EXPECT_FALSE(decide(store_, reject(11, "te laat"), FixedClock(parseDate("2029-01-01"))));
}

TEST_F(ApplicationDecisionTest, AnUnknownApplicationIsNotFound) {
    try {
        decide(store_, reject(99, ""), today_);
        FAIL() << "an unknown application was decided";
    } catch (const ValidationError& e) {
        // Looked up before the reason is checked.
        EXPECT_EQ(e.code(), "NOT_FOUND");
        EXPECT_EQ(e.field(), "id");
    }
}

}  // namespace
}  // namespace zc::contracting
