#pragma once
// Allocations (toewijzing): the part of an access decision allocated to one contracted provider.
// Allocations are versioned rows: a change or an end adds a version with the same
// ToewijzingNummer and marks the previous one not current; no version is ever rewritten. Every
// create, change and end announces it through the AllocationChanges port the caller passes
// (contracting/app/allocation_changes.hpp), in its transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "context.hpp"
#include "contracting/app/allocation_changes.hpp"
#include "contracting/kernel/cap.hpp"
#include "contracting/kernel/unit.hpp"

namespace zc::app {

// One version of an allocation, as the message layer needs it (WMO301 Toewijzing).
struct AllocationView {
    std::int64_t id = 0;      // this version's row
    std::int64_t number = 0;  // ToewijzingNummer, the same for all versions
    int version = 0;
    std::int64_t client_id = 0;
    std::int64_t provider_id = 0;
    std::string product_code;
    std::string category;  // ProductCategorie "01".."18"
    Date start_date;
    std::optional<Date> end_date;  // exclusive; iWmo writes end_date - 1 day (inclusive)
    std::int64_t volume = 0;
    Unit unit = Unit::Hours;
    Frequency frequency = Frequency::PerWeek;
    std::optional<std::string> reason_change;  // RedenWijziging, absent on version 1
    std::optional<std::string> referentie_aanbieder;
    std::string allocated_at;  // Toewijzingsdatum + tijd, "YYYY-MM-DD HH:MM:SS.ffffff" UTC
};

// The current version of every allocation of the client with the provider, by number. Includes
// ended and removed ones (reason_change "13"); filter by end_date / reason_change as needed.
std::vector<AllocationView> currentAllocations(db::Connection& db, std::int64_t client_id,
                                               std::int64_t provider_id);
// The current version of allocation `number`, or nothing.
std::optional<AllocationView> allocationByNumber(db::Connection& db, std::int64_t number);

// POST /allocations: {granted_product_id, provider_id, start_date, end_date?, volume?,
// referentie_aanbieder?}. Without end_date the allocation ends with the decision; without volume
// it gets the granted volume. Answers 201 with the allocation (version 1) — or, when it merely
// continues an unexpired allocation of the same grant and provider with the same volume from
// its end date (OP380), with a new version of that allocation whose end moved ("extended": true;
// RedenWijziging 12 when it answers a provider's request, else 04).
ApiResponse createAllocation(RequestContext& ctx, const ApiRequest& req,
                             contracting::AllocationChanges& changes);
// POST /allocations/{number}/changes: {volume?, end_date?, reason_code, provider_consent?} → a
// new version. A change that ends the allocation before today or lowers a volume that applied
// already needs provider_consent {given_by, given_on} (OP186, OP298, OP299).
ApiResponse changeAllocation(RequestContext& ctx, const ApiRequest& req,
                             contracting::AllocationChanges& changes);
// POST /allocations/{number}/end: {end_date, reason_code, provider_consent?} → a new version with
// the end date (the same consent rule).
ApiResponse endAllocation(RequestContext& ctx, const ApiRequest& req,
                          contracting::AllocationChanges& changes);
// GET /allocations?client_id=&provider_id= (current versions; a provider sees only its own).
ApiResponse listAllocations(RequestContext& ctx, const ApiRequest& req);
// GET /allocations/{number}: the current version with all versions.
ApiResponse getAllocation(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::app
