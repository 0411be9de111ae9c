// The rules of a provider's bank account change (invoicing/app/provider_accounts.hpp) over a
// store in memory: the refusals in their order, four eyes for approving and rejecting, and the
// registration account recorded as the first entry on the first change.
#include "invoicing/app/provider_accounts.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

const Date kToday{std::chrono::year{2026}, std::chrono::June, std::chrono::day{10}};

class MemoryAccounts final : public ProviderAccountStore {
  public:
    std::map<std::int64_t, ProviderForAccount> providers{
        {1,
         {"Zorg Een", "NL91ABNA0417164300",
          Date{std::chrono::year{2026}, std::chrono::January, std::chrono::day{2}}}}};
    std::map<std::int64_t, ProviderAccountRow> rows;

    std::optional<ProviderForAccount> lockProvider(std::int64_t id) override {
        const auto p = providers.find(id);
        return p == providers.end() ? std::nullopt : std::optional(p->second);
    }
    std::optional<std::int64_t> pendingProposal(std::int64_t provider_id) override {
        for (const auto& [id, r] : rows) {
            if (r.provider_id == provider_id && r.status == "proposed") return id;
        }
        return std::nullopt;
    }
    std::int64_t insertProposal(const NewProviderAccount& a) override {
        return add({0, a.provider_id, a.iban, a.holder_name, a.valid_from, "proposed",
                    a.proposed_by, "t", std::nullopt, std::nullopt, std::nullopt});
    }
    void ensureRegistrationEntry(std::int64_t provider_id, const ProviderForAccount& p) override {
        for (const auto& [id, r] : rows) {
            if (r.provider_id == provider_id && r.status == "approved") return;
        }
        add({0, provider_id, p.registered_iban, p.name, p.recorded_on, "approved", "registration",
             "t", std::string("registration"), std::string("t"), std::nullopt});
    }
    std::optional<ProviderAccountRow> find(std::int64_t id, bool) override {
        const auto r = rows.find(id);
        return r == rows.end() ? std::nullopt : std::optional(r->second);
    }
    void recordDecision(std::int64_t id, bool approve, const std::string& by,
                        const std::string& reason) override {
        auto& r = rows.at(id);
        r.status = approve ? "approved" : "rejected";
        r.decided_by = by;
        r.decision_reason = reason;
    }
    std::vector<ProviderAccountRow> history(std::int64_t) override { return {}; }

  private:
    std::int64_t add(ProviderAccountRow r) {
        r.id = static_cast<std::int64_t>(rows.size()) + 1;
        rows[r.id] = r;
        return r.id;
    }
};

std::string codeOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        return e.code() + ":" + e.field();
    }
    return "ok";
}

ProviderAccountProposal proposal(std::string iban, std::string holder, Date from,
                                 std::int64_t provider = 1) {
    return {provider, std::move(iban), std::move(holder), from, "fin.devries", kToday};
}

TEST(ProviderAccounts, RefusesBadProposalsInTheirOrderAndRecordsNothing) {
    MemoryAccounts store;
    const Date yesterday{std::chrono::sys_days{kToday} - std::chrono::days{1}};
    const struct {
        ProviderAccountProposal p;
        const char* expected;
    } rows[] = {
        {proposal("NL00ABNA0417164300", "", yesterday, 9), "INVALID_IBAN:iban"},
        {proposal("NL20INGB0001234567", " ", yesterday, 9), "MISSING_FIELD:holder_name"},
        {proposal("NL20INGB0001234567", "Zorg", yesterday, 9), "VALID_FROM_PAST:valid_from"},
        {proposal("NL20INGB0001234567", "Zorg", kToday, 9), "NOT_FOUND:id"},
    };
    for (const auto& r : rows) {
        EXPECT_EQ(codeOf([&] { proposeProviderAccountIn(store, r.p); }), r.expected);
    }
    EXPECT_TRUE(store.rows.empty());
}

TEST(ProviderAccounts, TheFirstChangeRecordsTheRegistrationAccountAndWaitsForASecondUser) {
    MemoryAccounts store;
    const auto change =
        proposeProviderAccountIn(store, proposal("nl20 ingb 0001 2345 67", "Zorg BV", kToday));
    EXPECT_EQ(change.iban, "NL20INGB0001234567");
    EXPECT_EQ(change.status, "proposed");
    ASSERT_EQ(store.rows.size(), 2u);
    EXPECT_EQ(store.rows.at(1).iban, "NL91ABNA0417164300");  // the registration account
    EXPECT_EQ(store.rows.at(1).status, "approved");
    EXPECT_EQ(codeOf([&] {
                  proposeProviderAccountIn(store, proposal("NL20INGB0001234567", "X", kToday));
              }),
              "BANK_ACCOUNT_PENDING:provider_id");

    const auto decide = [&](bool approve, const std::string& who, const std::string& reason) {
        return decideProviderAccountIn(store, {change.id, approve, reason, who, kToday});
    };
    EXPECT_EQ(codeOf([&] { decide(true, "fin.devries", ""); }), "FOUR_EYES:decided_by");
    EXPECT_EQ(codeOf([&] { decide(false, "fin.devries", "typo"); }), "FOUR_EYES:decided_by");
    EXPECT_EQ(codeOf([&] { decide(false, "fin.mulder", " "); }), "REASON_REQUIRED:reason");
    EXPECT_EQ(decide(true, "fin.mulder", "").status, "approved");
    EXPECT_EQ(codeOf([&] { decide(false, "fin.mulder", "late"); }), "BANK_ACCOUNT_DECIDED:id");
    EXPECT_EQ(codeOf([&] {
                  decideProviderAccountIn(store, {99, true, "", "fin.mulder", kToday});
              }),
              "NOT_FOUND:id");
}

TEST(ProviderAccounts, AnApprovalAfterTheStartDateIsRefused) {
    MemoryAccounts store;
    const auto change =
        proposeProviderAccountIn(store, proposal("NL20INGB0001234567", "Z", kToday));
    const Date tomorrow{std::chrono::sys_days{kToday} + std::chrono::days{1}};
    EXPECT_EQ(codeOf([&] {
                  decideProviderAccountIn(store, {change.id, true, "", "fin.mulder", tomorrow});
              }),
              "VALID_FROM_PAST:valid_from");
    EXPECT_EQ(decideProviderAccountIn(store, {change.id, false, "too late", "fin.mulder", tomorrow})
                  .status,
              "rejected");
}

}  // namespace
}  // namespace zc::invoicing
