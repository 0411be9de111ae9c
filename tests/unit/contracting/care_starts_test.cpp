// The start and stop of care (WMO305/307) against a store in memory: which retour code a start
// or stop gets (TR019 the provider's own allocation of the client, 8848 not in the future, a
// start twice, a stop without its start, what may follow a stop) and what is recorded when the
// message is accepted.
#include "contracting/app/care_starts.hpp"

#include <gtest/gtest.h>

#include <map>
#include <utility>

namespace zc::contracting {
namespace {

constexpr std::int64_t kProvider = 7;
constexpr std::int64_t kClient = 70;
constexpr const char* kPayer = "0193";  // the allocation's paying municipality
const Date kToday = parseDate("2026-03-10");

class MemoryCareStarts final : public CareStartStore {
  public:
    std::map<std::int64_t, NamedAllocation> allocations;
    std::map<std::pair<std::int64_t, std::string>, CareStartRow> starts;  // (number, begin)

    std::optional<NamedAllocation> allocation(std::int64_t number) override {
        const auto it = allocations.find(number);
        return it == allocations.end() ? std::nullopt : std::optional(it->second);
    }
    std::optional<CareStartRow> lockStart(std::int64_t number, Date begin) override {
        const auto it = starts.find({number, formatDate(begin)});
        if (it == starts.end() || it->second.state == "deleted") return std::nullopt;
        return it->second;
    }
    bool hasCurrentStart(std::int64_t number) override {
        for (const auto& [key, row] : starts) {
            if (key.first == number && row.state == "current") return true;
        }
        return false;
    }
    void insertStart(std::int64_t number, std::int64_t, Date begin, std::int64_t) override {
        starts[{number, formatDate(begin)}] = {1, "current", std::nullopt};
    }
    void deleteStart(std::int64_t number, Date begin) override {
        starts[{number, formatDate(begin)}].state = "deleted";
    }
    void undoStop(std::int64_t number, Date begin) override {
        starts[{number, formatDate(begin)}] = {1, "current", std::nullopt};
    }
    void stopStart(std::int64_t number, Date begin, const std::string& state, Date end,
                   const std::string&, std::int64_t) override {
        starts[{number, formatDate(begin)}] = {1, state, end};
    }
};

class CareStarts : public ::testing::Test {
  protected:
    void SetUp() override {
        store.allocations[123] = {
            123, kClient, kProvider, "07A01", "07", parseDate("2026-01-01"), std::nullopt, kPayer};
    }
    static CareItem item(const std::string& begin, const std::string& status = "1") {
        CareItem i;
        i.allocation_number = "123";
        i.status = status;
        i.begin = parseDate(begin);
        return i;
    }
    static CareItem stopItem(const std::string& begin, const std::string& end,
                             const std::string& reason = "01") {
        CareItem i = item(begin);
        i.end = parseDate(end);
        i.reason = reason;
        return i;
    }
    std::vector<std::string> start(const CareItem& i) {
        return startCodes(store, i, {kProvider, kClient, kPayer}, kToday);
    }
    std::vector<std::string> stop(const CareItem& i) {
        return stopCodes(store, i, {kProvider, kClient, kPayer}, kToday);
    }
    MemoryCareStarts store;
};

using Codes = std::vector<std::string>;

TEST_F(CareStarts, AStartOfTheProvidersOwnAllocationIsAccepted) {
    EXPECT_EQ(start(item("2026-03-01")), Codes{});
}

TEST_F(CareStarts, AnotherProvidersOrClientsOrUnknownAllocationIs9019) {
    EXPECT_EQ(startCodes(store, item("2026-03-01"), {kProvider + 1, kClient, kPayer}, kToday),
              Codes{"9019"});
    EXPECT_EQ(startCodes(store, item("2026-03-01"), {kProvider, kClient + 1, kPayer}, kToday),
              Codes{"9019"});
    EXPECT_EQ(startCodes(store, item("2026-03-01"), {kProvider, std::nullopt, kPayer}, kToday),
              Codes{"9019"});
    CareItem unknown = item("2026-03-01");
    unknown.allocation_number = "999";
    EXPECT_EQ(start(unknown), Codes{"9019"});
}

// The allocation was issued (WMO301 Afzender) by its paying municipality: a start or stop sent to
// another municipality of the region cannot be linked to it.
TEST_F(CareStarts, AReportToAnotherMunicipalityThanThePayingOneIs9019) {
    EXPECT_EQ(startCodes(store, item("2026-03-01"), {kProvider, kClient, "0166"}, kToday),
              Codes{"9019"});
    store.insertStart(123, kProvider, parseDate("2026-03-01"), 1);
    EXPECT_EQ(stopCodes(store, stopItem("2026-03-01", "2026-03-05"), {kProvider, kClient, "0166"},
                        kToday),
              Codes{"9019"});
    EXPECT_EQ(stop(stopItem("2026-03-01", "2026-03-05")), Codes{});
    CareReport report{false, "999999990", {item("2026-03-02")}, "0166"};
    const auto codes = checkCareReport(store, report, kProvider, kClient, kToday);
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].code, "9019");
}

TEST_F(CareStarts, AnotherProductOrAllocationStartIs9019) {
    CareItem other = item("2026-03-01");
    other.product = CareProduct{"07", "07A02"};
    EXPECT_EQ(start(other), Codes{"9019"});
    other.product = CareProduct{"07", ""};  // the category as a whole
    EXPECT_EQ(start(other), Codes{});
    other.allocation_start = "2026-01-02";
    EXPECT_EQ(start(other), Codes{"9019"});
}

TEST_F(CareStarts, AStartInTheFutureIs8848) { EXPECT_EQ(start(item("2026-03-11")), Codes{"8848"}); }

TEST_F(CareStarts, AStartTwiceIs9074AndASecondCurrentStartIs9326) {
    store.insertStart(123, kProvider, parseDate("2026-03-01"), 1);
    EXPECT_EQ(start(item("2026-03-01")), Codes{"9074"});
    EXPECT_EQ(start(item("2026-03-02")), Codes{"9326"});
}

TEST_F(CareStarts, AWithdrawalNamesACurrentStart) {
    EXPECT_EQ(start(item("2026-03-01", "3")), Codes{"9063"});
    store.stopStart(123, parseDate("2026-03-01"), "stopped", parseDate("2026-03-05"), "01", 2);
    EXPECT_EQ(start(item("2026-03-01", "3")), Codes{"9071"});
}

TEST_F(CareStarts, AStopBeforeItsStartIsRecordedIs9069) {
    EXPECT_EQ(stop(stopItem("2026-03-01", "2026-03-05")), Codes{"9069"});
}

TEST_F(CareStarts, WhatMayFollowAStop) {
    store.insertStart(123, kProvider, parseDate("2026-03-01"), 1);
    EXPECT_EQ(stop(stopItem("2026-03-01", "2026-03-11")), Codes{"8848"});
    EXPECT_EQ(stop(stopItem("2026-03-01", "2026-03-05")), Codes{});
    store.stopStart(123, parseDate("2026-03-01"), "stopped", parseDate("2026-03-05"), "01", 2);
    EXPECT_EQ(stop(stopItem("2026-03-01", "2026-03-05")), (Codes{"9074", "9415"}));
    store.stopStart(123, parseDate("2026-03-01"), "stopped_temporary", parseDate("2026-03-05"),
                    "20", 2);
    EXPECT_EQ(stop(stopItem("2026-03-01", "2026-03-06", "20")), Codes{"9413"});
    EXPECT_EQ(stop(stopItem("2026-03-01", "2026-03-04")), Codes{"9414"});
    EXPECT_EQ(stop(stopItem("2026-03-01", "2026-03-06")), Codes{});
}

TEST_F(CareStarts, AnAcceptedReportIsRecordedARejectedOneNamesItsItems) {
    CareReport report{false, "999999990", {item("2026-03-01"), item("2026-03-12")}, kPayer};
    const auto codes = checkCareReport(store, report, kProvider, kClient, kToday);
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].place, CodePlace::Item);
    EXPECT_EQ(codes[0].index, 1u);
    EXPECT_EQ(codes[0].code, "8848");

    report.items.pop_back();
    EXPECT_TRUE(checkCareReport(store, report, kProvider, kClient, kToday).empty());
    applyCareReport(store, report, kProvider, 5);
    EXPECT_TRUE(store.hasCurrentStart(123));

    CareReport stop_report{true, "999999990", {stopItem("2026-03-01", "2026-03-05", "20")}, kPayer};
    applyCareReport(store, stop_report, kProvider, 6);
    EXPECT_EQ(store.lockStart(123, parseDate("2026-03-01"))->state, "stopped_temporary");
}

}  // namespace
}  // namespace zc::contracting
