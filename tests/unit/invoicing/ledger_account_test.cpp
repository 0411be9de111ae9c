#include "invoicing/domain/ledger_account.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

const Iban kBank = Iban::parse("NL91ABNA0417164300");

struct FormatRow {
    AccountKey key;
    const char* text;
    AccountKind kind;
};

class LedgerAccountFormat : public ::testing::TestWithParam<FormatRow> {};

TEST_P(LedgerAccountFormat, FormatsAndParsesBack) {
    const FormatRow& row = GetParam();
    EXPECT_EQ(row.key.format(), row.text);
    EXPECT_EQ(AccountKey::parse(row.text), row.key);
    EXPECT_EQ(AccountKey::parse(row.text).format(), row.text);
    EXPECT_EQ(row.key.kind(), row.kind);
}

INSTANTIATE_TEST_SUITE_P(
    EveryKind, LedgerAccountFormat,
    ::testing::Values(
        FormatRow{AccountKey::providerPayable(17), "payable:provider:17",
                  AccountKind::ProviderPayable},
        FormatRow{AccountKey::providerReceivable(17), "receivable:provider:17",
                  AccountKind::ProviderReceivable},
        FormatRow{AccountKey::budgetExpense(5), "expense:budget:5", AccountKind::BudgetExpense},
        FormatRow{AccountKey::advances(42), "advances:contract:42", AccountKind::Advances},
        FormatRow{AccountKey::bank(kBank), "bank:iban:NL91ABNA0417164300", AccountKind::Bank},
        FormatRow{AccountKey::paymentsInTransit(kBank), "in-transit:iban:NL91ABNA0417164300",
                  AccountKind::PaymentsInTransit},
        FormatRow{AccountKey::suspense(kBank), "suspense:iban:NL91ABNA0417164300",
                  AccountKind::Suspense},
        FormatRow{AccountKey::budgetAllowance(5), "allowance:budget:5",
                  AccountKind::BudgetAllowance},
        FormatRow{AccountKey::intermunicipal("0166"), "intermunicipal:municipality:0166",
                  AccountKind::Intermunicipal},
        FormatRow{AccountKey::providerPayable(9'223'372'036'854'775'807),
                  "payable:provider:9223372036854775807", AccountKind::ProviderPayable}));

class LedgerAccountParseRefused : public ::testing::TestWithParam<const char*> {};

TEST_P(LedgerAccountParseRefused, ThrowsInvalidAccount) {
    try {
        AccountKey::parse(GetParam(), "lines[0].account");
        ADD_FAILURE() << "accepted " << GetParam();
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "INVALID_ACCOUNT");
        EXPECT_EQ(e.field(), "lines[0].account");
    }
}

INSTANTIATE_TEST_SUITE_P(
    BadText, LedgerAccountParseRefused,
    ::testing::Values("", "payable", "payable:provider", "payable:provider:",
                      "payable:provider:0",    // ids start at 1
                      "payable:provider:017",  // not canonical
                      "payable:provider:+17", "payable:provider:-17", "payable:provider:1 7",
                      "payable:provider:9223372036854775808",  // beyond int64
                      "payable:budget:17",                     // wrong qualifier
                      "expense:provider:5", "Payable:provider:17", "payable:provider:17:1",
                      "bank:iban:NL91ABNA0417164301",      // checksum
                      "bank:iban:nl91abna0417164300",      // not normalised
                      "bank:iban:NL91 ABNA 0417 1643 00",  // not normalised
                      "bank:provider:17", "in-transit:iban:", "suspense:id:1", "cash:provider:17",
                      "intermunicipal:municipality:166",    // 4 digits
                      "intermunicipal:municipality:01661",  // 4 digits
                      "intermunicipal:municipality:016a", "intermunicipal:provider:0166"));

TEST(LedgerAccount, OrdersByKindThenQualifierForMaps) {
    std::map<AccountKey, int> accounts;
    accounts.emplace(AccountKey::providerPayable(20), 1);
    accounts.emplace(AccountKey::providerPayable(3), 2);
    accounts.emplace(AccountKey::budgetExpense(1), 3);
    accounts.emplace(AccountKey::providerReceivable(3), 4);
    std::vector<std::string> order;
    for (const auto& [key, value] : accounts) order.push_back(key.format());
    const std::vector<std::string> expected = {"payable:provider:3", "payable:provider:20",
                                               "receivable:provider:3", "expense:budget:1"};
    EXPECT_EQ(order, expected);
    EXPECT_NE(AccountKey::providerPayable(3), AccountKey::providerReceivable(3));
    EXPECT_NE(AccountKey::bank(kBank), AccountKey::suspense(kBank));
}

TEST(LedgerAccount, QualifierAccessors) {
    EXPECT_EQ(AccountKey::advances(42).id(), 42);
    EXPECT_EQ(AccountKey::advances(42).iban(), "");
    EXPECT_EQ(AccountKey::bank(Iban::parse("nl91 abna 0417 1643 00")).iban(), "NL91ABNA0417164300");
    EXPECT_EQ(AccountKey::bank(kBank).id(), 0);
    EXPECT_EQ(accountKindName(AccountKind::PaymentsInTransit), "payments_in_transit");
}

}  // namespace
}  // namespace zc::invoicing
