#include "message_intake.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "contracting/app/care_starts.hpp"
#include "contracting/app/message_intake.hpp"
#include "contracting/app/provider_outbox.hpp"
#include "contracting/app/received_requests.hpp"
#include "contracting/app/retour_verdicts.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/iwmo/exchange/message_rules.hpp"
#include "interfaces/iwmo/exchange/message_schemas.hpp"
#include "interfaces/iwmo/exchange/received_messages.hpp"
#include "interfaces/iwmo/exchange/wmo323_intake.hpp"
#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/iwmo/writers.hpp"
#include "interfaces/security/crypto.hpp"

namespace zc::iwmo {
namespace {

// Not processable: schema, namespace, direction. Nothing is stored and no retour is made.
const xml::Element& validated(const xml::ParseResult& parsed) {
    if (!parsed.ok()) {
        const auto& p = parsed.problems.front();
        technicalError(p.code, "The message is not processable: " + p.message + " (line " +
                                   std::to_string(p.line) + ", column " + std::to_string(p.column) +
                                   ").");
    }
    return *parsed.root;
}

// The received message's kind and header.
struct Identified {
    const MessageKind* kind = nullptr;
    contracting::ReceivedMessage header;
};

Identified identify(const xml::Element& root, const std::string& sha) {
    Identified r{kindByNamespace(root.ns), {}};
    if (!r.kind || !r.kind->from_provider) {
        technicalError("MESSAGE_NOT_ACCEPTED",
                       "Only WMO302, 305, 307, 315, 317 and 320 are accepted from providers.");
    }
    if (r.kind->name == "wmo323") throw std::logic_error("a WMO323 takes the declaration intake");
    // A retour (302/320) keeps the heen-message's Afzender (us) and Ontvanger (the provider).
    const bool retour = r.kind->name == "wmo302" || r.kind->name == "wmo320";
    auto& h = r.header;
    h.key.sender_agb = root.child("Header")->childText(retour ? "Ontvanger" : "Afzender");
    h.recipient = root.child("Header")->childText(retour ? "Afzender" : "Ontvanger");
    h.key.message_code = r.kind->code;
    h.key.identificatie = root.find("Header/BerichtIdentificatie/Identificatie")->text;
    h.key.dagtekening = dagtekeningOf(root);
    h.retour_code = r.kind->retour_name.empty() ? "" : kindByName(r.kind->retour_name).code;
    h.content_sha256 = sha;
    return r;
}

void collectCodes(const xml::Element& e, std::set<std::string>& out) {
    if (e.name == "RetourCode") out.insert(e.text);
    for (const auto& c : e.children) collectCodes(c, out);
}

// The intake's MessageContent port: the control levels, the use case of the message's kind and
// the retour.
class ReceivedContent final : public contracting::MessageContent {
  public:
    ReceivedContent(const xml::Element& root, const Identified& id) : root_(root), id_(id) {}

    contracting::ContentOutcome process(app::RequestContext& ctx,
                                        const contracting::RegisteredMessage& m) override {
        const std::string& kind = id_.kind->name;
        if (kind == "wmo302") return verdict(ctx, m, "414");
        if (kind == "wmo320") return verdict(ctx, m, "482");
        if (!levelTwoProblems(root_, *id_.kind).empty()) return rejected(ctx, {}, true);
        if (kind == "wmo305" || kind == "wmo307") {
            const auto r = readCareReport(root_, kind == "wmo307");
            return answer(ctx, contracting::receiveCareReport(ctx, m, r.report), r.targets);
        }
        if (kind == "wmo315") {
            const auto r = readAllocationRequest(root_, id_.header.recipient);
            return answer(ctx, contracting::receiveAllocationRequest(ctx, m, r.request), r.targets);
        }
        const auto r = readChangeRequest(root_, id_.header.recipient);
        return answer(ctx, contracting::receiveChangeRequest(ctx, m, r.request), r.targets);
    }

  private:
    // WMO302 / WMO320: the provider's verdict on our 301 / 319; no retour.
    contracting::ContentOutcome verdict(app::RequestContext& ctx,
                                        const contracting::RegisteredMessage& m,
                                        const std::string& original_code) {
        std::set<std::string> codes;
        collectCodes(root_, codes);
        return {
            contracting::recordVerdict(ctx, m, original_code, id_.header.key.identificatie, codes),
            ""};
    }

    // Level 3 rejects the whole message: the retour carries the client with its codes on every
    // class, 0200 on the classes without one (OP065, IV028). A fully accepted message: the
    // retour is only the Header, without RetourCodes.
    contracting::ContentOutcome answer(app::RequestContext& ctx,
                                       const contracting::PlacedCodes& codes,
                                       const CodeTargets& targets) {
        if (!codes.empty()) return rejected(ctx, placeCodes(codes, targets), false);
        RetourHeader h{contracting::nextIdentificatie(ctx), ctx.today(), {}};
        return {"accepted", buildRetour(root_, *id_.kind, h, {}, false)};
    }

    contracting::ContentOutcome rejected(app::RequestContext& ctx, const ClassCodes& codes,
                                         bool header_only) {
        RetourHeader h{contracting::nextIdentificatie(ctx),
                       ctx.today(),
                       {header_only ? std::string("0001") : std::string("0200")}};
        return {header_only ? "rejected_header" : "rejected",
                buildRetour(root_, *id_.kind, h, codes, header_only)};
    }

    const xml::Element& root_;
    const Identified& id_;
};

}  // namespace

IntakeAnswer receiveMessage(app::RequestContext& ctx, const std::string& sender_agb,
                            std::string_view xml) {
    refuseByteOrderMark(xml);
    const auto parsed = xml::parseAndValidate(messageSchemas(), xml, messageLimits());
    const xml::Element& root = validated(parsed);
    const Identified id = identify(root, security::sha256Hex(xml));
    ReceivedContent content(root, id);
    auto r = contracting::receiveMessage(ctx, id.header, sender_agb, content);
    return storedAnswer(id.kind->name, r.outcome, std::move(r.retour_xml), r.repeat);
}

bool validateMessageFile(const std::string& path, std::vector<std::string>& problems) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problems.push_back("XML_UNREADABLE: cannot read " + path);
        return false;
    }
    std::string head(kSniffBytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    try {
        refuseByteOrderMark(head);
    } catch (const ValidationError& e) {
        problems.push_back(e.code() + ": " + e.what());
        return false;
    }
    if (looksLikeDeclaration(head)) {
        problems = declarationProblems(DeclarationSource::file(path));
        return problems.empty();
    }
    std::ostringstream whole;
    whole << head << in.rdbuf();
    const std::string xml = whole.str();
    const auto parsed = xml::parseAndValidate(messageSchemas(), xml, messageLimits());
    for (const auto& p : parsed.problems) {
        problems.push_back(p.code + " at line " + std::to_string(p.line) + ", column " +
                           std::to_string(p.column) + ": " + p.message);
    }
    if (!parsed.ok()) return false;
    const auto* kind = kindByNamespace(parsed.root->ns);
    if (!kind) {
        problems.push_back("XML_UNKNOWN_NAMESPACE: not an iWmo 3.2 message");
        return false;
    }
    for (const auto& f : levelTwoProblems(*parsed.root, *kind)) problems.push_back(f);
    return problems.empty();
}

}  // namespace zc::iwmo
