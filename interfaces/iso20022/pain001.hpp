#pragma once
// pain.001.001.03 (CustomerCreditTransferInitiationV03): the SEPA credit transfer file we hand to
// the bank for a payment run. The output is valid against interfaces/xml/schemas/iso20022 and
// the official ISO schema (tested), follows the EPC customer-to-bank rules (PmtMtd TRF, service
// level SEPA, charge bearer SLEV at payment level, EUR only, SEPA character set) and is
// deterministic: the same input gives the same bytes, so a file can be exported again and
// compared. Nothing here reads the clock: the creation time is the caller's.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/money.hpp"

namespace zc::iso20022 {

inline constexpr std::string_view kPain001Namespace =
    "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";

// Bounds of one message: SEPA's largest single amount (999,999,999.99 euro) and the number of
// transfers we put in one file (so that the control sum stays far inside int64 cents).
inline constexpr Money kMaxSepaAmount = Money::fromCents(99'999'999'999);
inline constexpr std::size_t kMaxTransfersPerMessage = 100'000;

// One transfer to one creditor (CdtTrfTxInf).
struct CreditTransfer {
    std::string end_to_end_id;  // EndToEndId: a SEPA identifier, unique in the message
    Money amount;               // InstdAmt in EUR: 0.01 .. kMaxSepaAmount
    std::string creditor_name;  // Cdtr/Nm: UTF-8, transliterated and cut to 70 characters
    Iban creditor_iban;         // CdtrAcct/Id/IBAN
    std::string creditor_bic;   // CdtrAgt/FinInstnId/BIC; empty: no CdtrAgt (IBAN-only)
    std::string remittance;     // RmtInf/Ustrd: transliterated, cut to 140; empty: no RmtInf
};

// One debit account and execution date (PmtInf).
struct PaymentBlock {
    std::string payment_info_id;  // PmtInfId: a SEPA identifier, unique in the message
    std::string debtor_name;      // Dbtr/Nm: transliterated and cut to 70 characters
    Iban debtor_iban;             // DbtrAcct/Id/IBAN
    std::string debtor_bic;       // DbtrAgt/FinInstnId/BIC; empty: Othr/Id NOTPROVIDED
    Date requested_execution_date;
    // BtchBookg: false asks the bank for one booking per transfer (so each EndToEndId comes
    // back as its own statement entry), true for one debit for the whole block.
    bool batch_booking = false;
    std::vector<CreditTransfer> transfers;
};

struct PaymentInitiation {
    std::string message_id;  // MsgId: a SEPA identifier
    // CreDtTm as written, e.g. "2024-03-14T09:30:00" (optionally with fractions and a zone):
    // stored with the payment run so that exporting it again gives the same file.
    std::string creation_date_time;
    std::string initiating_party;  // InitgPty/Nm: transliterated and cut to 70 characters
    std::vector<PaymentBlock> blocks;
};

// Number of transfers and the sum of their amounts (NbOfTxs and CtrlSum).
struct ControlTotals {
    std::size_t count = 0;
    Money sum;
};
ControlTotals controlTotals(const PaymentBlock& block);
ControlTotals controlTotals(const PaymentInitiation& initiation);

// Checks `initiation` and throws ValidationError naming the field (e.g.
// "blocks[0].transfers[2].amount") with the first of these codes, in this order:
//   PAIN_INVALID_MESSAGE_ID         message_id is not a SEPA identifier (see isSepaIdentifier)
//   PAIN_INVALID_CREATION_TIME      creation_date_time is not YYYY-MM-DDThh:mm:ss[.f][zone]
//   PAIN_MISSING_NAME               a name is empty after transliteration
//   PAIN_NO_BLOCKS                  no payment block
//   PAIN_TOO_MANY_TRANSFERS         more than kMaxTransfersPerMessage transfers
// and then per block, in order: PAIN_INVALID_PAYMENT_INFO_ID, PAIN_DUPLICATE_PAYMENT_INFO_ID,
// PAIN_MISSING_NAME, PAIN_INVALID_BIC, PAIN_EMPTY_BLOCK; per transfer: PAIN_INVALID_END_TO_END_ID,
// PAIN_DUPLICATE_END_TO_END_ID (unique in the whole message), PAIN_AMOUNT_NOT_POSITIVE,
// PAIN_AMOUNT_TOO_LARGE, PAIN_MISSING_NAME, PAIN_INVALID_BIC. Invalid UTF-8 in a text gives
// SEPA_INVALID_UTF8.
void validatePain001(const PaymentInitiation& initiation);

// The pain.001.001.03 document (UTF-8, with XML declaration, ending in a newline) for
// `initiation`, after validatePain001. Blocks and transfers are written in the given order.
std::string writePain001(const PaymentInitiation& initiation);

}  // namespace zc::iso20022
