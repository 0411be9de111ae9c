#pragma once
// What is left here of the iWmo 3.2 message exchange with providers (the rest moved: the
// intake of WMO302/305/307/315/317/320 to interfaces/iwmo/exchange/message_intake.hpp over
// contracting/app/message_intake.hpp, care_starts.hpp, received_requests.hpp and
// retour_verdicts.hpp; its HTTP entry points to interfaces/http/messages_api.hpp).
//
// WMO323 declarations in, WMO325 out. Outbox: WMO301 on every change of a client's allocations
// with a provider, WMO319 answers. Requests (315/317) form a work queue with deadlines.
#include <memory>
#include <string>

#include "context.hpp"
#include "contracting/app/allocation_changes.hpp"
#include "interfaces/iwmo/declaration.hpp"
#include "interfaces/iwmo/exchange/intake_answer.hpp"
#include "interfaces/iwmo/exchange/message_schemas.hpp"
#include "interfaces/xml/xml_document.hpp"

namespace zc::app {

// Transition: the message exchange's schemas, answer type and BOM check under their old names,
// for billing's WMO323 intake and the outbox still here (interfaces/iwmo/exchange has them).
using iwmo::IntakeAnswer;
inline const xml::SchemaSet& messageSchemas() { return iwmo::messageSchemas(); }
inline xml::Limits messageLimits() { return iwmo::messageLimits(); }
inline const xml::SchemaSet& outgoingSchemas() { return iwmo::outgoingSchemas(); }
inline void refuseByteOrderMark(std::string_view head) { iwmo::refuseByteOrderMark(head); }

// A WMO323 declaration from XML text or a file (streamed, never loaded whole). With `dry_run`
// nothing is stored and the answer is the WMO325 the declaration would get.
IntakeAnswer receiveDeclaration(RequestContext& ctx, const std::string& sender_agb,
                                const iwmo::DeclarationSource& source, bool dry_run);
// What keeps a WMO323 from control level 3, streamed (any size up to
// limits.max_declaration_bytes): its schema problems ("CODE at line L, column C: message") or,
// when it is schema-valid, the in-message rules it breaks (billing::InMessageRules, "RULE at
// line N: message"). Empty when it passes both.
std::vector<std::string> declarationProblems(const iwmo::DeclarationSource& source);
// When the last review of a WMO323 declaration is decided: its WMO325 to the outbox.
void completeReviewedDeclaration(RequestContext& ctx, std::int64_t declaration_id);

// HTTP use cases.

}  // namespace zc::app
