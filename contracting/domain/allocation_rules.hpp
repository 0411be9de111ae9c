#pragma once
// Rules of access decisions (toegangsbesluit / beschikking) and allocations (toewijzing), as
// pure functions. Each throws ValidationError with one documented reason code and names the
// offending request field; checkAllocation() runs them in the order of precedence below.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../kernel/cap.hpp"
#include "../kernel/civil_date.hpp"
#include "../kernel/money.hpp"

namespace zc::contracting {

// Financing form of a granted product: care in kind (zorg in natura) or a personal budget.
enum class Financing { Zin, Pgb };
// "ZIN" or "PGB"; throws ValidationError{"INVALID_FINANCING"}.
Financing parseFinancing(std::string_view text, std::string_view field = "financing");
std::string financingName(Financing f);

// RedenWijziging (WMO002) of a changed or ended allocation: two digits 02..14. 01 (administratieve
// correctie, vervallen) must not be used (CS336). Throws ValidationError{"INVALID_REASON_CODE"}.
std::string parseChangeReason(std::string_view text, std::string_view field = "reason_code");
// RedenWijziging 13 "verwijderd": the allocation is withdrawn; its end equals its start (CS335).
inline constexpr std::string_view kReasonRemoved = "13";

// Categories 11..14 (aids: wheelchairs, transport, housing and other aids) may be stacked
// (TR302, OP259); every other category may have one current allocation per product at a time.
bool categoryMayStack(std::string_view category);

// A current allocation of the same client and product, for the overlap checks.
struct ExistingAllocation {
    std::int64_t number = 0;  // ToewijzingNummer
    Period period;
};

// Not PGB: only care in kind is allocated to a provider. PGB_NOT_ALLOCATABLE (Unprocessable,
// field "granted_product_id").
void checkAllocatable(Financing financing);
// A per-week cap needs an end date (iwmo-3.2.md §8). END_DATE_REQUIRED (field "end_date").
void checkEndDate(Frequency frequency, const std::optional<Date>& end);
// end after begin; with reason 13 end may equal begin. INVALID_PERIOD (field "end_date").
void checkAllocationPeriod(Date begin, const std::optional<Date>& end,
                           const std::optional<std::string>& reason_code);
// Allocation inside the decision's validity (an open decision end takes any end).
// ALLOCATION_OUTSIDE_DECISION (Unprocessable, field "start_date" or "end_date").
void checkInsideDecision(Date begin, const std::optional<Date>& end, const Period& decision);
// Volume positive (INVALID_VOLUME), same unit and frequency as granted and volume ≤ granted
// volume: VOLUME_EXCEEDS_GRANT (Unprocessable, field "volume").
void checkVolumeWithinGrant(const Cap& requested, const Cap& granted);
// No overlap with another current allocation (other number) of the same product, except
// categories 11..14. ALLOCATION_OVERLAP (Conflict, field "start_date"). An empty period (a
// removed allocation) overlaps nothing.
void checkNoOverlap(std::string_view category, Date begin, const std::optional<Date>& end,
                    std::int64_t own_number, const std::vector<ExistingAllocation>& current);
// A PGB grant must not overlap an allocation in kind of the same product.
// PGB_OVERLAPS_ALLOCATION (Conflict, field "products").
void checkPgbDoesNotOverlapAllocations(const Period& grant,
                                       const std::vector<ExistingAllocation>& in_kind);
// A PGB may not cost more than the same care in kind: budget ≤ zinCost.
// PGB_EXCEEDS_ZIN (Unprocessable, field "pgb_budget_cents"), naming both amounts.
void checkPgbCost(Money budget, Money zin_cost);

// Everything checked for a new allocation or a new version of one, in this order:
// PGB_NOT_ALLOCATABLE, END_DATE_REQUIRED, INVALID_PERIOD, ALLOCATION_OUTSIDE_DECISION,
// INVALID_VOLUME / VOLUME_EXCEEDS_GRANT, UNIT_FREQUENCY_NOT_ALLOWED /
// VOLUME_EXCEEDS_CALENDAR_DAYS (unit_frequency.hpp, over the allocation's own period; not for a
// withdrawn one), ALLOCATION_OVERLAP.
struct AllocationCandidate {
    Financing financing = Financing::Zin;
    std::string category;  // product category "01".."18"
    Cap granted;
    Period decision;
    Cap requested;
    Date begin;
    std::optional<Date> end;
    std::int64_t own_number = 0;             // 0 for a new allocation
    std::optional<std::string> reason_code;  // for a new version
};
void checkAllocation(const AllocationCandidate& c, const std::vector<ExistingAllocation>& current);

}  // namespace zc::contracting
