// The control levels of received messages and their effect (iwmo-3.2.md §9, §10).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <set>

#include "context.hpp"
#include "contracting/app/allocations.hpp"
#include "contracting/app/clients.hpp"
#include "contracting/app/provider_outbox.hpp"
#include "contracting/kernel/bsn.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/working_days.hpp"
#include "interfaces/security/bsn_protection.hpp"
#include "messages_internal.hpp"

namespace zc::app {
namespace {

using Codes = iwmo::ClassCodes;

const xml::Element& client(const MessageInfo& m) { return *m.root->child("Client"); }

std::vector<const xml::Element*> products(const xml::Element& c, const char* list,
                                          const char* item) {
    const auto* l = c.child(list);
    return l ? l->all(item) : std::vector<const xml::Element*>{};
}

void add(Codes& codes, const xml::Element* e, const std::string& code) { codes[e].push_back(code); }

// --- level 2 -----------------------------------------------------------------------------

void checkBsns(const xml::Element& e, std::vector<std::string>& out) {
    if (e.name == "Bsn") {
        try {
            Bsn::parse(e.text);
        } catch (const ValidationError&) {
            out.push_back("0001 at line " + std::to_string(e.line) + ": BSN " + e.text +
                          " fails the elfproef");
        }
    }
    for (const auto& c : e.children) checkBsns(c, out);
}

void checkStartStop(const xml::Element& root, const iwmo::MessageKind& kind,
                    std::vector<std::string>& out) {
    const bool stop = kind.name == "wmo307";
    const Date dagtekening = parseDate(root.find("Header/BerichtIdentificatie/Dagtekening")->text);
    std::set<std::string> keys;
    for (const auto* p : products(*root.child("Client"), stop ? "StopProducten" : "StartProducten",
                                  stop ? "StopProduct" : "StartProduct")) {
        const std::string where = " at line " + std::to_string(p->line);
        const std::string status = p->childText("StatusAanlevering");
        if (status != "1" && status != "3") {
            out.push_back("0001" + where + ": StatusAanlevering must be 1 or 3");
        }
        const Date begin = parseDate(p->childText("Begindatum"));
        if (dagtekening < begin) out.push_back("0001" + where + ": Begindatum after Dagtekening");
        if (stop) {
            const Date end = parseDate(p->childText("Einddatum"));
            if (end < begin) out.push_back("0001" + where + ": Einddatum before Begindatum");
            if (dagtekening < end) out.push_back("0001" + where + ": Einddatum after Dagtekening");
        }
        if (!keys.insert(p->childText("ToewijzingNummer") + "/" + p->childText("Begindatum") + "/" +
                         status)
                 .second) {
            out.push_back("0001" + where + ": the same key appears twice in the message");
        }
    }
}

void checkRequests(const xml::Element& root, const iwmo::MessageKind& kind,
                   std::vector<std::string>& out) {
    if (kind.name == "wmo315") {
        std::set<std::string> refs;
        for (const auto* p :
             products(*root.child("Client"), "AangevraagdeProducten", "AangevraagdProduct")) {
            if (!refs.insert(p->childText("ReferentieAanbieder")).second) {
                out.push_back("0001 at line " + std::to_string(p->line) +
                              ": ReferentieAanbieder used twice in the message");
            }
        }
    } else if (kind.name == "wmo317") {
        const auto& v = *root.find("Client/Verzoek");
        if (!v.child("OngewijzigdeProducten") && !v.child("TeWijzigenProducten")) {
            out.push_back("0001: a request for a change lists no current allocation");
        }
        if (!v.child("TeWijzigenProducten") && !v.child("NieuweProducten")) {
            out.push_back("0001: a request for a change asks for no change");
        }
    }
}

// --- helpers for level 3 -----------------------------------------------------------------

// The current allocation a start or stop names, if any (ToewijzingNummer as written).
std::optional<contracting::AllocationView> allocationFor(RequestContext& ctx,
                                                         const std::string& number) {
    if (number.empty() || number.size() > 9) return std::nullopt;
    return contracting::allocationByNumber(ctx.db, std::stoll(number));
}

// TR019: the start/stop relates to this provider's allocation of this client, with the same
// product and allocation start date when those are given.
bool linksToAllocation(const std::optional<contracting::AllocationView>& a, const MessageInfo& m,
                       std::optional<std::int64_t> client_id, const xml::Element& p) {
    if (!a || a->provider_id != m.provider_id || !client_id || a->client_id != *client_id) {
        return false;
    }
    if (const auto* prod = p.child("Product")) {
        if (prod->childText("Categorie") != a->category) return false;
        const std::string code = prod->childText("Code");
        if (!code.empty() && code != a->product_code) return false;
    }
    const std::string start = p.childText("ToewijzingIngangsdatum");
    return start.empty() || start == formatDate(a->start_date);
}

Outcome rejectedOutcome(RequestContext& ctx, const MessageInfo& m, const Codes& codes,
                        bool header_only) {
    iwmo::RetourHeader h{contracting::nextIdentificatie(ctx),
                         ctx.today(),
                         {header_only ? std::string("0001") : std::string("0200")}};
    return {header_only ? "rejected_header" : "rejected",
            iwmo::buildRetour(*m.root, *m.kind, h, codes, header_only)};
}

// A fully accepted message: the retour is only the Header, without RetourCodes (IV028; OP065:
// no client without a rejected class is sent back).
Outcome acceptedOutcome(RequestContext& ctx, const MessageInfo& m) {
    iwmo::RetourHeader h{contracting::nextIdentificatie(ctx), ctx.today(), {}};
    return {"accepted", iwmo::buildRetour(*m.root, *m.kind, h, {}, false)};
}

// Level 3 rejects the whole message: the retour carries the client with its codes on every
// class, 0200 on the classes without one (OP065, IV028).
bool hasErrors(const Codes& codes) { return iwmo::rejectsAClass(codes); }

std::optional<std::int64_t> clientIdOf(RequestContext& ctx, const MessageInfo& m) {
    return contracting::findClientIdByBsn(ctx.db, ctx.config, client(m).childText("Bsn"));
}

// --- WMO305 start ------------------------------------------------------------------------

std::optional<db::Row> startRow(RequestContext& ctx, std::int64_t number,
                                const std::string& begin) {
    return ctx.db.queryOne(
        "SELECT id, state, stop_date FROM care_starts WHERE allocation_number = ? AND begin_date = "
        "?"
        " AND state <> 'deleted' FOR UPDATE",
        {number, begin});
}

std::string checkStart(RequestContext& ctx, const MessageInfo& m, std::optional<std::int64_t> cid,
                       const xml::Element& p) {
    const auto a = allocationFor(ctx, p.childText("ToewijzingNummer"));
    if (!linksToAllocation(a, m, cid, p)) return "9019";
    const std::string begin = p.childText("Begindatum");
    if (ctx.today() < parseDate(begin)) return "8848";
    const auto existing = startRow(ctx, a->number, begin);
    if (p.childText("StatusAanlevering") == "3") {
        if (!existing) return "9063";
        return existing->str(1) == "current" ? "" : "9071";
    }
    if (existing) return "9074";
    if (ctx.db.queryOne(
            "SELECT id FROM care_starts WHERE allocation_number = ? AND state = 'current'",
            {a->number})) {
        return "9326";
    }
    return "";
}

void applyStart(RequestContext& ctx, const MessageInfo& m, const xml::Element& p) {
    const auto number = std::stoll(p.childText("ToewijzingNummer"));
    const std::string begin = p.childText("Begindatum");
    if (p.childText("StatusAanlevering") == "3") {
        ctx.db.execute(
            "UPDATE care_starts SET state = 'deleted' WHERE allocation_number = ?"
            " AND begin_date = ? AND state = 'current'",
            {number, begin});
        return;
    }
    ctx.db.execute(
        "INSERT INTO care_starts (allocation_number, provider_id, begin_date, state, "
        "start_message_id)"
        " VALUES (?, ?, ?, 'current', ?)",
        {number, m.provider_id, begin, m.inbox_id});
}

// --- WMO307 stop -------------------------------------------------------------------------

// The retourcodes of a stop, in the order of the rule table. TR074 (9074): a stop with
// StatusAanlevering 1 whose key (ToewijzingNummer, Begindatum, Einddatum) equals the stop on
// record was received before; TR413/TR415 say what may follow a stop.
std::vector<std::string> checkStop(RequestContext& ctx, const MessageInfo& m,
                                   std::optional<std::int64_t> cid, const xml::Element& p) {
    const auto a = allocationFor(ctx, p.childText("ToewijzingNummer"));
    if (!linksToAllocation(a, m, cid, p)) return {"9019"};
    const auto existing = startRow(ctx, a->number, p.childText("Begindatum"));
    if (!existing) return {"9069"};
    const std::string state = existing->str(1);
    if (p.childText("StatusAanlevering") == "3") {
        return state == "current" ? std::vector<std::string>{"9063"} : std::vector<std::string>{};
    }
    const Date end = parseDate(p.childText("Einddatum"));
    if (ctx.today() < end) return {"8848"};
    std::vector<std::string> codes;
    if (state != "current" && !existing->isNull(2) && parseDate(existing->str(2)) == end) {
        codes.push_back("9074");
    }
    if (state == "stopped") codes.push_back("9415");
    if (state == "stopped_temporary") {
        if (p.childText("RedenBeeindiging") == "20") {
            codes.push_back("9413");
        } else if (end < parseDate(existing->str(2))) {
            codes.push_back("9414");
        }
    }
    return codes;
}

void applyStop(RequestContext& ctx, const MessageInfo& m, const xml::Element& p) {
    const auto number = std::stoll(p.childText("ToewijzingNummer"));
    const std::string begin = p.childText("Begindatum");
    if (p.childText("StatusAanlevering") == "3") {
        ctx.db.execute(
            "UPDATE care_starts SET state = 'current', stop_date = NULL, stop_reason = NULL,"
            " stop_message_id = NULL WHERE allocation_number = ? AND begin_date = ?"
            " AND state IN ('stopped','stopped_temporary')",
            {number, begin});
        return;
    }
    const std::string reason = p.childText("RedenBeeindiging");
    ctx.db.execute(
        "UPDATE care_starts SET state = ?, stop_date = ?, stop_reason = ?, stop_message_id = ?"
        " WHERE allocation_number = ? AND begin_date = ? AND state IN "
        "('current','stopped_temporary')",
        {std::string(reason == "20" ? "stopped_temporary" : "stopped"), p.childText("Einddatum"),
         reason, m.inbox_id, number, begin});
}

Outcome processStartStop(RequestContext& ctx, const MessageInfo& m, bool stop) {
    const auto cid = clientIdOf(ctx, m);
    const auto items = products(client(m), stop ? "StopProducten" : "StartProducten",
                                stop ? "StopProduct" : "StartProduct");
    Codes codes;
    for (const auto* p : items) {
        if (stop) {
            for (const auto& code : checkStop(ctx, m, cid, *p)) add(codes, p, code);
        } else if (const std::string code = checkStart(ctx, m, cid, *p); !code.empty()) {
            add(codes, p, code);
        }
    }
    if (hasErrors(codes)) return rejectedOutcome(ctx, m, codes, false);
    for (const auto* p : items) stop ? applyStop(ctx, m, *p) : applyStart(ctx, m, *p);
    return acceptedOutcome(ctx, m);
}

// --- WMO315 / WMO317 requests ------------------------------------------------------------

bool referenceUsed(RequestContext& ctx, const MessageInfo& m, const std::string& ref) {
    return ctx.db
        .queryOne(
            "SELECT id FROM allocation_requests WHERE provider_id = ? AND referentie_aanbieder = ?",
            {m.provider_id, ref})
        .has_value();
}

bool openRequestExists(RequestContext& ctx, const MessageInfo& m, const std::string& hash) {
    return ctx.db
        .queryOne(
            "SELECT id FROM allocation_requests WHERE provider_id = ? AND bsn_hash = ?"
            " AND status IN ('open','in_onderzoek') FOR UPDATE",
            {m.provider_id, hash})
        .has_value();
}

void insertRequest(RequestContext& ctx, const MessageInfo& m, const std::string& ref,
                   std::optional<std::int64_t> cid, const std::string& hash,
                   const Poco::JSON::Object::Ptr& summary) {
    ctx.db.execute(
        "INSERT INTO allocation_requests (kind, provider_id, referentie_aanbieder,"
        " municipality_code, client_id, bsn_hash, summary_json, inbox_message_id, status,"
        " received_at, answer_due) VALUES (?,?,?,?,?,?,?,?,'open',?,?)",
        {m.kind->code == "444" ? std::string("315") : std::string("317"), m.provider_id, ref,
         m.recipient, cid ? db::Param(*cid) : db::Param(nullptr), hash, toJson(summary), m.inbox_id,
         timestamp(ctx.clock), formatDate(addWorkingDays(ctx.today(), 5))});
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

Outcome process315(RequestContext& ctx, const MessageInfo& m) {
    const std::string hash = security::bsnLookupHash(ctx.config, client(m).childText("Bsn"));
    const auto items = products(client(m), "AangevraagdeProducten", "AangevraagdProduct");
    Codes codes;
    if (openRequestExists(ctx, m, hash)) add(codes, &client(m), "9374");
    for (const auto* p : items) {
        if (referenceUsed(ctx, m, p->childText("ReferentieAanbieder"))) add(codes, p, "9347");
    }
    if (hasErrors(codes)) return rejectedOutcome(ctx, m, codes, false);
    const auto cid = clientIdOf(ctx, m);
    for (const auto* p : items) {
        auto summary = elementJson(*p);
        summary->set("client_name", client(m).find("Naam/Geslachtsnaam/Achternaam")->text);
        summary->set("birth_date", client(m).find("Geboortedatum/Datum")->text);
        insertRequest(ctx, m, p->childText("ReferentieAanbieder"), cid, hash, summary);
    }
    return acceptedOutcome(ctx, m);
}

std::set<std::int64_t> currentNumbers(RequestContext& ctx, std::int64_t client_id,
                                      std::int64_t provider_id) {
    std::set<std::int64_t> out;
    for (const auto& r : ctx.db.query("SELECT number FROM allocations WHERE client_id = ? AND "
                                      "provider_id = ? AND is_current = 1"
                                      " AND (end_date IS NULL OR end_date > ?)",
                                      {client_id, provider_id, formatDate(ctx.today())})) {
        out.insert(r.i64(0));
    }
    return out;
}

void check317Products(const xml::Element& v, const std::set<std::int64_t>& current, Codes& codes) {
    std::set<std::int64_t> listed;
    // TR350 (OngewijzigdProduct, 9350) and TR351 (TeWijzigenProduct, 9351): each names a
    // current allocation.
    for (const char* list : {"OngewijzigdeProducten", "TeWijzigenProducten"}) {
        const auto* l = v.child(list);
        if (!l) continue;
        const char* code = std::string_view(list) == "TeWijzigenProducten" ? "9351" : "9350";
        for (const auto& p : l->children) {
            const auto n = std::stoll(p.childText("ToewijzingNummer"));
            if (!current.count(n)) add(codes, &p, code);
            listed.insert(n);
        }
    }
    if (listed != current) add(codes, &v, "9349");
}

// The rules of a TeWijzigenProduct that need its current allocation: TR411 (the allocation has
// a product Code, so Omvang is required: 9411), TR357 (a change that does not lie in the future
// takes effect from the allocation's start: 9357) and TR373 (a change of a total over the
// allocation period does too: 9373).
void check317Changes(RequestContext& ctx, const MessageInfo& m, const xml::Element& v,
                     const std::set<std::int64_t>& current, Codes& codes) {
    const auto* list = v.child("TeWijzigenProducten");
    if (!list) return;
    for (const auto& p : list->children) {
        const auto n = std::stoll(p.childText("ToewijzingNummer"));
        if (!current.count(n)) continue;  // 9351
        const auto a = ctx.db.queryOne(
            "SELECT start_date, frequency FROM allocations WHERE number = ? AND is_current = 1",
            {n});
        if (!a) continue;
        if (!p.child("Omvang")) add(codes, &p, "9411");
        const Date wanted = parseDate(p.childText("GewensteIngangsdatum"));
        const Date start = parseDate(a->str(0));
        if (wanted <= m.dagtekening && wanted != start) add(codes, &p, "9357");
        if (a->str(1) == "total" && p.child("Omvang") && wanted != start) {
            add(codes, &p, "9373");
        }
    }
}

// A product a request for change asks for (TR361): its category, code (empty: the category as a
// whole) and care period [begin, end) (no end: open).
struct RequestedProduct {
    const xml::Element* element = nullptr;
    std::string category;
    std::string code;
    Date begin;
    std::optional<Date> end;
};

bool overlapAllowed(const std::string& category) {
    return category == "11" || category == "12" || category == "13" || category == "14";
}

// TR361: the same product (on the level of the category when a code is missing; an empty
// category is the same as any) with overlapping care periods.
bool sameProductOverlapping(const RequestedProduct& a, const RequestedProduct& b) {
    if (overlapAllowed(a.category) || overlapAllowed(b.category)) return false;
    if (!a.category.empty() && !b.category.empty()) {
        if (a.category != b.category) return false;
        if (!a.code.empty() && !b.code.empty() && a.code != b.code) return false;
    }
    return (!b.end || a.begin < *b.end) && (!a.end || b.begin < *a.end);
}

std::optional<Date> endAfter(const xml::Element& p, std::optional<Date> otherwise) {
    const std::string end = p.childText("Einddatum");
    return end.empty() ? otherwise : std::optional<Date>(addDays(parseDate(end), 1));
}

// The products of a Verzoek: an unchanged one with its allocation's period, one to change from
// its wished start to its (new) end, a new one as asked. Allocations that are not the client's
// current ones are 9350/9351 and left out here.
std::vector<RequestedProduct> requestedProducts(RequestContext& ctx, const xml::Element& v,
                                                const std::set<std::int64_t>& current) {
    std::vector<RequestedProduct> out;
    for (const char* list : {"OngewijzigdeProducten", "TeWijzigenProducten"}) {
        const auto* l = v.child(list);
        if (!l) continue;
        for (const auto& p : l->children) {
            const auto n = std::stoll(p.childText("ToewijzingNummer"));
            const auto a =
                current.count(n) ? contracting::allocationByNumber(ctx.db, n) : std::nullopt;
            if (!a) continue;
            if (std::string_view(list) == "OngewijzigdeProducten") {
                out.push_back({&p, a->category, a->product_code, a->start_date, a->end_date});
            } else {
                out.push_back({&p, a->category, a->product_code,
                               parseDate(p.childText("GewensteIngangsdatum")),
                               endAfter(p, a->end_date)});
            }
        }
    }
    if (const auto* l = v.child("NieuweProducten")) {
        for (const auto& p : l->children) {
            const auto* prod = p.child("Product");
            out.push_back({&p, prod ? prod->childText("Categorie") : std::string(),
                           prod ? prod->childText("Code") : std::string(),
                           parseDate(p.childText("GewensteIngangsdatum")),
                           endAfter(p, std::nullopt)});
        }
    }
    return out;
}

// TR361 (9361): a product appears more than once in a request only with care periods that do
// not overlap; the later of two overlapping ones gets the code.
void check317Overlaps(RequestContext& ctx, const xml::Element& v,
                      const std::set<std::int64_t>& current, Codes& codes) {
    const auto items = requestedProducts(ctx, v, current);
    for (std::size_t i = 1; i < items.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (sameProductOverlapping(items[j], items[i])) {
                add(codes, items[i].element, "9361");
                break;
            }
        }
    }
}

Outcome process317(RequestContext& ctx, const MessageInfo& m) {
    const std::string hash = security::bsnLookupHash(ctx.config, client(m).childText("Bsn"));
    const auto& v = *client(m).child("Verzoek");
    const auto cid = clientIdOf(ctx, m);
    Codes codes;
    // TR304: a request for change is about a client we know.
    if (!cid) add(codes, &client(m), "8187");
    if (openRequestExists(ctx, m, hash)) add(codes, &client(m), "9374");
    if (referenceUsed(ctx, m, v.childText("ReferentieAanbieder"))) add(codes, &v, "9347");
    const auto current = cid ? currentNumbers(ctx, *cid, m.provider_id) : std::set<std::int64_t>{};
    check317Products(v, current, codes);
    check317Changes(ctx, m, v, current, codes);
    check317Overlaps(ctx, v, current, codes);
    if (hasErrors(codes)) return rejectedOutcome(ctx, m, codes, false);
    insertRequest(ctx, m, v.childText("ReferentieAanbieder"), cid, hash, elementJson(v));
    return acceptedOutcome(ctx, m);
}

// --- WMO302 / WMO320: the provider's verdict on our 301 / 319 -----------------------------

void collectCodes(const xml::Element& e, std::set<std::string>& out) {
    if (e.name == "RetourCode") out.insert(e.text);
    for (const auto& c : e.children) collectCodes(c, out);
}

Outcome processVerdict(RequestContext& ctx, const MessageInfo& m,
                       const std::string& original_code) {
    std::set<std::string> codes;
    collectCodes(*m.root, codes);
    std::string joined;
    for (const auto& c : codes) joined += (joined.empty() ? "" : ",") + c;
    const auto n = ctx.db.execute(
        "UPDATE outbox_messages SET retour_received_at = ?, retour_codes = ?"
        " WHERE message_code = ? AND identificatie = ? AND provider_id = ?",
        {timestamp(ctx.clock), joined, original_code, m.identificatie, m.provider_id});
    if (n == 0) {
        throw ValidationError("UNKNOWN_ORIGINAL",
                              "No message " + m.identificatie + " of type " + original_code +
                                  " was sent to you; a retour must repeat its identification.",
                              "");
    }
    return {codes.count("0001") ? "retour_rejects" : "retour_accepts", ""};
}

}  // namespace

std::vector<std::string> levelTwoProblems(const xml::Element& root, const iwmo::MessageKind& kind) {
    std::vector<std::string> out;
    checkBsns(root, out);
    if (kind.name == "wmo305" || kind.name == "wmo307") checkStartStop(root, kind, out);
    checkRequests(root, kind, out);
    return out;
}

Outcome processMessage(RequestContext& ctx, const MessageInfo& m) {
    if (m.kind->name == "wmo302") return processVerdict(ctx, m, "414");
    if (m.kind->name == "wmo320") return processVerdict(ctx, m, "482");
    if (!levelTwoProblems(*m.root, *m.kind).empty()) return rejectedOutcome(ctx, m, {}, true);
    if (m.kind->name == "wmo305") return processStartStop(ctx, m, false);
    if (m.kind->name == "wmo307") return processStartStop(ctx, m, true);
    if (m.kind->name == "wmo315") return process315(ctx, m);
    return process317(ctx, m);
}

}  // namespace zc::app
