#include "contracting/kernel/unit.hpp"

#include <gtest/gtest.h>

#include "contracting/kernel/errors.hpp"

namespace zc {
namespace {

struct UnitRow {
    const char* name;
    Unit unit;
    const char* iwmo_code;
};

constexpr UnitRow kUnitTable[] = {
    {"minutes", Unit::Minutes, "01"},    {"hours", Unit::Hours, "04"},
    {"day_parts", Unit::DayParts, "16"}, {"days_24h", Unit::Days24h, "14"},
    {"pieces", Unit::Pieces, "84"},      {"euros", Unit::Euros, "83"},
};

TEST(Unit, ParsesNamesAndMapsToIwmoCodes) {
    for (const UnitRow& row : kUnitTable) {
        SCOPED_TRACE(row.name);
        EXPECT_EQ(parseUnit(row.name), row.unit);
        EXPECT_EQ(unitName(row.unit), row.name);
        EXPECT_EQ(iwmoUnitCode(row.unit), row.iwmo_code);
    }
}

TEST(Unit, RefusesUnknownNames) {
    for (const char* bad : {"", "Hours", "hour", "uur", "days"}) {
        SCOPED_TRACE(bad);
        try {
            parseUnit(bad, "tariff_unit");
            FAIL();
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.code(), "INVALID_UNIT");
            EXPECT_EQ(e.field(), "tariff_unit");
        }
    }
}

TEST(ProductKind, ParsesAndNamesEveryKind) {
    EXPECT_EQ(parseProductKind("per_client"), ProductKind::PerClient);
    EXPECT_EQ(parseProductKind("budget_financed"), ProductKind::BudgetFinanced);
    EXPECT_EQ(parseProductKind("general_provision"), ProductKind::GeneralProvision);
    for (ProductKind k :
         {ProductKind::PerClient, ProductKind::BudgetFinanced, ProductKind::GeneralProvision}) {
        EXPECT_EQ(parseProductKind(productKindName(k)), k);
    }
}

TEST(ProductKind, RefusesUnknownKind) {
    try {
        parseProductKind("budget", "product_kind");
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "INVALID_PRODUCT_KIND");
        EXPECT_EQ(e.field(), "product_kind");
    }
}

}  // namespace
}  // namespace zc
