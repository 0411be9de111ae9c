#pragma once
// Allocations (toewijzing): the part of an access decision allocated to one contracted provider.
// Allocations are versioned rows: a change or an end adds a version with the same
// ToewijzingNummer and marks the previous one not current; no version is ever rewritten. Every
// create, change and end announces it through the AllocationChanges port the caller passes
// (allocation_changes.hpp), in its transaction, and writes its audit row ("allocation.create",
// ".change", ".end", ".extend"; before and after: the version as the API shows it).
// The *In functions are the rules over a store (unit-tested in memory); the others are the use
// cases on the database.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/app/allocation_changes.hpp"
#include "contracting/kernel/request_context.hpp"
#include "contracting/store/allocation_store.hpp"

namespace zc::contracting {

// One version of an allocation, as the message layer needs it (WMO301 Toewijzing).
using AllocationView = AllocationRow;

// Who changes allocations, and when (the clock stamps each version's allocated_at).
// `who` is checked against the care's municipalities (staff_scope.hpp: OUT_OF_SCOPE); the
// default, a system actor, is not scoped.
struct AllocationScope {
    const Clock& clock;
    std::string actor;  // created_by of the versions
    app::Actor who = {};
};

// provider_consent {given_by, given_on} as the request gives it; checked by the use case.
struct ConsentGiven {
    std::string given_by;
    Date given_on;
};

// POST /allocations. Without end the allocation ends with the decision; without volume it gets
// the granted volume.
struct NewAllocation {
    std::int64_t granted_product_id = 0;
    std::int64_t provider_id = 0;
    Date start;
    std::optional<Date> end;
    std::optional<std::int64_t> volume;
    std::optional<std::string> referentie_aanbieder;
};

// POST /allocations/{number}/changes (volume or end or both; reason a RedenWijziging).
struct AllocationChange {
    std::int64_t number = 0;
    std::optional<std::int64_t> volume;
    std::optional<Date> end;
    std::optional<Date> effective;  // first day of a new weekly (daily, monthly) volume
    std::string reason;
    std::optional<std::string> referentie_aanbieder;
    std::optional<ConsentGiven> consent;
};

// POST /allocations/{number}/end.
struct AllocationEnd {
    std::int64_t number = 0;
    Date end;
    std::string reason;
    std::optional<ConsentGiven> consent;
};

// An allocation as answered: its current version with all versions, oldest first.
struct AllocationOutcome {
    AllocationRow current;
    std::vector<AllocationRow> versions;
    bool extended = false;                 // OP380: the running allocation's end moved
    std::optional<std::int64_t> replaces;  // OP033x1: the allocation this one replaces
};

// Creates allocation version 1 — or, when it merely continues an unexpired allocation of the
// same grant and provider with the same volume from its end date (OP380), a new version of that
// allocation whose end moved (extended; RedenWijziging 12 with a reference, else 04).
// UNKNOWN_GRANTED_PRODUCT, UNKNOWN_PROVIDER, the allocation rules, DECISION_VOLUME_EXCEEDED,
// PGB_OVERLAPS_ALLOCATION, NO_ACTIVE_CONTRACT.
AllocationOutcome createAllocationIn(AllocationStore& store, const AllocationScope& scope,
                                     const NewAllocation& in, AllocationChanges& changes);
// A new version. A weekly (daily, monthly) volume is not changed in place: with effective the
// allocation ends there and a new one carries the new volume (VOLUME_CHANGE_NEEDS_DATE without
// it, INVALID_EFFECTIVE_DATE outside the allocation). A change that ends the allocation before
// today or lowers a volume that applied already needs the provider's consent (OP186, OP298,
// OP299: PROVIDER_CONSENT_REQUIRED).
AllocationOutcome changeAllocationIn(AllocationStore& store, const AllocationScope& scope,
                                     const AllocationChange& in, AllocationChanges& changes);
// A new version with the end date (the same consent rule).
AllocationOutcome endAllocationIn(AllocationStore& store, const AllocationScope& scope,
                                  const AllocationEnd& in, AllocationChanges& changes);

// The rules above on the database, audited.
AllocationOutcome createAllocation(app::RequestContext& ctx, const NewAllocation& in,
                                   AllocationChanges& changes);
AllocationOutcome changeAllocation(app::RequestContext& ctx, const AllocationChange& in,
                                   AllocationChanges& changes);
AllocationOutcome endAllocation(app::RequestContext& ctx, const AllocationEnd& in,
                                AllocationChanges& changes);
// GET /allocations: current versions by number; a provider sees only its own, a staff user
// those within the scope.
app::ListPage<AllocationRow> listAllocations(app::RequestContext& ctx, AllocationFilter filter);
// GET /allocations/{number}: NOT_FOUND when unknown or another provider's; OUT_OF_SCOPE.
AllocationOutcome getAllocation(app::RequestContext& ctx, std::int64_t number);

// The current version of every allocation of the client with the provider, by number. Includes
// ended and removed ones (reason_change "13"); filter by end_date / reason_change as needed.
std::vector<AllocationView> currentAllocations(db::Connection& db, std::int64_t client_id,
                                               std::int64_t provider_id);
// The current version of allocation `number`, or nothing.
std::optional<AllocationView> allocationByNumber(db::Connection& db, std::int64_t number);

}  // namespace zc::contracting
