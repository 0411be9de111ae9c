#pragma once
// Rules of an application (inschrijving) to an open procurement procedure (bestuurlijke
// aanbesteding): a provider answers every requirement; a contract manager assesses each one as
// met or not met; admission needs every requirement met; rejection needs a reason.
#include <optional>
#include <string>
#include <vector>

#include "../kernel/civil_date.hpp"

namespace zc::contracting {

enum class Assessment { Pending, Met, NotMet };

struct RequirementAnswer {
    long long requirement_id;
    std::string answer;                  // provider's text, non-empty
    Assessment assessment = Assessment::Pending;
};

// Checks a new application:
//  - procedure accepts applications (open and today within its term) else APPLICATIONS_CLOSED (Conflict)
//  - at least one lot, every lot belongs to the procedure             else UNKNOWN_LOT (field "lots")
//  - exactly one non-empty answer for each requirement of the procedure
//                                                                      else MISSING_ANSWER / UNKNOWN_REQUIREMENT (field "answers")
void checkNewApplication(bool applications_open, const Period& procedure_term, Date today,
                         const std::vector<long long>& chosen_lots,
                         const std::vector<long long>& procedure_lots,
                         const std::vector<long long>& procedure_requirements,
                         const std::vector<RequirementAnswer>& answers);

// Admission: the application is still open (status "submitted") else APPLICATION_DECIDED (Conflict);
// every answer assessed Met else REQUIREMENTS_NOT_MET (Unprocessable, field "assessments").
void checkAdmission(const std::string& status, const std::vector<RequirementAnswer>& answers);
// Rejection: still open else APPLICATION_DECIDED; a non-empty reason else REASON_REQUIRED (field "reason").
void checkRejection(const std::string& status, const std::string& reason);

// The framework contract's term for an admission on `today`: [max(today, term.begin), term.end).
Period contractTermOnAdmission(const Period& procedure_term, Date today);

}  // namespace zc::contracting
