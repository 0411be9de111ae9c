// A provider's bank accounts over time (migration 0039, issue 15) against a real schema: a
// finance user proposes an account valid from a date, another approves or rejects it (four
// eyes), and a payment run pays each provider the account approved and valid on the run's
// execution date. A run prepared before an approval that changes that account is stale
// (RUN_STALE) and cannot be approved. The property test (seeded, printed for replay) plays
// random proposals, decisions, payables, runs and days against a model of the approved accounts
// and checks that no approved transfer ever goes to an account that was not approved and valid
// on its execution date.
#include "invoicing/app/provider_accounts.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "contracting/kernel/errors.hpp"
#include "db_test_env.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "invoicing/app/payments.hpp"

namespace zc {
namespace {

class SteppingClock : public Clock {
  public:
    Date day{std::chrono::year{2026}, std::chrono::June, std::chrono::day{1}};
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::sys_days{day} + std::chrono::hours{9};
    }
};

class NoFile final : public invoicing::PaymentFileWriter {
  public:
    invoicing::PaymentFile write(const invoicing::PaymentOrder& order) override {
        return {"<pain.001 " + order.message_id + ">", "sha"};
    }
};

// A valid Dutch IBAN with bank code ABNA and account number `n` (mod-97 check digits).
std::string iban(std::int64_t n) {
    std::string account = std::to_string(n);
    account.insert(0, 10 - account.size(), '0');
    // ABNA → 10 11 23 10, NL → 23 21, check digits 00.
    const std::string digits = "10112310" + account + "232100";
    int rest = 0;
    for (const char c : digits) rest = (rest * 10 + (c - '0')) % 97;
    const int check = 98 - rest;
    return std::string("NL") + (check < 10 ? "0" : "") + std::to_string(check) + "ABNA" + account;
}

Date plusDays(Date d, int days) { return Date{std::chrono::sys_days{d} + std::chrono::days{days}}; }

class ProviderAccounts : public ::testing::Test {
  protected:
    ProviderAccounts() : conn_(scratch_.connect()) {
        db::migrate(*conn_, dbtest::migrationsDir());
        conn_->execute("INSERT INTO municipalities (code, name) VALUES ('0193','Zwolle')");
        conn_->execute(
            "INSERT INTO debtor_accounts (id, municipality_code, iban, name, is_default) VALUES"
            " (1,'0193','NL14BNGH0285001234','Gemeente Zwolle',1)");
        for (int p = 1; p <= kProviders; ++p) {
            conn_->execute(
                "INSERT INTO providers (id, agb, kvk, name, iban, created_at) VALUES"
                " (?,?,?,?,?,'2026-01-02')",
                {std::int64_t{p}, std::to_string(12345670 + p), std::to_string(12345600 + p),
                 "Zorg " + std::to_string(p), iban(p)});
        }
        for (auto* a : {&devries_, &mulder_}) a->role = app::Role::Finance;
        devries_.name = "fin.devries";
        mulder_.name = "fin.mulder";
    }

    app::RequestContext as(app::Actor& who) { return {*conn_, who, "test", clock_, config_}; }

    void addPayable(std::int64_t provider, std::int64_t cents) {
        conn_->execute(
            "INSERT INTO payables (municipality_code, provider_id, source_type, source_id,"
            " amount_cents, due_date, created_at) VALUES ('0193',?,'declaration',?,?,?,?)",
            {provider, ++source_, cents, formatDate(clock_.today()), formatDate(clock_.today())});
    }

    invoicing::RunDetail prepare(app::Actor& who, Date execution) {
        auto ctx = as(who);
        return invoicing::prepareRun(ctx, {{"0193"},
                                           plusDays(clock_.today(), 30),
                                           execution,
                                           std::nullopt,
                                           who.name,
                                           clock_.today()});
    }

    invoicing::ProviderAccountRow propose(app::Actor& who, std::int64_t provider,
                                          const std::string& account, Date from) {
        auto ctx = as(who);
        return invoicing::proposeProviderAccount(ctx, {provider, account, "Houder", from, "", {}});
    }

    invoicing::ProviderAccountRow decide(app::Actor& who, std::int64_t id, bool approve) {
        auto ctx = as(who);
        return invoicing::decideProviderAccount(ctx, {id, approve, approve ? "" : "wrong", "", {}});
    }

    static constexpr int kProviders = 4;
    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    SteppingClock clock_;
    app::AppConfig config_;
    app::Actor devries_, mulder_;
    NoFile writer_;
    std::int64_t source_ = 0;
};

std::string codeOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        return e.code();
    }
    return "ok";
}

TEST_F(ProviderAccounts, AChangeNeedsASecondFinanceUserAndIsPaidFromItsStartDate) {
    addPayable(1, 10000);
    const auto change = propose(devries_, 1, iban(901), plusDays(clock_.today(), 3));
    EXPECT_EQ(change.status, "proposed");
    EXPECT_EQ(codeOf([&] { propose(mulder_, 1, iban(902), clock_.today()); }),
              "BANK_ACCOUNT_PENDING");
    EXPECT_EQ(codeOf([&] { decide(devries_, change.id, true); }), "FOUR_EYES");
    // A proposal is not paid: a run executed on its start date still pays the registered one.
    const auto before = prepare(devries_, plusDays(clock_.today(), 3));
    ASSERT_EQ(before.transfers.size(), 1u);
    EXPECT_EQ(before.transfers[0].creditor_iban, iban(1));
    const auto earlier = prepare(devries_, plusDays(clock_.today(), 2));

    EXPECT_EQ(decide(mulder_, change.id, true).status, "approved");
    EXPECT_EQ(codeOf([&] { decide(mulder_, change.id, false); }), "BANK_ACCOUNT_DECIDED");
    // The run for the start date would pay the old account: stale. The run before it is not.
    EXPECT_EQ(codeOf([&] {
                  auto ctx = as(mulder_);
                  invoicing::approveRun(ctx, before.run.id, writer_);
              }),
              "RUN_STALE");
    {
        auto ctx = as(devries_);
        invoicing::cancelRun(ctx, before.run.id, "account changed");
        invoicing::cancelRun(ctx, earlier.run.id, "redo");
    }
    const auto on_start = prepare(devries_, plusDays(clock_.today(), 3));
    EXPECT_EQ(on_start.transfers[0].creditor_iban, iban(901));
    EXPECT_EQ(on_start.transfers[0].creditor_name, "Houder");
    auto ctx = as(mulder_);
    EXPECT_EQ(invoicing::approveRun(ctx, on_start.run.id, writer_).transfers[0].creditor_iban,
              iban(901));
    // The history holds the registration account and the change, with who did what.
    const auto history = invoicing::providerAccountHistory(ctx, 1);
    ASSERT_EQ(history.entries.size(), 2u);
    EXPECT_EQ(history.entries[0].iban, iban(901));
    EXPECT_EQ(history.entries[0].decided_by.value_or(""), "fin.mulder");
    EXPECT_EQ(history.entries[1].iban, iban(1));
    EXPECT_EQ(history.current_index, 1);  // the new one starts in three days
    EXPECT_EQ(conn_
                  ->queryOne("SELECT COUNT(*) FROM audit_log WHERE action LIKE"
                             " 'provider_bank_account.%'")
                  ->i64(0),
              2);
}

TEST_F(ProviderAccounts, RefusalsChangeNothing) {
    EXPECT_EQ(codeOf([&] { propose(devries_, 1, "NL00ABNA0000000000", clock_.today()); }),
              "INVALID_IBAN");
    EXPECT_EQ(codeOf([&] { propose(devries_, 1, iban(5), plusDays(clock_.today(), -1)); }),
              "VALID_FROM_PAST");
    EXPECT_EQ(codeOf([&] { propose(devries_, 99, iban(5), clock_.today()); }), "NOT_FOUND");
    EXPECT_EQ(codeOf([&] { decide(mulder_, 1, false); }), "NOT_FOUND");
    EXPECT_EQ(conn_->queryOne("SELECT COUNT(*) FROM provider_bank_accounts")->i64(0), 0);
    const auto change = propose(devries_, 1, iban(5), plusDays(clock_.today(), 1));
    clock_.day = plusDays(clock_.day, 2);  // its start passed before anyone approved it
    EXPECT_EQ(codeOf([&] { decide(mulder_, change.id, true); }), "VALID_FROM_PAST");
    auto ctx = as(mulder_);
    EXPECT_EQ(codeOf([&] {
                  invoicing::decideProviderAccount(ctx, {change.id, false, " ", "", {}});
              }),
              "REASON_REQUIRED");
    EXPECT_EQ(decide(mulder_, change.id, false).status, "rejected");
}

// The model: per provider its approved accounts (start, order of approval, IBAN) and the
// registered one.
struct Approved {
    Date from;
    std::int64_t id;
    std::string iban;
};

std::string validOn(const std::vector<Approved>& approved, const std::string& registered,
                    Date day) {
    const Approved* best = nullptr;
    for (const auto& a : approved) {
        if (a.from <= day &&
            (!best || a.from > best->from || (a.from == best->from && a.id > best->id)))
            best = &a;
    }
    return best ? best->iban : registered;
}

TEST_F(ProviderAccounts, NoTransferEverGoesToAnAccountNotApprovedAndValidOnItsExecutionDate) {
    const auto seed = std::random_device{}();
    std::cout << "ProviderAccounts property seed " << seed << std::endl;
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    std::map<std::int64_t, std::vector<Approved>> model;
    std::vector<std::int64_t> pending;
    std::vector<std::pair<std::int64_t, app::Actor*>> prepared;  // run and its preparer
    int approved_runs = 0, checked = 0;
    for (int step = 0; step < 160; ++step) {
        app::Actor& who = pick(2) ? devries_ : mulder_;
        const std::int64_t provider = 1 + pick(kProviders);
        switch (pick(6)) {
            case 0: {
                const std::string code = codeOf([&] {
                    pending.push_back(
                        propose(who, provider, iban(1000 + step), plusDays(clock_.today(), pick(6)))
                            .id);
                });
                EXPECT_TRUE(code == "ok" || code == "BANK_ACCOUNT_PENDING") << code;
                break;
            }
            case 1: {
                if (pending.empty()) break;
                const auto id =
                    pending[static_cast<std::size_t>(pick(static_cast<int>(pending.size())))];
                const bool approve = pick(3) != 0;
                invoicing::ProviderAccountRow row;
                const std::string code = codeOf([&] { row = decide(who, id, approve); });
                if (code == "ok") {
                    std::erase(pending, id);
                    if (approve)
                        model[row.provider_id].push_back({row.valid_from, row.id, row.iban});
                } else if (code != "FOUR_EYES") {
                    // Its start passed before anyone approved it: `who` (not the proposer)
                    // rejects it, so that the provider can get a new proposal.
                    EXPECT_EQ(code, "VALID_FROM_PAST");
                    EXPECT_EQ(decide(who, id, false).status, "rejected");
                    std::erase(pending, id);
                }
                break;
            }
            case 2:
                addPayable(provider, 100 + pick(100000));
                break;
            case 3:
                prepared.emplace_back(prepare(who, plusDays(clock_.today(), pick(6))).run.id, &who);
                break;
            case 4: {
                if (prepared.empty()) break;
                const auto [run_id, preparer] = prepared.back();
                prepared.pop_back();
                auto ctx = as(preparer == &devries_ ? mulder_ : devries_);
                invoicing::RunDetail run;
                const std::string code =
                    codeOf([&] { run = invoicing::approveRun(ctx, run_id, writer_); });
                if (code != "ok") {
                    EXPECT_EQ(code, "RUN_STALE");
                    auto cancel = as(devries_);
                    invoicing::cancelRun(cancel, run_id, "stale");
                    break;
                }
                ++approved_runs;
                const Date execution = parseDate(run.run.execution_date);
                for (const auto& t : run.transfers) {
                    ++checked;
                    EXPECT_EQ(t.creditor_iban,
                              validOn(model[t.provider_id], iban(t.provider_id), execution))
                        << "seed " << seed << ", run " << run_id << ", provider " << t.provider_id;
                }
                break;
            }
            default:
                clock_.day = plusDays(clock_.day, pick(3));
                break;
        }
    }
    std::cout << approved_runs << " runs approved, " << checked << " transfers checked"
              << std::endl;
    EXPECT_GT(checked, 0) << "seed " << seed;
}

}  // namespace
}  // namespace zc
