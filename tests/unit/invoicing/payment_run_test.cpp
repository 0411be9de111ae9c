#include "invoicing/domain/payment_run.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

Money m(const char* text) { return Money::parse(text); }
Date d(const char* text) { return parseDate(text); }

const Date kCutoff = d("2026-04-30");

RunProvider provider(std::int64_t id, const char* iban = "NL39RABO0300065264",
                     const char* municipality = "0193") {
    return RunProvider{id,
                       "Zorg " + std::to_string(id) + " BV",
                       Iban::parse(iban),
                       MunicipalityCode::parse(municipality),
                       false,
                       ""};
}

DuePayable payable(std::int64_t id, std::int64_t provider_id, const char* amount,
                   std::string reference = "", const char* due = "2026-04-15") {
    return DuePayable{
        id,   provider_id, m(amount), d(due), "claim:" + std::to_string(id), std::move(reference),
        false};
}

PaymentRunInput runOf(std::vector<DuePayable> payables, std::vector<OpenReceivable> receivables,
                      std::vector<RunProvider> providers) {
    return PaymentRunInput{12, RunSelection{kCutoff, std::nullopt, std::nullopt},
                           std::move(payables), std::move(receivables), std::move(providers)};
}

std::vector<std::int64_t> transferProviders(const PaymentRun& run) {
    std::vector<std::int64_t> ids;
    for (const Transfer& t : run.transfers) ids.push_back(t.provider_id);
    return ids;
}

std::optional<std::string> codeOf(const PaymentRunInput& input) {
    try {
        composePaymentRun(input);
        return std::nullopt;
    } catch (const ValidationError& e) {
        return e.code() + " " + e.field();
    }
}

TEST(PaymentRun, OneTransferPerProviderWithControlSum) {
    const PaymentRun run = composePaymentRun(
        runOf({payable(3, 18, "500.00", "D200"), payable(1, 17, "1000.00", "D123"),
               payable(2, 17, "234.56", "D124")},
              {}, {provider(18, "NL20INGB0001234567"), provider(17)}));
    ASSERT_EQ(run.transfers.size(), 2u);
    const Transfer& first = run.transfers[0];
    EXPECT_EQ(first.provider_id, 17);
    EXPECT_EQ(first.creditor_name, "Zorg 17 BV");
    EXPECT_EQ(first.creditor_iban, "NL39RABO0300065264");
    EXPECT_EQ(first.amount, m("1234.56"));
    EXPECT_EQ(first.payables_total, m("1234.56"));
    EXPECT_EQ(first.offset_total, Money());
    EXPECT_EQ(first.payable_ids, (std::vector<std::int64_t>{1, 2}));
    EXPECT_EQ(first.end_to_end_id, "ZC-12-17");
    EXPECT_EQ(first.remittance, "Decl D123,D124");
    EXPECT_EQ(run.transfers[1].amount, m("500.00"));
    EXPECT_EQ(run.transfers[1].end_to_end_id, "ZC-12-18");
    EXPECT_EQ(run.control_sum, m("1734.56"));
    EXPECT_EQ(run.count, 2u);
    EXPECT_EQ(run.settled_payable_ids, (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_TRUE(run.left_out.empty());
    EXPECT_TRUE(run.offsets.empty());
}

TEST(PaymentRun, SelectionByDueDateMunicipalityAndProvider) {
    const std::vector<DuePayable> payables = {
        payable(1, 17, "100.00", "", "2026-04-30"),  // due on the cut-off: in
        payable(2, 17, "200.00", "", "2026-05-01"),  // due after: not in the run
        payable(3, 18, "300.00"),                    // provider in Kampen
        payable(4, 19, "400.00"),
    };
    const std::vector<RunProvider> providers = {
        provider(17), provider(18, "NL39RABO0300065264", "0166"), provider(19)};
    struct Row {
        const char* name;
        RunSelection selection;
        std::vector<std::int64_t> transfers;
        const char* control_sum;
    };
    const std::vector<Row> rows = {
        {"all due", {kCutoff, std::nullopt, std::nullopt}, {17, 18, 19}, "800.00"},
        {"earlier cut-off", {d("2026-04-14"), std::nullopt, std::nullopt}, {}, "0.00"},
        {"Zwolle only",
         {kCutoff, MunicipalityCode::parse("0193"), std::nullopt},
         {17, 19},
         "500.00"},
        {"providers 18 and 19",
         {kCutoff, std::nullopt, std::vector<std::int64_t>{19, 18}},
         {18, 19},
         "700.00"},
        {"Zwolle and provider 18",
         {kCutoff, MunicipalityCode::parse("0193"), std::vector<std::int64_t>{18}},
         {},
         "0.00"},
        {"empty provider set", {kCutoff, std::nullopt, std::vector<std::int64_t>{}}, {}, "0.00"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        PaymentRunInput input = runOf(payables, {}, providers);
        input.selection = row.selection;
        const PaymentRun run = composePaymentRun(input);
        EXPECT_EQ(transferProviders(run), row.transfers);
        EXPECT_EQ(run.control_sum, m(row.control_sum));
        EXPECT_TRUE(run.left_out.empty());  // out of the selection is not "left out"
    }
}

struct OffsetRow {
    const char* name;
    std::vector<const char*> payables;        // of provider 17, ids 1, 2, ...
    std::vector<OpenReceivable> receivables;  // any provider
    std::optional<const char*> transfer;      // none: no transfer
    std::vector<ReceivableUse> uses;
    bool fully_offset;
};

class PaymentRunOffsets : public ::testing::TestWithParam<OffsetRow> {};

TEST_P(PaymentRunOffsets, UsesReceivablesOldestFirstNeverBelowZero) {
    const OffsetRow& row = GetParam();
    std::vector<DuePayable> payables;
    for (std::size_t i = 0; i < row.payables.size(); ++i) {
        payables.push_back(payable(static_cast<std::int64_t>(i + 1), 17, row.payables[i]));
    }
    const PaymentRun run =
        composePaymentRun(runOf(payables, row.receivables, {provider(17), provider(18)}));
    if (row.transfer) {
        ASSERT_EQ(run.transfers.size(), 1u);
        EXPECT_EQ(run.transfers[0].amount, m(*row.transfer));
        EXPECT_EQ(run.transfers[0].amount,
                  run.transfers[0].payables_total - run.transfers[0].offset_total);
    } else {
        EXPECT_TRUE(run.transfers.empty());
    }
    ASSERT_EQ(run.offsets.size(), row.uses.size());
    for (std::size_t i = 0; i < row.uses.size(); ++i) {
        SCOPED_TRACE("use " + std::to_string(i));
        EXPECT_EQ(run.offsets[i].receivable_id, row.uses[i].receivable_id);
        EXPECT_EQ(run.offsets[i].provider_id, 17);
        EXPECT_EQ(run.offsets[i].used, row.uses[i].used);
        EXPECT_EQ(run.offsets[i].remaining, row.uses[i].remaining);
    }
    EXPECT_EQ(run.left_out.size(), row.fully_offset ? row.payables.size() : 0u);
    for (const LeftOut& l : run.left_out) EXPECT_EQ(l.reason, LeftOutReason::FullyOffset);
    // Fully offset payables are settled all the same.
    EXPECT_EQ(run.settled_payable_ids.size(), row.payables.size());
}

INSTANTIATE_TEST_SUITE_P(
    Verrekening, PaymentRunOffsets,
    ::testing::Values(OffsetRow{"NoReceivables", {"1000.00", "234.56"}, {}, "1234.56", {}, false},
                      OffsetRow{"SmallerReceivable",
                                {"1000.00", "234.56"},
                                {{7, 17, m("150.00")}},
                                "1084.56",
                                {{7, 17, m("150.00"), Money()}},
                                false},
                      OffsetRow{"ReceivableLargerThanPayables",
                                {"200.00", "100.00"},
                                {{7, 17, m("450.00")}},
                                std::nullopt,
                                {{7, 17, m("300.00"), m("150.00")}},
                                true},
                      OffsetRow{"ReceivableEqualToPayables",
                                {"300.00"},
                                {{7, 17, m("300.00")}},
                                std::nullopt,
                                {{7, 17, m("300.00"), Money()}},
                                true},
                      OffsetRow{"ReceivableOneCentShort",
                                {"300.00"},
                                {{7, 17, m("299.99")}},
                                "0.01",
                                {{7, 17, m("299.99"), Money()}},
                                false},
                      OffsetRow{"SeveralReceivablesLastOnePartly",
                                {"500.00"},
                                {{9, 17, m("100.00")}, {3, 17, m("200.00")}, {5, 17, m("250.00")}},
                                std::nullopt,
                                {{3, 17, m("200.00"), Money()},
                                 {5, 17, m("250.00"), Money()},
                                 {9, 17, m("50.00"), m("50.00")}},
                                true},
                      OffsetRow{"SeveralReceivablesAllUsed",
                                {"1000.00"},
                                {{5, 17, m("250.00")}, {3, 17, m("200.00")}},
                                "550.00",
                                {{3, 17, m("200.00"), Money()}, {5, 17, m("250.00"), Money()}},
                                false},
                      OffsetRow{"ReceivableUntouchedOnceCovered",
                                {"100.00"},
                                {{3, 17, m("100.00")}, {4, 17, m("80.00")}},
                                std::nullopt,
                                {{3, 17, m("100.00"), Money()}},
                                true},
                      OffsetRow{"OtherProvidersReceivableNotUsed",
                                {"100.00"},
                                {{3, 18, m("100.00")}},
                                "100.00",
                                {},
                                false}),
    [](const ::testing::TestParamInfo<OffsetRow>& info) { return std::string(info.param.name); });

TEST(PaymentRun, OffsetShowsInTheRemittance) {
    const PaymentRun run = composePaymentRun(
        runOf({payable(1, 17, "1000.00", "D123"), payable(2, 17, "234.56", "D124")},
              {{7, 17, m("150.00")}}, {provider(17)}));
    ASSERT_EQ(run.transfers.size(), 1u);
    EXPECT_EQ(run.transfers[0].remittance, "Decl D123,D124, less offset 150.00");
    EXPECT_EQ(run.transfers[0].offset_total, m("150.00"));
}

TEST(PaymentRun, BlockedProviderIsLeftOutWithItsReasonAndKeepsItsReceivables) {
    RunProvider blocked = provider(18);
    blocked.blocked = true;
    blocked.blocked_reason = "IBAN under review after a fraud report";
    const PaymentRun run = composePaymentRun(
        runOf({payable(1, 17, "100.00"), payable(2, 18, "200.00"), payable(3, 18, "300.00")},
              {{7, 18, m("50.00")}}, {provider(17), blocked}));
    EXPECT_EQ(transferProviders(run), (std::vector<std::int64_t>{17}));
    ASSERT_EQ(run.left_out.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(run.left_out[i].payable_id, static_cast<std::int64_t>(i + 2));
        EXPECT_EQ(run.left_out[i].provider_id, 18);
        EXPECT_EQ(run.left_out[i].reason, LeftOutReason::ProviderBlocked);
        EXPECT_EQ(run.left_out[i].detail,
                  "Provider 18 is blocked: IBAN under review after a fraud report");
    }
    EXPECT_EQ(run.left_out[1].amount, m("300.00"));
    EXPECT_TRUE(run.offsets.empty());
    EXPECT_EQ(run.settled_payable_ids, (std::vector<std::int64_t>{1}));
}

TEST(PaymentRun, DisputedPayableIsLeftOutAndTheRestPaid) {
    DuePayable disputed = payable(2, 17, "234.56", "D124");
    disputed.disputed = true;
    const PaymentRun run = composePaymentRun(
        runOf({payable(1, 17, "1000.00", "D123"), disputed, payable(3, 17, "50.00", "D125")},
              {{7, 17, m("150.00")}}, {provider(17)}));
    ASSERT_EQ(run.transfers.size(), 1u);
    EXPECT_EQ(run.transfers[0].amount, m("900.00"));  // 1,000.00 + 50.00 − 150.00
    EXPECT_EQ(run.transfers[0].payable_ids, (std::vector<std::int64_t>{1, 3}));
    EXPECT_EQ(run.transfers[0].remittance, "Decl D123,D125, less offset 150.00");
    ASSERT_EQ(run.left_out.size(), 1u);
    EXPECT_EQ(run.left_out[0].payable_id, 2);
    EXPECT_EQ(run.left_out[0].reason, LeftOutReason::Disputed);
    EXPECT_EQ(run.settled_payable_ids, (std::vector<std::int64_t>{1, 3}));
}

TEST(PaymentRun, OnlyDisputedPayablesOffsetNothing) {
    DuePayable disputed = payable(1, 17, "100.00");
    disputed.disputed = true;
    const PaymentRun run =
        composePaymentRun(runOf({disputed}, {{7, 17, m("50.00")}}, {provider(17)}));
    EXPECT_TRUE(run.transfers.empty());
    EXPECT_TRUE(run.offsets.empty());
    EXPECT_TRUE(run.settled_payable_ids.empty());
    ASSERT_EQ(run.left_out.size(), 1u);
    EXPECT_EQ(run.left_out[0].reason, LeftOutReason::Disputed);
}

TEST(PaymentRun, BlockedComesBeforeDisputed) {
    RunProvider blocked = provider(17);
    blocked.blocked = true;
    blocked.blocked_reason = "deceased owner";
    DuePayable disputed = payable(1, 17, "100.00");
    disputed.disputed = true;
    const PaymentRun run = composePaymentRun(runOf({disputed}, {}, {blocked}));
    ASSERT_EQ(run.left_out.size(), 1u);
    EXPECT_EQ(run.left_out[0].reason, LeftOutReason::ProviderBlocked);
    EXPECT_EQ(run.left_out[0].detail, "Provider 17 is blocked: deceased owner");
    blocked.blocked_reason = "";
    EXPECT_EQ(composePaymentRun(runOf({disputed}, {}, {blocked})).left_out[0].detail,
              "Provider 17 is blocked.");
}

TEST(PaymentRun, FullyOffsetIsLeftOutWithAnExplanation) {
    const PaymentRun run =
        composePaymentRun(runOf({payable(1, 17, "200.00"), payable(2, 17, "100.00")},
                                {{7, 17, m("450.00")}}, {provider(17)}));
    ASSERT_EQ(run.left_out.size(), 2u);
    EXPECT_EQ(run.left_out[0].detail,
              "Payables of 300.00 are fully offset against open receivables; nothing to pay.");
    EXPECT_EQ(run.count, 0u);
    EXPECT_EQ(run.control_sum, Money());
}

TEST(PaymentRun, TransferAboveTheSepaLimitIsLeftOut) {
    const PaymentRun run = composePaymentRun(runOf(
        {payable(1, 17, "999999999.99"), payable(2, 18, "999999999.99"), payable(3, 18, "0.01")},
        {{7, 18, m("0.01")}, {8, 19, m("1.00")}}, {provider(17), provider(18), provider(19)}));
    EXPECT_EQ(transferProviders(run), (std::vector<std::int64_t>{17, 18}));  // 18 after offset
    EXPECT_EQ(run.transfers[1].amount, m("999999999.99"));
    EXPECT_EQ(run.control_sum, m("1999999999.98"));

    const PaymentRun over =
        composePaymentRun(runOf({payable(1, 17, "999999999.99"), payable(2, 17, "0.01")},
                                {{7, 17, m("5.00")}}, {provider(17)}));
    EXPECT_EQ(over.transfers.size(), 1u);  // 1,000,000,000.00 − 5.00 fits

    const PaymentRun refused = composePaymentRun(
        runOf({payable(1, 17, "999999999.99"), payable(2, 17, "0.01")}, {}, {provider(17)}));
    EXPECT_TRUE(refused.transfers.empty());
    ASSERT_EQ(refused.left_out.size(), 2u);
    EXPECT_EQ(refused.left_out[0].reason, LeftOutReason::AboveTransferLimit);
    EXPECT_EQ(refused.left_out[0].detail,
              "The transfer of 1000000000.00 is above the SEPA limit of 999999999.99.");
    EXPECT_TRUE(refused.settled_payable_ids.empty());
}

bool isSepaText(const std::string& text) {
    const std::string allowed = "/-?:().,'+ ";
    return std::all_of(text.begin(), text.end(), [&](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               allowed.find(c) != std::string::npos;
    });
}

TEST(PaymentRun, EndToEndIdsAreUniqueShortAndTraceable) {
    std::vector<DuePayable> payables;
    std::vector<RunProvider> providers;
    for (std::int64_t p = 1; p <= 200; ++p) {
        payables.push_back(payable(p, p, "10.00"));
        providers.push_back(provider(p));
    }
    const PaymentRun run = composePaymentRun(runOf(payables, {}, providers));
    std::set<std::string> ids;
    for (const Transfer& t : run.transfers) {
        EXPECT_EQ(t.end_to_end_id, "ZC-12-" + std::to_string(t.provider_id));
        EXPECT_TRUE(ids.insert(t.end_to_end_id).second) << t.end_to_end_id;
    }
    EXPECT_EQ(ids.size(), 200u);

    PaymentRunInput largest =
        runOf({payable(1, kMaxRunIdNumber, "10.00")}, {}, {provider(kMaxRunIdNumber)});
    largest.run_id = kMaxRunIdNumber;
    largest.payables[0].municipality = "0193";
    const PaymentRun big = composePaymentRun(largest);
    ASSERT_EQ(big.transfers.size(), 1u);
    EXPECT_EQ(big.transfers[0].end_to_end_id, "ZC-999999999999-999999999999-0193");
    EXPECT_LE(big.transfers[0].end_to_end_id.size(), kMaxEndToEndIdLength);
    EXPECT_TRUE(isSepaText(big.transfers[0].end_to_end_id));
}

// One provider owed by Kampen and by Zwolle in one run: a transfer per municipality, each with
// only that municipality's payables, and Zwolle's claw-back offsets only Zwolle's payable.
TEST(PaymentRun, TwoMunicipalitiesGiveTwoTransfersForOneProviderWithoutCrossOffset) {
    DuePayable kampen = payable(1, 17, "1000.00", "K1");
    kampen.municipality = "0166";
    DuePayable zwolle = payable(2, 17, "800.00", "Z1");
    zwolle.municipality = "0193";
    const PaymentRun run =
        composePaymentRun(runOf({zwolle, kampen}, {{9, 17, m("500.00"), "0193"}}, {provider(17)}));
    ASSERT_EQ(run.transfers.size(), 2u);
    const Transfer& k = run.transfers[0];
    const Transfer& z = run.transfers[1];
    EXPECT_EQ(k.municipality, "0166");
    EXPECT_EQ(k.payable_ids, (std::vector<std::int64_t>{1}));
    EXPECT_EQ(k.amount, m("1000.00")) << "a Zwolle claw-back never lowers what Kampen pays";
    EXPECT_EQ(k.offset_total, Money());
    EXPECT_EQ(k.end_to_end_id, "ZC-12-17-0166");
    EXPECT_EQ(z.municipality, "0193");
    EXPECT_EQ(z.payable_ids, (std::vector<std::int64_t>{2}));
    EXPECT_EQ(z.end_to_end_id, "ZC-12-17-0193");
    EXPECT_EQ(z.amount, m("300.00"));
    EXPECT_EQ(z.offset_total, m("500.00"));
    ASSERT_EQ(run.offsets.size(), 1u);
    EXPECT_EQ(run.offsets[0].municipality, "0193");
    EXPECT_EQ(run.control_sum, m("1300.00"));
}

// Remittance of provider 17 paying payables with these references.
std::string remittanceFor(const std::vector<std::string>& refs, const char* offset = nullptr) {
    std::vector<DuePayable> payables;
    for (std::size_t i = 0; i < refs.size(); ++i) {
        payables.push_back(payable(static_cast<std::int64_t>(i + 1), 17, "100.00", refs[i]));
    }
    std::vector<OpenReceivable> receivables;
    if (offset) receivables.push_back({7, 17, m(offset)});
    const PaymentRun run = composePaymentRun(runOf(payables, receivables, {provider(17)}));
    EXPECT_EQ(run.transfers.size(), 1u);
    return run.transfers.empty() ? "" : run.transfers[0].remittance;
}

// n references "D0000001", "D0000002", ... (8 characters each).
std::vector<std::string> numberedRefs(int n) {
    std::vector<std::string> refs;
    for (int i = 1; i <= n; ++i) {
        std::string digits = std::to_string(i);
        refs.push_back("D" + std::string(7 - digits.size(), '0') + digits);
    }
    return refs;
}

TEST(PaymentRun, RemittanceTable) {
    // "Decl " (5) + k refs of 8 + (k − 1) commas = 4 + 9k: 15 refs = 139 characters.
    const std::vector<std::string> fifteen = numberedRefs(15);
    std::string all_fifteen = "Decl D0000001";
    for (int i = 2; i <= 15; ++i) all_fifteen += "," + fifteen[static_cast<std::size_t>(i - 1)];
    std::vector<std::string> fifteen_longer = fifteen;
    fifteen_longer[0] = "D00000001";  // 140 characters: still fits
    // 16 refs: all 148, 15 + " +1 more" 147, 14 + " +2 more" (130 + 8) = 138.
    std::string fourteen;
    for (const std::string& ref : numberedRefs(14)) fourteen += (fourteen.empty() ? "" : ",") + ref;
    struct Row {
        const char* name;
        std::vector<std::string> refs;
        const char* offset;
        std::string expected;
    };
    const std::vector<Row> rows = {
        {"one", {"D123"}, nullptr, "Decl D123"},
        {"duplicates named once", {"D123", "D123", "D124"}, nullptr, "Decl D123,D124"},
        {"empty references skipped", {"", "D124", ""}, nullptr, "Decl D124"},
        {"no references", {"", ""}, nullptr, "Payment run 12"},
        {"no references with offset", {""}, "0.50", "Payment run 12, less offset 0.50"},
        {"fifteen fit in 139", fifteen, nullptr, all_fifteen},
        {"exactly 140", fifteen_longer, nullptr, "Decl D00000001" + all_fifteen.substr(13)},
        {"sixteen do not fit", numberedRefs(16), nullptr, "Decl " + fourteen + " +2 more"},
        {"SEPA characters only", {"D-12/3 (jan)", "Dé#1_2"}, nullptr, "Decl D-12/3 (jan),D...1.2"},
        {"long reference cut to 35",
         {std::string(40, 'R')},
         nullptr,
         "Decl " + std::string(35, 'R')},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        const std::string text = remittanceFor(row.refs, row.offset);
        EXPECT_EQ(text, row.expected);
        EXPECT_LE(text.size(), kMaxRemittanceLength);
        EXPECT_TRUE(isSepaText(text)) << text;
    }
}

TEST(PaymentRun, RemittanceKeepsTheOffsetWhenCut) {
    const std::string text = remittanceFor(numberedRefs(20), "150.00");
    EXPECT_LE(text.size(), kMaxRemittanceLength);
    EXPECT_TRUE(text.ends_with(" more, less offset 150.00")) << text;
    // 12 refs (5 + 96 + 11 commas) + " +8 more" (8) + ", less offset 150.00" (20) = 140.
    std::string twelve;
    for (const std::string& ref : numberedRefs(12)) twelve += (twelve.empty() ? "" : ",") + ref;
    EXPECT_EQ(text, "Decl " + twelve + " +8 more, less offset 150.00");
    EXPECT_EQ(text.size(), 140u);
}

TEST(PaymentRun, SameInputInAnyOrderGivesTheSameRun) {
    std::vector<DuePayable> payables;
    std::vector<OpenReceivable> receivables;
    std::vector<RunProvider> providers;
    for (std::int64_t p = 1; p <= 20; ++p) {
        providers.push_back(provider(p));
        receivables.push_back({p, p, m("7.50")});
        for (std::int64_t k = 0; k < 5; ++k) {
            payables.push_back(payable(p * 10 + k, p, "3.00", "D" + std::to_string(p * 10 + k)));
        }
    }
    const PaymentRun sorted = composePaymentRun(runOf(payables, receivables, providers));
    std::mt19937 rng(20260331);
    std::shuffle(payables.begin(), payables.end(), rng);
    std::shuffle(receivables.begin(), receivables.end(), rng);
    std::shuffle(providers.begin(), providers.end(), rng);
    const PaymentRun shuffled = composePaymentRun(runOf(payables, receivables, providers));
    ASSERT_EQ(sorted.transfers.size(), shuffled.transfers.size());
    for (std::size_t i = 0; i < sorted.transfers.size(); ++i) {
        EXPECT_EQ(sorted.transfers[i].end_to_end_id, shuffled.transfers[i].end_to_end_id);
        EXPECT_EQ(sorted.transfers[i].payable_ids, shuffled.transfers[i].payable_ids);
        EXPECT_EQ(sorted.transfers[i].remittance, shuffled.transfers[i].remittance);
        EXPECT_EQ(sorted.transfers[i].amount, m("7.50"));  // 5 × 3.00 − 7.50
    }
    EXPECT_EQ(sorted.settled_payable_ids, shuffled.settled_payable_ids);
    EXPECT_EQ(shuffled.control_sum, m("150.00"));
}

TEST(PaymentRun, InvalidInputTable) {
    struct Row {
        const char* name;
        PaymentRunInput input;
        std::optional<std::string> code;
    };
    PaymentRunInput no_run = runOf({payable(1, 17, "1.00")}, {}, {provider(17)});
    no_run.run_id = 0;
    PaymentRunInput run_too_big = no_run;
    run_too_big.run_id = kMaxRunIdNumber + 1;
    std::vector<Row> rows = {
        {"fine", runOf({payable(1, 17, "1.00")}, {}, {provider(17)}), std::nullopt},
        {"run id 0", no_run, "INVALID_RUN_ID run_id"},
        {"run id too long", run_too_big, "INVALID_RUN_ID run_id"},
        {"provider id 0", runOf({}, {}, {provider(17), provider(0)}),
         "INVALID_PROVIDER_ID providers[1].id"},
        {"provider id too long", runOf({}, {}, {provider(kMaxRunIdNumber + 1)}),
         "INVALID_PROVIDER_ID providers[0].id"},
        {"provider twice", runOf({}, {}, {provider(17), provider(17)}),
         "DUPLICATE_PROVIDER providers[1].id"},
        {"zero payable", runOf({payable(1, 17, "0.00")}, {}, {provider(17)}),
         "INVALID_AMOUNT payables[0].amount"},
        {"negative payable", runOf({payable(1, 17, "-5.00")}, {}, {provider(17)}),
         "INVALID_AMOUNT payables[0].amount"},
        {"zero receivable", runOf({}, {{7, 17, Money()}}, {provider(17)}),
         "INVALID_AMOUNT receivables[0].amount"},
        {"payable twice",
         runOf({payable(1, 17, "1.00"), payable(1, 17, "2.00")}, {}, {provider(17)}),
         "DUPLICATE_PAYABLE payables[1].id"},
        {"receivable twice", runOf({}, {{7, 17, m("1.00")}, {7, 17, m("1.00")}}, {provider(17)}),
         "DUPLICATE_RECEIVABLE receivables[1].id"},
        {"unknown provider",
         runOf({payable(1, 17, "1.00"), payable(2, 18, "1.00")}, {}, {provider(17)}),
         "UNKNOWN_PROVIDER payables[1].provider_id"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        EXPECT_EQ(codeOf(row.input), row.code);
    }
}

TEST(PaymentRun, ReasonNames) {
    EXPECT_EQ(leftOutReasonName(LeftOutReason::ProviderBlocked), "provider_blocked");
    EXPECT_EQ(leftOutReasonName(LeftOutReason::Disputed), "disputed");
    EXPECT_EQ(leftOutReasonName(LeftOutReason::FullyOffset), "fully_offset");
    EXPECT_EQ(leftOutReasonName(LeftOutReason::AboveTransferLimit), "above_transfer_limit");
}

}  // namespace
}  // namespace zc::invoicing
