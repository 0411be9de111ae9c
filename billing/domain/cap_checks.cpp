// The cap rules of claim adjudication (adjudication.hpp, rules 17..19): the line's volume
// within the cap windows its period touches, over the whole allocation, and over what the access
// decision granted. Each failing verdict carries its figures (CapFigures).
#include <limits>
#include <string>
#include <string_view>

#include "billing/domain/adjudication.hpp"
#include "billing/domain/cap_windows.hpp"
#include "billing/domain/verdict_text.hpp"
#include "contracting/kernel/errors.hpp"

namespace zc::billing {
namespace {

using verdict_text::decimal;
using verdict_text::describe;
using verdict_text::reject;
using verdict_text::review;
using verdict_text::spokenUnit;

constexpr int kPercent = 100;

// Which cap was counted, and over which days.
struct CapPlace {
    CapScope scope;
    std::optional<Period> window;
    Unit cap_unit;
};

bool fits64(__int128 v) {
    return v >= std::numeric_limits<std::int64_t>::min() &&
           v <= std::numeric_limits<std::int64_t>::max();
}

// The figures of a failed cap, or nullopt when a number does not fit 64 bits (an absurd line,
// rejected for its size anyway).
std::optional<CapFigures> figures(const CapPlace& place, __int128 limit, __int128 before,
                                  __int128 claimed) {
    if (!fits64(limit) || !fits64(before) || !fits64(claimed)) return std::nullopt;
    return CapFigures{place.scope,
                      place.cap_unit,
                      static_cast<std::int64_t>(limit),
                      static_cast<std::int64_t>(before),
                      static_cast<std::int64_t>(claimed),
                      place.window};
}

// used > limit fails; within policy.over_cap_percent of the limit it goes to review.
std::optional<Verdict> capVerdict(Reason reason, __int128 used, __int128 limit, __int128 before,
                                  Unit counting_unit, const ReviewPolicy& policy,
                                  std::string_view window, const CapPlace& place) {
    if (used <= limit) return std::nullopt;
    const std::string text = "The claimed volume brings the use " + std::string(window) + " to " +
                             decimal(used) + " " + spokenUnit(counting_unit) +
                             ", above the allocated " + decimal(limit) + " (" + decimal(before) +
                             " accepted before); claim at most the remaining volume.";
    const bool tolerated = policy.over_cap_percent > 0 &&
                           used * kPercent <= limit * (kPercent + policy.over_cap_percent);
    Verdict v = tolerated
                    ? review(reason, text + " The line is held for review by the municipality.")
                    : reject(reason, text);
    v.cap = figures(place, limit, before, used - before);
    return v;
}

// The unit the cap counts in, the line's volume and the limit scaled to it (hours → minutes).
struct CapCounting {
    Unit unit;
    __int128 line_volume;
    std::int64_t limit_factor;
};

CapCounting capCounting(const ClaimLine& line, const AllocationFacts& allocation) {
    const Unit cap_unit = allocation.cap.unit;
    return CapCounting{
        capCountingUnit(cap_unit),
        static_cast<__int128>(line.volume) * toCapCountingUnit(1, line.unit, cap_unit),
        toCapCountingUnit(1, cap_unit, cap_unit)};
}

}  // namespace

std::string capScopeName(CapScope scope) {
    switch (scope) {
        case CapScope::Period:
            return "period";
        case CapScope::Allocation:
            return "allocation";
        case CapScope::Decision:
            return "decision";
    }
    assertionFailed("unknown CapScope", __FILE__, __LINE__);
}

std::optional<Verdict> checkPeriodCap(const ClaimLine& line, const AllocationFacts& allocation,
                                      const PriorUse& prior, const ReviewPolicy& policy) {
    const CapCounting c = capCounting(line, allocation);
    if (c.line_volume > kMaxLineVolume * kMinutesPerHour) {
        return reject(Reason::PeriodVolumeExceeded, "The claimed volume is beyond any cap.");
    }
    const auto volume = static_cast<std::int64_t>(c.line_volume);
    const int days = daysBetween(line.period.begin, *line.period.end);
    if (line.unit == Unit::Days24h && volume > days) {
        return reject(Reason::PeriodVolumeExceeded,
                      "The line claims " + decimal(volume) + " 24-hour days (etmalen) in " +
                          describe(line.period) + ", which has only " + decimal(days) +
                          " calendar days.");
    }
    const AllocationUse empty(allocation.cap, allocation.category, allocation.period);
    const AllocationUse& use = prior.use ? *prior.use : empty;
    const auto breach = use.windowBreach(line.period, volume);
    if (!breach) return std::nullopt;
    return capVerdict(Reason::PeriodVolumeExceeded, breach->used, breach->limit, breach->before,
                      c.unit, policy, "for " + describe(breach->window),
                      CapPlace{CapScope::Period, breach->window, allocation.cap.unit});
}

std::optional<Verdict> checkCumulativeCap(const ClaimLine& line, const AllocationFacts& allocation,
                                          const PriorUse& prior, const ReviewPolicy& policy) {
    const std::optional<std::int64_t> max =
        maxVolumeOverAllocation(allocation.cap, allocation.period);
    if (!max) return std::nullopt;
    const CapCounting c = capCounting(line, allocation);
    const std::int64_t before = prior.use ? prior.use->total() : 0;
    return capVerdict(Reason::CumulativeVolumeExceeded, before + c.line_volume,
                      static_cast<__int128>(*max) * c.limit_factor, before, c.unit, policy,
                      "over the whole allocation",
                      CapPlace{CapScope::Allocation, allocation.period, allocation.cap.unit});
}

std::optional<Verdict> checkDecisionCap(const ClaimLine& line, const AllocationFacts& allocation,
                                        const PriorUse& prior) {
    if (!prior.decision) return std::nullopt;
    const CapCounting c = capCounting(line, allocation);
    const auto& d = *prior.decision;
    if (d.accepted + c.line_volume <= d.limit) return std::nullopt;
    Verdict v = reject(
        Reason::DecisionVolumeExceeded,
        "The claimed volume brings the use of what the access decision granted, over all its "
        "allocations (also those of other providers), to " +
            decimal(d.accepted + c.line_volume) + " " + spokenUnit(c.unit) +
            ", above the granted " + decimal(d.limit) + " (" + decimal(d.accepted) +
            " accepted before); claim at most the remaining volume.");
    v.cap = figures(CapPlace{CapScope::Decision, std::nullopt, allocation.cap.unit}, d.limit,
                    d.accepted, c.line_volume);
    return v;
}

}  // namespace zc::billing
