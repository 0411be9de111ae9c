#include "interfaces/iwmo/ggk_soap.hpp"

#include <utility>

namespace zc::iwmo {
namespace {

StufAnswerHeader answerOf(const xml::Element& bericht) {
    const xml::Element* s = bericht.child("stuurgegevens");
    return {ggkSystemOf(s->child("zender")), ggkSystemOf(s->child("ontvanger")),
            s->childText("referentienummer"), s->childText("tijdstipBericht"),
            s->childText("crossRefnummer")};
}

StufFault faultOf(const xml::Element& bericht) {
    const xml::Element* b = bericht.child("body");
    return {b->childText("code"), b->childText("plek") == "client", b->childText("omschrijving"),
            b->childText("details")};
}

// The message of a body element that passed the schemas.
std::optional<GgkSoapMessage> messageOf(const xml::Element& body) {
    GgkSoapMessage m;
    if (body.ns == kGgkNamespace) {
        m.kind =
            body.name == "envelopRetourbericht-ggk_Du01" ? GgkSoapKind::Du01 : GgkSoapKind::Di01;
        m.envelope = ggkEnvelopeOf(body);
        return m;
    }
    const xml::Element* bericht = &body;
    if (body.ns == kSoap11Namespace && body.name == "Fault") {
        const xml::Element* detail = body.child("detail");
        bericht = detail ? detail->child("Fo03Bericht") : nullptr;
        if (!bericht) return std::nullopt;  // a Fault without our Fo03: not a GGk answer
    }
    if (bericht->ns != kStufNamespace) return std::nullopt;
    if (bericht->name == "Bv03Bericht") {
        m.kind = GgkSoapKind::Bv03;
    } else if (bericht->name == "Fo01Bericht") {
        m.kind = GgkSoapKind::Fo01;
    } else if (bericht->name == "Fo03Bericht") {
        m.kind = GgkSoapKind::Fo03;
    } else {
        return std::nullopt;
    }
    m.answer = answerOf(*bericht);
    if (m.kind != GgkSoapKind::Bv03) m.fault = faultOf(*bericht);
    return m;
}

}  // namespace

GgkSoapRead readGgkSoap(const xml::SchemaSet& schemas, std::string_view text,
                        const xml::Limits& limits) {
    GgkSoapRead result;
    auto parsed = xml::parseAndValidate(schemas, text, limits);
    if (!parsed.ok()) {
        result.problems = std::move(parsed.problems);
        return result;
    }
    const xml::Element* body =
        parsed.root->ns == kSoap11Namespace ? parsed.root->child("Body") : nullptr;
    if (body && !body->children.empty()) result.message = messageOf(body->children.front());
    if (!result.message) {
        result.problems.push_back({"XML_UNKNOWN_NAMESPACE",
                                   "not a SOAP envelope carrying a GGk envelope or a StUF answer",
                                   1, 1});
    }
    return result;
}

}  // namespace zc::iwmo
