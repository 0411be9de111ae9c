#pragma once
// The volume an access decision grants binds all allocations of that grant together, also when
// the client switches provider: a provider may use a broken week or month in full (IV076,
// IV078), so two allocations that meet inside a week or month could together allow more than
// was granted. Everything is computed in the grant's unit with maxVolumeOver (cap.hpp), each
// allocation over the part of its validity that overlaps the decision's.
#include <cstdint>
#include <optional>
#include <vector>

#include "../kernel/cap.hpp"
#include "../kernel/civil_date.hpp"

namespace zc::contracting {

// One allocation drawing on the grant (the candidate included), in the grant's unit and
// frequency (checkVolumeWithinGrant guarantees both).
struct GrantUse {
    std::int64_t number = 0;  // ToewijzingNummer; 0 for a new allocation
    Cap cap;
    Period validity;  // an empty period (withdrawn) uses nothing
};

struct DecisionCapTotals {
    // Units over the horizon: the decision's validity, or for an open-ended decision with a
    // per-day, -week or -month cap, from its start to the end of the window holding the last
    // start or end of an allocation.
    std::int64_t granted = 0;
    std::int64_t allocated = 0;
    // Open-ended decision and cap per window: the volume per window of the allocations that
    // never end (their sum must stay within the granted volume); 0 otherwise.
    std::int64_t open_ended_per_window = 0;
    std::optional<Date> horizon_end;  // exclusive; absent for a total cap without end
};

DecisionCapTotals decisionCapTotals(const Cap& granted, const Period& decision,
                                    const std::vector<GrantUse>& allocations);

// DECISION_VOLUME_EXCEEDED (Unprocessable, field "volume") when the allocations together
// allow more than the decision grants, naming both totals.
void checkAllocationsWithinDecision(const Cap& granted, const Period& decision,
                                    const std::vector<GrantUse>& allocations);

// True when the version `after` can allow no more than `before` did: the same unit and
// frequency, no higher volume, and a period inside the earlier one. Such a change (an earlier
// end, a lower volume) is never refused for the decision's volume, so that allocations stored
// before this rule can always be brought back within the grant.
bool usesNoMoreThan(const GrantUse& after, const GrantUse& before);

}  // namespace zc::contracting
