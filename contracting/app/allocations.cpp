#include "allocations.hpp"

#include "contracting/domain/allocation_rules.hpp"
#include "contracting/domain/decision_cap.hpp"
#include "contracting/domain/extension.hpp"
#include "contracting/domain/provider_consent.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::contracting {
namespace {

// The granted product an allocation draws on, with its financing read.
struct GrantContext {
    GrantedProductRow row;
    Financing financing = Financing::Zin;
};

[[noreturn]] void unknownAllocation(std::int64_t number) {
    throw ValidationError("NOT_FOUND", "allocation " + std::to_string(number) + " does not exist.",
                          "");
}

app::CareScope careOf(const GrantedProductRow& g) {
    return {g.municipality, g.paying_municipality, g.placed};
}

// Refuses (OUT_OF_SCOPE) care the actor may not change: `object` names it for the audit row.
void requireCareInScope(const AllocationScope& scope, const GrantedProductRow& g,
                        const std::string& object_type, std::int64_t object_id) {
    if (app::mayChangeCare(scope.who, careOf(g))) return;
    throw app::OutOfScope(object_type, std::to_string(object_id),
                          "Care of product " + g.product_code + " for client " +
                              std::to_string(g.client_id) + ", paid by municipality " +
                              g.paying_municipality + ",");
}

GrantContext loadGrant(AllocationStore& store, std::int64_t granted_product_id) {
    auto r = store.grant(granted_product_id);
    if (!r) {
        throw ValidationError("UNKNOWN_GRANTED_PRODUCT",
                              "Granted product " + std::to_string(granted_product_id) +
                                  " is not part of any access decision.",
                              "granted_product_id");
    }
    return {*r, parseFinancing(r->financing)};
}

// The version as the API shows it, for the audit trail (keys sorted, as the answer's).
std::string auditJson(const AllocationRow& v) {
    security::AuditRecord o;
    o.set("number", v.number)
        .set("version", v.version)
        .set("is_current", v.is_current)
        .set("client_id", v.client_id)
        .set("provider_id", v.provider_id)
        .set("contract_id", v.contract_id)
        .set("decision_id", v.decision_id)
        .set("granted_product_id", v.granted_product_id)
        .set("product_code", v.product_code)
        .set("category", v.category)
        .set("paying_municipality_code", v.paying_municipality)
        .set("start_date", formatDate(v.start_date))
        .set("end_date",
             v.end_date ? std::optional<std::string>(formatDate(*v.end_date)) : std::nullopt)
        .set("volume", v.volume)
        .set("unit", unitName(v.unit))
        .set("iwmo_unit", iwmoUnitCode(v.unit))
        .set("frequency", frequencyName(v.frequency))
        .set("iwmo_frequency", iwmoFrequencyCode(v.frequency))
        .set("reason_change", v.reason_change)
        .set("referentie_aanbieder", v.referentie_aanbieder)
        .set("allocated_at", v.allocated_at)
        .set("created_by", v.created_by);
    if (v.consent_given_by) {
        o.set("provider_consent", security::AuditRecord()
                                      .set("given_by", *v.consent_given_by)
                                      .set("given_on", v.consent_given_on.value_or("")));
    }
    return o.json();
}

// A PGB grant of the same product must not overlap an allocation in kind (either way round).
void checkNoPgbOverlap(AllocationStore& store, const GrantedProductRow& g, const AllocationRow& v) {
    const Period candidate{v.start_date, v.end_date};
    if (!candidate.isValid()) return;
    for (const auto& pgb : store.pgbPeriods(g.client_id, g.product_code)) {
        if (pgb.overlaps(candidate)) {
            throw ValidationError("PGB_OVERLAPS_ALLOCATION",
                                  "The client has a personal budget (PGB) for product " +
                                      g.product_code +
                                      " in this period; care in kind cannot overlap it.",
                                  "start_date");
        }
    }
}

// The allocation rules and the decision's cap. `replaced`: the version a change replaces (none
// for a new allocation).
void checkCandidate(AllocationStore& store, const GrantContext& gc, const AllocationRow& v,
                    const std::optional<GrantUse>& replaced = std::nullopt) {
    const GrantedProductRow& g = gc.row;
    AllocationCandidate c;
    c.financing = gc.financing;
    c.category = g.category;
    c.granted = g.granted;
    c.decision = g.decision;
    c.requested = Cap{v.volume, g.granted.unit, g.granted.frequency};
    c.begin = v.start_date;
    c.end = v.end_date;
    c.own_number = v.number;
    c.reason_code = v.reason_change;
    checkAllocation(c, store.currentPeriods(g.client_id, g.product_code));
    // The decision's grant binds all its allocations together, whichever provider has them.
    const GrantUse candidate{v.number, c.requested, Period{v.start_date, v.end_date}};
    if (replaced && usesNoMoreThan(candidate, *replaced)) return;
    std::vector<GrantUse> uses{candidate};
    for (const auto& use : store.otherUsesOfGrant(g.granted_product_id, v.number)) {
        uses.push_back(use);
    }
    checkAllocationsWithinDecision(g.granted, g.decision, uses);
}

// A version drawing on the grant, stamped now by the actor (number, provider, contract and
// terms to fill in).
AllocationRow versionOf(const GrantedProductRow& g, const AllocationScope& scope) {
    AllocationRow v;
    v.client_id = g.client_id;
    v.decision_id = g.decision_id;
    v.granted_product_id = g.granted_product_id;
    v.product_code = g.product_code;
    v.category = g.category;
    v.paying_municipality = g.paying_municipality;
    v.unit = g.granted.unit;
    v.frequency = g.granted.frequency;
    v.allocated_at = app::timestamp(scope.clock);
    v.created_by = scope.actor;
    v.is_current = true;
    return v;
}

AllocationOutcome withVersions(AllocationStore& store, std::int64_t number) {
    AllocationOutcome out;
    out.current = *store.current(number, false);
    out.versions = store.versions(number);
    return out;
}

// A change or an end: what the new version changes.
struct VersionChange {
    std::int64_t number = 0;
    std::optional<std::int64_t> volume;
    std::optional<Date> end;
    bool set_end = false;
    std::string reason;
    const char* action = "allocation.change";
    std::optional<std::string> reference;
    std::optional<ProviderConsent> consent;
};

// The current version, locked after its client; refused when removed or, for a removal, when
// it has accepted claims.
AllocationRow lockForChange(AllocationStore& store, const VersionChange& c) {
    const auto peek = store.current(c.number, false);
    if (!peek) unknownAllocation(c.number);
    store.lockClient(peek->client_id);
    auto old = store.current(c.number, true);
    if (!old) unknownAllocation(c.number);
    if (old->reason_change == std::optional<std::string>(kReasonRemoved)) {
        throw ValidationError("ALLOCATION_REMOVED",
                              "Allocation " + std::to_string(c.number) +
                                  " was removed (reason 13); it cannot change any more.",
                              "number");
    }
    // TR385: an allocation with accepted, uncredited claims is not removed; end it instead.
    if (c.reason == kReasonRemoved && store.hasUncreditedClaims(c.number)) {
        throw ValidationError("ALLOCATION_HAS_CLAIMS",
                              "Allocation " + std::to_string(c.number) +
                                  " has accepted claims that were not credited; it cannot be "
                                  "removed (reason 13, iWmo TR385). End it instead.",
                              "reason_code");
    }
    return *old;
}

// A new version with the same number; the previous one stops being current.
AllocationOutcome addVersion(AllocationStore& store, const AllocationScope& scope,
                             AllocationChanges& changes, const VersionChange& c) {
    auto tx = store.begin();
    const AllocationRow before = lockForChange(store, c);
    const GrantContext g = loadGrant(store, before.granted_product_id);
    requireCareInScope(scope, g.row, "allocation", c.number);
    AllocationRow v = versionOf(g.row, scope);
    v.number = c.number;
    v.version = before.version + 1;
    v.provider_id = before.provider_id;
    v.contract_id = before.contract_id;
    v.start_date = before.start_date;
    v.end_date = c.set_end ? c.end : before.end_date;
    v.volume = c.volume.value_or(before.volume);
    v.reason_change = c.reason;
    // A change granted on a provider's request (WMO317) carries that request's reference.
    v.referentie_aanbieder = c.reference ? c.reference : before.referentie_aanbieder;
    if (c.consent) {
        v.consent_given_by = c.consent->given_by;
        v.consent_given_on = formatDate(c.consent->given_on);
    }
    checkCandidate(store, g, v,
                   GrantUse{c.number, Cap{before.volume, before.unit, before.frequency},
                            Period{before.start_date, before.end_date}});
    checkNoPgbOverlap(store, g.row, v);
    checkProviderConsent({before.start_date, before.end_date, before.volume},
                         {v.start_date, v.end_date, v.volume}, scope.clock.today(), c.consent);
    store.retire(before.id);
    store.insert(v);
    changes.allocationsChanged(g.row.client_id, v.provider_id, v.paying_municipality);
    auto out = withVersions(store, c.number);
    store.audit({c.action, "allocation", std::to_string(c.number), "ok", auditJson(before),
                 auditJson(out.current)});
    tx->commit();
    return out;
}

// The allocation that the requested one merely continues (OP380): a current allocation of the
// same grant and provider with the same volume that ends where the new one starts and has not
// expired. Its number, or nothing when a new allocation is needed.
std::optional<std::int64_t> extensionOf(AllocationStore& store, Date today,
                                        const GrantedProductRow& g, const AllocationRow& v) {
    const RequestedAllocation wanted{v.provider_id, g.granted_product_id,
                                     Cap{v.volume, g.granted.unit, g.granted.frequency},
                                     v.start_date, v.end_date};
    for (const auto& a : store.currentOfGrant(g.client_id, v.provider_id, g.granted_product_id)) {
        const ExtendableAllocation running{
            a.provider_id, a.granted_product_id, Cap{a.volume, a.unit, a.frequency},
            a.start_date,  a.end_date,           a.reason_change};
        if (extensionVerdict(running, wanted, today) == ExtensionVerdict::Extend) return a.number;
    }
    return std::nullopt;
}

std::int64_t contractOn(AllocationStore& store, const GrantedProductRow& g,
                        std::int64_t provider_id, Date day) {
    const auto contract =
        store.activeContract(provider_id, g.paying_municipality, g.product_code, day);
    if (!contract) {
        throw ValidationError("NO_ACTIVE_CONTRACT",
                              "Provider " + std::to_string(provider_id) +
                                  " holds no active contract for product " + g.product_code +
                                  " on " + formatDate(day) + ".",
                              "provider_id");
    }
    return *contract;
}

std::optional<ProviderConsent> consentOf(const std::optional<ConsentGiven>& given, Date today) {
    if (!given) return std::nullopt;
    return makeProviderConsent(given->given_by, given->given_on, today);
}

// OP033x1: a daily, weekly or monthly volume is not changed in place (the latest version decides
// the whole allocation, so that would rewrite the care already given). The allocation ends
// where the new volume starts — removed (reason 13) when that is its first day — and a new
// allocation of the same grant and provider carries the new volume from then on. One WMO301
// carries both.
AllocationOutcome replaceAllocation(AllocationStore& store, const AllocationScope& scope,
                                    AllocationChanges& changes, const AllocationRow& current,
                                    const AllocationChange& in,
                                    const std::optional<ProviderConsent>& consent) {
    const Date from = *in.effective;
    if (from < current.start_date || (current.end_date && *current.end_date <= from)) {
        throw ValidationError("INVALID_EFFECTIVE_DATE",
                              "The new volume must start within the allocation (from " +
                                  formatDate(current.start_date) + " up to its end).",
                              "effective_date");
    }
    auto tx = store.begin();
    CollectedAllocationChanges both;  // one WMO301 carries the end and the new one
    const bool whole = from == current.start_date;
    addVersion(
        store, scope, both,
        {current.number, std::nullopt, from, true, whole ? std::string(kReasonRemoved) : in.reason,
         "allocation.change", in.referentie_aanbieder, consent});
    NewAllocation next;
    next.granted_product_id = store.current(current.number, false)->granted_product_id;
    next.provider_id = current.provider_id;
    next.start = from;
    next.end = in.end ? in.end : current.end_date;
    next.volume = *in.volume;
    next.referentie_aanbieder =
        in.referentie_aanbieder ? in.referentie_aanbieder : current.referentie_aanbieder;
    auto created = createAllocationIn(store, scope, next, both);
    both.flushTo(changes);
    tx->commit();
    created.replaces = current.number;
    return created;
}

}  // namespace

AllocationOutcome createAllocationIn(AllocationStore& store, const AllocationScope& scope,
                                     const NewAllocation& in, AllocationChanges& changes) {
    auto tx = store.begin();
    const GrantContext g = loadGrant(store, in.granted_product_id);
    requireCareInScope(scope, g.row, "granted_product", in.granted_product_id);
    store.lockClient(g.row.client_id);
    if (!store.providerExists(in.provider_id)) {
        throw ValidationError("UNKNOWN_PROVIDER",
                              "Provider " + std::to_string(in.provider_id) + " is not known.",
                              "provider_id");
    }
    AllocationRow v = versionOf(g.row, scope);
    v.version = 1;
    v.provider_id = in.provider_id;
    v.start_date = in.start;
    // Without an end date the allocation ends with the decision (iwmo-3.2.md §8).
    v.end_date = in.end ? in.end : g.row.decision.end;
    v.volume = in.volume.value_or(g.row.granted.volume);
    v.referentie_aanbieder = in.referentie_aanbieder;
    if (const auto extended = extensionOf(store, scope.clock.today(), g.row, v)) {
        // OP380: the same care continues; move the end of the running allocation instead of
        // issuing a new ToewijzingNummer (the version's checks run in addVersion).
        contractOn(store, g.row, in.provider_id, in.start);
        auto out = addVersion(
            store, scope, changes,
            {*extended, std::nullopt, v.end_date, true, in.referentie_aanbieder ? "12" : "04",
             "allocation.extend", in.referentie_aanbieder, std::nullopt});
        out.extended = true;
        tx->commit();
        return out;
    }
    checkCandidate(store, g, v);
    checkNoPgbOverlap(store, g.row, v);
    v.contract_id = contractOn(store, g.row, in.provider_id, in.start);
    v.number = store.nextNumber();
    store.insert(v);
    changes.allocationsChanged(g.row.client_id, in.provider_id, v.paying_municipality);
    auto out = withVersions(store, v.number);
    store.audit({"allocation.create", "allocation", std::to_string(v.number), "ok", std::nullopt,
                 auditJson(out.current)});
    tx->commit();
    return out;
}

AllocationOutcome changeAllocationIn(AllocationStore& store, const AllocationScope& scope,
                                     const AllocationChange& in, AllocationChanges& changes) {
    const auto consent = consentOf(in.consent, scope.clock.today());
    const auto current = store.current(in.number, false);
    if (current && in.volume && *in.volume != current->volume &&
        current->frequency != Frequency::TotalInValidity) {
        if (!in.effective) {
            throw ValidationError(
                "VOLUME_CHANGE_NEEDS_DATE",
                "Only a volume in total over the allocation period is changed in place (iWmo "
                "OP033x1). Give effective_date, the first day of the new volume: the allocation "
                "ends there and a new allocation carries the new volume.",
                "effective_date");
        }
        return replaceAllocation(store, scope, changes, *current, in, consent);
    }
    return addVersion(store, scope, changes,
                      {in.number, in.volume, in.end, in.end.has_value(), in.reason,
                       "allocation.change", in.referentie_aanbieder, consent});
}

AllocationOutcome endAllocationIn(AllocationStore& store, const AllocationScope& scope,
                                  const AllocationEnd& in, AllocationChanges& changes) {
    const auto consent = consentOf(in.consent, scope.clock.today());
    return addVersion(store, scope, changes,
                      {in.number, std::nullopt, in.end, true, in.reason, "allocation.end",
                       std::nullopt, consent});
}

AllocationOutcome createAllocation(app::RequestContext& ctx, const NewAllocation& in,
                                   AllocationChanges& changes) {
    MariaDbAllocations store(ctx);
    return createAllocationIn(store, {ctx.clock, ctx.actor.name, ctx.actor}, in, changes);
}

AllocationOutcome changeAllocation(app::RequestContext& ctx, const AllocationChange& in,
                                   AllocationChanges& changes) {
    MariaDbAllocations store(ctx);
    return changeAllocationIn(store, {ctx.clock, ctx.actor.name, ctx.actor}, in, changes);
}

AllocationOutcome endAllocation(app::RequestContext& ctx, const AllocationEnd& in,
                                AllocationChanges& changes) {
    MariaDbAllocations store(ctx);
    return endAllocationIn(store, {ctx.clock, ctx.actor.name, ctx.actor}, in, changes);
}

app::ListPage<AllocationRow> listAllocations(app::RequestContext& ctx, AllocationFilter filter) {
    // A provider sees only its own allocations, whatever it asks for.
    if (ctx.actor.role == app::Role::Provider) filter.provider_id = ctx.actor.provider_id;
    // A staff user sees the care within the scope; the rest is left out silently.
    if (ctx.actor.scoped())
        filter.scope = StaffFilter{ctx.actor.municipalities, ctx.actor.regional};
    MariaDbAllocations store(ctx);
    return store.list(filter);
}

AllocationOutcome getAllocation(app::RequestContext& ctx, std::int64_t number) {
    MariaDbAllocations store(ctx);
    const auto r = store.current(number, false);
    // Another provider's allocation is answered as unknown: its existence is not disclosed.
    if (!r || (ctx.actor.role == app::Role::Provider && r->provider_id != ctx.actor.provider_id)) {
        unknownAllocation(number);
    }
    if (ctx.actor.scoped()) {
        const auto g = store.grant(r->granted_product_id);
        if (g && !app::mayReadCare(ctx.actor, careOf(*g))) {
            throw app::OutOfScope("allocation", std::to_string(number),
                                  "Allocation " + std::to_string(number));
        }
    }
    return withVersions(store, number);
}

std::vector<AllocationView> currentAllocations(db::Connection& db, std::int64_t client_id,
                                               std::int64_t provider_id) {
    return currentAllocationRows(db, client_id, provider_id);
}

std::optional<AllocationView> allocationByNumber(db::Connection& db, std::int64_t number) {
    return currentAllocationRow(db, number);
}

}  // namespace zc::contracting
