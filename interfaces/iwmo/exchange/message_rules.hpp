#pragma once
// The in-message rules (control level 2, iwmo-3.2.md §9) of a schema-valid received message:
// what the message breaks without the database. A message that breaks one gets a header-only
// retour with 0001; the CLI's `validate` prints them. Each problem is a readable line
// ("0001 at line N: what").
#include <string>
#include <vector>

#include "interfaces/iwmo/exchange/received_messages.hpp"
#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/xml/xml_document.hpp"

namespace zc::iwmo {

// Every Bsn element of the message passes the elfproef.
std::vector<std::string> bsnProblems(const xml::Element& root);
// A 305/307 (Dagtekening `dagtekening`): StatusAanlevering 1 or 3, no Begindatum (or, for a
// stop, Einddatum) after the Dagtekening, no Einddatum before its Begindatum, no key twice.
std::vector<std::string> careReportProblems(const ReceivedCareReport& r, Date dagtekening);
// A 315: no ReferentieAanbieder twice.
std::vector<std::string> allocationRequestProblems(const ReceivedAllocationRequest& r);
// A 317: its Verzoek lists a current allocation and asks for a change.
std::vector<std::string> changeRequestProblems(const xml::Element& root);

// All level-2 problems of a message of kind `kind`, in the order above.
std::vector<std::string> levelTwoProblems(const xml::Element& root, const MessageKind& kind);

}  // namespace zc::iwmo
