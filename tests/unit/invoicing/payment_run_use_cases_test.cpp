// Preparing and approving a payment run against a store in memory: what the composer is given
// and what is stored, the four-eyes rule, a run that is no longer prepared or has gone stale,
// and what an approval sends, books and stores.
#include <gtest/gtest.h>

#include <map>

#include "contracting/kernel/errors.hpp"
#include "invoicing/app/payment_run_approval.hpp"
#include "invoicing/app/payment_run_cancellation.hpp"
#include "invoicing/app/payment_run_preparation.hpp"

namespace zc::invoicing {
namespace {

const Iban kDebtorIban = Iban::parse("NL91ABNA0417164300");
const Iban kCreditorIban = Iban::parse("NL20INGB0001234567");

class MemoryRuns final : public PaymentRunStore {
  public:
    std::map<std::int64_t, RunForApproval> runs;
    std::optional<std::string> stale;
    std::vector<RunTransfer> run_transfers;
    std::vector<std::pair<std::int64_t, JournalEntry>> sent;  // instruction, journal
    std::vector<std::pair<std::int64_t, std::string>> approvals;
    std::vector<std::int64_t> offsets_settled;  // runs whose offsets took effect (splits)
    std::vector<std::pair<std::int64_t, std::string>> cancellations;  // run, reason
    std::vector<NewRun> inserted;
    std::optional<std::vector<std::int64_t>> asked_providers;
    PaymentRunInput input;  // what runInput answers (run_id set on the call)
    // When not empty: what runInput answers per municipality instead (nothing for another).
    std::map<std::string, PaymentRunInput> by_municipality;
    std::vector<PaymentRun> stored;
    std::vector<std::vector<DebtorAccount>> stored_accounts;
    std::vector<Date> stored_execution;
    std::vector<DebtorAccount> run_accounts;  // what runAccounts answers
    bool has_debtor = true;

    std::int64_t insertRun(const NewRun& run) override {
        inserted.push_back(run);
        return 40 + static_cast<std::int64_t>(inserted.size());
    }
    PaymentRunInput runInput(std::int64_t run_id, const std::string& municipality, Date due_until,
                             std::optional<std::vector<std::int64_t>> provider_ids) override {
        asked_providers = provider_ids;
        PaymentRunInput in = input;
        if (!by_municipality.empty()) {
            const auto it = by_municipality.find(municipality);
            in = it == by_municipality.end() ? PaymentRunInput{} : it->second;
        }
        in.run_id = run_id;
        in.selection.due_on_or_before = due_until;
        in.selection.provider_ids = std::move(provider_ids);
        return in;
    }
    void storeRun(const PaymentRun& run, const std::vector<DebtorAccount>& accounts,
                  Date execution_date, const PaymentRunInput&) override {
        stored.push_back(run);
        stored_accounts.push_back(accounts);
        stored_execution.push_back(execution_date);
    }

    std::optional<RunForApproval> lockRun(std::int64_t run_id) override {
        const auto it = runs.find(run_id);
        return it == runs.end() ? std::nullopt : std::optional(it->second);
    }
    std::optional<std::string> staleReason(std::int64_t) override { return stale; }
    DebtorAccount debtorAccount(const std::string& code, std::optional<std::int64_t>) override {
        if (!has_debtor) throw ValidationError("NO_DEBTOR_ACCOUNT", "None.", "municipality_code");
        return {"Gemeente " + code, kDebtorIban, "ABNANL2A", std::stoll(code), code};
    }
    std::vector<DebtorAccount> runAccounts(std::int64_t) override { return run_accounts; }
    std::vector<RunTransfer> transfers(std::int64_t) override { return run_transfers; }
    void markSent(const RunTransfer& t, const JournalEntry& payment) override {
        sent.emplace_back(t.instruction_id, payment);
    }
    void settleOffsets(std::int64_t run_id) override { offsets_settled.push_back(run_id); }
    void recordApproval(std::int64_t run_id, const std::string& approver,
                        const PaymentFile& file) override {
        approvals.emplace_back(run_id, approver);
        EXPECT_EQ(file.content, run_transfers.empty() ? "" : "<pain.001 of ZC-RUN-7>");
        runs.at(run_id).status = PaymentRunStatus::Approved;
    }
    void recordCancellation(std::int64_t run_id, const std::string&,
                            const std::string& reason) override {
        cancellations.emplace_back(run_id, reason);
        runs.at(run_id).status = PaymentRunStatus::Cancelled;
    }
};

class RecordingWriter final : public PaymentFileWriter {
  public:
    std::vector<PaymentOrder> orders;
    PaymentFile write(const PaymentOrder& order) override {
        orders.push_back(order);
        return {"<pain.001 of " + order.message_id + ">", "sha"};
    }
};

class PaymentRunApprovalTest : public ::testing::Test {
  protected:
    PaymentRunApprovalTest() {
        store_.runs.emplace(7, RunForApproval{7, PaymentRunStatus::Prepared, "fin.devries", "0193",
                                              parseDate("2026-12-04"), "ZC-RUN-7"});
        store_.run_transfers = {{31, 101, "ZC-RUN-7-101", Money::fromCents(150'000), "Zorggroep",
                                 kCreditorIban, "D1", "0193", 193},
                                {32, 102, "ZC-RUN-7-102", Money::fromCents(2'500), "Thuiszorg",
                                 kCreditorIban, "D2", "0193", 193}};
        store_.run_accounts = {{"Gemeente Zwolle", kDebtorIban, "ABNANL2A", 193, "0193"}};
    }

    std::string refusal(const std::string& approver) {
        try {
            approvePaymentRun(store_, writer_, {7, approver, parseDate("2026-12-02"), "T"});
        } catch (const ValidationError& e) {
            return e.code();
        }
        return "";
    }

    void expectNothingSent() {
        EXPECT_TRUE(store_.sent.empty());
        EXPECT_TRUE(store_.offsets_settled.empty()) << "no claw-back is split or settled";
        EXPECT_TRUE(store_.approvals.empty());
        EXPECT_TRUE(writer_.orders.empty());
    }

    MemoryRuns store_;
    RecordingWriter writer_;
};

TEST_F(PaymentRunApprovalTest, ThePreparerMayNotApproveTheirOwnRun) {
    EXPECT_EQ(refusal("fin.devries"), "FOUR_EYES");
    expectNothingSent();
    EXPECT_EQ(store_.runs.at(7).status, PaymentRunStatus::Prepared);
}

TEST_F(PaymentRunApprovalTest, ARunIsApprovedOnceOnly) {
    EXPECT_EQ(refusal("fin.mulder"), "");
    store_.sent.clear();
    store_.approvals.clear();
    store_.offsets_settled.clear();
    writer_.orders.clear();
    EXPECT_EQ(refusal("fin.jansen"), "RUN_NOT_PREPARED");
    expectNothingSent();
}

TEST_F(PaymentRunApprovalTest, AStaleRunIsRefusedAndNothingIsSent) {
    store_.stale = "Payable 5 changed since the run was prepared.";
    EXPECT_EQ(refusal("fin.mulder"), "RUN_STALE");
    expectNothingSent();
}

std::string cancelRefusal(MemoryRuns& store, const std::string& reason) {
    try {
        cancelPaymentRun(store, {7, "fin.devries", reason});
    } catch (const ValidationError& e) {
        return e.code();
    }
    return "";
}

TEST_F(PaymentRunApprovalTest, APreparedRunIsCancelledWithItsReasonByItsOwnPreparer) {
    EXPECT_EQ(cancelRefusal(store_, "Wrong due date chosen"), "") << "no four eyes needed";
    ASSERT_EQ(store_.cancellations.size(), 1u);
    EXPECT_EQ(store_.cancellations[0],
              std::make_pair(std::int64_t{7}, std::string("Wrong due date chosen")));
    EXPECT_EQ(store_.runs.at(7).status, PaymentRunStatus::Cancelled);
    EXPECT_EQ(refusal("fin.mulder"), "RUN_NOT_PREPARED") << "a cancelled run is not approved";
    expectNothingSent();
    EXPECT_EQ(cancelRefusal(store_, "again"), "RUN_NOT_PREPARED");
    EXPECT_EQ(store_.cancellations.size(), 1u);
}

TEST_F(PaymentRunApprovalTest, AnApprovedRunIsNotCancelled) {
    EXPECT_EQ(refusal("fin.mulder"), "");
    EXPECT_EQ(cancelRefusal(store_, "Too late"), "RUN_NOT_PREPARED");
    EXPECT_TRUE(store_.cancellations.empty());
    EXPECT_EQ(store_.runs.at(7).status, PaymentRunStatus::Approved);
}

TEST_F(PaymentRunApprovalTest, ACancellationNeedsAReasonAndAKnownRun) {
    EXPECT_EQ(cancelRefusal(store_, "  "), "REASON_REQUIRED");
    store_.runs.clear();
    EXPECT_EQ(cancelRefusal(store_, "Not needed"), "NOT_FOUND");
    EXPECT_TRUE(store_.cancellations.empty());
}

TEST_F(PaymentRunApprovalTest, OnlyAPreparedRunIsReportedStale) {
    EXPECT_EQ(staleReasonOf(store_, 7, PaymentRunStatus::Prepared), std::nullopt);
    store_.stale = "Payable 5 changed since the run was prepared.";
    EXPECT_EQ(staleReasonOf(store_, 7, PaymentRunStatus::Prepared), store_.stale);
    EXPECT_EQ(staleReasonOf(store_, 7, PaymentRunStatus::Approved), std::nullopt);
    EXPECT_EQ(staleReasonOf(store_, 7, PaymentRunStatus::Cancelled), std::nullopt);
}

TEST_F(PaymentRunApprovalTest, AnUnknownRunIsNotFound) {
    store_.runs.clear();
    EXPECT_EQ(refusal("fin.mulder"), "NOT_FOUND");
    expectNothingSent();
}

TEST_F(PaymentRunApprovalTest, TheSecondUserSendsEveryTransferBooksItAndStoresTheFile) {
    const auto file =
        approvePaymentRun(store_, writer_, {7, "fin.mulder", parseDate("2026-12-02"), "T"});
    EXPECT_EQ(file.content, "<pain.001 of ZC-RUN-7>");
    ASSERT_EQ(store_.sent.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& [instruction, journal] = store_.sent[i];
        const auto& t = store_.run_transfers[i];
        EXPECT_EQ(instruction, t.instruction_id);
        EXPECT_EQ(journal.kind, EventKind::PaymentSent);
        EXPECT_EQ(journal.source, "instruction:" + std::to_string(t.instruction_id));
        EXPECT_EQ(journal.date, parseDate("2026-12-02"));
        Money on_payable;
        for (const auto& line : journal.lines) {
            if (line.account == AccountKey::providerPayable(t.provider_id))
                on_payable += line.amount;
        }
        EXPECT_EQ(on_payable, t.amount) << "the provider's payable is settled by the payment";
    }
    ASSERT_EQ(writer_.orders.size(), 1u);
    const auto& order = writer_.orders[0];
    EXPECT_EQ(order.message_id, "ZC-RUN-7");
    EXPECT_EQ(order.debtor.iban.str(), kDebtorIban.str());
    EXPECT_EQ(order.execution_date, parseDate("2026-12-04"));
    EXPECT_EQ(order.transfers.size(), 2u);
    ASSERT_EQ(order.blocks.size(), 1u);
    EXPECT_EQ(order.blocks[0].transfers.size(), 2u);
    ASSERT_EQ(store_.approvals.size(), 1u);
    EXPECT_EQ(store_.approvals[0], std::make_pair(std::int64_t{7}, std::string("fin.mulder")));
    EXPECT_EQ(store_.offsets_settled, std::vector<std::int64_t>{7})
        << "the offsets (and splits of claw-backs used in part) take effect with the approval";
}

TEST_F(PaymentRunApprovalTest, ARunWithoutTransfersStillSettlesItsOffsets) {
    // Every provider's claw-backs covered what it was owed: no transfer, but the payables are
    // settled by offset and a claw-back used in part is split.
    store_.run_transfers.clear();
    EXPECT_EQ(refusal("fin.mulder"), "");
    EXPECT_TRUE(store_.sent.empty());
    EXPECT_TRUE(writer_.orders.empty()) << "no pain.001 without a transfer";
    EXPECT_EQ(store_.approvals.size(), 1u);
    EXPECT_EQ(store_.offsets_settled, std::vector<std::int64_t>{7});
    EXPECT_EQ(store_.runs.at(7).status, PaymentRunStatus::Approved);
}

class PaymentRunPreparationTest : public ::testing::Test {
  protected:
    PaymentRunPreparationTest() {
        const auto code = MunicipalityCode::parse("0193");
        store_.input.providers = {{101, "Zorggroep", kCreditorIban, code, false, ""},
                                  {102, "Thuiszorg", kCreditorIban, code, true, "fraud register"}};
        store_.input.payables = {{1, 101, Money::fromCents(150'000), parseDate("2026-11-30"),
                                  "declaration:1", "D1", false},
                                 {2, 102, Money::fromCents(20'000), parseDate("2026-11-30"),
                                  "declaration:2", "D2", false}};
        store_.input.receivables = {{3, 101, Money::fromCents(50'000)}};
    }

    RunRequest request(std::optional<Date> execution = std::nullopt) {
        return {{"0193"},     parseDate("2026-11-30"), execution,
                std::nullopt, "fin.devries",           parseDate("2026-12-02")};
    }

    MemoryRuns store_;
};

TEST_F(PaymentRunPreparationTest, ComposesTheStoredPayablesIntoOneTransferPerProvider) {
    const auto id = preparePaymentRun(store_, request());
    ASSERT_EQ(store_.inserted.size(), 1u);
    EXPECT_EQ(store_.inserted[0].prepared_by, "fin.devries");
    EXPECT_EQ(store_.inserted[0].execution_date, parseDate("2026-12-02")) << "today by default";
    ASSERT_EQ(store_.stored.size(), 1u);
    const PaymentRun& run = store_.stored[0];
    EXPECT_EQ(run.run_id, id);
    // Provider 101: 1,500.00 less the 500.00 claw-back; provider 102 is blocked and left out.
    ASSERT_EQ(run.transfers.size(), 1u);
    EXPECT_EQ(run.transfers[0].provider_id, 101);
    EXPECT_EQ(run.transfers[0].amount, Money::fromCents(100'000));
    EXPECT_EQ(run.control_sum, Money::fromCents(100'000));
    ASSERT_EQ(run.left_out.size(), 1u);
    EXPECT_EQ(run.left_out[0].payable_id, 2);
    EXPECT_EQ(run.left_out[0].reason, LeftOutReason::ProviderBlocked);
}

// Provider 101 is owed 1,000.00 by Kampen and owes Zwolle a claw-back of 500.00: Kampen's run
// pays the 1,000.00 whole, and Zwolle's run pays nothing of it and offsets nothing against it.
TEST_F(PaymentRunPreparationTest, ARunPaysOnlyItsOwnMunicipalitysPayables) {
    PaymentRunInput kampen;
    kampen.providers = {
        {101, "Zorggroep", kCreditorIban, MunicipalityCode::parse("0166"), false, ""}};
    kampen.payables = {{11, 101, Money::fromCents(100'000), parseDate("2026-11-30"),
                        "declaration:11", "K1", false}};
    PaymentRunInput zwolle;
    zwolle.providers = {
        {101, "Zorggroep", kCreditorIban, MunicipalityCode::parse("0193"), false, ""}};
    zwolle.receivables = {{12, 101, Money::fromCents(50'000)}};
    store_.by_municipality = {{"0166", kampen}, {"0193", zwolle}};

    preparePaymentRun(store_, request());  // Zwolle's
    auto r = request();
    r.municipality_codes = {"0166"};
    preparePaymentRun(store_, r);

    ASSERT_EQ(store_.stored.size(), 2u);
    EXPECT_TRUE(store_.stored[0].transfers.empty()) << "nothing of Kampen in Zwolle's run";
    EXPECT_TRUE(store_.stored[0].offsets.empty());
    ASSERT_EQ(store_.stored[1].transfers.size(), 1u);
    EXPECT_EQ(store_.stored[1].transfers[0].amount, Money::fromCents(100'000))
        << "Zwolle's claw-back is not offset against Kampen's payable";
    EXPECT_EQ(store_.stored[1].control_sum, Money::fromCents(100'000));
}

// One run over Kampen and Zwolle: provider 101 gets one transfer per municipality, each paid
// from that municipality's account, and Zwolle's claw-back only lowers Zwolle's transfer.
TEST_F(PaymentRunPreparationTest, ARunOverTwoMunicipalitiesPaysEachFromItsOwnAccount) {
    PaymentRunInput kampen;
    kampen.providers = {
        {101, "Zorggroep", kCreditorIban, MunicipalityCode::parse("0166"), false, ""}};
    kampen.payables = {{11, 101, Money::fromCents(100'000), parseDate("2026-11-30"),
                        "declaration:11", "K1", false}};
    PaymentRunInput zwolle;
    zwolle.providers = {
        {101, "Zorggroep", kCreditorIban, MunicipalityCode::parse("0193"), false, ""}};
    zwolle.payables = {{13, 101, Money::fromCents(80'000), parseDate("2026-11-30"),
                        "declaration:13", "Z1", false}};
    zwolle.receivables = {{12, 101, Money::fromCents(50'000)}};
    store_.by_municipality = {{"0166", kampen}, {"0193", zwolle}};
    auto r = request();
    r.municipality_codes = {"0166", "0193", "0166"};
    preparePaymentRun(store_, r);

    ASSERT_EQ(store_.inserted.size(), 1u);
    ASSERT_EQ(store_.inserted[0].accounts.size(), 2u) << "a repeated code counts once";
    EXPECT_EQ(store_.inserted[0].accounts[0].municipality_code, "0166");
    EXPECT_EQ(store_.inserted[0].accounts[1].municipality_code, "0193");
    ASSERT_EQ(store_.stored.size(), 1u);
    const PaymentRun& run = store_.stored[0];
    ASSERT_EQ(run.transfers.size(), 2u);
    EXPECT_EQ(run.transfers[0].municipality, "0166");
    EXPECT_EQ(run.transfers[0].amount, Money::fromCents(100'000)) << "no offset from Zwolle";
    EXPECT_EQ(run.transfers[1].municipality, "0193");
    EXPECT_EQ(run.transfers[1].amount, Money::fromCents(30'000));
    EXPECT_NE(run.transfers[0].end_to_end_id, run.transfers[1].end_to_end_id);
    ASSERT_EQ(run.offsets.size(), 1u);
    EXPECT_EQ(run.offsets[0].municipality, "0193");
}

TEST_F(PaymentRunPreparationTest, ARunWithoutAMunicipalityRecordsNothing) {
    auto r = request();
    r.municipality_codes.clear();
    try {
        preparePaymentRun(store_, r);
        FAIL() << "a run without a municipality was accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "MISSING_FIELD");
    }
    EXPECT_TRUE(store_.inserted.empty());
}

TEST_F(PaymentRunPreparationTest, PassesTheChosenProvidersAndExecutionDate) {
    auto r = request(parseDate("2026-12-10"));
    r.provider_ids = std::vector<std::int64_t>{101};
    preparePaymentRun(store_, r);
    EXPECT_EQ(store_.asked_providers, std::optional(std::vector<std::int64_t>{101}));
    ASSERT_EQ(store_.stored_execution.size(), 1u);
    EXPECT_EQ(store_.stored_execution[0], parseDate("2026-12-10"));
}

TEST_F(PaymentRunPreparationTest, AnExecutionDateInThePastRecordsNothing) {
    try {
        preparePaymentRun(store_, request(parseDate("2026-12-01")));
        FAIL() << "a past execution date was accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "EXECUTION_DATE_PAST");
    }
    EXPECT_TRUE(store_.inserted.empty());
    EXPECT_TRUE(store_.stored.empty());
}

TEST_F(PaymentRunPreparationTest, WithoutADebtorAccountNothingIsRecorded) {
    store_.has_debtor = false;
    EXPECT_THROW(preparePaymentRun(store_, request()), ValidationError);
    EXPECT_TRUE(store_.inserted.empty());
}

}  // namespace
}  // namespace zc::invoicing
