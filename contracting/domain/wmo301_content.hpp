#pragma once
// OP087: which allocations a WMO301 (Toewijzing) for one client and one provider carries. It
// carries every allocation valid on or after the message date, plus every allocation changed
// since the previous WMO301 for that client and provider (for example one ended or removed since,
// which the provider does not know yet). An allocation whose end equals its start with
// RedenWijziging 13 (verwijderd) or 01 (administratieve correctie, vervallen) is not an actual
// allocation: it goes along only while the provider has not been told. A WMO301 comes from the
// municipality that pays its allocations (its Afzender), so one client's allocations with one
// provider go in one WMO301 per paying municipality.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "../kernel/civil_date.hpp"

namespace zc::contracting {

// The current version of an allocation as the WMO301 selection needs it.
struct AllocationForMessage {
    Date start;
    std::optional<Date> end;                   // exclusive; absent: open-ended
    std::optional<std::string> reason_change;  // RedenWijziging of this version
    bool sent_before = false;  // this version was carried by an earlier WMO301 already
};

// Why an allocation is in a WMO301, or why not.
enum class Wmo301Inclusion {
    ValidOnOrAfter,  // valid on or after the message date
    Changed,         // not valid any more, but this version has not been sent yet
    LeftOut,         // ended before the message date (or withdrawn) and sent already
};

// True for an allocation withdrawn with end = start and RedenWijziging 13 or 01.
bool isWithdrawn(const AllocationForMessage& a);
Wmo301Inclusion wmo301Inclusion(const AllocationForMessage& a, Date message_date);
inline bool belongsInWmo301(const AllocationForMessage& a, Date message_date) {
    return wmo301Inclusion(a, message_date) != Wmo301Inclusion::LeftOut;
}
// "valid", "changed" or "left_out" (for messages and tests).
std::string inclusionName(Wmo301Inclusion i);

// An allocation of the client with the provider, with the municipality that pays it.
struct PaidAllocationForMessage {
    std::string paying_municipality;  // gemeentecode
    AllocationForMessage allocation;  // sent_before: within that municipality's WMO301s
};

// One WMO301: its Afzender and the positions (in the input) of the allocations it carries.
struct Wmo301Selection {
    std::string municipality;
    std::vector<std::size_t> carried;
};

// The WMO301s for the client's allocations with one provider on `message_date`: one per paying
// municipality, in the order the municipalities first appear, each carrying only what that
// municipality pays (by belongsInWmo301). A municipality with nothing to carry gets none.
std::vector<Wmo301Selection> wmo301Selections(
    const std::vector<PaidAllocationForMessage>& allocations, Date message_date);

}  // namespace zc::contracting
