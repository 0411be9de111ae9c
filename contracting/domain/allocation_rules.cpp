#include "allocation_rules.hpp"

#include "../kernel/ascii.hpp"
#include "../kernel/errors.hpp"
#include "unit_frequency.hpp"

namespace zc::contracting {
namespace {

constexpr int kFirstStackableCategory = 11;
constexpr int kLastStackableCategory = 14;
constexpr int kFirstReason = 2;  // 01 is obsolete (CS336)
constexpr int kLastReason = 14;

int twoDigits(std::string_view text) { return (text[0] - '0') * 10 + (text[1] - '0'); }

bool isRemoval(const std::optional<std::string>& reason_code) {
    return reason_code && *reason_code == kReasonRemoved;
}

// Euro amount for messages, e.g. "EUR 1234.56".
std::string euros(Money m) { return "EUR " + m.toString(); }

}  // namespace

Financing parseFinancing(std::string_view text, std::string_view field) {
    if (text == "ZIN") return Financing::Zin;
    if (text == "PGB") return Financing::Pgb;
    throw ValidationError("INVALID_FINANCING", "The financing must be ZIN or PGB.",
                          std::string(field));
}

std::string financingName(Financing f) { return f == Financing::Zin ? "ZIN" : "PGB"; }

std::string parseChangeReason(std::string_view text, std::string_view field) {
    if (text.size() != 2 || !ascii::allDigits(text)) {
        throw ValidationError("INVALID_REASON_CODE",
                              "The reason code is a two-digit RedenWijziging code 02..14.",
                              std::string(field));
    }
    const int code = twoDigits(text);
    if (code == 1) {
        throw ValidationError("INVALID_REASON_CODE",
                              "RedenWijziging 01 (administratieve correctie) is obsolete and must "
                              "not be used; use 14.",
                              std::string(field));
    }
    if (code < kFirstReason || code > kLastReason) {
        throw ValidationError("INVALID_REASON_CODE",
                              "The reason code is a two-digit RedenWijziging code 02..14.",
                              std::string(field));
    }
    return std::string(text);
}

bool categoryMayStack(std::string_view category) {
    if (category.size() != 2 || !ascii::allDigits(category)) return false;
    const int c = twoDigits(category);
    return c >= kFirstStackableCategory && c <= kLastStackableCategory;
}

void checkAllocatable(Financing financing) {
    if (financing == Financing::Pgb) {
        throw ValidationError("PGB_NOT_ALLOCATABLE",
                              "This product is granted as a personal budget (PGB); only care in "
                              "kind (ZIN) is allocated to a provider.",
                              "granted_product_id");
    }
}

void checkEndDate(Frequency frequency, const std::optional<Date>& end) {
    if (frequency == Frequency::PerWeek && !end) {
        throw ValidationError("END_DATE_REQUIRED",
                              "An allocation with a weekly volume needs an end date.", "end_date");
    }
}

void checkAllocationPeriod(Date begin, const std::optional<Date>& end,
                           const std::optional<std::string>& reason_code) {
    if (!end || begin < *end) return;
    if (*end == begin && isRemoval(reason_code)) return;
    throw ValidationError("INVALID_PERIOD",
                          "The end date (exclusive) must lie after the start date; only reason "
                          "13 (verwijderd) may end an allocation on its start date.",
                          "end_date");
}

void checkInsideDecision(Date begin, const std::optional<Date>& end, const Period& decision) {
    if (!decision.contains(begin)) {
        throw ValidationError("ALLOCATION_OUTSIDE_DECISION",
                              "The allocation must start within the decision's validity (" +
                                  formatDate(decision.begin) + " up to " +
                                  (decision.end ? formatDate(*decision.end) : "open") + ").",
                              "start_date");
    }
    if (decision.end && (!end || *end > *decision.end)) {
        throw ValidationError("ALLOCATION_OUTSIDE_DECISION",
                              "The allocation must end by the end of the decision's validity (" +
                                  formatDate(*decision.end) + ").",
                              "end_date");
    }
}

void checkVolumeWithinGrant(const Cap& requested, const Cap& granted) {
    if (requested.volume <= 0) {
        throw ValidationError("INVALID_VOLUME", "The volume must be a positive whole number.",
                              "volume");
    }
    if (requested.unit != granted.unit || requested.frequency != granted.frequency) {
        throw ValidationError("VOLUME_EXCEEDS_GRANT",
                              "The allocation must use the granted unit and frequency (" +
                                  unitName(granted.unit) + " per " +
                                  frequencyName(granted.frequency) + ").",
                              "volume");
    }
    if (requested.volume > granted.volume) {
        throw ValidationError("VOLUME_EXCEEDS_GRANT",
                              "The volume " + std::to_string(requested.volume) +
                                  " exceeds the granted " + std::to_string(granted.volume) + " " +
                                  unitName(granted.unit) + " per " +
                                  frequencyName(granted.frequency) + ".",
                              "volume");
    }
}

void checkNoOverlap(std::string_view category, Date begin, const std::optional<Date>& end,
                    std::int64_t own_number, const std::vector<ExistingAllocation>& current) {
    if (categoryMayStack(category)) return;
    const Period candidate{begin, end};
    if (!candidate.isValid()) return;  // removed (reason 13): an empty period
    for (const auto& other : current) {
        if (other.number == own_number || !other.period.isValid()) continue;
        if (candidate.overlaps(other.period)) {
            throw ValidationError("ALLOCATION_OVERLAP",
                                  "The client already has allocation " +
                                      std::to_string(other.number) +
                                      " for this product in this period; change or end it "
                                      "instead.",
                                  "start_date");
        }
    }
}

void checkPgbDoesNotOverlapAllocations(const Period& grant,
                                       const std::vector<ExistingAllocation>& in_kind) {
    for (const auto& a : in_kind) {
        if (a.period.isValid() && grant.overlaps(a.period)) {
            throw ValidationError("PGB_OVERLAPS_ALLOCATION",
                                  "The client has allocation " + std::to_string(a.number) +
                                      " in kind for this product in this period; a personal "
                                      "budget cannot overlap it.",
                                  "products");
        }
    }
}

void checkPgbCost(Money budget, Money zin_cost) {
    if (budget > zin_cost) {
        throw ValidationError("PGB_EXCEEDS_ZIN",
                              "The personal budget of " + euros(budget) +
                                  " costs more than the same care in kind (" + euros(zin_cost) +
                                  " at the contracted tariff).",
                              "pgb_budget_cents");
    }
}

void checkAllocation(const AllocationCandidate& c, const std::vector<ExistingAllocation>& current) {
    checkAllocatable(c.financing);
    checkEndDate(c.requested.frequency, c.end);
    checkAllocationPeriod(c.begin, c.end, c.reason_code);
    checkInsideDecision(c.begin, c.end, c.decision);
    checkVolumeWithinGrant(c.requested, c.granted);
    const Period own{c.begin, c.end};
    if (own.isValid()) checkUnitAndFrequency(c.requested, own);
    checkNoOverlap(c.category, c.begin, c.end, c.own_number, current);
}

}  // namespace zc::contracting
