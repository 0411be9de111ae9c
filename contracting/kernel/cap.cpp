#include "cap.hpp"

#include <array>
#include <stdexcept>

#include "errors.hpp"

namespace zc {
namespace {

constexpr std::int64_t kDaysPerWeek = 7;
constexpr std::int64_t kMonthsPerYear = 12;

struct FrequencyInfo {
    Frequency frequency;
    std::string_view name;
    std::string_view iwmo_code;
};

constexpr std::array<FrequencyInfo, 4> kFrequencies{{
    {Frequency::PerDay, "day", "1"},
    {Frequency::PerWeek, "week", "2"},
    {Frequency::PerMonth, "month", "4"},
    {Frequency::TotalInValidity, "total", "6"},
}};

const FrequencyInfo& infoOf(Frequency f) {
    for (const auto& info : kFrequencies) {
        if (info.frequency == f) return info;
    }
    assertionFailed("frequency missing from kFrequencies", __FILE__, __LINE__);
}

std::chrono::sys_days mondayOf(Date d) {
    const std::chrono::sys_days day{d};
    const std::chrono::weekday wd{day};
    // iso_encoding(): Monday 1 .. Sunday 7.
    return day - std::chrono::days{wd.iso_encoding() - 1};
}

Date lastDay(const Period& validity) {
    ZC_ASSERT(validity.end.has_value() && validity.begin < *validity.end);
    return addDays(*validity.end, -1);
}

std::int64_t checkedMultiply(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_mul_overflow(a, b, &out)) throw std::overflow_error("cap volume overflow");
    return out;
}

}  // namespace

Frequency parseFrequency(std::string_view text, std::string_view field) {
    for (const auto& info : kFrequencies) {
        if (info.name == text) return info.frequency;
    }
    throw ValidationError("INVALID_FREQUENCY",
                          "The frequency must be one of day, week, month or total.",
                          std::string(field));
}

std::string frequencyName(Frequency f) { return std::string(infoOf(f).name); }

std::string iwmoFrequencyCode(Frequency f) { return std::string(infoOf(f).iwmo_code); }

std::int64_t isoWeeksTouched(const Period& validity) {
    const Date last = lastDay(validity);
    const auto span = (mondayOf(last) - mondayOf(validity.begin)).count();
    return span / kDaysPerWeek + 1;
}

std::int64_t monthsTouched(const Period& validity) {
    const Date last = lastDay(validity);
    auto index = [](Date d) {
        return static_cast<std::int64_t>(static_cast<int>(d.year())) * kMonthsPerYear +
               static_cast<unsigned>(d.month());
    };
    return index(last) - index(validity.begin) + 1;
}

std::int64_t maxVolumeOver(const Cap& cap, const Period& validity) {
    ZC_ASSERT(cap.volume >= 0);
    switch (cap.frequency) {
        case Frequency::PerDay:
            ZC_ASSERT(validity.end.has_value() && validity.isValid());
            return checkedMultiply(daysBetween(validity.begin, *validity.end), cap.volume);
        case Frequency::PerWeek:
            return checkedMultiply(isoWeeksTouched(validity), cap.volume);
        case Frequency::PerMonth:
            return checkedMultiply(monthsTouched(validity), cap.volume);
        case Frequency::TotalInValidity:
            return cap.volume;
    }
    assertionFailed("unknown frequency", __FILE__, __LINE__);
}

Money zinCost(const Cap& cap, const Period& validity, Money tariff) {
    return tariff.times(maxVolumeOver(cap, validity));
}

}  // namespace zc
