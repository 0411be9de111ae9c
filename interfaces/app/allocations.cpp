#include "allocations.hpp"

#include "context.hpp"
#include "contracting/domain/allocation_rules.hpp"
#include "contracting/domain/decision_cap.hpp"
#include "contracting/domain/extension.hpp"
#include "contracting/domain/provider_consent.hpp"
#include "contracting/kernel/ascii.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/store/care_queries.hpp"

namespace zc::app {
namespace {

using contracting::Financing;
using contracting::ProviderConsent;
using zc::Cap;

constexpr std::size_t kMaxReferenceLength = 36;  // ReferentieAanbieder (LDT_Referentie)
constexpr std::size_t kMaxQueryIdLength = 18;

constexpr const char* kAllocationSelect =
    "SELECT a.number, a.version, a.client_id, a.provider_id, a.product_code, p.category,"
    " a.start_date, a.end_date, a.volume, a.unit, a.frequency, a.reason_change,"
    " a.referentie_aanbieder, a.allocated_at, a.id, a.decision_id, a.granted_product_id,"
    " a.contract_id, a.created_by, a.is_current, a.consent_given_by, a.consent_given_on"
    " FROM allocations a JOIN products p ON p.code = a.product_code";

AllocationView viewOf(const db::Row& r) {
    AllocationView v;
    v.id = r.i64(14);
    v.number = r.i64(0);
    v.version = static_cast<int>(r.i64(1));
    v.client_id = r.i64(2);
    v.provider_id = r.i64(3);
    v.product_code = r.str(4);
    v.category = r.str(5);
    v.start_date = parseDate(r.str(6));
    if (r.opt(7)) v.end_date = parseDate(*r.opt(7));
    v.volume = r.i64(8);
    v.unit = parseUnit(r.str(9));
    v.frequency = parseFrequency(r.str(10));
    v.reason_change = r.opt(11);
    v.referentie_aanbieder = r.opt(12);
    v.allocated_at = r.str(13);
    return v;
}

Poco::JSON::Object::Ptr allocationJson(const db::Row& r) {
    const AllocationView v = viewOf(r);
    auto o = newObject();
    o->set("number", v.number);
    o->set("version", v.version);
    o->set("is_current", r.i64(19) == 1);
    o->set("client_id", v.client_id);
    o->set("provider_id", v.provider_id);
    o->set("contract_id", r.i64(17));
    o->set("decision_id", r.i64(15));
    o->set("granted_product_id", r.i64(16));
    o->set("product_code", v.product_code);
    o->set("category", v.category);
    o->set("start_date", formatDate(v.start_date));
    setOptional(o, "end_date", r.opt(7));
    o->set("volume", v.volume);
    o->set("unit", unitName(v.unit));
    o->set("iwmo_unit", iwmoUnitCode(v.unit));
    o->set("frequency", frequencyName(v.frequency));
    o->set("iwmo_frequency", iwmoFrequencyCode(v.frequency));
    setOptional(o, "reason_change", v.reason_change);
    setOptional(o, "referentie_aanbieder", v.referentie_aanbieder);
    o->set("allocated_at", v.allocated_at);
    o->set("created_by", r.str(18));
    // Who at the provider agreed to a retroactive change (OP186, OP298, OP299), and when.
    if (r.opt(20)) {
        auto consent = newObject();
        consent->set("given_by", r.str(20));
        consent->set("given_on", r.str(21));
        o->set("provider_consent", consent);
    }
    return o;
}

// The granted product an allocation draws on, with its decision and client.
struct GrantContext {
    std::int64_t granted_product_id = 0;
    std::int64_t decision_id = 0;
    std::int64_t client_id = 0;
    std::string product_code;
    std::string category;
    std::string municipality;
    Cap granted;
    Financing financing = Financing::Zin;
    Period decision;
};

GrantContext loadGrant(RequestContext& ctx, std::int64_t granted_product_id) {
    auto r = ctx.db.queryOne(
        "SELECT g.id, d.id, d.client_id, g.product_code, p.category, c.municipality_code,"
        " g.volume, g.unit, g.frequency, g.financing, d.valid_from, d.valid_to"
        " FROM granted_products g JOIN access_decisions d ON d.id = g.decision_id"
        " JOIN products p ON p.code = g.product_code JOIN clients c ON c.id = d.client_id"
        " WHERE g.id = ?",
        {granted_product_id});
    if (!r) {
        throw ValidationError("UNKNOWN_GRANTED_PRODUCT",
                              "Granted product " + std::to_string(granted_product_id) +
                                  " is not part of any access decision.",
                              "granted_product_id");
    }
    GrantContext g;
    g.granted_product_id = r->i64(0);
    g.decision_id = r->i64(1);
    g.client_id = r->i64(2);
    g.product_code = r->str(3);
    g.category = r->str(4);
    g.municipality = r->str(5);
    g.granted = Cap{r->i64(6), parseUnit(r->str(7)), parseFrequency(r->str(8))};
    g.financing = contracting::parseFinancing(r->str(9));
    g.decision.begin = parseDate(r->str(10));
    if (r->opt(11)) g.decision.end = parseDate(*r->opt(11));
    return g;
}

// Serialises the allocation rules per client: concurrent allocations for one client wait here.
void lockClient(RequestContext& ctx, std::int64_t client_id) {
    ctx.db.queryOne("SELECT id FROM clients WHERE id = ? FOR UPDATE", {client_id});
}

// A PGB grant of the same product must not overlap an allocation in kind (either way round).
void checkNoPgbOverlap(RequestContext& ctx, const GrantContext& g, Date begin,
                       const std::optional<Date>& end) {
    const Period candidate{begin, end};
    if (!candidate.isValid()) return;
    for (const auto& pgb : contracting::pgbGrantPeriods(ctx.db, g.client_id, g.product_code)) {
        if (pgb.overlaps(candidate)) {
            throw ValidationError("PGB_OVERLAPS_ALLOCATION",
                                  "The client has a personal budget (PGB) for product " +
                                      g.product_code +
                                      " in this period; care in kind cannot overlap it.",
                                  "start_date");
        }
    }
}

std::int64_t nextAllocationNumber(RequestContext& ctx) {
    const auto last =
        ctx.db.queryOne("SELECT last_number FROM allocation_sequence WHERE id = 1 FOR UPDATE")
            ->i64(0);
    const std::int64_t next = last + 1;
    ctx.db.execute("UPDATE allocation_sequence SET last_number = ? WHERE id = 1", {next});
    return next;
}

struct NewVersion {
    std::int64_t number = 0;
    int version = 1;
    const GrantContext* grant = nullptr;
    std::int64_t provider_id = 0;
    std::int64_t contract_id = 0;
    Date begin;
    std::optional<Date> end;
    std::int64_t volume = 0;
    std::optional<std::string> reason;
    std::optional<std::string> reference;
    std::optional<ProviderConsent> consent;
};

void insertVersion(RequestContext& ctx, const NewVersion& v) {
    const GrantContext& g = *v.grant;
    ctx.db.execute(
        "INSERT INTO allocations (number, version, is_current, client_id, decision_id,"
        " granted_product_id, provider_id, contract_id, product_code, start_date, end_date,"
        " volume, unit, frequency, reason_change, referentie_aanbieder, allocated_at, created_by,"
        " consent_given_by, consent_given_on)"
        " VALUES (?,?,1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        {v.number, static_cast<std::int64_t>(v.version), g.client_id, g.decision_id,
         g.granted_product_id, v.provider_id, v.contract_id, g.product_code, formatDate(v.begin),
         v.end ? db::Param(formatDate(*v.end)) : db::Param(nullptr), v.volume,
         unitName(g.granted.unit), frequencyName(g.granted.frequency),
         v.reason ? db::Param(*v.reason) : db::Param(nullptr),
         v.reference ? db::Param(*v.reference) : db::Param(nullptr), timestamp(ctx.clock),
         ctx.actor.name, v.consent ? db::Param(v.consent->given_by) : db::Param(nullptr),
         v.consent ? db::Param(formatDate(v.consent->given_on)) : db::Param(nullptr)});
}

// `replaced`: the version a change replaces (none for a new allocation).
void checkCandidate(RequestContext& ctx, const GrantContext& g, const NewVersion& v,
                    const std::optional<contracting::GrantUse>& replaced = std::nullopt) {
    contracting::AllocationCandidate c;
    c.financing = g.financing;
    c.category = g.category;
    c.granted = g.granted;
    c.decision = g.decision;
    c.requested = Cap{v.volume, g.granted.unit, g.granted.frequency};
    c.begin = v.begin;
    c.end = v.end;
    c.own_number = v.number;
    c.reason_code = v.reason;
    contracting::checkAllocation(
        c, contracting::currentAllocationPeriods(ctx.db, g.client_id, g.product_code));
    // The decision's grant binds all its allocations together, whichever provider has them.
    const contracting::GrantUse candidate{v.number, c.requested, Period{v.begin, v.end}};
    if (replaced && contracting::usesNoMoreThan(candidate, *replaced)) return;
    std::vector<contracting::GrantUse> uses{candidate};
    for (const auto& r :
         ctx.db.query("SELECT number, start_date, end_date, volume, unit, frequency"
                      " FROM allocations WHERE granted_product_id = ? AND is_current = 1"
                      " AND number <> ?",
                      {g.granted_product_id, v.number})) {
        Period p{parseDate(r.str(1)), std::nullopt};
        if (r.opt(2)) p.end = parseDate(*r.opt(2));
        uses.push_back({r.i64(0), Cap{r.i64(3), parseUnit(r.str(4)), parseFrequency(r.str(5))}, p});
    }
    contracting::checkAllocationsWithinDecision(g.granted, g.decision, uses);
}

// provider_consent {given_by, given_on} of a change or end, if given.
std::optional<ProviderConsent> consentOf(RequestContext& ctx, const ApiRequest& req) {
    if (!req.body || !req.body->has("provider_consent") || req.body->isNull("provider_consent")) {
        return std::nullopt;
    }
    const auto o = req.body->getObject("provider_consent");
    if (!o) {
        throw ValidationError("INVALID_PROVIDER_CONSENT",
                              "provider_consent is an object {given_by, given_on}.",
                              "provider_consent");
    }
    std::string given_by;
    Date given_on;
    try {
        given_by = requiredString(o, "given_by", 400);
        given_on = requiredDate(o, "given_on");
    } catch (const ValidationError& e) {
        throw ValidationError("INVALID_PROVIDER_CONSENT",
                              "provider_consent needs given_by (who at the provider agreed) and "
                              "given_on (YYYY-MM-DD): " +
                                  std::string(e.what()),
                              "provider_consent");
    }
    return contracting::makeProviderConsent(given_by, given_on, ctx.today());
}

std::optional<db::Row> currentRow(RequestContext& ctx, std::int64_t number, bool lock) {
    return ctx.db.queryOne(std::string(kAllocationSelect) +
                               " WHERE a.number = ? AND a.is_current = 1" +
                               (lock ? " FOR UPDATE" : ""),
                           {number});
}

Poco::JSON::Object::Ptr withVersions(RequestContext& ctx, std::int64_t number) {
    auto out = allocationJson(*currentRow(ctx, number, false));
    auto versions = newArray();
    for (const auto& r : ctx.db.query(
             std::string(kAllocationSelect) + " WHERE a.number = ? ORDER BY a.version", {number})) {
        versions->add(allocationJson(r));
    }
    out->set("versions", versions);
    return out;
}

// A change or an end: a new version with the same number; the previous one stops being current.
ApiResponse addVersion(RequestContext& ctx, contracting::AllocationChanges& changes,
                       std::int64_t number, std::optional<std::int64_t> volume,
                       std::optional<Date> end, bool set_end, const std::string& reason,
                       const char* action, std::optional<std::string> reference = std::nullopt,
                       std::optional<ProviderConsent> consent = std::nullopt) {
    db::Transaction tx(ctx.db);
    auto peek = currentRow(ctx, number, false);
    if (!peek) notFound("allocation " + std::to_string(number));
    lockClient(ctx, peek->i64(2));
    auto old = currentRow(ctx, number, true);
    if (!old) notFound("allocation " + std::to_string(number));
    if (old->opt(11) == std::optional<std::string>(contracting::kReasonRemoved)) {
        throw ValidationError("ALLOCATION_REMOVED",
                              "Allocation " + std::to_string(number) +
                                  " was removed (reason 13); it cannot change any more.",
                              "number");
    }
    // TR385: an allocation with accepted, uncredited claims is not removed; end it instead.
    if (reason == contracting::kReasonRemoved &&
        ctx.db.queryOne("SELECT id FROM claim_lines WHERE allocation_number = ? AND status ="
                        " 'accepted' AND credit = 0 AND credited = 0 LIMIT 1",
                        {number})) {
        throw ValidationError("ALLOCATION_HAS_CLAIMS",
                              "Allocation " + std::to_string(number) +
                                  " has accepted claims that were not credited; it cannot be "
                                  "removed (reason 13, iWmo TR385). End it instead.",
                              "reason_code");
    }
    const GrantContext g = loadGrant(ctx, old->i64(16));
    const AllocationView before = viewOf(*old);
    NewVersion v;
    v.number = number;
    v.version = before.version + 1;
    v.grant = &g;
    v.provider_id = before.provider_id;
    v.contract_id = old->i64(17);
    v.begin = before.start_date;
    v.end = set_end ? end : before.end_date;
    v.volume = volume.value_or(before.volume);
    v.reason = reason;
    // A change granted on a provider's request (WMO317) carries that request's reference.
    v.reference = reference ? reference : before.referentie_aanbieder;
    v.consent = consent;
    checkCandidate(ctx, g, v,
                   contracting::GrantUse{number, Cap{before.volume, before.unit, before.frequency},
                                         Period{before.start_date, before.end_date}});
    checkNoPgbOverlap(ctx, g, v.begin, v.end);
    contracting::checkProviderConsent({before.start_date, before.end_date, before.volume},
                                      {v.begin, v.end, v.volume}, ctx.today(), v.consent);
    const auto before_json = toJson(allocationJson(*old));
    ctx.db.execute("UPDATE allocations SET is_current = 0 WHERE id = ?", {old->i64(14)});
    insertVersion(ctx, v);
    changes.allocationsChanged(g.client_id, v.provider_id);
    auto out = withVersions(ctx, number);
    appendAudit(ctx, {action, "allocation", std::to_string(number), "ok", before_json,
                      toJson(allocationJson(*currentRow(ctx, number, false)))});
    tx.commit();
    return ApiResponse(201, out);
}

// The allocation that the requested one merely continues (OP380): a current allocation of the
// same grant and provider with the same volume that ends where the new one starts and has not
// expired. Its number, or nothing when a new allocation is needed.
std::optional<std::int64_t> extensionOf(RequestContext& ctx, const GrantContext& g,
                                        const NewVersion& v) {
    const contracting::RequestedAllocation wanted{
        v.provider_id, g.granted_product_id, Cap{v.volume, g.granted.unit, g.granted.frequency},
        v.begin, v.end};
    for (const auto& r : ctx.db.query(
             std::string(kAllocationSelect) +
                 " WHERE a.client_id = ? AND a.provider_id = ? AND a.granted_product_id = ?"
                 " AND a.is_current = 1 ORDER BY a.number",
             {g.client_id, v.provider_id, g.granted_product_id})) {
        const AllocationView a = viewOf(r);
        const contracting::ExtendableAllocation running{
            a.provider_id, r.i64(16),  Cap{a.volume, a.unit, a.frequency},
            a.start_date,  a.end_date, a.reason_change};
        if (contracting::extensionVerdict(running, wanted, ctx.today()) ==
            contracting::ExtensionVerdict::Extend) {
            return a.number;
        }
    }
    return std::nullopt;
}

std::int64_t queryId(const ApiRequest& req, const std::string& name) {
    const std::string text = req.queryValue(name);
    if (text.empty()) return 0;
    if (text.size() > kMaxQueryIdLength || !ascii::allDigits(text)) {
        throw ValidationError("INVALID_QUERY", "Query parameter '" + name + "' must be an id.",
                              name);
    }
    return std::stoll(text);
}

}  // namespace

std::vector<AllocationView> currentAllocations(db::Connection& db, std::int64_t client_id,
                                               std::int64_t provider_id) {
    std::vector<AllocationView> out;
    for (const auto& r :
         db.query(std::string(kAllocationSelect) +
                      " WHERE a.client_id = ? AND a.provider_id = ? AND a.is_current = 1"
                      " ORDER BY a.number",
                  {client_id, provider_id})) {
        out.push_back(viewOf(r));
    }
    return out;
}

std::optional<AllocationView> allocationByNumber(db::Connection& db, std::int64_t number) {
    auto r = db.queryOne(
        std::string(kAllocationSelect) + " WHERE a.number = ? AND a.is_current = 1", {number});
    if (!r) return std::nullopt;
    return viewOf(*r);
}

ApiResponse createAllocation(RequestContext& ctx, const ApiRequest& req,
                             contracting::AllocationChanges& changes) {
    const auto granted_product_id = requiredInt(req.body, "granted_product_id");
    const auto provider_id = requiredInt(req.body, "provider_id");
    const Date start = requiredDate(req.body, "start_date");
    const auto end = optionalDate(req.body, "end_date");
    const auto volume = optionalInt(req.body, "volume");
    const auto reference = optionalString(req.body, "referentie_aanbieder", kMaxReferenceLength);
    db::Transaction tx(ctx.db);
    const GrantContext g = loadGrant(ctx, granted_product_id);
    lockClient(ctx, g.client_id);
    if (!ctx.db.queryOne("SELECT id FROM providers WHERE id = ?", {provider_id})) {
        throw ValidationError("UNKNOWN_PROVIDER",
                              "Provider " + std::to_string(provider_id) + " is not known.",
                              "provider_id");
    }
    NewVersion v;
    v.grant = &g;
    v.provider_id = provider_id;
    v.begin = start;
    // Without an end date the allocation ends with the decision (iwmo-3.2.md §8).
    v.end = end ? end : g.decision.end;
    v.volume = volume.value_or(g.granted.volume);
    v.reference = reference;
    auto contractOn = [&](Date day) {
        const auto contract = contracting::activeContractOf(
            ctx.db, provider_id, contracting::contractingMunicipalities(ctx.db, g.municipality),
            g.product_code, day);
        if (!contract) {
            throw ValidationError("NO_ACTIVE_CONTRACT",
                                  "Provider " + std::to_string(provider_id) +
                                      " holds no active contract for product " + g.product_code +
                                      " on " + formatDate(day) + ".",
                                  "provider_id");
        }
        return *contract;
    };
    if (const auto extended = extensionOf(ctx, g, v)) {
        // OP380: the same care continues; move the end of the running allocation instead of
        // issuing a new ToewijzingNummer (the version's checks run in addVersion).
        contractOn(start);
        auto res = addVersion(ctx, changes, *extended, std::nullopt, v.end, true,
                              reference ? "12" : "04", "allocation.extend", reference);
        Poco::JSON::Object::Ptr body = res.body.extract<Poco::JSON::Object::Ptr>();
        body->set("extended", true);
        tx.commit();
        return res;
    }
    checkCandidate(ctx, g, v);
    checkNoPgbOverlap(ctx, g, v.begin, v.end);
    v.contract_id = contractOn(start);
    v.number = nextAllocationNumber(ctx);
    insertVersion(ctx, v);
    changes.allocationsChanged(g.client_id, provider_id);
    auto out = withVersions(ctx, v.number);
    appendAudit(ctx, {"allocation.create", "allocation", std::to_string(v.number), "ok",
                      std::nullopt, toJson(allocationJson(*currentRow(ctx, v.number, false)))});
    tx.commit();
    return ApiResponse(201, out);
}

namespace {

// OP033x1: a daily, weekly or monthly volume is not changed in place (the latest version decides
// the whole allocation, so that would rewrite the care already given). The allocation ends
// where the new volume starts — removed (reason 13) when that is its first day — and a new
// allocation of the same grant and provider carries the new volume from then on. One WMO301
// carries both.
ApiResponse replaceAllocation(RequestContext& ctx, contracting::AllocationChanges& changes,
                              const AllocationView& current, std::int64_t volume, Date from,
                              std::optional<Date> end, const std::string& reason,
                              std::optional<std::string> reference,
                              std::optional<ProviderConsent> consent) {
    if (from < current.start_date || (current.end_date && *current.end_date <= from)) {
        throw ValidationError("INVALID_EFFECTIVE_DATE",
                              "The new volume must start within the allocation (from " +
                                  formatDate(current.start_date) + " up to its end).",
                              "effective_date");
    }
    db::Transaction tx(ctx.db);
    contracting::CollectedAllocationChanges both;  // one WMO301 carries the end and the new one
    const bool whole = from == current.start_date;
    addVersion(ctx, both, current.number, std::nullopt, from, true,
               whole ? std::string(contracting::kReasonRemoved) : reason, "allocation.change",
               reference, consent);
    ApiRequest sub;
    sub.body = newObject();
    sub.body->set("granted_product_id", currentRow(ctx, current.number, false)->i64(16));
    sub.body->set("provider_id", current.provider_id);
    sub.body->set("start_date", formatDate(from));
    if (const auto until = end ? end : current.end_date) {
        sub.body->set("end_date", formatDate(*until));
    }
    sub.body->set("volume", volume);
    if (const auto ref = reference ? reference : current.referentie_aanbieder) {
        sub.body->set("referentie_aanbieder", *ref);
    }
    auto created = createAllocation(ctx, sub, both);
    both.flushTo(changes);
    tx.commit();
    Poco::JSON::Object::Ptr out = created.body.extract<Poco::JSON::Object::Ptr>();
    out->set("replaces", current.number);
    return created;
}

}  // namespace

ApiResponse changeAllocation(RequestContext& ctx, const ApiRequest& req,
                             contracting::AllocationChanges& changes) {
    const auto number = req.pathId("number");
    const auto volume = optionalInt(req.body, "volume");
    const auto end = optionalDate(req.body, "end_date");
    const auto effective = optionalDate(req.body, "effective_date");
    const auto reason =
        contracting::parseChangeReason(requiredString(req.body, "reason_code", 2), "reason_code");
    if (!volume && !end) {
        throw ValidationError("MISSING_FIELD", "Give a new volume, a new end_date or both.",
                              "volume");
    }
    const auto reference = optionalString(req.body, "referentie_aanbieder", kMaxReferenceLength);
    const auto consent = consentOf(ctx, req);
    const auto current = allocationByNumber(ctx.db, number);
    if (current && volume && *volume != current->volume &&
        current->frequency != Frequency::TotalInValidity) {
        if (!effective) {
            throw ValidationError(
                "VOLUME_CHANGE_NEEDS_DATE",
                "Only a volume in total over the allocation period is changed in place (iWmo "
                "OP033x1). Give effective_date, the first day of the new volume: the allocation "
                "ends there and a new allocation carries the new volume.",
                "effective_date");
        }
        return replaceAllocation(ctx, changes, *current, *volume, *effective, end, reason,
                                 reference, consent);
    }
    return addVersion(ctx, changes, number, volume, end, end.has_value(), reason,
                      "allocation.change", reference, consent);
}

ApiResponse endAllocation(RequestContext& ctx, const ApiRequest& req,
                          contracting::AllocationChanges& changes) {
    const auto number = req.pathId("number");
    const Date end = requiredDate(req.body, "end_date");
    const auto reason =
        contracting::parseChangeReason(requiredString(req.body, "reason_code", 2), "reason_code");
    const auto consent = consentOf(ctx, req);
    return addVersion(ctx, changes, number, std::nullopt, end, true, reason, "allocation.end",
                      std::nullopt, consent);
}

ApiResponse listAllocations(RequestContext& ctx, const ApiRequest& req) {
    const auto client_id = queryId(req, "client_id");
    auto provider_id = queryId(req, "provider_id");
    // A provider sees only its own allocations, whatever it asks for.
    if (ctx.actor.role == Role::Provider) provider_id = ctx.actor.provider_id;
    const auto page = pageFrom(req.query);
    auto out = newArray();
    for (const auto& r :
         ctx.db.query(std::string(kAllocationSelect) +
                          " WHERE a.is_current = 1 AND (? = 0 OR a.client_id = ?)"
                          " AND (? = 0 OR a.provider_id = ?)"
                          " ORDER BY a.number LIMIT ? OFFSET ?",
                      {client_id, client_id, provider_id, provider_id, page.limit, page.offset})) {
        out->add(allocationJson(r));
    }
    return ApiResponse(200, out);
}

ApiResponse getAllocation(RequestContext& ctx, const ApiRequest& req) {
    const auto number = req.pathId("number");
    auto r = currentRow(ctx, number, false);
    // Another provider's allocation is answered as unknown: its existence is not disclosed.
    if (!r || (ctx.actor.role == Role::Provider && r->i64(3) != ctx.actor.provider_id)) {
        notFound("allocation " + std::to_string(number));
    }
    return ApiResponse(200, withVersions(ctx, number));
}

}  // namespace zc::app
