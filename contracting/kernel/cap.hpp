#pragma once
// The cap of a granted or allocated product: a volume of a unit per frequency window
// ("4 hours per week", "40 hours per month", "100 hours within the validity"), with the iWmo
// Frequentie codes (WMO757) and the arithmetic of iwmo-3.2.md §11.
#include <cstdint>
#include <string>
#include <string_view>

#include "civil_date.hpp"
#include "money.hpp"
#include "unit.hpp"

namespace zc {

// In iWmo code order: 1 per dag, 2 per week, 4 per maand, 6 totaal binnen geldigheidsduur.
enum class Frequency { PerDay, PerWeek, PerMonth, TotalInValidity };

// API names "day", "week", "month", "total". Throws ValidationError{"INVALID_FREQUENCY"}.
Frequency parseFrequency(std::string_view text, std::string_view field = "frequency");
std::string frequencyName(Frequency f);
// iWmo Frequentie code: "1", "2", "4" or "6".
std::string iwmoFrequencyCode(Frequency f);

struct Cap {
    std::int64_t volume = 0;  // units per frequency window, > 0
    Unit unit = Unit::Hours;
    Frequency frequency = Frequency::PerWeek;

    bool operator==(const Cap&) const = default;
};

// Number of ISO weeks (Monday..Sunday) that the non-empty period touches, broken weeks included.
// Precondition: validity.end is set and after validity.begin.
std::int64_t isoWeeksTouched(const Period& validity);
// Number of calendar months the non-empty period touches. Same precondition.
std::int64_t monthsTouched(const Period& validity);

// Total units the cap allows over the whole validity: day → days × volume; week → ISO weeks
// touched (broken ones included) × volume; month → calendar months touched × volume (a broken
// month may use the full volume, IV078); total → volume. Precondition: validity.isValid(), and
// validity.end is set unless the frequency is TotalInValidity. Throws std::overflow_error.
std::int64_t maxVolumeOver(const Cap& cap, const Period& validity);

// What the same care in kind (ZIN) may cost at most: maxVolumeOver × tariff per unit, exact
// (no rounding: whole units times whole cents). Throws std::overflow_error.
Money zinCost(const Cap& cap, const Period& validity, Money tariff);

}  // namespace zc
