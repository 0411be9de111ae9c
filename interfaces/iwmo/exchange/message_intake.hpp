#pragma once
// The intake of a provider's iWmo message other than a WMO323 (WMO302, 305, 307, 315, 317,
// 320): hardened parse and XSD validation, the header (BerichtCode, sender, recipient,
// identification), then contracting's intake use case (contracting/app/message_intake.hpp: one
// transaction, exactly-once registration, the stored retour) with the content's rules as its
// MessageContent port: level 2 (in-message: message_rules.hpp, a header-only retour with 0001),
// then per kind the use case with the database checks (level 3: codes per class, the whole
// message rejected; or the state change), the retour written with the codecs (writers.hpp).
// Also the CLI's `validate`.
#include <string>
#include <string_view>
#include <vector>

#include "contracting/kernel/request_context.hpp"
#include "interfaces/iwmo/declaration.hpp"
#include "interfaces/iwmo/exchange/intake_answer.hpp"

namespace zc::iwmo {

// Processes `xml` (not a WMO323: the caller tells those by iwmo::looksLikeDeclaration) as sent
// by the provider with AGB `sender_agb`. Technical errors (not processable) throw
// ValidationError and change nothing.
IntakeAnswer receiveMessage(app::RequestContext& ctx, const std::string& sender_agb,
                            std::string_view xml);

// CLI `validate FILE`: schema and the rules that need no database; one line per problem with
// its code and location. Returns true when valid. A WMO323 is streamed from the file (what
// declarationProblems finds); other messages are read whole (limits.max_xml_bytes).
bool validateMessageFile(const std::string& path, std::vector<std::string>& problems);

}  // namespace zc::iwmo
