#include "decision_cap.hpp"

#include <algorithm>
#include <stdexcept>

#include "../kernel/errors.hpp"

namespace zc::contracting {
namespace {

// The part of `a` inside [from, to) (to absent: no limit); may be empty.
Period clip(const Period& a, Date from, const std::optional<Date>& to) {
    Period out{std::max(a.begin, from), a.end};
    if (to && (!out.end || *to < *out.end)) out.end = to;
    return out;
}

bool isEmpty(const Period& p) { return p.end && !(p.begin < *p.end); }

// The first day after the frequency window (day, ISO week, calendar month) holding `d`.
Date afterWindow(Date d, Frequency f) {
    switch (f) {
        case Frequency::PerDay:
            return addDays(d, 1);
        case Frequency::PerWeek: {
            const std::chrono::sys_days day{d};
            const std::chrono::weekday wd{day};
            return Date{day + std::chrono::days{8 - static_cast<int>(wd.iso_encoding())}};
        }
        case Frequency::PerMonth:
            return Date{(d.year() / d.month() / 1) + std::chrono::months{1}};
        case Frequency::TotalInValidity:
            break;
    }
    assertionFailed("no window for a total cap", __FILE__, __LINE__);
}

std::int64_t checkedAdd(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_add_overflow(a, b, &out)) throw std::overflow_error("cap volume overflow");
    return out;
}

std::string windowText(const Cap& cap) {
    return std::to_string(cap.volume) + " " + unitName(cap.unit) + " per " +
           frequencyName(cap.frequency);
}

}  // namespace

DecisionCapTotals decisionCapTotals(const Cap& granted, const Period& decision,
                                    const std::vector<GrantUse>& allocations) {
    DecisionCapTotals t;
    std::vector<Period> parts;
    std::vector<Cap> caps;
    for (const auto& a : allocations) {
        const Period p = clip(a.validity, decision.begin, decision.end);
        if (isEmpty(p)) continue;
        parts.push_back(p);
        caps.push_back(a.cap);
    }
    t.horizon_end = decision.end;
    const bool per_window = granted.frequency != Frequency::TotalInValidity;
    if (!decision.end && per_window) {
        if (parts.empty()) return t;
        Date last = decision.begin;
        for (const auto& p : parts) {
            last = std::max(last, p.begin);
            if (p.end) last = std::max(last, addDays(*p.end, -1));
        }
        t.horizon_end = afterWindow(last, granted.frequency);
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (!parts[i].end) {
                t.open_ended_per_window = checkedAdd(t.open_ended_per_window, caps[i].volume);
            }
        }
    }
    const Period horizon{decision.begin, t.horizon_end};
    t.granted = maxVolumeOver(granted, horizon);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const Period p = clip(parts[i], horizon.begin, horizon.end);
        if (isEmpty(p)) continue;
        t.allocated = checkedAdd(t.allocated, maxVolumeOver(caps[i], p));
    }
    return t;
}

bool usesNoMoreThan(const GrantUse& after, const GrantUse& before) {
    if (after.cap.unit != before.cap.unit || after.cap.frequency != before.cap.frequency ||
        after.cap.volume > before.cap.volume) {
        return false;
    }
    if (after.validity.begin < before.validity.begin) return false;
    if (!before.validity.end) return true;
    return after.validity.end && *after.validity.end <= *before.validity.end;
}

void checkAllocationsWithinDecision(const Cap& granted, const Period& decision,
                                    const std::vector<GrantUse>& allocations) {
    const DecisionCapTotals t = decisionCapTotals(granted, decision, allocations);
    const std::string hint =
        granted.frequency == Frequency::TotalInValidity
            ? " Lower a volume or end an allocation first."
            : " Each allocation may use a broken " + frequencyName(granted.frequency) +
                  " in full: let the new allocation start where the earlier one's " +
                  frequencyName(granted.frequency) + " ends, or lower a volume.";
    if (t.allocated > t.granted) {
        throw ValidationError(
            "DECISION_VOLUME_EXCEEDED",
            "Together the allocations of this grant would allow " + std::to_string(t.allocated) +
                " " + unitName(granted.unit) + " from " + formatDate(decision.begin) +
                (t.horizon_end ? " up to " + formatDate(*t.horizon_end) : std::string()) +
                ", more than the " + std::to_string(t.granted) + " the decision grants (" +
                windowText(granted) + ")." + hint,
            "volume");
    }
    if (t.open_ended_per_window > granted.volume) {
        throw ValidationError("DECISION_VOLUME_EXCEEDED",
                              "Together the open-ended allocations of this grant would allow " +
                                  std::to_string(t.open_ended_per_window) + " " +
                                  unitName(granted.unit) + " per " +
                                  frequencyName(granted.frequency) + ", more than the " +
                                  windowText(granted) + " the decision grants." + hint,
                              "volume");
    }
}

}  // namespace zc::contracting
