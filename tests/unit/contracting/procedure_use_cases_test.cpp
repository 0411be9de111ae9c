// Procedure use cases against a store in memory: only an open procedure (bestuurlijke
// aanbesteding) opens for applications, and an answer is assessed only while its application
// is still submitted, with a remark when a requirement is not met.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <utility>

#include "contracting/app/procedures.hpp"
#include "contracting/kernel/errors.hpp"

namespace zc::contracting {
namespace {

class MemoryProcedures final : public ProcedureStore {
  public:
    std::map<std::int64_t, Procedure> procedures;
    std::map<std::int64_t, std::string> statuses;  // application -> status
    std::map<std::pair<std::int64_t, std::int64_t>, std::string> assessments;
    std::map<std::pair<std::int64_t, std::int64_t>, std::string> remarks;
    int writes = 0;

    std::optional<Procedure> procedure(std::int64_t id, bool) override {
        const auto it = procedures.find(id);
        return it == procedures.end() ? std::nullopt : std::optional(it->second);
    }
    void setApplicationsOpen(std::int64_t id, bool open) override {
        procedures.at(id).applications_open = open;
        ++writes;
    }
    std::optional<std::string> lockApplicationStatus(std::int64_t id) override {
        const auto it = statuses.find(id);
        return it == statuses.end() ? std::nullopt : std::optional(it->second);
    }
    std::optional<std::string> answerAssessment(std::int64_t application,
                                                std::int64_t requirement) override {
        const auto it = assessments.find({application, requirement});
        return it == assessments.end() ? std::nullopt : std::optional(it->second);
    }
    void assessAnswer(std::int64_t application, std::int64_t requirement,
                      const std::string& assessment, const std::string& remark,
                      const std::string&) override {
        assessments[{application, requirement}] = assessment;
        remarks[{application, requirement}] = remark;
        ++writes;
    }
    bool productExists(const std::string& code) override { return catalogue.count(code) > 0; }
    std::int64_t insertLot(std::int64_t procedure_id, const Lot& lot) override {
        ++writes;
        lots[procedure_id].push_back(lot);
        return 500 + static_cast<std::int64_t>(lots[procedure_id].size());
    }
    std::set<std::string> catalogue{"01A01", "02A01"};
    std::map<std::int64_t, std::vector<Lot>> lots;  // procedure -> lots added
};

std::string refusal(const std::function<void()>& call) {
    try {
        call();
    } catch (const ValidationError& e) {
        return e.code();
    }
    return "";
}

class ProcedureUseCasesTest : public ::testing::Test {
  protected:
    ProcedureUseCasesTest() {
        const Date start = parseDate("2026-01-01");
        const Date end = parseDate("2029-01-01");
        store_.procedures[1] = {1, "0193", "open", "Jeugdhulp", start, end, false};
        store_.procedures[2] = {2, "0193", "negotiated", "Beschermd wonen", start, end, false};
        store_.statuses[10] = "submitted";
        store_.statuses[11] = "admitted";
        store_.assessments[{10, 100}] = "pending";
        store_.assessments[{11, 100}] = "met";
    }
    MemoryProcedures store_;
};

TEST_F(ProcedureUseCasesTest, OnlyAnOpenProcedureOpensForApplications) {
    EXPECT_EQ(refusal([&] { changeApplicationsOpen(store_, 2, true); }), "NOT_OPEN_PROCEDURE");
    EXPECT_FALSE(store_.procedures.at(2).applications_open);
    EXPECT_EQ(refusal([&] { changeApplicationsOpen(store_, 99, true); }), "NOT_FOUND");
    EXPECT_EQ(store_.writes, 0);

    EXPECT_FALSE(changeApplicationsOpen(store_, 1, true));
    EXPECT_TRUE(store_.procedures.at(1).applications_open);
    EXPECT_TRUE(changeApplicationsOpen(store_, 1, false));
    EXPECT_FALSE(store_.procedures.at(1).applications_open);
}

TEST_F(ProcedureUseCasesTest, AnyProcedureMayBeClosed) {
    EXPECT_FALSE(changeApplicationsOpen(store_, 2, false));
    EXPECT_EQ(store_.writes, 1);
}

TEST_F(ProcedureUseCasesTest, AnAssessmentAnswersThePreviousOne) {
    EXPECT_EQ(assessAnswer(store_, {10, 100, true, "", "cm.jansen"}), "pending");
    EXPECT_EQ((store_.assessments[{10, 100}]), "met");
    EXPECT_EQ(assessAnswer(store_, {10, 100, false, "no quality mark", "cm.jansen"}), "met");
    EXPECT_EQ((store_.assessments[{10, 100}]), "not_met");
    EXPECT_EQ((store_.remarks[{10, 100}]), "no quality mark");
}

TEST_F(ProcedureUseCasesTest, NotMetNeedsARemarkBeforeAnythingIsLookedUp) {
    // Even for an unknown application, the missing remark is what the caller hears.
    EXPECT_EQ(refusal([&] {
                  assessAnswer(store_, {99, 100, false, "", "cm"});
              }),
              "REASON_REQUIRED");
    EXPECT_EQ(refusal([&] {
                  assessAnswer(store_, {10, 100, false, "", "cm"});
              }),
              "REASON_REQUIRED");
    EXPECT_EQ(store_.writes, 0);
}

TEST_F(ProcedureUseCasesTest, ADecidedApplicationIsNotAssessedAgain) {
    EXPECT_EQ(refusal([&] {
                  assessAnswer(store_, {11, 100, true, "", "cm"});
              }),
              "APPLICATION_DECIDED");
    EXPECT_EQ((store_.assessments[{11, 100}]), "met");
    EXPECT_EQ(store_.writes, 0);
}

TEST_F(ProcedureUseCasesTest, UnknownApplicationOrRequirementIsNotFound) {
    EXPECT_EQ(refusal([&] { assessAnswer(store_, {99, 100, true, "", "cm"}); }), "NOT_FOUND");
    try {
        assessAnswer(store_, {10, 555, true, "", "cm"});
        FAIL() << "an unknown requirement was assessed";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "NOT_FOUND");
        EXPECT_EQ(e.field(), "requirement_id");
    }
    EXPECT_EQ(store_.writes, 0);
}

TEST_F(ProcedureUseCasesTest, ALotWithAnUnknownProductIsNotAdded) {
    EXPECT_EQ(refusal([&] {
                  createLot(store_, {1, "Begeleiding", {"01A01", "09Z99"}});
              }),
              "UNKNOWN_PRODUCT");
    EXPECT_EQ(store_.writes, 0);
    const auto lot = createLot(store_, {1, "Begeleiding", {"01A01", "02A01"}});
    EXPECT_EQ(lot.id, 501);
    EXPECT_EQ(lot.products, (std::vector<std::string>{"01A01", "02A01"}));
    EXPECT_EQ(store_.lots.at(1).size(), 1u);
}

TEST_F(ProcedureUseCasesTest, AnUnknownProcedureWinsOverBadProducts) {
    // The procedure is looked up before the product codes are read, as before the move.
    EXPECT_EQ(refusal([&] {
                  createLot(store_, {99, "Begeleiding", {"not a code"}});
              }),
              "NOT_FOUND");
    EXPECT_NE(refusal([&] { createLot(store_, {1, "Begeleiding", {"not a code"}}); }), "");
    EXPECT_NE(refusal([&] { createLot(store_, {1, "Begeleiding", {"not a code"}}); }), "NOT_FOUND");
    EXPECT_EQ(store_.writes, 0);
}

}  // namespace
}  // namespace zc::contracting
