#pragma once
// OP380 (new in iWmo 3.2): an allocation that continues unchanged — same product, volume, unit
// and frequency — and has not yet expired is extended by moving its end date, not by issuing a
// new ToewijzingNummer (see also IV093).
#include <cstdint>
#include <optional>
#include <string>

#include "../kernel/cap.hpp"
#include "../kernel/civil_date.hpp"

namespace zc::contracting {

// The current version of an allocation of the same client.
struct ExtendableAllocation {
    std::int64_t provider_id = 0;
    std::int64_t granted_product_id = 0;  // the decision's granted product it draws on
    Cap cap;
    Date start;
    std::optional<Date> end;  // exclusive; absent: open-ended
    std::optional<std::string> reason_change;
};

// The allocation asked for.
struct RequestedAllocation {
    std::int64_t provider_id = 0;
    std::int64_t granted_product_id = 0;
    Cap cap;
    Date start;
    std::optional<Date> end;
};

// Whether the request extends `existing` (OP380) or needs a new ToewijzingNummer, and why.
enum class ExtensionVerdict {
    Extend,
    OtherProvider,  // a switch of provider is a new allocation
    OtherGrant,     // another product or another decision
    OtherVolume,    // other volume, unit or frequency: a new allocation (IV093)
    Withdrawn,      // RedenWijziging 13: withdrawn allocations never change again
    OpenEnded,      // nothing to extend
    NotAdjacent,    // does not start on the existing end date
    Expired,        // the existing allocation's Einddatum (end - 1) lies before today
    NoLongerEnd,    // the new end does not lie after the existing end
};

ExtensionVerdict extensionVerdict(const ExtendableAllocation& existing,
                                  const RequestedAllocation& requested, Date today);
// "extend", "other_provider", "other_grant", "other_volume", "withdrawn", "open_ended",
// "not_adjacent", "expired", "no_longer_end".
std::string verdictName(ExtensionVerdict v);

}  // namespace zc::contracting
