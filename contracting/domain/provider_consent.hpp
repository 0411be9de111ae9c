#pragma once
// Changes that take care away from the past need the provider's consent first (iwmo-3.2.md
// §10.6; UP031 "geen verlies van rechtmatigheid"): ending an allocation in the past (OP186) and
// lowering its volume, budget or total where it already applied (OP298, OP299). Without consent
// the provider would lose the legal basis (rechtmatigheid) of care it may have delivered.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "../kernel/civil_date.hpp"

namespace zc::contracting {

// The terms of an allocation version that a change can lower.
struct AllocationTerms {
    Date start;
    std::optional<Date> end;  // exclusive; absent: open-ended
    std::int64_t volume = 0;
};

// Who at the provider agreed, and on which day (recorded with the version and audited).
struct ProviderConsent {
    std::string given_by;
    Date given_on;
};

// What a change takes away from the past, in order of precedence.
enum class RetroactiveEffect {
    None,
    EndInPast,            // the end date moves earlier and the new Einddatum lies before today
    VolumeLoweredInPast,  // the volume goes down and the allocation started before today
};

// The end counts as in the past when its last day (end - 1, iWmo's Einddatum) lies before
// `today`; the lower volume applies to the past when the allocation started before `today`
// (a version's volume holds from its start).
RetroactiveEffect retroactiveEffect(const AllocationTerms& before, const AllocationTerms& after,
                                    Date today);

// Refuses a retroactive change without consent: PROVIDER_CONSENT_REQUIRED (Conflict, field
// "provider_consent"), naming the effect and what to record.
void checkProviderConsent(const AllocationTerms& before, const AllocationTerms& after, Date today,
                          const std::optional<ProviderConsent>& consent);

// A consent as recorded: given_by non-empty (at most 200 characters, no control characters),
// given_on not after `today`. INVALID_PROVIDER_CONSENT (field "provider_consent").
ProviderConsent makeProviderConsent(std::string_view given_by, Date given_on, Date today);

}  // namespace zc::contracting
