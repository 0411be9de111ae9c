// The work queue of requests (WMO315/317): grant (new WMO301), reject or "in onderzoek"
// (WMO319), and the deadlines of the standard.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <set>

#include "context.hpp"
#include "contracting/app/provider_outbox.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/http/allocations_api.hpp"
#include "interfaces/iwmo/exchange/outgoing.hpp"
#include "messages_internal.hpp"

namespace zc::app {
namespace {

constexpr const char* kRequestColumns =
    "SELECT r.id, r.kind, r.provider_id, p.agb, r.referentie_aanbieder, r.municipality_code,"
    " r.client_id, r.summary_json, r.status, r.received_at, r.answer_due, r.decision_due,"
    " r.decided_at, r.decided_by, r.reason_code, r.reason, r.bsn_hash"
    " FROM allocation_requests r JOIN providers p ON p.id = r.provider_id";

struct Request {
    std::int64_t id;
    std::string kind;
    std::int64_t provider_id;
    std::string agb;
    std::string referentie;
    std::string municipality;
    std::optional<std::int64_t> client_id;
    std::string status;
    std::string bsn_hash;
    std::string summary_json;
};

Poco::JSON::Object::Ptr requestJson(const db::Row& r, const Date& today) {
    auto o = newObject();
    o->set("id", r.i64(0));
    o->set("kind", "WMO" + r.str(1));
    o->set("provider_id", r.i64(2));
    o->set("provider_agb", r.str(3));
    o->set("referentie_aanbieder", r.str(4));
    o->set("municipality_code", r.str(5));
    setOptionalInt(o, "client_id", r.optI64(6));
    Poco::JSON::Parser parser;
    o->set("request", parser.parse(r.str(7)));
    o->set("status", r.str(8));
    o->set("received_at", isoTimestamp(r.str(9)));
    o->set("answer_due", r.str(10));
    setOptional(o, "decision_due", r.opt(11));
    setOptional(o, "decided_by", r.opt(13));
    setOptional(o, "reason_code", r.opt(14));
    setOptional(o, "reason", r.opt(15));
    const bool open = r.str(8) == "open";
    const bool investigating = r.str(8) == "in_onderzoek";
    o->set("overdue", (open && parseDate(r.str(10)) < today) ||
                          (investigating && !r.isNull(11) && parseDate(r.str(11)) < today));
    return o;
}

Request lockRequest(RequestContext& ctx, std::int64_t id) {
    auto r = ctx.db.queryOne(std::string(kRequestColumns) + " WHERE r.id = ? FOR UPDATE", {id});
    if (!r) notFound("Request " + std::to_string(id), "id");
    Request q{r->i64(0), r->str(1),    r->i64(2), r->str(3),  r->str(4),
              r->str(5), r->optI64(6), r->str(8), r->str(16), r->str(7)};
    if (q.status != "open" && q.status != "in_onderzoek") {
        throw ValidationError("REQUEST_DECIDED", "This request has been answered already.", "");
    }
    return q;
}

void queueWmo319(RequestContext& ctx, const Request& q, const std::string& antwoord,
                 const std::string& reden) {
    const std::string id = contracting::nextIdentificatie(ctx);
    const iwmo::OutgoingHeader h{q.municipality, q.agb, id, ctx.today()};
    iwmo::queueOutgoing(ctx, q.provider_id, "482", id,
                        iwmo::buildWmo319(h, q.referentie, antwoord, reden), q.client_id, q.id);
}

std::int64_t requireClient(RequestContext& ctx, Request& q) {
    if (q.client_id) return *q.client_id;
    auto r = ctx.db.queryOne("SELECT id FROM clients WHERE bsn_hash = ?", {q.bsn_hash});
    if (!r) {
        throw ValidationError("CLIENT_UNKNOWN",
                              "Record the client (POST /api/v1/clients) and a decision first.", "");
    }
    q.client_id = r->i64(0);
    ctx.db.execute("UPDATE allocation_requests SET client_id = ? WHERE id = ?",
                   {*q.client_id, q.id});
    return *q.client_id;
}

void grantAllocations(RequestContext& ctx, contracting::AllocationChanges& changes,
                      const Request& q, Poco::JSON::Array::Ptr list) {
    for (std::size_t i = 0; list && i < list->size(); ++i) {
        ApiRequest sub;
        sub.body = objectAt(list, i, "allocations");
        sub.body->set("provider_id", q.provider_id);
        sub.body->set("referentie_aanbieder", q.referentie);
        http::createAllocation(ctx, sub, changes);
    }
}

// The items of a list of a stored WMO317 Verzoek: a JSON array; a request stored before the
// lists were kept as arrays holds one item under the item's name.
std::vector<Poco::JSON::Object::Ptr> requestItems(const Poco::JSON::Object::Ptr& verzoek,
                                                  const std::string& list,
                                                  const std::string& item) {
    std::vector<Poco::JSON::Object::Ptr> out;
    if (!verzoek || !verzoek->has(list)) return out;
    if (const auto items = verzoek->getArray(list)) {
        for (std::size_t i = 0; i < items->size(); ++i) {
            if (const auto o = items->getObject(static_cast<unsigned>(i))) out.push_back(o);
        }
    } else if (const auto holder = verzoek->getObject(list)) {
        if (const auto o = holder->getObject(item)) out.push_back(o);
    }
    return out;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

std::string text(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    return o && o->has(key) ? o->getValue<std::string>(key) : std::string();
}

// A ToewijzingNummer as the API writes it (no leading zeros).
std::string numberText(const std::string& digits) {
    const auto first = digits.find_first_not_of('0');
    return first == std::string::npos ? "0" : digits.substr(first);
}

// The changes a grant decides. A change of a weekly (daily, monthly) volume takes effect from
// the GewensteIngangsdatum the provider asked for unless the grant says otherwise (OP033x1: a new
// allocation from then on), and the provider's request is its consent to the change (OP033x1:
// asked for by the provider, no further consultation).
void grantChanges(RequestContext& ctx, contracting::AllocationChanges& changes, const Request& q,
                  Poco::JSON::Array::Ptr list) {
    std::map<std::string, std::string> wished;  // ToewijzingNummer → GewensteIngangsdatum
    if (q.kind == "317") {
        Poco::JSON::Parser parser;
        const auto verzoek = parser.parse(q.summary_json).extract<Poco::JSON::Object::Ptr>();
        for (const auto& p : requestItems(verzoek, "TeWijzigenProducten", "TeWijzigenProduct")) {
            wished[numberText(text(p, "ToewijzingNummer"))] = text(p, "GewensteIngangsdatum");
        }
    }
    for (std::size_t i = 0; list && i < list->size(); ++i) {
        ApiRequest sub;
        sub.body = objectAt(list, i, "changes");
        sub.path["number"] = std::to_string(requiredInt(sub.body, "number"));
        sub.body->set("referentie_aanbieder", q.referentie);
        const auto w = wished.find(sub.path["number"]);
        if (!sub.body->has("effective_date") && w != wished.end() && !w->second.empty()) {
            sub.body->set("effective_date", w->second);
        }
        if (!sub.body->has("provider_consent")) {
            auto consent = newObject();
            consent->set("given_by", "verzoek om wijziging " + q.referentie);
            consent->set("given_on", formatDate(ctx.today()));
            sub.body->set("provider_consent", consent);
        }
        http::changeAllocation(ctx, sub, changes);
    }
}

// A WMO317 is honoured as a whole (IV093): the grant decides every TeWijzigenProduct (one change
// per ToewijzingNummer asked for, no other) and every NieuwProduct (an allocation of a granted
// product of that code, or of that category when the request names no code).
// REQUEST_NOT_WHOLE (Unprocessable) otherwise.
void checkWholeRequest(RequestContext& ctx, const Request& q, Poco::JSON::Array::Ptr changes,
                       Poco::JSON::Array::Ptr allocations) {
    if (q.kind != "317") return;
    Poco::JSON::Parser parser;
    const auto verzoek = parser.parse(q.summary_json).extract<Poco::JSON::Object::Ptr>();

    std::set<std::string> asked;
    for (const auto& p : requestItems(verzoek, "TeWijzigenProducten", "TeWijzigenProduct")) {
        asked.insert(numberText(text(p, "ToewijzingNummer")));
    }
    std::set<std::string> decided;
    for (std::size_t i = 0; changes && i < changes->size(); ++i) {
        decided.insert(std::to_string(requiredInt(objectAt(changes, i, "changes"), "number")));
    }
    std::vector<std::string> missing, extra;
    for (const auto& n : asked) {
        if (!decided.count(n)) missing.push_back(n);
    }
    for (const auto& n : decided) {
        if (!asked.count(n)) extra.push_back(n);
    }
    if (!missing.empty() || !extra.empty() || (changes && decided.size() != changes->size())) {
        throw ValidationError(
            "REQUEST_NOT_WHOLE",
            "A request for a change is honoured as a whole (IV093): give exactly one change for "
            "every allocation it asks to change (" +
                (asked.empty() ? std::string("none") : joined({asked.begin(), asked.end()})) + ")" +
                (missing.empty() ? "" : "; missing: " + joined(missing)) +
                (extra.empty() ? "" : "; not asked for: " + joined(extra)) + ".",
            "changes");
    }

    struct Granted {
        std::string code;
        std::string category;
        bool used = false;
    };
    std::vector<Granted> granted;
    for (std::size_t i = 0; allocations && i < allocations->size(); ++i) {
        const auto id = requiredInt(objectAt(allocations, i, "allocations"), "granted_product_id");
        const auto r = ctx.db.queryOne(
            "SELECT g.product_code, p.category FROM granted_products g"
            " JOIN products p ON p.code = g.product_code WHERE g.id = ?",
            {id});
        if (!r) {
            throw ValidationError(
                "UNKNOWN_GRANTED_PRODUCT",
                "Granted product " + std::to_string(id) + " is not part of any access decision.",
                "granted_product_id");
        }
        granted.push_back({r->str(0), r->str(1)});
    }
    std::vector<std::string> unmatched;
    for (const auto& p : requestItems(verzoek, "NieuweProducten", "NieuwProduct")) {
        Poco::JSON::Object::Ptr product;
        if (p->has("Product")) product = p->getObject("Product");
        const std::string code = text(product, "Code");
        const std::string category = text(product, "Categorie");
        bool found = false;
        for (auto& g : granted) {
            if (g.used) continue;
            if ((!code.empty() && g.code == code) ||
                (code.empty() && (category.empty() || g.category == category))) {
                g.used = found = true;
                break;
            }
        }
        if (!found) unmatched.push_back(code.empty() ? "category " + category : code);
    }
    std::vector<std::string> unasked;
    for (const auto& g : granted) {
        if (!g.used) unasked.push_back(g.code);
    }
    if (!unmatched.empty() || !unasked.empty()) {
        throw ValidationError(
            "REQUEST_NOT_WHOLE",
            "A request for a change is honoured as a whole (IV093): give one allocation for every "
            "new product it asks for" +
                (unmatched.empty() ? "" : "; missing: " + joined(unmatched)) +
                (unasked.empty() ? "" : "; not asked for: " + joined(unasked)) + ".",
            "allocations");
    }
}

void decide(RequestContext& ctx, const Request& q, const std::string& status,
            const std::string& reason_code, const std::string& reason) {
    ctx.db.execute(
        "UPDATE allocation_requests SET status = ?, decided_at = ?, decided_by = ?,"
        " reason_code = ?, reason = ? WHERE id = ?",
        {status, timestamp(ctx.clock), ctx.actor.name,
         reason_code.empty() ? db::Param(nullptr) : db::Param(reason_code), reason, q.id});
    appendAudit(ctx, {"request." + status, "request", std::to_string(q.id), "ok",
                      "{\"status\":\"" + q.status + "\"}", "{\"status\":\"" + status + "\"}"});
}

ApiResponse answer(RequestContext& ctx, std::int64_t id) {
    auto r = ctx.db.queryOne(std::string(kRequestColumns) + " WHERE r.id = ?", {id});
    return {200, requestJson(*r, ctx.today())};
}

}  // namespace

ApiResponse listRequests(RequestContext& ctx, const ApiRequest& req) {
    const std::string status = req.queryValue("status");
    const auto page = pageFrom(req.query);
    auto out = newArray();
    for (const auto& r :
         ctx.db.query(std::string(kRequestColumns) +
                          " WHERE (? = '' OR r.status = ?) ORDER BY r.answer_due, r.id"
                          " LIMIT ? OFFSET ?",
                      {status, status, page.limit, page.offset})) {
        out->add(requestJson(r, ctx.today()));
    }
    return {200, out};
}

ApiResponse getRequest(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    auto r = ctx.db.queryOne(std::string(kRequestColumns) + " WHERE r.id = ?", {id});
    if (!r) notFound("Request " + std::to_string(id), "id");
    return {200, requestJson(*r, ctx.today())};
}

ApiResponse grantRequest(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    auto allocations = optionalArray(req.body, "allocations", 50);
    auto changes = optionalArray(req.body, "changes", 50);
    if ((!allocations || allocations->size() == 0) && (!changes || changes->size() == 0)) {
        throw ValidationError("MISSING_FIELD",
                              "Grant with at least one allocation or change; the new WMO301 "
                              "carries the request's ReferentieAanbieder.",
                              "allocations");
    }
    db::Transaction tx(ctx.db);
    Request q = lockRequest(ctx, id);
    requireClient(ctx, q);
    checkWholeRequest(ctx, q, changes, allocations);
    // One WMO301 per provider carries every change of the grant (IV093).
    contracting::CollectedAllocationChanges granted;
    grantChanges(ctx, granted, q, changes);
    grantAllocations(ctx, granted, q, allocations);
    iwmo::Wmo301Outbox outbox(ctx);
    granted.flushTo(outbox);
    decide(ctx, q, "granted", "", optionalString(req.body, "reason", 2000).value_or(""));
    tx.commit();
    return answer(ctx, id);
}

ApiResponse rejectRequest(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const std::string code = requiredString(req.body, "reason_code", 1);
    if (code.size() != 1 || code[0] < '1' || code[0] > '9') {
        throw ValidationError("INVALID_REASON_CODE",
                              "reason_code is a RedenAfwijzingVerzoek from 1 to 9.", "reason_code");
    }
    const std::string reason = requiredString(req.body, "reason", 2000);
    db::Transaction tx(ctx.db);
    const Request q = lockRequest(ctx, id);
    queueWmo319(ctx, q, "1", code);
    decide(ctx, q, "rejected", code, reason);
    tx.commit();
    return answer(ctx, id);
}

ApiResponse investigateRequest(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    db::Transaction tx(ctx.db);
    const Request q = lockRequest(ctx, id);
    if (q.status != "open") {
        throw ValidationError("ALREADY_INVESTIGATING",
                              "\"In onderzoek\" is answered once; decide the request now.", "");
    }
    queueWmo319(ctx, q, "2", "");
    ctx.db.execute(
        "UPDATE allocation_requests SET status = 'in_onderzoek', decision_due = ? WHERE id = ?",
        {formatDate(addDays(ctx.today(), 56)), id});
    appendAudit(ctx, {"request.in_onderzoek", "request", std::to_string(id), "ok",
                      "{\"status\":\"open\"}", "{\"status\":\"in_onderzoek\"}"});
    tx.commit();
    return answer(ctx, id);
}

ApiResponse listOverdue(RequestContext& ctx, const ApiRequest&) {
    const std::string today = formatDate(ctx.today());
    auto out = newObject();
    auto requests = newArray();
    for (const auto& r : ctx.db.query(
             std::string(kRequestColumns) +
                 " WHERE (r.status = 'open' AND r.answer_due < ?) OR (r.status = 'in_onderzoek'"
                 " AND r.decision_due < ?) ORDER BY r.answer_due, r.id LIMIT 1000",
             {today, today})) {
        requests->add(requestJson(r, ctx.today()));
    }
    out->set("requests", requests);
    auto retours = newArray();
    for (const auto& r : ctx.db.query(
             "SELECT o.id, o.message_code, o.identificatie, p.agb, o.created_at, o.retour_due"
             " FROM outbox_messages o JOIN providers p ON p.id = o.provider_id"
             // A WMO325 (485) is itself an answer: no retour comes back for it.
             " WHERE o.retour_received_at IS NULL AND o.message_code <> '485'"
             " AND o.retour_due < ? ORDER BY o.retour_due, o.id"
             " LIMIT 1000",
             {today})) {
        auto o = newObject();
        o->set("outbox_id", r.i64(0));
        o->set("message_code", r.str(1));
        o->set("identificatie", r.str(2));
        o->set("provider_agb", r.str(3));
        o->set("sent_at", isoTimestamp(r.str(4)));
        o->set("retour_due", r.str(5));
        retours->add(o);
    }
    out->set("missing_retours", retours);
    return {200, out};
}

}  // namespace zc::app
