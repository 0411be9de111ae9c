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


// HTTP use cases.

}  // namespace zc::app
