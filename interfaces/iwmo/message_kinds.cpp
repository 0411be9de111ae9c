#include "message_kinds.hpp"

#include "contracting/kernel/errors.hpp"

namespace zc::iwmo {
namespace {

const std::vector<MessageKind>& kinds() {
    static const std::vector<MessageKind> all = {
        {"wmo301", "414", "wmo302", false, {}},
        {"wmo302", "415", "", true, {"Client", "Relatie", "Contact", "ToegewezenProduct"}},
        {"wmo305", "418", "wmo306", true, {}},
        {"wmo306", "419", "", false, {"Client", "StartProduct"}},
        {"wmo307", "420", "wmo308", true, {}},
        {"wmo308", "421", "", false, {"Client", "StopProduct"}},
        {"wmo315", "444", "wmo316", true, {}},
        {"wmo316", "445", "", false, {"Client", "AangevraagdProduct"}},
        {"wmo317", "480", "wmo318", true, {}},
        {"wmo318",
         "481",
         "",
         false,
         {"Client", "Verzoek", "OngewijzigdProduct", "TeWijzigenProduct", "NieuwProduct"}},
        {"wmo319", "482", "wmo320", false, {}},
        {"wmo320", "483", "", true, {"Antwoord"}},
        // The declaration (no retour of its own) and our answer on it, whose classes carry
        // RetourCodes (besides the Header).
        {"wmo323", "484", "", true, {}},
        {"wmo325", "485", "", false, {"DeclaratieAntwoord", "Client", "Prestatie"}},
    };
    return all;
}

}  // namespace

std::string MessageKind::ns() const {
    return "http://www.istandaarden.nl/iwmo/3_2/" + name + "/schema";
}

bool looksLikeDeclaration(std::string_view head) {
    return head.substr(0, kSniffBytes).find("iwmo/3_2/wmo323/schema") != std::string_view::npos;
}

const MessageKind* kindByNamespace(std::string_view ns) {
    for (const auto& k : kinds()) {
        if (k.ns() == ns) return &k;
    }
    return nullptr;
}

const MessageKind& kindByName(std::string_view name) {
    for (const auto& k : kinds()) {
        if (k.name == name) return k;
    }
    ZC_ASSERT(false && "unknown message kind");
    return kinds().front();
}

const std::vector<RetourCodeText>& retourCodeCatalogue() {
    static const std::vector<RetourCodeText> all = {
        {"0001",
         "Rejected for technical reasons: a rule inside the message failed (for example a "
         "BSN failing the elfproef, a date after the message date, a StatusAanlevering "
         "other than 1 or 3, an end before a begin). Correct the message and send it "
         "again with a new BerichtIdentificatie."},
        {"0200", "No remark: this part of the message was accepted."},
        {"0233", "Not assessed, because a part it belongs to was rejected."},
        {"8187", "The BSN is not a client of ours with an allocation to you; check the BSN."},
        {"8848", "A date lies after today's date; report a start or stop only once it happened."},
        {"9019",
         "The start or stop cannot be linked to an allocation: the ToewijzingNummer is "
         "unknown, belongs to another provider or client, or the product or allocation "
         "start date differs from the allocation."},
        {"9063", "There is nothing to delete: no earlier start or stop with this key exists."},
        {"9069",
         "There is no current start with this key (allocation number and begin date); "
         "send the start (WMO305) first, or copy its key unchanged."},
        {"9071",
         "This start has been stopped already and can no longer be deleted; delete the "
         "stop first."},
        {"9074",
         "A start or stop with this key was received before; send a deletion (StatusAanlevering "
         "3) before sending it again."},
        {"9326",
         "The allocation has a start that has not been stopped; stop it before "
         "reporting a new start."},
        {"9347", "This ReferentieAanbieder was used before by this provider; use a new one."},
        {"9349",
         "A request for a change must list every current allocation of the client as "
         "unchanged or to be changed."},
        {"9350",
         "An OngewijzigdProduct names a ToewijzingNummer that is unknown or not a current "
         "allocation of this client with this provider."},
        {"9351",
         "A TeWijzigenProduct names a ToewijzingNummer that is unknown or not a current "
         "allocation of this client with this provider."},
        {"9357",
         "A change that does not lie in the future (GewensteIngangsdatum on or before the "
         "Dagtekening) must take effect from the allocation's start date."},
        {"9361",
         "The same product appears more than once in the request with overlapping care "
         "periods."},
        {"9373",
         "A change of a total over the allocation period must take effect from the "
         "allocation's start date."},
        {"9374", "A request for this client is still open with us; wait for our answer."},
        {"9411", "The allocation has a product code, so a change must give the Omvang."},
        {"9413", "After a temporary stop the next stop must be definitive."},
        {"9414", "The end date lies before the end date of the earlier temporary stop."},
        {"9415", "This start was stopped definitively already."},
    };
    return all;
}

const std::string& retourCodeText(const std::string& code) {
    for (const auto& c : retourCodeCatalogue()) {
        if (c.code == code) return c.text;
    }
    ZC_ASSERT(false && "retour code not in the catalogue");
    return retourCodeCatalogue().front().text;
}

}  // namespace zc::iwmo
