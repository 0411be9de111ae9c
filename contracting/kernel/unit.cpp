#include "unit.hpp"

#include <array>
#include <utility>

#include "errors.hpp"

namespace zc {
namespace {

struct UnitInfo {
    Unit unit;
    std::string_view name;
    std::string_view iwmo_code;
};

constexpr std::array<UnitInfo, 6> kUnits{{
    {Unit::Minutes, "minutes", "01"},
    {Unit::Hours, "hours", "04"},
    {Unit::DayParts, "day_parts", "16"},
    {Unit::Days24h, "days_24h", "14"},
    {Unit::Pieces, "pieces", "84"},
    {Unit::Euros, "euros", "83"},
}};

constexpr std::array<std::pair<ProductKind, std::string_view>, 3> kProductKinds{{
    {ProductKind::PerClient, "per_client"},
    {ProductKind::BudgetFinanced, "budget_financed"},
    {ProductKind::GeneralProvision, "general_provision"},
}};

const UnitInfo& infoOf(Unit u) {
    for (const auto& info : kUnits) {
        if (info.unit == u) return info;
    }
    assertionFailed("unit missing from kUnits", __FILE__, __LINE__);
}

}  // namespace

Unit parseUnit(std::string_view text, std::string_view field) {
    for (const auto& info : kUnits) {
        if (info.name == text) return info.unit;
    }
    throw ValidationError("INVALID_UNIT",
                          "Unit must be one of minutes, hours, day_parts, days_24h, pieces or "
                          "euros.",
                          std::string(field));
}

std::string unitName(Unit u) { return std::string(infoOf(u).name); }

std::string iwmoUnitCode(Unit u) { return std::string(infoOf(u).iwmo_code); }

ProductKind parseProductKind(std::string_view text, std::string_view field) {
    for (const auto& [kind, name] : kProductKinds) {
        if (name == text) return kind;
    }
    throw ValidationError("INVALID_PRODUCT_KIND",
                          "Product kind must be one of per_client, budget_financed or "
                          "general_provision.",
                          std::string(field));
}

std::string productKindName(ProductKind k) {
    for (const auto& [kind, name] : kProductKinds) {
        if (kind == k) return std::string(name);
    }
    assertionFailed("product kind missing from kProductKinds", __FILE__, __LINE__);
}

std::optional<Unit> unitFromIwmoCode(std::string_view code) {
    if (code == "01") return Unit::Minutes;
    if (code == "04") return Unit::Hours;
    if (code == "14") return Unit::Days24h;
    if (code == "16") return Unit::DayParts;
    if (code == "82" || code == "84") return Unit::Pieces;
    if (code == "83") return Unit::Euros;
    return std::nullopt;
}

}  // namespace zc
