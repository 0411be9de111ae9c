#include "application_rules.hpp"

#include <algorithm>
#include <map>

#include "../kernel/errors.hpp"

namespace zc::contracting {
namespace {

constexpr std::string_view kSubmitted = "submitted";

bool containsId(const std::vector<long long>& ids, long long id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Whitespace alone is no answer or reason: it would pass a non-empty check but says nothing.
bool isBlank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    });
}

void checkLots(const std::vector<long long>& chosen_lots,
               const std::vector<long long>& procedure_lots) {
    if (chosen_lots.empty()) {
        throw ValidationError("UNKNOWN_LOT", "Choose at least one lot of this procedure.", "lots");
    }
    for (long long lot : chosen_lots) {
        if (!containsId(procedure_lots, lot)) {
            throw ValidationError("UNKNOWN_LOT",
                                  "Lot " + std::to_string(lot) +
                                      " does not belong to this procedure; choose one of its "
                                      "lots.",
                                  "lots");
        }
    }
}

[[noreturn]] void throwMissingAnswer(long long requirement) {
    throw ValidationError(
        "MISSING_ANSWER",
        "Give exactly one non-empty answer to requirement " + std::to_string(requirement) + ".",
        "answers");
}

void checkAnswers(const std::vector<long long>& procedure_requirements,
                  const std::vector<RequirementAnswer>& answers) {
    std::map<long long, int> answer_counts;
    for (const RequirementAnswer& a : answers) {
        if (!containsId(procedure_requirements, a.requirement_id)) {
            throw ValidationError("UNKNOWN_REQUIREMENT",
                                  "Requirement " + std::to_string(a.requirement_id) +
                                      " does not belong to this procedure; answer only its own "
                                      "requirements.",
                                  "answers");
        }
        if (isBlank(a.answer)) throwMissingAnswer(a.requirement_id);
        ++answer_counts[a.requirement_id];
    }
    // A requirement answered twice is reported as MISSING_ANSWER too: the documented rule is
    // "exactly one answer", and the header documents no separate code for duplicates.
    for (long long requirement : procedure_requirements) {
        if (answer_counts[requirement] != 1) throwMissingAnswer(requirement);
    }
}

void checkStillOpen(const std::string& status) {
    if (status != kSubmitted) {
        throw ValidationError("APPLICATION_DECIDED",
                              "This application has already been decided (status " + status +
                                  "); only a submitted application can be admitted or rejected.",
                              "status");
    }
}

}  // namespace

void checkNewApplication(bool applications_open, const Period& procedure_term, Date today,
                         const std::vector<long long>& chosen_lots,
                         const std::vector<long long>& procedure_lots,
                         const std::vector<long long>& procedure_requirements,
                         const std::vector<RequirementAnswer>& answers) {
    if (!applications_open || !procedure_term.contains(today)) {
        throw ValidationError("APPLICATIONS_CLOSED",
                              "This procedure does not accept applications now.", "");
    }
    checkLots(chosen_lots, procedure_lots);
    checkAnswers(procedure_requirements, answers);
}

void checkAdmission(const std::string& status, const std::vector<RequirementAnswer>& answers) {
    checkStillOpen(status);
    for (const RequirementAnswer& a : answers) {
        if (a.assessment != Assessment::Met) {
            throw ValidationError("REQUIREMENTS_NOT_MET",
                                  "Every requirement must be assessed as met before admission; "
                                  "requirement " +
                                      std::to_string(a.requirement_id) + " is not.",
                                  "assessments");
        }
    }
}

void checkRejection(const std::string& status, const std::string& reason) {
    checkStillOpen(status);
    if (isBlank(reason)) {
        throw ValidationError("REASON_REQUIRED", "Give a reason for the rejection.", "reason");
    }
}

Period contractTermOnAdmission(const Period& procedure_term, Date today) {
    return Period{std::max(today, procedure_term.begin), procedure_term.end};
}

}  // namespace zc::contracting
