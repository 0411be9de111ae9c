#pragma once
// Allocations (toewijzingen) over HTTP: JSON in, the use cases of contracting/app/allocations.hpp,
// JSON out. Create, change and end announce through the AllocationChanges port the caller passes
// (the routes pass the WMO301 outbox: queueingWmo301<createAllocation>).
#include "api_request.hpp"
#include "contracting/app/allocation_changes.hpp"
#include "contracting/app/allocations.hpp"
#include "interfaces/iwmo/exchange/wmo301_outbox.hpp"

namespace zc::http {

// POST /allocations: {granted_product_id, provider_id, start_date, end_date?, volume?,
// referentie_aanbieder?} → 201 with the allocation and its versions ("extended": true when it
// moved the end of a running allocation, OP380).
ApiResponse createAllocation(RequestContext& ctx, const ApiRequest& req,
                             contracting::AllocationChanges& changes);
// POST /allocations/{number}/changes: {volume?, end_date?, effective_date?, reason_code,
// referentie_aanbieder?, provider_consent?} → 201 with the new version ("replaces": the old
// number when a new allocation carries a new weekly volume, OP033x1).
ApiResponse changeAllocation(RequestContext& ctx, const ApiRequest& req,
                             contracting::AllocationChanges& changes);
// POST /allocations/{number}/end: {end_date, reason_code, provider_consent?} → 201.
ApiResponse endAllocation(RequestContext& ctx, const ApiRequest& req,
                          contracting::AllocationChanges& changes);
// GET /allocations?client_id=&provider_id= (current versions; a provider sees only its own).
ApiResponse listAllocations(RequestContext& ctx, const ApiRequest& req);
// GET /allocations/{number}: the current version with all versions.
ApiResponse getAllocation(RequestContext& ctx, const ApiRequest& req);

// The typed change of allocation `number` in a JSON body (as POST .../changes reads it).
contracting::AllocationChange allocationChangeFrom(std::int64_t number,
                                                   Poco::JSON::Object::Ptr body);
// The typed new allocation in a JSON body (as POST /allocations reads it).
contracting::NewAllocation newAllocationFrom(Poco::JSON::Object::Ptr body);
// The allocation as answered (current version, "versions", "extended", "replaces").
Poco::JSON::Object::Ptr allocationOutcomeJson(const contracting::AllocationOutcome& out);

// An allocation handler whose changes queue their WMO301s at once: what the route table, the
// demo loader and the tests call (`queueingWmo301<createAllocation>`).
template <ApiResponse (*Handler)(RequestContext&, const ApiRequest&,
                                 contracting::AllocationChanges&)>
ApiResponse queueingWmo301(RequestContext& ctx, const ApiRequest& req) {
    iwmo::Wmo301Outbox outbox(ctx);
    return Handler(ctx, req, outbox);
}

}  // namespace zc::http
