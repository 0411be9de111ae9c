#pragma once
// Receiving a WMO323 declaration (the message endpoint, the web upload, the CLI's ingest): one
// transaction. The first pass reads the head (the sender, exactly-once registration), the
// in-message rules and, optimistically inside a savepoint, the debits; a credit line, a
// ReferentieNummer used before (the optimistic pass leaves that to the unique index) or a
// broken rule undoes them. A declaration broken as a whole (level 2; or 8214 / 9333) is
// answered as a whole and nothing of it is kept; otherwise, when the optimistic pass did not
// decide, the careful pass adjudicates the credits first and then the debits, each a pass over
// the message. The message is read through DeclarationLines and answered through
// DeclarationInbox (billing/app/declaration_ports.hpp); what is awarded goes out through
// AwardedClaimsPort.
#include <optional>
#include <string>
#include <vector>

#include "billing/app/awarded_claims.hpp"
#include "billing/app/declaration_ports.hpp"
#include "billing/domain/declaration_checks.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::billing {

// How the declaration was answered.
enum class IntakeOutcome {
    Repeat,          // the message was received before: its stored answer
    RejectedWhole,   // answered as a whole, nothing kept
    Answered,        // adjudicated and answered (or rejected) with its WMO325
    AwaitingReview,  // adjudicated; lines await review, the WMO325 follows
};

// With `dry_run` nothing is stored (the message is not registered) and the answer is the one
// the declaration would get.
IntakeOutcome receiveDeclaration(app::RequestContext& ctx, AwardedClaimsPort& awarded,
                                 DeclarationLines& lines, DeclarationInbox& inbox, bool dry_run);

// A declaration answered as a whole, and why (the message's audit row).
struct WholeRejection {
    WholeAnswer answer;
    std::string why;
};
// Whether the declaration is answered as a whole: level 2 when in-message rules are broken
// (`problems`: the header with 0001, whatever else applies); else level 3 with 8214 (its period
// does not lie after `previous_period`, "" when it does) and 9333 (its number was used before),
// either or both. Nothing when none applies.
std::optional<WholeRejection> wholeRejection(const std::vector<RuleProblem>& problems,
                                             bool duplicate, const std::string& previous_period,
                                             const DeclarationHeader& head);

// The broken in-message rules as one text (at most about 2,000 characters): "RULE (line N):
// message " for each.
std::string describeProblems(const std::vector<RuleProblem>& problems);

}  // namespace zc::billing
