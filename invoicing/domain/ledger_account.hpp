#pragma once
// The accounts of the payment ledger, as a value type with a stable text form that storage and
// the check-ledger CLI use as the account key. Every account belongs to one kind and carries
// exactly one qualifier: a positive id (provider, budget or contract) or a municipality bank
// account's IBAN.
//
//   kind                 text form                         what it holds
//   ProviderPayable      "payable:provider:17"             owed to the provider (credit balance)
//   ProviderReceivable   "receivable:provider:17"          claw-backs and overpayments the
//                                                          provider owes us (debit balance)
//   BudgetExpense        "expense:budget:5"                cost booked against a budget (debit)
//   Bank                 "bank:iban:NL91ABNA0417164300"    the municipality's debtor account
//   Advances             "advances:contract:42"            advances paid ahead of a settlement
//   PaymentsInTransit    "in-transit:iban:<debtor IBAN>"   sent from that bank account, not yet
//                                                          booked on its statement
//   Suspense             "suspense:iban:<debtor IBAN>"     statement entries of that bank
//                                                          account not matched to a payment
//   BudgetAllowance      "allowance:budget:5"              the budget's appropriation moved
//                                                          by reallocations (credit: received)
//   Intermunicipal       "intermunicipal:municipality:0166" what this municipality's books owe
//                                                          that municipality (credit) or are
//                                                          owed by it (debit); the qualifier is
//                                                          a 4-digit CBS code
//
// In-transit and suspense are kept per debtor IBAN so that each bank account reconciles on its
// own. The text form round-trips: parse(format(k)) == k and format(parse(s)) == s.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "contracting/kernel/codes.hpp"

namespace zc::invoicing {

enum class AccountKind {
    ProviderPayable,
    ProviderReceivable,
    BudgetExpense,
    Bank,
    Advances,
    PaymentsInTransit,
    Suspense,
    BudgetAllowance,
    Intermunicipal,
};

class AccountKey {
  public:
    // Preconditions (ZC_ASSERT): id > 0.
    static AccountKey providerPayable(std::int64_t provider_id);
    static AccountKey providerReceivable(std::int64_t provider_id);
    static AccountKey budgetExpense(std::int64_t budget_id);
    static AccountKey budgetAllowance(std::int64_t budget_id);
    static AccountKey advances(std::int64_t contract_id);
    static AccountKey bank(const Iban& debtor_iban);
    static AccountKey paymentsInTransit(const Iban& debtor_iban);
    static AccountKey suspense(const Iban& debtor_iban);
    // Precondition (ZC_ASSERT): exactly 4 digits.
    static AccountKey intermunicipal(const std::string& municipality_code);

    // Parses the text form above. Ids are decimal without sign or leading zeros; the IBAN must
    // be a valid IBAN in its normalised form (upper case, no spaces). Anything else throws
    // ValidationError{"INVALID_ACCOUNT"} naming `field`.
    static AccountKey parse(std::string_view text, std::string_view field = "account");

    AccountKind kind() const { return kind_; }
    // The provider, budget or contract id; 0 for the IBAN kinds.
    std::int64_t id() const { return id_; }
    // The normalised debtor IBAN, or for Intermunicipal the other municipality's code; empty
    // for the id kinds.
    const std::string& iban() const { return iban_; }
    // The text form, e.g. "payable:provider:17".
    std::string format() const;

    // Ordered by kind, then id, then IBAN: usable as a map key, stable across runs.
    auto operator<=>(const AccountKey&) const = default;

  private:
    AccountKey(AccountKind kind, std::int64_t id, std::string iban)
        : kind_(kind), id_(id), iban_(std::move(iban)) {}
    static AccountKey withId(AccountKind kind, std::int64_t id);

    AccountKind kind_;
    std::int64_t id_;
    std::string iban_;
};

// "provider_payable", "provider_receivable", "budget_expense", "bank", "advances",
// "payments_in_transit", "suspense", "budget_allowance", "intermunicipal".
std::string accountKindName(AccountKind kind);

}  // namespace zc::invoicing
