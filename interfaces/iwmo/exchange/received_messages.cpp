#include "received_messages.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace zc::iwmo {
namespace {

std::vector<const xml::Element*> listItems(const xml::Element& parent, const char* list,
                                           const char* item) {
    const auto* l = parent.child(list);
    return l ? l->all(item) : std::vector<const xml::Element*>{};
}

std::vector<const xml::Element*> children(const xml::Element* list) {
    std::vector<const xml::Element*> out;
    if (list) {
        for (const auto& c : list->children) out.push_back(&c);
    }
    return out;
}

std::optional<Date> optionalDate(const xml::Element& e, const char* name) {
    const std::string text = e.childText(name);
    return text.empty() ? std::nullopt : std::optional<Date>(parseDate(text));
}

// The lists of a request (WMO317 Verzoek): each becomes a JSON array of its items, however many
// there are, so that every item is kept (an object keyed by element name kept only the last).
bool isProductList(const std::string& name) {
    return name == "OngewijzigdeProducten" || name == "TeWijzigenProducten" ||
           name == "NieuweProducten";
}

Poco::JSON::Object::Ptr elementJson(const xml::Element& e) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    for (const auto& c : e.children) {
        if (isProductList(c.name)) {
            Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
            for (const auto& item : c.children) items->add(elementJson(item));
            o->set(c.name, items);
        } else if (c.children.empty()) {
            o->set(c.name, c.text);
        } else {
            o->set(c.name, elementJson(c));
        }
    }
    return o;
}

std::string jsonText(const Poco::JSON::Object::Ptr& o) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(Poco::Dynamic::Var(o), out);
    return out.str();
}

contracting::CareItem careItem(const xml::Element& p, bool stop) {
    contracting::CareItem item;
    item.allocation_number = p.childText("ToewijzingNummer");
    item.status = p.childText("StatusAanlevering");
    item.begin = parseDate(p.childText("Begindatum"));
    if (const auto* prod = p.child("Product")) {
        item.product =
            contracting::CareProduct{prod->childText("Categorie"), prod->childText("Code")};
    }
    item.allocation_start = p.childText("ToewijzingIngangsdatum");
    if (stop) {
        item.end = parseDate(p.childText("Einddatum"));
        item.reason = p.childText("RedenBeeindiging");
    }
    return item;
}

}  // namespace

ClassCodes placeCodes(const contracting::PlacedCodes& codes, const CodeTargets& t) {
    using P = contracting::CodePlace;
    ClassCodes out;
    for (const auto& c : codes) {
        const xml::Element* e = nullptr;
        switch (c.place) {
            case P::Client:
                e = t.client;
                break;
            case P::Request:
                e = t.request;
                break;
            case P::Item:
                e = t.items.at(c.index);
                break;
            case P::Unchanged:
                e = t.unchanged.at(c.index);
                break;
            case P::Change:
                e = t.changes.at(c.index);
                break;
            case P::New:
                e = t.new_products.at(c.index);
                break;
        }
        out[e].push_back(c.code);
    }
    return out;
}

Date dagtekeningOf(const xml::Element& root) {
    return parseDate(root.find("Header/BerichtIdentificatie/Dagtekening")->text);
}

ReceivedCareReport readCareReport(const xml::Element& root, bool stop) {
    ReceivedCareReport r;
    const auto& client = *root.child("Client");
    r.report.stop = stop;
    r.report.recipient = root.child("Header")->childText("Ontvanger");
    r.report.bsn = client.childText("Bsn");
    r.targets.client = &client;
    r.targets.items = listItems(client, stop ? "StopProducten" : "StartProducten",
                                stop ? "StopProduct" : "StartProduct");
    for (const auto* p : r.targets.items) r.report.items.push_back(careItem(*p, stop));
    return r;
}

ReceivedAllocationRequest readAllocationRequest(const xml::Element& root,
                                                const std::string& municipality) {
    ReceivedAllocationRequest r;
    const auto& client = *root.child("Client");
    r.request.bsn = client.childText("Bsn");
    r.request.municipality_code = municipality;
    r.targets.client = &client;
    r.targets.items = listItems(client, "AangevraagdeProducten", "AangevraagdProduct");
    for (const auto* p : r.targets.items) {
        auto summary = elementJson(*p);
        summary->set("client_name", client.find("Naam/Geslachtsnaam/Achternaam")->text);
        summary->set("birth_date", client.find("Geboortedatum/Datum")->text);
        r.request.items.push_back({p->childText("ReferentieAanbieder"), jsonText(summary)});
    }
    return r;
}

ReceivedChangeRequest readChangeRequest(const xml::Element& root, const std::string& municipality) {
    ReceivedChangeRequest r;
    const auto& client = *root.child("Client");
    const auto& v = *client.child("Verzoek");
    auto& q = r.request;
    q.bsn = client.childText("Bsn");
    q.municipality_code = municipality;
    q.dagtekening = dagtekeningOf(root);
    q.reference = v.childText("ReferentieAanbieder");
    q.summary_json = jsonText(elementJson(v));
    r.targets = {&client,
                 &v,
                 {},
                 children(v.child("OngewijzigdeProducten")),
                 children(v.child("TeWijzigenProducten")),
                 children(v.child("NieuweProducten"))};
    for (const auto* p : r.targets.unchanged) {
        q.unchanged.push_back(std::stoll(p->childText("ToewijzingNummer")));
    }
    for (const auto* p : r.targets.changes) {
        q.changes.push_back(
            {std::stoll(p->childText("ToewijzingNummer")), p->child("Omvang") != nullptr,
             parseDate(p->childText("GewensteIngangsdatum")), optionalDate(*p, "Einddatum")});
    }
    for (const auto* p : r.targets.new_products) {
        const auto* prod = p->child("Product");
        q.new_products.push_back({prod ? prod->childText("Categorie") : std::string(),
                                  prod ? prod->childText("Code") : std::string(),
                                  parseDate(p->childText("GewensteIngangsdatum")),
                                  optionalDate(*p, "Einddatum")});
    }
    return r;
}

}  // namespace zc::iwmo
