// Intake of provider messages: control levels, exactly-once registration and the retour.
#include <Poco/JSON/Object.h>

#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include "context.hpp"
#include "contracting/app/provider_queries.hpp"
#include "contracting/kernel/bsn.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/iwmo/exchange/wmo323_intake.hpp"
#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/iwmo/writers.hpp"
#include "interfaces/security/crypto.hpp"
#include "messages.hpp"
#include "messages_internal.hpp"

namespace zc::app {
namespace {

std::shared_ptr<const xml::SchemaSet> g_schemas;
std::shared_ptr<const xml::SchemaSet> g_outgoing_schemas;
xml::Limits g_limits;
std::mutex g_schemas_mutex;

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

// The received message's identity; inbox_id is set once it is registered.
using Received = MessageInfo;

Received identify(RequestContext& ctx, const xml::Element& root, const std::string& sender_agb) {
    Received r{&root, iwmo::kindByNamespace(root.ns), {}, {}, {}, {}, 0, 0};
    if (!r.kind || !r.kind->from_provider) {
        technicalError("MESSAGE_NOT_ACCEPTED",
                       "Only WMO302, 305, 307, 315, 317 and 320 are accepted from providers.");
    }
    // A retour (302/320) keeps the heen-message's Afzender (us) and Ontvanger (the provider).
    const bool retour = r.kind->name == "wmo302" || r.kind->name == "wmo320";
    r.sender = root.child("Header")->childText(retour ? "Ontvanger" : "Afzender");
    r.recipient = root.child("Header")->childText(retour ? "Afzender" : "Ontvanger");
    r.identificatie = root.find("Header/BerichtIdentificatie/Identificatie")->text;
    r.dagtekening = parseDate(root.find("Header/BerichtIdentificatie/Dagtekening")->text);
    r.provider_id = checkSender(ctx, r.sender, r.recipient, sender_agb);
    return r;
}

}  // namespace

void technicalError(const std::string& code, const std::string& message) {
    throw ValidationError(code, message, "");
}

std::int64_t checkSender(RequestContext& ctx, const std::string& header_sender,
                         const std::string& recipient, const std::string& certificate_agb) {
    if (header_sender != certificate_agb) {
        technicalError("AGB_MISMATCH", "The provider " + header_sender +
                                           " in the header differs from the AGB "
                                           "code " +
                                           certificate_agb + " of your client certificate.");
    }
    const auto provider_id = contracting::knownProviderId(ctx.db, certificate_agb);
    if (!ctx.db.queryOne("SELECT code FROM municipalities WHERE code = ?", {recipient})) {
        technicalError("WRONG_RECIPIENT", "Ontvanger " + recipient +
                                              " is not a municipality served by this platform.");
    }
    return provider_id;
}

std::optional<IntakeAnswer> registerInbox(RequestContext& ctx, const InboxKey& key,
                                          std::int64_t provider_id, const std::string& sha,
                                          std::int64_t& inbox_id) {
    try {
        ctx.db.execute(
            "INSERT INTO inbox_messages (sender_agb, provider_id, message_code, identificatie,"
            " dagtekening, content_sha256, received_at, outcome) VALUES "
            "(?,?,?,?,?,?,?,'processing')",
            {key.sender, provider_id, key.kind->code, key.identificatie,
             formatDate(key.dagtekening), sha, timestamp(ctx.clock)});
        inbox_id = ctx.db.lastInsertId();
        return std::nullopt;
    } catch (const db::DbError& e) {
        if (!e.isDuplicateKey()) throw;
    }
    // A concurrent duplicate blocked on the unique key until the first committed: a repeat.
    auto row = ctx.db.queryOne(
        "SELECT content_sha256, retour_xml, outcome FROM inbox_messages"
        " WHERE sender_agb = ? AND message_code = ? AND identificatie = ?",
        {key.sender, key.kind->code, key.identificatie});
    if (!row) {
        technicalError("MESSAGE_BEING_PROCESSED", "The message is being processed; send it again.");
    }
    if (row->str(0) != sha) {
        technicalError("DUPLICATE_IDENTIFICATION",
                       "BerichtIdentificatie " + key.identificatie +
                           " was used before for another message of this type (retourcode "
                           "9056); use a new identification.");
    }
    if (row->isNull(1)) return ackAnswer(key.kind->name, row->str(2), true);
    return IntakeAnswer{200, "application/xml; charset=utf-8", row->str(1)};
}

void setMessageSchemas(std::shared_ptr<const xml::SchemaSet> schemas, xml::Limits limits) {
    std::lock_guard lock(g_schemas_mutex);
    g_schemas = std::move(schemas);
    g_limits = limits;
}

const xml::SchemaSet& messageSchemas() {
    std::lock_guard lock(g_schemas_mutex);
    if (!g_schemas) throw std::runtime_error("message schemas are not loaded");
    return *g_schemas;
}

xml::Limits messageLimits() {
    std::lock_guard lock(g_schemas_mutex);
    return g_limits;
}

void setOutgoingSchemas(std::shared_ptr<const xml::SchemaSet> schemas) {
    std::lock_guard lock(g_schemas_mutex);
    g_outgoing_schemas = std::move(schemas);
}

const xml::SchemaSet& outgoingSchemas() {
    std::lock_guard lock(g_schemas_mutex);
    if (!g_outgoing_schemas) throw std::runtime_error("outgoing message schemas are not loaded");
    return *g_outgoing_schemas;
}

void refuseByteOrderMark(std::string_view head) {
    const auto starts = [&](std::string_view bom) { return head.substr(0, bom.size()) == bom; };
    if (starts("\xEF\xBB\xBF") || starts("\xFE\xFF") || starts("\xFF\xFE")) {
        technicalError("XML_BYTE_ORDER_MARK",
                       "The message starts with a byte-order mark (BOM); iWmo messages are UTF-8 "
                       "without one (OP192). Remove it and send the message again.");
    }
}

IntakeAnswer ackAnswer(const std::string& kind_name, const std::string& outcome, bool repeat) {
    Poco::JSON::Object o;
    o.set("message", kind_name);
    o.set("outcome", outcome);
    o.set("repeat", repeat);
    return {200, "application/json; charset=utf-8", toJson(Poco::Dynamic::Var(o))};
}

IntakeAnswer receiveMessage(RequestContext& ctx, const std::string& sender_agb,
                            std::string_view xml) {
    refuseByteOrderMark(xml);
    // Declarations take the streaming path.
    if (iwmo::looksLikeDeclaration(xml)) {
        return iwmo::receiveDeclaration(ctx, sender_agb,
                                        iwmo::DeclarationSource::text(std::string(xml)), false);
    }
    const auto parsed = xml::parseAndValidate(messageSchemas(), xml, g_limits);
    const xml::Element& root = validated(parsed);
    const std::string sha = security::sha256Hex(xml);
    db::Transaction tx(ctx.db);
    const Received r = identify(ctx, root, sender_agb);
    std::int64_t inbox_id = 0;
    if (auto repeat = registerInbox(ctx, {r.kind, r.sender, r.identificatie, r.dagtekening},
                                    r.provider_id, sha, inbox_id)) {
        tx.commit();
        return *repeat;
    }
    Received info = r;
    info.inbox_id = inbox_id;
    const Outcome outcome = processMessage(ctx, info);
    const bool has_retour = !outcome.retour_xml.empty();
    ctx.db.execute(
        "UPDATE inbox_messages SET outcome = ?, retour_code = ?, retour_xml = ? WHERE id = ?",
        {outcome.outcome,
         has_retour ? db::Param(iwmo::kindByName(r.kind->retour_name).code) : db::Param(nullptr),
         has_retour ? db::Param(outcome.retour_xml) : db::Param(nullptr), inbox_id});
    appendAudit(
        ctx, {"message.receive", "message", r.sender + "/" + r.kind->code + "/" + r.identificatie,
              outcome.outcome, std::nullopt, std::nullopt});
    tx.commit();
    if (!has_retour) return ackAnswer(r.kind->name, outcome.outcome, false);
    return {200, "application/xml; charset=utf-8", outcome.retour_xml};
}

bool validateMessageFile(const std::string& path, std::vector<std::string>& problems) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problems.push_back("XML_UNREADABLE: cannot read " + path);
        return false;
    }
    std::string head(iwmo::kSniffBytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    try {
        refuseByteOrderMark(head);
    } catch (const ValidationError& e) {
        problems.push_back(e.code() + ": " + e.what());
        return false;
    }
    if (iwmo::looksLikeDeclaration(head)) {
        problems = iwmo::declarationProblems(iwmo::DeclarationSource::file(path));
        return problems.empty();
    }
    std::ostringstream whole;
    whole << head << in.rdbuf();
    const std::string xml = whole.str();
    const auto parsed = xml::parseAndValidate(messageSchemas(), xml, g_limits);
    for (const auto& p : parsed.problems) {
        problems.push_back(p.code + " at line " + std::to_string(p.line) + ", column " +
                           std::to_string(p.column) + ": " + p.message);
    }
    if (!parsed.ok()) return false;
    const auto* kind = iwmo::kindByNamespace(parsed.root->ns);
    if (!kind) {
        problems.push_back("XML_UNKNOWN_NAMESPACE: not an iWmo 3.2 message");
        return false;
    }
    for (const auto& f : levelTwoProblems(*parsed.root, *kind)) problems.push_back(f);
    return problems.empty();
}

}  // namespace zc::app
