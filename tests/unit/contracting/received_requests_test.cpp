// A provider's requests (WMO315, WMO317) against a store in memory: a reference used before, an
// open request for the client, an unknown client, the current allocations a request for change
// must list, and overlapping products.
#include "contracting/app/received_requests.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace zc::contracting {
namespace {

constexpr std::int64_t kProvider = 7;
constexpr std::int64_t kClient = 70;
const Date kToday = parseDate("2026-03-10");

class MemoryRequests final : public ReceivedRequestStore {
  public:
    std::set<std::string> references;
    std::set<std::string> open_for;  // BSN hashes with an open request
    std::map<std::int64_t, NamedAllocation> allocations;
    std::map<std::int64_t, std::string> frequencies;
    std::vector<NewRequest> inserted;

    bool referenceUsed(std::int64_t, const std::string& reference) override {
        return references.count(reference) > 0;
    }
    bool lockOpenRequest(std::int64_t, const std::string& hash) override {
        return open_for.count(hash) > 0;
    }
    std::set<std::int64_t> currentNumbers(std::int64_t client_id, std::int64_t provider_id,
                                          const std::string& municipality, Date today) override {
        std::set<std::int64_t> out;
        for (const auto& [n, a] : allocations) {
            if (a.client_id == client_id && a.provider_id == provider_id &&
                a.paying_municipality == municipality && (!a.end_date || today < *a.end_date)) {
                out.insert(n);
            }
        }
        return out;
    }
    std::optional<AllocationStartTerms> allocationTerms(std::int64_t number) override {
        const auto it = allocations.find(number);
        if (it == allocations.end()) return std::nullopt;
        return AllocationStartTerms{it->second.start_date, frequencies[number]};
    }
    std::optional<NamedAllocation> allocation(std::int64_t number) override {
        const auto it = allocations.find(number);
        return it == allocations.end() ? std::nullopt : std::optional(it->second);
    }
    void insertRequest(const NewRequest& r) override { inserted.push_back(r); }
};

std::vector<std::string> codesAt(const PlacedCodes& codes, CodePlace place, std::size_t index) {
    std::vector<std::string> out;
    for (const auto& c : codes) {
        if (c.place == place && c.index == index) out.push_back(c.code);
    }
    return out;
}

using Codes = std::vector<std::string>;

TEST(AllocationRequests, AReferenceUsedBeforeIs9347OnItsProduct) {
    MemoryRequests store;
    store.references = {"REF-1"};
    AllocationRequest r{"999999990", "0599", {{"REF-2", "{}"}, {"REF-1", "{}"}}};
    const auto codes = checkAllocationRequest(store, r, kProvider, "hash");
    EXPECT_EQ(codes.size(), 1u);
    EXPECT_EQ(codesAt(codes, CodePlace::Item, 1), Codes{"9347"});
}

TEST(AllocationRequests, AnOpenRequestForTheClientIs9374OnTheClient) {
    MemoryRequests store;
    store.open_for = {"hash"};
    AllocationRequest r{"999999990", "0599", {{"REF-2", "{}"}}};
    EXPECT_EQ(codesAt(checkAllocationRequest(store, r, kProvider, "hash"), CodePlace::Client, 0),
              Codes{"9374"});
    EXPECT_TRUE(checkAllocationRequest(store, r, kProvider, "other").empty());
}

class ChangeRequests : public ::testing::Test {
  protected:
    void SetUp() override {
        store.allocations[1] = {
            1, kClient, kProvider, "07A01", "07", parseDate("2026-01-01"), std::nullopt, "0193"};
        store.allocations[2] = {2,
                                kClient,
                                kProvider,
                                "02A01",
                                "02",
                                parseDate("2026-01-01"),
                                parseDate("2026-12-31"),
                                "0193"};
        store.frequencies = {{1, "week"}, {2, "total"}};
        request.bsn = "999999990";
        request.municipality_code = "0193";
        request.dagtekening = kToday;
        request.reference = "REF-9";
        request.unchanged = {2};
        request.changes = {{1, true, parseDate("2026-04-01"), std::nullopt}};
    }
    PlacedCodes check(std::optional<std::int64_t> client = kClient) {
        return checkChangeRequest(store, request, kProvider, client, "hash", kToday);
    }
    MemoryRequests store;
    ChangeRequest request;
};

TEST_F(ChangeRequests, ARequestListingAllCurrentAllocationsIsAccepted) {
    EXPECT_TRUE(check().empty());
}

TEST_F(ChangeRequests, AnUnknownClientIs8187AndListsNoCurrentAllocation) {
    const auto codes = check(std::nullopt);
    EXPECT_EQ(codesAt(codes, CodePlace::Client, 0), Codes{"8187"});
    EXPECT_EQ(codesAt(codes, CodePlace::Unchanged, 0), Codes{"9350"});
    EXPECT_EQ(codesAt(codes, CodePlace::Change, 0), Codes{"9351"});
    EXPECT_EQ(codesAt(codes, CodePlace::Request, 0), Codes{"9349"});
}

// A Kampen client's Beschermd Wonen is paid by Zwolle (the central municipality), their other
// care by Kampen: a request for change sent to one municipality need not name the other's
// allocation and can neither list nor change it.
TEST_F(ChangeRequests, AnAllocationAnotherMunicipalityPaysForIsNotThisMunicipalitysToChange) {
    store.allocations[3] = {
        3, kClient, kProvider, "01A01", "01", parseDate("2026-01-01"), std::nullopt, "0166"};
    EXPECT_TRUE(check().empty()) << "Zwolle's request need not list Kampen's allocation";
    request.changes.push_back({3, true, parseDate("2026-04-01"), std::nullopt});
    EXPECT_EQ(codesAt(check(), CodePlace::Change, 1), Codes{"9351"});
    request.municipality_code = "0166";
    request.changes.pop_back();
    const auto codes = check();
    EXPECT_EQ(codesAt(codes, CodePlace::Unchanged, 0), Codes{"9350"});
    EXPECT_EQ(codesAt(codes, CodePlace::Change, 0), Codes{"9351"});
    EXPECT_EQ(codesAt(codes, CodePlace::Request, 0), Codes{"9349"});
}

TEST_F(ChangeRequests, ARepeatedReferenceIs9347OnTheRequest) {
    store.references = {"REF-9"};
    EXPECT_EQ(codesAt(check(), CodePlace::Request, 0), Codes{"9347"});
}

TEST_F(ChangeRequests, ACurrentAllocationLeftOutIs9349) {
    request.unchanged.clear();
    EXPECT_EQ(codesAt(check(), CodePlace::Request, 0), Codes{"9349"});
}

TEST_F(ChangeRequests, AChangeWithoutVolumeOrFromThePastIsRejected) {
    request.changes[0].has_volume = false;
    request.changes[0].wanted_start = parseDate("2026-03-01");
    EXPECT_EQ(codesAt(check(), CodePlace::Change, 0), (Codes{"9411", "9357"}));
}

TEST_F(ChangeRequests, AChangeOfATotalTakesEffectFromTheStart) {
    request.unchanged = {1};
    request.changes = {{2, true, parseDate("2026-04-01"), std::nullopt}};
    EXPECT_EQ(codesAt(check(), CodePlace::Change, 0), Codes{"9373"});
}

TEST_F(ChangeRequests, ANewProductOverlappingAChangedOneIs9361OnTheLater) {
    request.new_products = {{"07", "07A01", parseDate("2026-05-01"), std::nullopt}};
    EXPECT_EQ(codesAt(check(), CodePlace::New, 0), Codes{"9361"});
    request.new_products = {{"11", "", parseDate("2026-05-01"), std::nullopt}};
    EXPECT_TRUE(check().empty());
    request.changes[0].end = parseDate("2026-04-30");  // ends the day before
    request.new_products = {{"07", "07A01", parseDate("2026-05-01"), std::nullopt}};
    EXPECT_TRUE(check().empty());
}

}  // namespace
}  // namespace zc::contracting
