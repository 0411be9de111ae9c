#include "contracting/domain/tariff_schedule.hpp"

#include <gtest/gtest.h>

#include <string>

#include "contracting/kernel/errors.hpp"

namespace zc::contracting {
namespace {

Date d(const char* text) { return parseDate(text); }

TariffVersion version(std::int64_t cents, const char* from,
                      std::optional<const char*> to = std::nullopt, Unit unit = Unit::Hours) {
    TariffVersion v;
    v.unit = unit;
    v.tariff = Money::fromCents(cents);
    v.valid_from = d(from);
    if (to) v.valid_to = d(*to);
    return v;
}

void expectAddRefused(TariffSchedule& s, TariffVersion v, const std::string& code,
                      const std::string& field, ErrorKind kind) {
    std::size_t before = s.versions().size();
    try {
        s.add(v);
        ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), code);
        EXPECT_EQ(e.field(), field);
        EXPECT_EQ(e.kind(), kind);
    }
    EXPECT_EQ(s.versions().size(), before);
}

TEST(TariffSchedule, AddsFirstVersionAndFindsItFromItsStart) {
    TariffSchedule s;
    const TariffVersion& added = s.add(version(6543, "2025-01-01"));
    EXPECT_EQ(added.tariff.cents(), 6543);
    EXPECT_FALSE(s.at(d("2024-12-31")).has_value());
    ASSERT_TRUE(s.at(d("2025-01-01")).has_value());
    EXPECT_EQ(s.at(d("2025-01-01"))->tariff.cents(), 6543);
    EXPECT_EQ(s.at(d("2999-12-31"))->tariff.cents(), 6543);
}

TEST(TariffSchedule, LaterVersionSupersedesFromItsStart) {
    TariffSchedule s;
    s.add(version(6000, "2025-01-01"));
    s.add(version(6200, "2026-01-01"));
    EXPECT_EQ(s.at(d("2025-12-31"))->tariff.cents(), 6000);
    EXPECT_EQ(s.at(d("2026-01-01"))->tariff.cents(), 6200);
    EXPECT_EQ(s.at(d("2030-06-01"))->tariff.cents(), 6200);
}

TEST(TariffSchedule, NothingInForceFromValidToOrInAGap) {
    TariffSchedule s;
    s.add(version(6000, "2025-01-01", "2025-07-01"));
    s.add(version(6200, "2025-09-01", "2026-01-01"));
    EXPECT_EQ(s.at(d("2025-06-30"))->tariff.cents(), 6000);
    EXPECT_FALSE(s.at(d("2025-07-01")).has_value());
    EXPECT_FALSE(s.at(d("2025-08-31")).has_value());
    EXPECT_EQ(s.at(d("2025-09-01"))->tariff.cents(), 6200);
    EXPECT_EQ(s.at(d("2025-12-31"))->tariff.cents(), 6200);
    EXPECT_FALSE(s.at(d("2026-01-01")).has_value());
}

TEST(TariffSchedule, NextVersionEndsAnEarlierValidTo) {
    TariffSchedule s;
    s.add(version(6000, "2025-01-01", "2026-01-01"));
    s.add(version(6200, "2025-07-01"));
    EXPECT_EQ(s.at(d("2025-06-30"))->tariff.cents(), 6000);
    EXPECT_EQ(s.at(d("2025-07-01"))->tariff.cents(), 6200);
}

TEST(TariffSchedule, EmptyScheduleHasNothingInForce) {
    TariffSchedule s;
    EXPECT_FALSE(s.at(d("2025-01-01")).has_value());
    EXPECT_FALSE(s.indexation(Percentage::parse("3"), d("2025-01-01")).has_value());
}

TEST(TariffSchedule, RefusesZeroOrNegativeTariff) {
    TariffSchedule s;
    expectAddRefused(s, version(0, "2025-01-01"), "INVALID_TARIFF", "tariff", ErrorKind::Invalid);
    expectAddRefused(s, version(-1, "2025-01-01"), "INVALID_TARIFF", "tariff", ErrorKind::Invalid);
}

TEST(TariffSchedule, RefusesValidToNotAfterValidFrom) {
    TariffSchedule s;
    expectAddRefused(s, version(100, "2025-01-01", "2025-01-01"), "INVALID_PERIOD", "valid_to",
                     ErrorKind::Invalid);
    expectAddRefused(s, version(100, "2025-01-02", "2025-01-01"), "INVALID_PERIOD", "valid_to",
                     ErrorKind::Invalid);
}

TEST(TariffSchedule, RefusesOtherUnitThanExistingVersions) {
    TariffSchedule s;
    s.add(version(6000, "2025-01-01", std::nullopt, Unit::Hours));
    expectAddRefused(s, version(100, "2026-01-01", std::nullopt, Unit::Minutes), "UNIT_MISMATCH",
                     "unit", ErrorKind::Conflict);
}

TEST(TariffSchedule, RefusesVersionStartingBeforeLatest) {
    TariffSchedule s;
    s.add(version(6000, "2025-01-01"));
    s.add(version(6200, "2026-01-01"));
    expectAddRefused(s, version(6100, "2025-06-01"), "TARIFF_OVERLAP", "valid_from",
                     ErrorKind::Conflict);
    expectAddRefused(s, version(6100, "2024-01-01"), "TARIFF_OVERLAP", "valid_from",
                     ErrorKind::Conflict);
}

TEST(TariffSchedule, RefusesVersionStartingOnLatestStart) {
    TariffSchedule s;
    s.add(version(6000, "2025-01-01"));
    expectAddRefused(s, version(6100, "2025-01-01"), "TARIFF_OVERLAP", "valid_from",
                     ErrorKind::Conflict);
}

TEST(TariffSchedule, ChecksTariffBeforePeriodBeforeUnitBeforeOverlap) {
    TariffSchedule s;
    s.add(version(6000, "2025-01-01"));
    expectAddRefused(s, version(0, "2024-01-01", "2023-01-01", Unit::Minutes), "INVALID_TARIFF",
                     "tariff", ErrorKind::Invalid);
    expectAddRefused(s, version(1, "2024-01-01", "2023-01-01", Unit::Minutes), "INVALID_PERIOD",
                     "valid_to", ErrorKind::Invalid);
    expectAddRefused(s, version(1, "2024-01-01", std::nullopt, Unit::Minutes), "UNIT_MISMATCH",
                     "unit", ErrorKind::Conflict);
}

TEST(TariffSchedule, ConstructorSortsVersionsByValidFrom) {
    TariffSchedule s(
        {version(6200, "2026-01-01"), version(6000, "2025-01-01"), version(6400, "2027-01-01")});
    ASSERT_EQ(s.versions().size(), 3u);
    EXPECT_EQ(s.versions()[0].tariff.cents(), 6000);
    EXPECT_EQ(s.versions()[1].tariff.cents(), 6200);
    EXPECT_EQ(s.versions()[2].tariff.cents(), 6400);
    EXPECT_EQ(s.at(d("2026-06-01"))->tariff.cents(), 6200);
}

TEST(TariffScheduleDeathTest, ConstructorAssertsInvariants) {
    EXPECT_DEATH(TariffSchedule({version(6000, "2025-01-01"), version(6200, "2025-01-01")}),
                 "assertion failed");
    EXPECT_DEATH(TariffSchedule({version(0, "2025-01-01")}), "assertion failed");
}

TEST(TariffSchedule, IndexationAppliesPercentageToTariffInForce) {
    TariffSchedule s;
    s.add(version(6543, "2025-01-01", "2027-01-01", Unit::Minutes));
    std::optional<TariffVersion> next = s.indexation(Percentage::parse("2.85"), d("2026-01-01"));
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(next->tariff.cents(), 6729);  // 65.43 * 1.0285 = 67.294755
    EXPECT_EQ(next->valid_from, d("2026-01-01"));
    EXPECT_EQ(next->valid_to, d("2027-01-01"));
    EXPECT_EQ(next->unit, Unit::Minutes);
    EXPECT_EQ(s.versions().size(), 1u);  // not added by indexation()
    s.add(*next);
    EXPECT_EQ(s.at(d("2026-01-01"))->tariff.cents(), 6729);
    EXPECT_EQ(s.at(d("2025-12-31"))->tariff.cents(), 6543);
}

TEST(TariffSchedule, IndexationNeedsATariffInForce) {
    TariffSchedule s;
    s.add(version(6000, "2025-01-01", "2025-07-01"));
    EXPECT_FALSE(s.indexation(Percentage::parse("3"), d("2024-12-31")).has_value());
    EXPECT_FALSE(s.indexation(Percentage::parse("3"), d("2025-07-01")).has_value());
    EXPECT_TRUE(s.indexation(Percentage::parse("3"), d("2025-06-30")).has_value());
}

}  // namespace
}  // namespace zc::contracting
