#include "contracting/domain/application_rules.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "contracting/kernel/errors.hpp"

namespace zc::contracting {
namespace {

Date d(const char* text) { return parseDate(text); }

const Period kTerm{parseDate("2025-01-01"), parseDate("2029-01-01")};
const std::vector<long long> kLots{10, 11, 12};
const std::vector<long long> kRequirements{100, 101};

std::vector<RequirementAnswer> goodAnswers() {
    return {{100, "We hold an HKZ certificate."}, {101, "Our staff are SKJ registered."}};
}

void expectError(const std::function<void()>& f, const std::string& code, const std::string& field,
                 ErrorKind kind) {
    try {
        f();
        ADD_FAILURE() << "no error, expected " << code;
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), code);
        EXPECT_EQ(e.field(), field);
        EXPECT_EQ(e.kind(), kind);
        std::string message = e.what();
        ASSERT_FALSE(message.empty());
        EXPECT_EQ(message.back(), '.');
    }
}

void apply(bool open, Date today, const std::vector<long long>& lots,
           const std::vector<RequirementAnswer>& answers) {
    checkNewApplication(open, kTerm, today, lots, kLots, kRequirements, answers);
}

TEST(CheckNewApplication, AcceptsCompleteApplicationWithinTerm) {
    EXPECT_NO_THROW(apply(true, d("2025-06-01"), {10, 12}, goodAnswers()));
    EXPECT_NO_THROW(apply(true, d("2025-01-01"), {11}, goodAnswers()));
}

TEST(CheckNewApplication, AcceptsAnswersInAnyOrder) {
    std::vector<RequirementAnswer> answers = goodAnswers();
    std::swap(answers[0], answers[1]);
    EXPECT_NO_THROW(apply(true, d("2025-06-01"), {10}, answers));
}

TEST(CheckNewApplication, RefusesWhenProcedureClosed) {
    expectError([] { apply(false, d("2025-06-01"), {10}, goodAnswers()); }, "APPLICATIONS_CLOSED",
                "", ErrorKind::Conflict);
}

TEST(CheckNewApplication, RefusesOutsideProcedureTerm) {
    expectError([] { apply(true, d("2024-12-31"), {10}, goodAnswers()); }, "APPLICATIONS_CLOSED",
                "", ErrorKind::Conflict);
    // The term is half-open: its end date is already outside.
    expectError([] { apply(true, d("2029-01-01"), {10}, goodAnswers()); }, "APPLICATIONS_CLOSED",
                "", ErrorKind::Conflict);
}

TEST(CheckNewApplication, OpenEndedTermAcceptsLateApplications) {
    EXPECT_NO_THROW(checkNewApplication(true, Period{d("2025-01-01"), std::nullopt},
                                        d("2040-01-01"), {10}, kLots, kRequirements,
                                        goodAnswers()));
}

TEST(CheckNewApplication, RefusesNoLots) {
    expectError([] { apply(true, d("2025-06-01"), {}, goodAnswers()); }, "UNKNOWN_LOT", "lots",
                ErrorKind::Invalid);
}

TEST(CheckNewApplication, RefusesLotOfAnotherProcedure) {
    expectError(
        [] {
            apply(true, d("2025-06-01"), {10, 99}, goodAnswers());
        },
        "UNKNOWN_LOT", "lots", ErrorKind::Invalid);
}

TEST(CheckNewApplication, RefusesMissingAnswer) {
    expectError(
        [] {
            apply(true, d("2025-06-01"), {10}, {{100, "Yes, certified."}});
        },
        "MISSING_ANSWER", "answers", ErrorKind::Invalid);
    expectError([] { apply(true, d("2025-06-01"), {10}, {}); }, "MISSING_ANSWER", "answers",
                ErrorKind::Invalid);
}

TEST(CheckNewApplication, RefusesEmptyOrBlankAnswer) {
    expectError(
        [] {
            apply(true, d("2025-06-01"), {10}, {{100, "Yes."}, {101, ""}});
        },
        "MISSING_ANSWER", "answers", ErrorKind::Invalid);
    expectError(
        [] {
            apply(true, d("2025-06-01"), {10}, {{100, "Yes."}, {101, " \t\n"}});
        },
        "MISSING_ANSWER", "answers", ErrorKind::Invalid);
}

TEST(CheckNewApplication, RefusesTwoAnswersToOneRequirement) {
    expectError(
        [] {
            apply(true, d("2025-06-01"), {10}, {{100, "Yes."}, {100, "Also yes."}, {101, "Yes."}});
        },
        "MISSING_ANSWER", "answers", ErrorKind::Invalid);
}

TEST(CheckNewApplication, RefusesAnswerToUnknownRequirement) {
    expectError(
        [] {
            apply(true, d("2025-06-01"), {10}, {{100, "Yes."}, {101, "Yes."}, {999, "Yes."}});
        },
        "UNKNOWN_REQUIREMENT", "answers", ErrorKind::Invalid);
}

TEST(CheckNewApplication, ProcedureWithoutRequirementsNeedsNoAnswers) {
    EXPECT_NO_THROW(checkNewApplication(true, kTerm, d("2025-06-01"), {10}, kLots, {}, {}));
}

TEST(CheckNewApplication, ChecksInDocumentedOrder) {
    // Closed wins over bad lots and bad answers; bad lots win over bad answers.
    expectError([] { apply(false, d("2025-06-01"), {99}, {}); }, "APPLICATIONS_CLOSED", "",
                ErrorKind::Conflict);
    expectError([] { apply(true, d("2025-06-01"), {99}, {}); }, "UNKNOWN_LOT", "lots",
                ErrorKind::Invalid);
}

std::vector<RequirementAnswer> assessed(Assessment first, Assessment second) {
    std::vector<RequirementAnswer> answers = goodAnswers();
    answers[0].assessment = first;
    answers[1].assessment = second;
    return answers;
}

TEST(CheckAdmission, AdmitsWhenEveryRequirementMet) {
    EXPECT_NO_THROW(checkAdmission("submitted", assessed(Assessment::Met, Assessment::Met)));
}

TEST(CheckAdmission, RefusesWhenAnyRequirementPendingOrNotMet) {
    expectError([] { checkAdmission("submitted", assessed(Assessment::Met, Assessment::Pending)); },
                "REQUIREMENTS_NOT_MET", "assessments", ErrorKind::Unprocessable);
    expectError([] { checkAdmission("submitted", assessed(Assessment::NotMet, Assessment::Met)); },
                "REQUIREMENTS_NOT_MET", "assessments", ErrorKind::Unprocessable);
}

TEST(CheckAdmission, RefusesDecidedApplication) {
    for (const char* status : {"admitted", "rejected", "withdrawn", ""}) {
        SCOPED_TRACE(status);
        expectError([&] { checkAdmission(status, assessed(Assessment::Met, Assessment::Met)); },
                    "APPLICATION_DECIDED", "status", ErrorKind::Conflict);
    }
}

TEST(CheckRejection, RejectsSubmittedApplicationWithReason) {
    EXPECT_NO_THROW(checkRejection("submitted", "No HKZ certificate."));
}

TEST(CheckRejection, RefusesEmptyOrBlankReason) {
    expectError([] { checkRejection("submitted", ""); }, "REASON_REQUIRED", "reason",
                ErrorKind::Invalid);
    expectError([] { checkRejection("submitted", "   "); }, "REASON_REQUIRED", "reason",
                ErrorKind::Invalid);
}

TEST(CheckRejection, RefusesDecidedApplicationBeforeLookingAtReason) {
    expectError([] { checkRejection("admitted", ""); }, "APPLICATION_DECIDED", "status",
                ErrorKind::Conflict);
}

TEST(ContractTermOnAdmission, StartsTodayWhenProcedureAlreadyRunning) {
    Period p = contractTermOnAdmission(kTerm, d("2026-03-15"));
    EXPECT_EQ(p.begin, d("2026-03-15"));
    EXPECT_EQ(p.end, d("2029-01-01"));
}

TEST(ContractTermOnAdmission, StartsWithProcedureWhenAdmittedEarly) {
    Period p = contractTermOnAdmission(kTerm, d("2024-11-01"));
    EXPECT_EQ(p.begin, d("2025-01-01"));
    EXPECT_EQ(p.end, d("2029-01-01"));
}

TEST(ContractTermOnAdmission, KeepsOpenEnd) {
    Period p = contractTermOnAdmission(Period{d("2025-01-01"), std::nullopt}, d("2030-01-01"));
    EXPECT_EQ(p.begin, d("2030-01-01"));
    EXPECT_FALSE(p.end.has_value());
}

}  // namespace
}  // namespace zc::contracting
