#pragma once
// The content of a received WMO305/307/315/317 as the typed input of contracting's use cases,
// read from the schema-valid DOM, with the element each part came from so that the retour can
// put the rules' codes on it (placeCodes).
#include <string>
#include <vector>

#include "contracting/app/care_starts.hpp"
#include "contracting/app/received_requests.hpp"
#include "contracting/app/retour_codes.hpp"
#include "interfaces/iwmo/writers.hpp"
#include "interfaces/xml/xml_document.hpp"

namespace zc::iwmo {

// The elements a PlacedCode can name (contracting::CodePlace): the Client, the Verzoek, the
// items of the message's list, a 317's unchanged, changed and new products.
struct CodeTargets {
    const xml::Element* client = nullptr;
    const xml::Element* request = nullptr;
    std::vector<const xml::Element*> items, unchanged, changes, new_products;
};

// The retour codes on their elements, in the order given.
ClassCodes placeCodes(const contracting::PlacedCodes& codes, const CodeTargets& targets);

// The Header's Dagtekening (BerichtIdentificatie).
Date dagtekeningOf(const xml::Element& root);

struct ReceivedCareReport {
    contracting::CareReport report;
    CodeTargets targets;  // client, items
};
// A WMO305 (stop false) or WMO307 (stop true), with the Header's Ontvanger as its recipient.
ReceivedCareReport readCareReport(const xml::Element& root, bool stop);

struct ReceivedAllocationRequest {
    contracting::AllocationRequest request;
    CodeTargets targets;  // client, items
};
// A WMO315 to municipality `municipality` (Ontvanger).
ReceivedAllocationRequest readAllocationRequest(const xml::Element& root,
                                                const std::string& municipality);

struct ReceivedChangeRequest {
    contracting::ChangeRequest request;
    CodeTargets targets;  // client, request, unchanged, changes, new_products
};
// A WMO317 to municipality `municipality` (Ontvanger).
ReceivedChangeRequest readChangeRequest(const xml::Element& root, const std::string& municipality);

}  // namespace zc::iwmo
