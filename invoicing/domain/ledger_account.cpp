#include "ledger_account.hpp"

#include <array>
#include <charconv>

#include "contracting/kernel/ascii.hpp"
#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

struct KindText {
    AccountKind kind;
    std::string_view prefix;
    std::string_view qualifier;
};

// One row per kind: the single source of the text form, for both format() and parse().
constexpr std::array<KindText, 9> kKindTexts{{
    {AccountKind::ProviderPayable, "payable", "provider"},
    {AccountKind::ProviderReceivable, "receivable", "provider"},
    {AccountKind::BudgetExpense, "expense", "budget"},
    {AccountKind::Bank, "bank", "iban"},
    {AccountKind::Advances, "advances", "contract"},
    {AccountKind::PaymentsInTransit, "in-transit", "iban"},
    {AccountKind::Suspense, "suspense", "iban"},
    {AccountKind::BudgetAllowance, "allowance", "budget"},
    {AccountKind::Intermunicipal, "intermunicipal", "municipality"},
}};

// Longer text cannot be an account key (the longest prefix plus a 34-character IBAN); the cap
// bounds the work on hostile input.
constexpr std::size_t kMaxAccountTextLength = 64;

const KindText& textOf(AccountKind kind) {
    for (const KindText& row : kKindTexts) {
        if (row.kind == kind) return row;
    }
    assertionFailed("unknown account kind", __FILE__, __LINE__);
}

bool isIbanKind(AccountKind kind) {
    return kind == AccountKind::Bank || kind == AccountKind::PaymentsInTransit ||
           kind == AccountKind::Suspense;
}

// Kinds whose qualifier is text (an IBAN or a municipality code), not an id.
bool isTextKind(AccountKind kind) {
    return isIbanKind(kind) || kind == AccountKind::Intermunicipal;
}

bool isMunicipalityCode(std::string_view text) {
    return text.size() == 4 && ascii::allDigits(text);
}

[[noreturn]] void throwInvalidAccount(std::string_view field) {
    throw ValidationError("INVALID_ACCOUNT",
                          "An account is written as kind:qualifier:value, for example "
                          "payable:provider:17 or bank:iban:NL91ABNA0417164300.",
                          std::string(field));
}

// A positive decimal id in canonical form (no sign, no leading zero), or 0 when it is not one.
std::int64_t canonicalId(std::string_view text) {
    if (text.empty() || text.front() == '0' || !ascii::allDigits(text)) return 0;
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size()) return 0;
    return id;
}

// A valid IBAN in its normalised form. Iban::parse accepts spaces and lower case; only the
// normalised form is a key, so that the text form round-trips.
bool isCanonicalIban(std::string_view text) {
    try {
        return Iban::parse(text).str() == text;
    } catch (const ValidationError&) {
        return false;
    }
}

}  // namespace

AccountKey AccountKey::withId(AccountKind kind, std::int64_t id) {
    ZC_ASSERT(id > 0);
    return AccountKey(kind, id, {});
}

AccountKey AccountKey::providerPayable(std::int64_t provider_id) {
    return withId(AccountKind::ProviderPayable, provider_id);
}

AccountKey AccountKey::providerReceivable(std::int64_t provider_id) {
    return withId(AccountKind::ProviderReceivable, provider_id);
}

AccountKey AccountKey::budgetExpense(std::int64_t budget_id) {
    return withId(AccountKind::BudgetExpense, budget_id);
}

AccountKey AccountKey::budgetAllowance(std::int64_t budget_id) {
    return withId(AccountKind::BudgetAllowance, budget_id);
}

AccountKey AccountKey::advances(std::int64_t contract_id) {
    return withId(AccountKind::Advances, contract_id);
}

AccountKey AccountKey::bank(const Iban& debtor_iban) {
    return AccountKey(AccountKind::Bank, 0, debtor_iban.str());
}

AccountKey AccountKey::paymentsInTransit(const Iban& debtor_iban) {
    return AccountKey(AccountKind::PaymentsInTransit, 0, debtor_iban.str());
}

AccountKey AccountKey::suspense(const Iban& debtor_iban) {
    return AccountKey(AccountKind::Suspense, 0, debtor_iban.str());
}

AccountKey AccountKey::intermunicipal(const std::string& municipality_code) {
    ZC_ASSERT(isMunicipalityCode(municipality_code));
    return AccountKey(AccountKind::Intermunicipal, 0, municipality_code);
}

AccountKey AccountKey::parse(std::string_view text, std::string_view field) {
    if (text.size() > kMaxAccountTextLength) throwInvalidAccount(field);
    const std::size_t first = text.find(':');
    const std::size_t second = first == std::string_view::npos ? first : text.find(':', first + 1);
    if (second == std::string_view::npos) throwInvalidAccount(field);
    const std::string_view prefix = text.substr(0, first);
    const std::string_view qualifier = text.substr(first + 1, second - first - 1);
    const std::string_view value = text.substr(second + 1);
    for (const KindText& row : kKindTexts) {
        if (row.prefix != prefix || row.qualifier != qualifier) continue;
        if (row.kind == AccountKind::Intermunicipal) {
            if (!isMunicipalityCode(value)) throwInvalidAccount(field);
            return AccountKey(row.kind, 0, std::string(value));
        }
        if (!isIbanKind(row.kind)) {
            const std::int64_t id = canonicalId(value);
            if (id == 0) throwInvalidAccount(field);
            return AccountKey(row.kind, id, {});
        }
        if (!isCanonicalIban(value)) throwInvalidAccount(field);
        return AccountKey(row.kind, 0, std::string(value));
    }
    throwInvalidAccount(field);
}

std::string AccountKey::format() const {
    const KindText& row = textOf(kind_);
    std::string out(row.prefix);
    out += ':';
    out += row.qualifier;
    out += ':';
    out += isTextKind(kind_) ? iban_ : std::to_string(id_);
    return out;
}

std::string accountKindName(AccountKind kind) {
    switch (kind) {
        case AccountKind::ProviderPayable:
            return "provider_payable";
        case AccountKind::ProviderReceivable:
            return "provider_receivable";
        case AccountKind::BudgetExpense:
            return "budget_expense";
        case AccountKind::Bank:
            return "bank";
        case AccountKind::Advances:
            return "advances";
        case AccountKind::PaymentsInTransit:
            return "payments_in_transit";
        case AccountKind::Suspense:
            return "suspense";
        case AccountKind::BudgetAllowance:
            return "budget_allowance";
        case AccountKind::Intermunicipal:
            return "intermunicipal";
    }
    assertionFailed("unknown account kind", __FILE__, __LINE__);
}

}  // namespace zc::invoicing
