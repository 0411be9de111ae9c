// CS338/CS343 and 24-hour days within calendar days (contracting/domain/unit_frequency.hpp).
#include "contracting/domain/unit_frequency.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "contracting/kernel/errors.hpp"

namespace zc::contracting {
namespace {

Date d(const char* text) { return parseDate(text); }

std::string codeOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        return e.code();
    }
    return "ok";
}

struct Row {
    const char* name;
    Cap cap;
    Period validity;
    const char* expected;
};

TEST(UnitFrequency, TableOfCaps) {
    const Period year{d("2025-01-01"), d("2026-01-01")};
    const Period open{d("2025-01-01"), std::nullopt};
    const Period february{d("2025-02-01"), d("2025-03-01")};
    const Period leap_february{d("2024-02-01"), d("2024-03-01")};
    const Period old{d("2020-01-01"), d("2021-01-01")};  // Einddatum 2020-12-31
    const std::vector<Row> rows = {
        {"hours per day", {2, Unit::Hours, Frequency::PerDay}, year, "ok"},
        {"minutes per day", {30, Unit::Minutes, Frequency::PerDay}, year, "ok"},
        {"hours per week", {4, Unit::Hours, Frequency::PerWeek}, year, "ok"},
        {"etmaal per day (14/1)",
         {1, Unit::Days24h, Frequency::PerDay},
         year,
         "UNIT_FREQUENCY_NOT_ALLOWED"},
        {"dagdeel per day (16/1)",
         {1, Unit::DayParts, Frequency::PerDay},
         year,
         "UNIT_FREQUENCY_NOT_ALLOWED"},
        {"euro per day (83/1)",
         {1000, Unit::Euros, Frequency::PerDay},
         open,
         "UNIT_FREQUENCY_NOT_ALLOWED"},
        {"stuks per day (84/1)",
         {1, Unit::Pieces, Frequency::PerDay},
         year,
         "UNIT_FREQUENCY_NOT_ALLOWED"},
        {"dagdeel per week", {3, Unit::DayParts, Frequency::PerWeek}, year, "ok"},
        {"euro per month", {20000, Unit::Euros, Frequency::PerMonth}, year, "ok"},
        {"stuks in total", {10, Unit::Pieces, Frequency::TotalInValidity}, open, "ok"},
        {"before CS338 applied (Einddatum 2020-12-31)",
         {2, Unit::DayParts, Frequency::PerDay},
         old,
         "ok"},
        {"7 etmalen per week", {7, Unit::Days24h, Frequency::PerWeek}, year, "ok"},
        {"8 etmalen per week",
         {8, Unit::Days24h, Frequency::PerWeek},
         year,
         "VOLUME_EXCEEDS_CALENDAR_DAYS"},
        {"31 etmalen per month over a year", {31, Unit::Days24h, Frequency::PerMonth}, year, "ok"},
        {"32 etmalen per month",
         {32, Unit::Days24h, Frequency::PerMonth},
         open,
         "VOLUME_EXCEEDS_CALENDAR_DAYS"},
        {"29 etmalen per month in February 2025",
         {29, Unit::Days24h, Frequency::PerMonth},
         february,
         "VOLUME_EXCEEDS_CALENDAR_DAYS"},
        {"29 etmalen per month in February 2024",
         {29, Unit::Days24h, Frequency::PerMonth},
         leap_february,
         "ok"},
        {"28 etmalen in total in February 2025",
         {28, Unit::Days24h, Frequency::TotalInValidity},
         february,
         "ok"},
        {"29 etmalen in total in February 2025",
         {29, Unit::Days24h, Frequency::TotalInValidity},
         february,
         "VOLUME_EXCEEDS_CALENDAR_DAYS"},
        {"etmalen in total without end",
         {400, Unit::Days24h, Frequency::TotalInValidity},
         open,
         "ok"},
        {"8 hours per week is no etmaal", {8, Unit::Hours, Frequency::PerWeek}, year, "ok"},
        {"30 dagdelen per week: not bound here",
         {30, Unit::DayParts, Frequency::PerWeek},
         year,
         "ok"},
    };
    for (const auto& r : rows) {
        EXPECT_EQ(codeOf([&] { checkUnitAndFrequency(r.cap, r.validity); }), r.expected) << r.name;
    }
}

TEST(UnitFrequency, RefusalsNameTheirField) {
    try {
        checkUnitAndFrequency({8, Unit::Days24h, Frequency::PerWeek},
                              {d("2025-01-01"), d("2026-01-01")});
        ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.field(), "volume");
        EXPECT_NE(std::string(e.what()).find("7 calendar days"), std::string::npos) << e.what();
    }
    try {
        checkUnitAndFrequency({1, Unit::Days24h, Frequency::PerDay},
                              {d("2025-01-01"), d("2026-01-01")});
        ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.field(), "frequency");
    }
}

}  // namespace
}  // namespace zc::contracting
