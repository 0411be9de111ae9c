#pragma once
// Tariff versions of one product of one contract (or procedure). A version is never edited:
// a change or an indexation adds a new version whose valid_from lies after every existing one.
// The effective period of a version is [valid_from, min(valid_to, next.valid_from)).
#include <optional>
#include <string>
#include <vector>

#include "../kernel/civil_date.hpp"
#include "../kernel/money.hpp"
#include "../kernel/rounding.hpp"
#include "../kernel/unit.hpp"

namespace zc::contracting {

struct TariffVersion {
    Unit unit = Unit::Hours;
    Money tariff;  // per unit, > 0 (euros unit: tariff is 1 cent per cent: 0.01)
    Date valid_from;
    std::optional<Date> valid_to;  // exclusive; absent = until superseded
};

class TariffSchedule {
  public:
    TariffSchedule() = default;
    // Versions in any order; they must already satisfy the invariants (asserted).
    explicit TariffSchedule(std::vector<TariffVersion> versions);

    // Validates and returns the version to store:
    //  - tariff > 0                                  else INVALID_TARIFF (field "tariff")
    //  - valid_to, when given, after valid_from      else INVALID_PERIOD (field "valid_to")
    //  - same unit as the existing versions          else UNIT_MISMATCH (field "unit", Conflict)
    //  - valid_from after every existing valid_from  else TARIFF_OVERLAP (field "valid_from",
    //  Conflict)
    //    (an earlier or equal start would change a tariff already recorded for those dates)
    // and adds it to the schedule.
    const TariffVersion& add(TariffVersion v);

    // The version in force on `d`, if any.
    std::optional<TariffVersion> at(Date d) const;

    // The new version for an indexation of `pct` from `from`: the tariff in force on `from`
    // (or, if none, nothing) times (1 + pct/100) rounded half-up to cents, same unit and end.
    // Does not add it; call add() with the result.
    std::optional<TariffVersion> indexation(Percentage pct, Date from) const;

    const std::vector<TariffVersion>& versions() const {
        return versions_;
    }  // sorted by valid_from

  private:
    std::vector<TariffVersion> versions_;
};

// Who a tariff version belongs to: a procedure (published to all its contracts) or a contract.
enum class TariffOwner { Procedure, Contract };

// A version as kept: its product and the reason it was added ("published", "indexed ...").
struct StoredTariff {
    std::string product_code;
    TariffVersion version;
    std::string reason;
};

}  // namespace zc::contracting
