#pragma once
// Composing a payment run: which due payables are paid, how much of each provider's open
// receivables (claw-backs, overpayments) is offset against them (verrekening), and the one SEPA
// credit transfer per provider that pays the rest. Pure: the caller reads the payables,
// receivables and providers, and stores and exports the result (pain.001) after approval.
// Deterministic: the same input gives the same run, byte for byte.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/money.hpp"

namespace zc::invoicing {

struct DuePayable {
    std::int64_t id = 0;
    std::int64_t provider_id = 0;
    Money amount;  // > 0
    Date due;
    std::string source;  // unique key of what it pays (payable.hpp), e.g. "claim:881"
    // What the remittance text names: the declaration number ("D123"), or a short text such as
    // "Adv 2026-03" for an advance; may be empty.
    std::string reference;
    bool disputed = false;
    // The municipality that owes it (payables.municipality_code); "" in a one-municipality run.
    std::string municipality = {};
};

struct OpenReceivable {
    std::int64_t id = 0;
    std::int64_t provider_id = 0;
    Money amount;  // still open, > 0
    // The municipality it is owed to: it is offset only against that municipality's payables.
    std::string municipality = {};
};

struct RunProvider {
    std::int64_t id = 0;
    std::string name;  // the creditor name in the transfer
    Iban iban;         // the creditor account
    MunicipalityCode municipality;
    bool blocked = false;
    std::string blocked_reason;
};

struct RunSelection {
    Date due_on_or_before;
    std::optional<MunicipalityCode> municipality;           // only providers of this municipality
    std::optional<std::vector<std::int64_t>> provider_ids;  // only these providers
};

inline constexpr std::int64_t kMaxRunIdNumber = 999'999'999'999;  // 12 digits, see below
inline constexpr std::size_t kMaxEndToEndIdLength = 35;
inline constexpr std::size_t kMaxRemittanceLength = 140;
inline constexpr std::size_t kMaxReferenceLength = 35;  // longer references are cut
inline constexpr std::size_t kMaxRunPayables = 1'000'000;
// The largest amount of one SEPA credit transfer (EPC rulebook): 999,999,999.99.
inline constexpr Money kMaxTransferAmount = Money::fromCents(99'999'999'999);

struct PaymentRunInput {
    // 1..kMaxRunIdNumber; provider ids must be in that range too, so that
    // "ZC-<run id>-<provider id>-<municipality>" (3+12+1+12+1+4 = 33) fits the 35 characters of
    // an EndToEndId.
    std::int64_t run_id = 0;
    RunSelection selection;
    std::vector<DuePayable> payables;
    std::vector<OpenReceivable> receivables;
    std::vector<RunProvider> providers;  // every provider a payable names
};

// How much of one receivable this run offsets.
struct ReceivableUse {
    std::int64_t receivable_id = 0;
    std::int64_t provider_id = 0;
    Money used;                     // > 0
    Money remaining;                // stays open after the run, >= 0
    std::string municipality = {};  // the receivable's: offset only in that municipality's transfer
};

struct Transfer {
    std::int64_t provider_id = 0;
    std::string creditor_name;
    std::string creditor_iban;  // normalised
    Money amount;               // payables_total − offset_total, > 0
    Money payables_total;
    Money offset_total;
    std::vector<std::int64_t> payable_ids;  // ascending
    // "ZC-<run id>-<provider id>-<municipality>" ("ZC-<run id>-<provider id>" when the
    // payables name no municipality): at most 35 characters of the SEPA set, unique in the run
    // (one transfer per provider and municipality) and across runs (run ids are unique).
    std::string end_to_end_id;
    // At most 140 characters of the SEPA set, e.g. "Decl D123,D124 +3 more, less offset 150.00";
    // see composePaymentRun.
    std::string remittance;
    std::string municipality = {};  // the municipality that pays it: that of all its payables
};

// In order of precedence.
enum class LeftOutReason {
    ProviderBlocked,     // the provider is blocked; its receivables are not touched either
    Disputed,            // this payable is disputed
    FullyOffset,         // open receivables cover all the provider's payables: nothing to pay
    AboveTransferLimit,  // the net amount exceeds kMaxTransferAmount
};

// "provider_blocked", "disputed", "fully_offset", "above_transfer_limit".
std::string leftOutReasonName(LeftOutReason reason);

struct LeftOut {
    std::int64_t payable_id = 0;
    std::int64_t provider_id = 0;
    Money amount;
    LeftOutReason reason;
    std::string detail;  // a sentence for finance, e.g. with the blocking reason
};

struct PaymentRun {
    std::int64_t run_id = 0;
    std::vector<Transfer> transfers;     // ascending (provider id, municipality)
    std::vector<ReceivableUse> offsets;  // ascending (provider id, receivable id)
    std::vector<LeftOut> left_out;       // ascending (provider id, payable id)
    // The payables this run settles, ascending: those paid by a transfer and the FullyOffset
    // ones (settled by the offsets alone, without a transfer).
    std::vector<std::int64_t> settled_payable_ids;
    Money control_sum;      // Σ transfer amounts (pain.001 CtrlSum)
    std::size_t count = 0;  // transfers.size() (pain.001 NbOfTxs)
};

// Composes the run.
//
// Selection: a payable is in the run when due <= selection.due_on_or_before and its provider
// matches the optional municipality and provider set. Others are simply not part of the run.
//
// Per provider and municipality (the payable's; a receivable is offset only against payables of
// its own municipality, so nothing one municipality is owed pays another's debt), in ascending
// (provider id, municipality):
//   1. blocked → each selected payable is left out (ProviderBlocked, detail with the reason);
//   2. disputed payables are left out (Disputed); the rest are paid;
//   3. offsets: the provider's receivables, oldest (lowest id) first, each used for
//      min(its amount, what is still unpaid), so an offset never makes the transfer negative and
//      the rest of a receivable stays open;
//   4. transfer = Σ payables − Σ offsets; 0.00 → the payables are left out as FullyOffset but
//      settled by the offsets (the last receivable used may keep a `remaining`: at approval
//      it is split, the rest carried into the next run as a 'remainder' payable);
//      above kMaxTransferAmount → left out, nothing offset.
// Remittance: "Decl " and the distinct references of the paid payables (by payable id) joined by
// ",", then ", less offset <amount>" when something was offset. When that is longer than 140
// characters, the last references are replaced by " +<n> more". Without any reference the text
// is "Payment run <run id>". Characters outside the SEPA set (a-z A-Z 0-9 / - ? : ( ) . , ' +
// space) in references are replaced by '.'.
//
// Throws ValidationError, checked in this order: INVALID_RUN_ID (field "run_id"),
// RUN_TOO_LARGE (more than kMaxRunPayables payables, field "payables"), INVALID_PROVIDER_ID
// (outside 1..kMaxRunIdNumber, field "providers[i].id"), DUPLICATE_PROVIDER
// ("providers[i].id"), INVALID_AMOUNT (a payable or receivable of zero or below,
// "payables[i].amount" / "receivables[i].amount"), DUPLICATE_PAYABLE ("payables[i].id"),
// DUPLICATE_RECEIVABLE ("receivables[i].id"), UNKNOWN_PROVIDER (a payable's provider is not in
// providers, "payables[i].provider_id"). Throws std::overflow_error when a provider's total does
// not fit in Money.
PaymentRun composePaymentRun(const PaymentRunInput& input);

}  // namespace zc::invoicing
