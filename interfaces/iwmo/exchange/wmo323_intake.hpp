#pragma once
// WMO323 in: the message exchange's side of billing's declaration intake
// (billing/app/declaration_intake.hpp). The WMO323 is read by iwmo::DeclarationStream (parsed
// on a thread of its own, in batches) and DeclarationReader (the careful pass) as billing's
// DeclarationLines; the message layer (sender checks, exactly-once registration, the WMO325 in
// the outbox, the synchronous answer) is billing's DeclarationInbox.
#include <string>
#include <vector>

#include "contracting/kernel/request_context.hpp"
#include "interfaces/iwmo/declaration.hpp"
#include "interfaces/iwmo/exchange/intake_answer.hpp"

namespace zc::iwmo {

// A WMO323 declaration from XML text or a file (streamed, never loaded whole), sent by the
// provider with AGB `sender_agb`: adjudicated and answered with its WMO325 (200), or with a JSON
// note while lines await review (202); a repeat gets its stored answer. With `dry_run` nothing
// is stored and the answer is the WMO325 the declaration would get. Not processable: throws
// ValidationError and changes nothing.
IntakeAnswer receiveDeclaration(app::RequestContext& ctx, const std::string& sender_agb,
                                const DeclarationSource& source, bool dry_run);

// What keeps a WMO323 from control level 3, streamed (any size up to
// limits.max_declaration_bytes): its schema problems ("CODE at line L, column C: message") or,
// when it is schema-valid, the in-message rules it breaks (billing::InMessageRules, "RULE at
// line N: message"). Empty when it passes both.
std::vector<std::string> declarationProblems(const DeclarationSource& source);

}  // namespace zc::iwmo
