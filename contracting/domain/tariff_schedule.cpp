#include "tariff_schedule.hpp"

#include <algorithm>
#include <iterator>

#include "../kernel/errors.hpp"

namespace zc::contracting {
namespace {

bool startsEarlier(const TariffVersion& a, const TariffVersion& b) {
    return a.valid_from < b.valid_from;
}

}  // namespace

TariffSchedule::TariffSchedule(std::vector<TariffVersion> versions)
    : versions_(std::move(versions)) {
    std::sort(versions_.begin(), versions_.end(), startsEarlier);
    for (std::size_t i = 0; i < versions_.size(); ++i) {
        const TariffVersion& v = versions_[i];
        ZC_ASSERT(v.tariff > Money());
        ZC_ASSERT(!v.valid_to || v.valid_from < *v.valid_to);
        if (i > 0) {
            ZC_ASSERT(v.unit == versions_[0].unit);
            ZC_ASSERT(versions_[i - 1].valid_from < v.valid_from);
        }
    }
}

const TariffVersion& TariffSchedule::add(TariffVersion v) {
    if (v.tariff <= Money()) {
        throw ValidationError("INVALID_TARIFF", "Tariff must be more than 0.00.", "tariff");
    }
    if (v.valid_to && *v.valid_to <= v.valid_from) {
        throw ValidationError("INVALID_PERIOD",
                              "End date must be after the start date; leave it empty for a "
                              "tariff that runs until it is superseded.",
                              "valid_to");
    }
    if (!versions_.empty() && v.unit != versions_.front().unit) {
        throw ValidationError("UNIT_MISMATCH",
                              "Unit must be " + unitName(versions_.front().unit) +
                                  ", the unit of the existing tariffs of this product.",
                              "unit");
    }
    // Appending at the end keeps versions_ sorted by valid_from.
    if (!versions_.empty() && v.valid_from <= versions_.back().valid_from) {
        throw ValidationError("TARIFF_OVERLAP",
                              "Start date must be after " +
                                  formatDate(versions_.back().valid_from) +
                                  ", the start of the latest tariff; recorded tariffs are never "
                                  "changed.",
                              "valid_from");
    }
    versions_.push_back(std::move(v));
    return versions_.back();
}

std::optional<TariffVersion> TariffSchedule::at(Date d) const {
    // The first version starting after d; the one before it is the last that started on or
    // before d, and its successor cannot have started yet, so only its own valid_to can end it.
    auto next =
        std::upper_bound(versions_.begin(), versions_.end(), d,
                         [](Date date, const TariffVersion& v) { return date < v.valid_from; });
    if (next == versions_.begin()) return std::nullopt;
    const TariffVersion& candidate = *std::prev(next);
    if (candidate.valid_to && !(d < *candidate.valid_to)) return std::nullopt;
    return candidate;
}

std::optional<TariffVersion> TariffSchedule::indexation(Percentage pct, Date from) const {
    std::optional<TariffVersion> current = at(from);
    if (!current) return std::nullopt;
    TariffVersion indexed = *current;
    indexed.tariff = applyIndexation(current->tariff, pct);
    indexed.valid_from = from;
    return indexed;
}

}  // namespace zc::contracting
