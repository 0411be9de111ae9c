#pragma once
// Units of delivered care, with their iWmo Eenheid code (WJ756).
#include <optional>
#include <string>
#include <string_view>

namespace zc {

enum class Unit { Minutes, Hours, DayParts, Days24h, Pieces, Euros };

// API names: "minutes", "hours", "day_parts", "days_24h", "pieces", "euros".
// Throws ValidationError{"INVALID_UNIT"} naming `field`.
Unit parseUnit(std::string_view text, std::string_view field = "unit");
std::string unitName(Unit u);
// iWmo Eenheid: minutes 01, hours 04, days_24h 14, day_parts 16, pieces 84 (inspanning), euros 83.
std::string iwmoUnitCode(Unit u);
// The unit of an iWmo Eenheid code (82 and 84 are both pieces); nullopt for an unknown code.
std::optional<Unit> unitFromIwmoCode(std::string_view code);

// Financing kind of a product: "per_client", "budget_financed", "general_provision".
enum class ProductKind { PerClient, BudgetFinanced, GeneralProvision };
ProductKind parseProductKind(std::string_view text, std::string_view field = "kind");
std::string productKindName(ProductKind k);

}  // namespace zc
