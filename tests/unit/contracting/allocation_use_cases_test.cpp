// The allocation use cases against a store in memory: the decision's cap binds the allocations
// of all providers together, a retroactive change needs the provider's consent, and what a
// refused change leaves behind (nothing) versus what an accepted one records (a version, the
// announcement for the WMO301, the audit row).
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "contracting/app/allocations.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"

namespace zc::contracting {
namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

class StoppedClock final : public Clock {
  public:
    explicit StoppedClock(Date today) : today_(today) {}
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::sys_days{today_};
    }
    void set(Date today) { today_ = today; }

  private:
    Date today_;
};

class NoTransaction final : public StoreTransaction {
  public:
    void commit() override {}
};

class MemoryAllocations final : public AllocationStore {
  public:
    std::map<std::int64_t, GrantedProductRow> grants;
    std::map<std::int64_t, std::int64_t> contracts;  // provider -> contract
    std::vector<std::string> contract_asked_for;     // the paying municipalities asked
    std::vector<AllocationRow> rows;                 // every version
    std::vector<security::AuditEntry> audits;
    std::int64_t last_number = 1000;

    std::unique_ptr<StoreTransaction> begin() override { return std::make_unique<NoTransaction>(); }
    std::optional<GrantedProductRow> grant(std::int64_t id) override {
        const auto it = grants.find(id);
        return it == grants.end() ? std::nullopt : std::optional(it->second);
    }
    void lockClient(std::int64_t) override {}
    bool providerExists(std::int64_t id) override { return contracts.count(id) > 0; }
    std::optional<AllocationRow> current(std::int64_t number, bool) override {
        for (const auto& r : rows) {
            if (r.number == number && r.is_current) return r;
        }
        return std::nullopt;
    }
    std::vector<AllocationRow> versions(std::int64_t number) override {
        std::vector<AllocationRow> out;
        for (const auto& r : rows) {
            if (r.number == number) out.push_back(r);
        }
        return out;
    }
    std::vector<AllocationRow> currentOfGrant(std::int64_t client_id, std::int64_t provider_id,
                                              std::int64_t granted_product_id) override {
        return matching([&](const AllocationRow& r) {
            return r.client_id == client_id && r.provider_id == provider_id &&
                   r.granted_product_id == granted_product_id;
        });
    }
    std::vector<GrantUse> otherUsesOfGrant(std::int64_t granted_product_id,
                                           std::int64_t number) override {
        std::vector<GrantUse> out;
        for (const auto& r : matching([&](const AllocationRow& r) {
                 return r.granted_product_id == granted_product_id && r.number != number;
             })) {
            out.push_back(
                {r.number, Cap{r.volume, r.unit, r.frequency}, Period{r.start_date, r.end_date}});
        }
        return out;
    }
    std::vector<ExistingAllocation> currentPeriods(std::int64_t client_id,
                                                   const std::string& product_code) override {
        std::vector<ExistingAllocation> out;
        for (const auto& r : matching([&](const AllocationRow& r) {
                 return r.client_id == client_id && r.product_code == product_code;
             })) {
            out.push_back({r.number, Period{r.start_date, r.end_date}});
        }
        return out;
    }
    std::vector<Period> pgbPeriods(std::int64_t, const std::string&) override { return {}; }
    std::optional<std::int64_t> activeContract(std::int64_t provider_id,
                                               const std::string& paying_municipality,
                                               const std::string&, Date) override {
        contract_asked_for.push_back(paying_municipality);
        const auto it = contracts.find(provider_id);
        return it == contracts.end() ? std::nullopt : std::optional(it->second);
    }
    bool hasUncreditedClaims(std::int64_t) override { return false; }
    std::int64_t nextNumber() override { return ++last_number; }
    void retire(std::int64_t id) override {
        for (auto& r : rows) {
            if (r.id == id) r.is_current = false;
        }
    }
    void insert(const AllocationRow& row) override {
        rows.push_back(row);
        rows.back().id = static_cast<std::int64_t>(rows.size());
        rows.back().is_current = true;
    }
    app::ListPage<AllocationRow> list(const AllocationFilter&) override {
        auto all = matching([](const AllocationRow&) { return true; });
        const auto total = static_cast<std::int64_t>(all.size());
        return {std::move(all), total};
    }
    void audit(const security::AuditEntry& entry) override { audits.push_back(entry); }

  private:
    std::vector<AllocationRow> matching(const std::function<bool(const AllocationRow&)>& keep) {
        std::vector<AllocationRow> out;
        for (const auto& r : rows) {
            if (r.is_current && keep(r)) out.push_back(r);
        }
        std::sort(out.begin(), out.end(),
                  [](const auto& a, const auto& b) { return a.number < b.number; });
        return out;
    }
};

// What was announced: client, provider, paying municipality.
using Announced = std::tuple<std::int64_t, std::int64_t, std::string>;

class RecordedChanges final : public AllocationChanges {
  public:
    std::vector<Announced> announced;
    void allocationsChanged(std::int64_t client_id, std::int64_t provider_id,
                            const std::string& paying_municipality) override {
        announced.emplace_back(client_id, provider_id, paying_municipality);
    }
};

std::string refusal(const std::function<void()>& call) {
    try {
        call();
    } catch (const ValidationError& e) {
        return e.code();
    }
    return "";
}

constexpr std::int64_t kGrant = 7;
constexpr std::int64_t kClient = 3;
constexpr std::int64_t kFirst = 11;   // provider
constexpr std::int64_t kSecond = 12;  // provider

class AllocationUseCasesTest : public ::testing::Test {
  protected:
    AllocationUseCasesTest() {
        // 4 hours a week of individual support, 2025-01-06 up to 2025-04-01 (13 ISO weeks).
        GrantedProductRow g;
        g.granted_product_id = kGrant;
        g.decision_id = 5;
        g.client_id = kClient;
        g.product_code = "02A08";
        g.category = "02";
        g.municipality = "0363";
        g.paying_municipality = "0363";
        g.granted = Cap{4, Unit::Hours, Frequency::PerWeek};
        g.financing = "ZIN";
        g.decision = Period{ymd(2025, 1, 6), ymd(2025, 4, 1)};
        store_.grants[kGrant] = g;
        store_.contracts[kFirst] = 21;
        store_.contracts[kSecond] = 22;
    }

    AllocationOutcome allocate(std::int64_t provider, Date start, std::optional<Date> end,
                               std::optional<std::int64_t> volume = std::nullopt) {
        NewAllocation in;
        in.granted_product_id = kGrant;
        in.provider_id = provider;
        in.start = start;
        in.end = end;
        in.volume = volume;
        return createAllocationIn(store_, scope(), in, changes_);
    }

    AllocationScope scope() { return {clock_, "ao.jansen"}; }

    StoppedClock clock_{ymd(2025, 1, 2)};
    MemoryAllocations store_;
    RecordedChanges changes_;
};

TEST_F(AllocationUseCasesTest, AllocationsOfAllProvidersStayWithinTheDecisionsCap) {
    const auto a = allocate(kFirst, ymd(2025, 1, 6), ymd(2025, 3, 5));
    EXPECT_EQ(a.current.version, 1);
    EXPECT_EQ(a.current.contract_id, 21);
    // A switch of provider on Wednesday 2025-03-05 would allow week 10 twice in full
    // (36 + 20 = 56 hours of 52).
    const auto rows = store_.rows.size();
    const auto audits = store_.audits.size();
    EXPECT_EQ(refusal([&] { allocate(kSecond, ymd(2025, 3, 5), std::nullopt); }),
              "DECISION_VOLUME_EXCEEDED");
    EXPECT_EQ(store_.rows.size(), rows);
    EXPECT_EQ(store_.audits.size(), audits);
    EXPECT_EQ(changes_.announced.size(), 1u);
    // At 3 hours a week it fits (36 + 15 = 51); the allocation ends with the decision.
    const auto b = allocate(kSecond, ymd(2025, 3, 5), std::nullopt, 3);
    EXPECT_NE(b.current.number, a.current.number);
    EXPECT_EQ(b.current.end_date, std::optional<Date>(ymd(2025, 4, 1)));
    EXPECT_EQ(changes_.announced.back(), Announced(kClient, kSecond, "0363"));
    EXPECT_EQ(store_.audits.back().action, "allocation.create");
    EXPECT_EQ(store_.audits.back().before, std::nullopt);
}

TEST_F(AllocationUseCasesTest, EndingInThePastNeedsTheProvidersConsent) {
    const auto a = allocate(kFirst, ymd(2025, 1, 6), std::nullopt);
    clock_.set(ymd(2025, 3, 10));
    AllocationEnd end;
    end.number = a.current.number;
    end.end = ymd(2025, 2, 3);
    end.reason = "09";
    EXPECT_EQ(refusal([&] { endAllocationIn(store_, scope(), end, changes_); }),
              "PROVIDER_CONSENT_REQUIRED");
    EXPECT_EQ(store_.versions(a.current.number).size(), 1u);
    EXPECT_EQ(store_.audits.size(), 1u);

    end.consent = ConsentGiven{"J. de Boer, teamleider", ymd(2025, 3, 7)};
    const auto ended = endAllocationIn(store_, scope(), end, changes_);
    EXPECT_EQ(ended.current.version, 2);
    EXPECT_EQ(ended.current.end_date, std::optional<Date>(ymd(2025, 2, 3)));
    EXPECT_EQ(ended.current.consent_given_by, std::optional<std::string>("J. de Boer, teamleider"));
    EXPECT_EQ(ended.current.consent_given_on, std::optional<std::string>("2025-03-07"));
    ASSERT_EQ(ended.versions.size(), 2u);
    EXPECT_FALSE(ended.versions[0].is_current);
    const auto& audit = store_.audits.back();
    EXPECT_EQ(audit.action, "allocation.end");
    EXPECT_EQ(audit.object_id, std::to_string(a.current.number));
    ASSERT_TRUE(audit.before && audit.after);
    EXPECT_NE(audit.before->find("\"version\":1"), std::string::npos) << *audit.before;
    EXPECT_NE(audit.after->find("\"provider_consent\":{\"given_by\":\"J. de Boer, teamleider\","
                                "\"given_on\":\"2025-03-07\"}"),
              std::string::npos)
        << *audit.after;
}

TEST_F(AllocationUseCasesTest, AConsentCannotBeGivenInTheFuture) {
    const auto a = allocate(kFirst, ymd(2025, 1, 6), std::nullopt);
    AllocationEnd end;
    end.number = a.current.number;
    end.end = ymd(2025, 2, 3);
    end.reason = "09";
    end.consent = ConsentGiven{"J. de Boer", ymd(2025, 1, 3)};
    EXPECT_EQ(refusal([&] { endAllocationIn(store_, scope(), end, changes_); }),
              "INVALID_PROVIDER_CONSENT");
    EXPECT_EQ(store_.versions(a.current.number).size(), 1u);
}

TEST_F(AllocationUseCasesTest, AWeeklyVolumeChangesOnlyWithAnEffectiveDate) {
    const auto a = allocate(kFirst, ymd(2025, 1, 6), std::nullopt, 3);
    AllocationChange change;
    change.number = a.current.number;
    change.volume = 2;
    change.reason = "04";
    EXPECT_EQ(refusal([&] { changeAllocationIn(store_, scope(), change, changes_); }),
              "VOLUME_CHANGE_NEEDS_DATE");
    change.effective = ymd(2025, 2, 3);
    changes_.announced.clear();
    const auto next = changeAllocationIn(store_, scope(), change, changes_);
    EXPECT_EQ(next.replaces, std::optional<std::int64_t>(a.current.number));
    EXPECT_EQ(next.current.volume, 2);
    EXPECT_EQ(next.current.start_date, ymd(2025, 2, 3));
    EXPECT_EQ(store_.current(a.current.number, false)->end_date,
              std::optional<Date>(ymd(2025, 2, 3)));
    // One announcement carries the end and the new allocation (one WMO301).
    EXPECT_EQ(changes_.announced.size(), 1u);
}

TEST_F(AllocationUseCasesTest, AnUnknownAllocationOrProviderIsRefused) {
    AllocationEnd end;
    end.number = 4242;
    end.end = ymd(2025, 2, 3);
    end.reason = "09";
    EXPECT_EQ(refusal([&] { endAllocationIn(store_, scope(), end, changes_); }), "NOT_FOUND");
    EXPECT_EQ(refusal([&] { allocate(99, ymd(2025, 1, 6), std::nullopt); }), "UNKNOWN_PROVIDER");
    EXPECT_TRUE(store_.rows.empty());
    EXPECT_TRUE(changes_.announced.empty());
}

TEST_F(AllocationUseCasesTest,
       TheGrantsPayingMunicipalityChoosesTheContractAndStaysOnEveryVersion) {
    // A category the region placed with its central municipality: the central one pays.
    store_.grants[kGrant].paying_municipality = "0193";
    const auto a = allocate(kFirst, ymd(2025, 1, 6), std::nullopt);
    EXPECT_EQ(store_.contract_asked_for, std::vector<std::string>{"0193"});
    EXPECT_EQ(a.current.paying_municipality, "0193");
    ASSERT_TRUE(store_.audits.back().after);
    EXPECT_NE(store_.audits.back().after->find("\"paying_municipality_code\":\"0193\""),
              std::string::npos)
        << *store_.audits.back().after;
    AllocationEnd end;
    end.number = a.current.number;
    end.end = ymd(2025, 3, 1);
    end.reason = "09";
    const auto ended = endAllocationIn(store_, scope(), end, changes_);
    EXPECT_EQ(ended.current.version, 2);
    EXPECT_EQ(ended.current.paying_municipality, "0193");
    // Both versions are announced for the WMO301 that the paying municipality sends.
    EXPECT_EQ(changes_.announced,
              (std::vector<Announced>{{kClient, kFirst, "0193"}, {kClient, kFirst, "0193"}}));
}

// One decision's changes go out as one WMO301 per client, provider and paying municipality:
// household help paid by Kampen and Beschermd Wonen paid by Zwolle at the same provider are two.
TEST(CollectedAllocationChanges, KeyOnClientProviderAndPayingMunicipality) {
    CollectedAllocationChanges collected;
    collected.allocationsChanged(kClient, kFirst, "0166");
    collected.allocationsChanged(kClient, kFirst, "0193");
    collected.allocationsChanged(kClient, kFirst, "0166");
    collected.allocationsChanged(kClient, kSecond, "0166");
    collected.allocationsChanged(kClient, kFirst, "0193");
    RecordedChanges target;
    collected.flushTo(target);
    EXPECT_EQ(target.announced, (std::vector<Announced>{{kClient, kFirst, "0166"},
                                                        {kClient, kFirst, "0193"},
                                                        {kClient, kSecond, "0166"}}));
    // Flushed, it forgets: nothing is announced twice.
    RecordedChanges again;
    collected.flushTo(again);
    EXPECT_TRUE(again.announced.empty());
}

// Issue 13 (S7): a staff user of another municipality may not allocate, change or end the
// client's care; the refusal names what it refused and leaves nothing behind.
TEST_F(AllocationUseCasesTest, CareOutsideTheStaffScopeIsRefusedAndLeavesNothing) {
    const auto a = allocate(kFirst, ymd(2025, 1, 6), ymd(2025, 3, 5));
    app::Actor kampen;
    kampen.role = app::Role::AccessOfficer;
    kampen.user_id = 9;
    kampen.name = "ao.kampen";
    kampen.municipalities = {"0166"};
    kampen.scope_loaded = true;
    AllocationScope outside{clock_, kampen.name, kampen};
    const auto rows = store_.rows.size();
    const auto audits = store_.audits.size();
    const auto announced = changes_.announced.size();
    NewAllocation in;
    in.granted_product_id = kGrant;
    in.provider_id = kSecond;
    in.start = ymd(2025, 3, 5);
    in.volume = 1;
    try {
        createAllocationIn(store_, outside, in, changes_);
        ADD_FAILURE() << "allocated outside the scope";
    } catch (const app::OutOfScope& e) {
        EXPECT_EQ(e.code(), "OUT_OF_SCOPE");
        EXPECT_EQ(e.objectType(), "granted_product");
        EXPECT_EQ(e.objectId(), std::to_string(kGrant));
    }
    AllocationEnd end;
    end.number = a.current.number;
    end.end = ymd(2025, 2, 3);
    end.reason = "09";
    EXPECT_EQ(refusal([&] { endAllocationIn(store_, outside, end, changes_); }), "OUT_OF_SCOPE");
    EXPECT_EQ(store_.rows.size(), rows);
    EXPECT_EQ(store_.audits.size(), audits);
    EXPECT_EQ(changes_.announced.size(), announced);
    // A user who works for the client's municipality (0363) ends it.
    kampen.municipalities = {"0166", "0363"};
    AllocationScope inside{clock_, kampen.name, kampen};
    EXPECT_EQ(endAllocationIn(store_, inside, end, changes_).current.version, 2);
}

// The regional Beschermd Wonen team of a central municipality changes only placed care that
// municipality pays.
TEST_F(AllocationUseCasesTest, ARegionalTeamAllocatesOnlyPlacedCareOfItsCentralMunicipality) {
    app::Actor bw;
    bw.role = app::Role::AccessOfficer;
    bw.user_id = 10;
    bw.name = "bw.central";
    bw.regional = {"0363"};
    bw.scope_loaded = true;
    NewAllocation in;
    in.granted_product_id = kGrant;
    in.provider_id = kFirst;
    in.start = ymd(2025, 1, 6);
    EXPECT_EQ(refusal([&] {
                  createAllocationIn(store_, {clock_, bw.name, bw}, in, changes_);
              }),
              "OUT_OF_SCOPE");
    EXPECT_TRUE(store_.rows.empty());
    store_.grants[kGrant].placed = true;
    EXPECT_EQ(createAllocationIn(store_, {clock_, bw.name, bw}, in, changes_).current.version, 1);
}

}  // namespace
}  // namespace zc::contracting
