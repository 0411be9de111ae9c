#include "interfaces/iso20022/pain001.hpp"

#include <set>

#include "contracting/kernel/ascii.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/iso20022/sepa_text.hpp"
#include "interfaces/xml/xml_document.hpp"

namespace zc::iso20022 {
namespace {

[[noreturn]] void refuse(const char* code, const std::string& message, const std::string& field) {
    throw ValidationError(code, message, field);
}

std::string blockField(std::size_t b) { return "blocks[" + std::to_string(b) + "]"; }

std::string transferField(std::size_t b, std::size_t t) {
    return blockField(b) + ".transfers[" + std::to_string(t) + "]";
}

// BIC: 4 letters bank, 2 letters country, 2 location characters, optional 3 branch characters
// (ISO 9362, the pattern of the ISO 20022 BICIdentifier).
bool isBic(std::string_view bic) {
    if (bic.size() != 8 && bic.size() != 11) return false;
    const auto upper_or_digit = [](char c) { return ascii::isUpper(c) || ascii::isDigit(c); };
    for (std::size_t i = 0; i < 6; ++i) {
        if (!ascii::isUpper(bic[i])) return false;
    }
    if (!(ascii::isUpper(bic[6]) || (bic[6] >= '2' && bic[6] <= '9'))) return false;
    if (!upper_or_digit(bic[7]) || bic[7] == 'O') return false;
    for (std::size_t i = 8; i < bic.size(); ++i) {
        if (!upper_or_digit(bic[i])) return false;
    }
    return true;
}

bool isDigits(std::string_view s, std::size_t at, std::size_t n) {
    return s.size() >= at + n && ascii::allDigits(s.substr(at, n));
}

// "+01:00", "-05:30" or "Z"; empty is a local time.
bool isZone(std::string_view z) {
    if (z.empty() || z == "Z") return true;
    return z.size() == 6 && (z[0] == '+' || z[0] == '-') && isDigits(z, 1, 2) && z[3] == ':' &&
           isDigits(z, 4, 2) && (z[1] - '0') * 10 + (z[2] - '0') <= 14 &&
           (z[4] - '0') * 10 + (z[5] - '0') <= 59;
}

// xs:dateTime as we accept it from the caller: YYYY-MM-DDThh:mm:ss[.fraction][zone].
bool isCreationTime(std::string_view t) {
    if (t.size() < 19 || !tryParseDate(t.substr(0, 10)) || t[10] != 'T') return false;
    if (!isDigits(t, 11, 2) || t[13] != ':' || !isDigits(t, 14, 2) || t[16] != ':' ||
        !isDigits(t, 17, 2)) {
        return false;
    }
    const int hour = (t[11] - '0') * 10 + (t[12] - '0');
    const int minute = (t[14] - '0') * 10 + (t[15] - '0');
    const int second = (t[17] - '0') * 10 + (t[18] - '0');
    if (hour > 23 || minute > 59 || second > 59) return false;
    std::string_view rest = t.substr(19);
    if (!rest.empty() && rest.front() == '.') {
        std::size_t digits = 1;
        while (digits < rest.size() && ascii::isDigit(rest[digits])) ++digits;
        if (digits == 1) return false;
        rest.remove_prefix(digits);
    }
    return isZone(rest);
}

std::string sepaName(const std::string& name, const std::string& field) {
    std::string out = toSepaText(name, kMaxSepaNameChars, field);
    if (out.empty()) refuse("PAIN_MISSING_NAME", "A name is required.", field);
    return out;
}

void checkIdentifier(const std::string& id, const char* code, const std::string& field) {
    if (!isSepaIdentifier(id)) {
        refuse(code,
               "Identifier must be 1 to 35 characters from a-z A-Z 0-9 / - ? : ( ) . , ' + and "
               "space, not start or end with '/' and not contain '//'.",
               field);
    }
}

void checkBic(const std::string& bic, const std::string& field) {
    if (!bic.empty() && !isBic(bic)) {
        refuse("PAIN_INVALID_BIC",
               "BIC must be 8 or 11 capitals and digits, for example BNGHNL2G, or be left empty.",
               field);
    }
}

void validateTransfer(const CreditTransfer& t, const std::string& field,
                      std::set<std::string>& end_to_end_ids) {
    checkIdentifier(t.end_to_end_id, "PAIN_INVALID_END_TO_END_ID", field + ".end_to_end_id");
    if (!end_to_end_ids.insert(t.end_to_end_id).second) {
        refuse("PAIN_DUPLICATE_END_TO_END_ID",
               "EndToEndId " + t.end_to_end_id + " occurs more than once in the message.",
               field + ".end_to_end_id");
    }
    if (t.amount <= Money()) {
        refuse("PAIN_AMOUNT_NOT_POSITIVE",
               "Amount must be at least 0.01 euro, got " + t.amount.toString() + ".",
               field + ".amount");
    }
    if (t.amount > kMaxSepaAmount) {
        refuse("PAIN_AMOUNT_TOO_LARGE",
               "Amount must be at most " + kMaxSepaAmount.toString() + " euro, got " +
                   t.amount.toString() + ".",
               field + ".amount");
    }
    sepaName(t.creditor_name, field + ".creditor_name");
    checkBic(t.creditor_bic, field + ".creditor_bic");
    toSepaText(t.remittance, kMaxSepaRemittanceChars, field + ".remittance");
}

void validateBlock(const PaymentBlock& block, std::size_t b, std::set<std::string>& block_ids,
                   std::set<std::string>& end_to_end_ids) {
    const std::string field = blockField(b);
    checkIdentifier(block.payment_info_id, "PAIN_INVALID_PAYMENT_INFO_ID",
                    field + ".payment_info_id");
    if (!block_ids.insert(block.payment_info_id).second) {
        refuse("PAIN_DUPLICATE_PAYMENT_INFO_ID",
               "PmtInfId " + block.payment_info_id + " occurs more than once in the message.",
               field + ".payment_info_id");
    }
    sepaName(block.debtor_name, field + ".debtor_name");
    checkBic(block.debtor_bic, field + ".debtor_bic");
    if (block.transfers.empty()) {
        refuse("PAIN_EMPTY_BLOCK", "A payment block needs at least one transfer.",
               field + ".transfers");
    }
    for (std::size_t t = 0; t < block.transfers.size(); ++t) {
        validateTransfer(block.transfers[t], transferField(b, t), end_to_end_ids);
    }
}

// ---- writing ----

void writeAccount(xml::XmlWriter& w, std::string_view element, const Iban& iban) {
    w.open(element).open("Id").leaf("IBAN", iban.str()).close().close();
}

void writeName(xml::XmlWriter& w, std::string_view element, const std::string& name,
               const std::string& field) {
    w.open(element).leaf("Nm", sepaName(name, field)).close();
}

void writeGroupHeader(xml::XmlWriter& w, const PaymentInitiation& p) {
    const ControlTotals totals = controlTotals(p);
    w.open("GrpHdr");
    w.leaf("MsgId", p.message_id);
    w.leaf("CreDtTm", p.creation_date_time);
    w.leaf("NbOfTxs", std::to_string(totals.count));
    w.leaf("CtrlSum", totals.sum.toString());
    writeName(w, "InitgPty", p.initiating_party, "initiating_party");
    w.close();
}

void writeTransfer(xml::XmlWriter& w, const CreditTransfer& t, const std::string& field) {
    w.open("CdtTrfTxInf");
    w.open("PmtId").leaf("EndToEndId", t.end_to_end_id).close();
    w.open("Amt").open("InstdAmt").attribute("Ccy", "EUR").text(t.amount.toString()).close();
    w.close();
    if (!t.creditor_bic.empty()) {
        w.open("CdtrAgt").open("FinInstnId").leaf("BIC", t.creditor_bic).close().close();
    }
    writeName(w, "Cdtr", t.creditor_name, field + ".creditor_name");
    writeAccount(w, "CdtrAcct", t.creditor_iban);
    const std::string remittance =
        toSepaText(t.remittance, kMaxSepaRemittanceChars, field + ".remittance");
    if (!remittance.empty()) w.open("RmtInf").leaf("Ustrd", remittance).close();
    w.close();
}

void writeDebtorAgent(xml::XmlWriter& w, const std::string& bic) {
    w.open("DbtrAgt").open("FinInstnId");
    // IBAN-only: the element is mandatory, the bank fills in the BIC.
    if (bic.empty()) {
        w.open("Othr").leaf("Id", "NOTPROVIDED").close();
    } else {
        w.leaf("BIC", bic);
    }
    w.close().close();
}

void writeBlock(xml::XmlWriter& w, const PaymentBlock& block, std::size_t b) {
    const ControlTotals totals = controlTotals(block);
    w.open("PmtInf");
    w.leaf("PmtInfId", block.payment_info_id);
    w.leaf("PmtMtd", "TRF");
    w.leaf("BtchBookg", block.batch_booking ? "true" : "false");
    w.leaf("NbOfTxs", std::to_string(totals.count));
    w.leaf("CtrlSum", totals.sum.toString());
    w.open("PmtTpInf").open("SvcLvl").leaf("Cd", "SEPA").close().close();
    w.leaf("ReqdExctnDt", formatDate(block.requested_execution_date));
    writeName(w, "Dbtr", block.debtor_name, blockField(b) + ".debtor_name");
    writeAccount(w, "DbtrAcct", block.debtor_iban);
    writeDebtorAgent(w, block.debtor_bic);
    w.leaf("ChrgBr", "SLEV");
    for (std::size_t t = 0; t < block.transfers.size(); ++t) {
        writeTransfer(w, block.transfers[t], transferField(b, t));
    }
    w.close();
}

}  // namespace

ControlTotals controlTotals(const PaymentBlock& block) {
    ControlTotals totals;
    for (const CreditTransfer& t : block.transfers) {
        ++totals.count;
        totals.sum += t.amount;
    }
    return totals;
}

ControlTotals controlTotals(const PaymentInitiation& initiation) {
    ControlTotals totals;
    for (const PaymentBlock& block : initiation.blocks) {
        const ControlTotals block_totals = controlTotals(block);
        totals.count += block_totals.count;
        totals.sum += block_totals.sum;
    }
    return totals;
}

void validatePain001(const PaymentInitiation& p) {
    checkIdentifier(p.message_id, "PAIN_INVALID_MESSAGE_ID", "message_id");
    if (!isCreationTime(p.creation_date_time)) {
        refuse("PAIN_INVALID_CREATION_TIME",
               "Creation time must be YYYY-MM-DDThh:mm:ss, optionally with fractions of a second "
               "and a zone, for example 2024-03-14T09:30:00.",
               "creation_date_time");
    }
    sepaName(p.initiating_party, "initiating_party");
    if (p.blocks.empty()) refuse("PAIN_NO_BLOCKS", "A message needs a payment block.", "blocks");
    std::size_t transfers = 0;
    for (const PaymentBlock& block : p.blocks) transfers += block.transfers.size();
    if (transfers > kMaxTransfersPerMessage) {
        refuse("PAIN_TOO_MANY_TRANSFERS",
               "A message holds at most " + std::to_string(kMaxTransfersPerMessage) +
                   " transfers, got " + std::to_string(transfers) + "; split the payment run.",
               "blocks");
    }
    std::set<std::string> block_ids;
    std::set<std::string> end_to_end_ids;
    for (std::size_t b = 0; b < p.blocks.size(); ++b) {
        validateBlock(p.blocks[b], b, block_ids, end_to_end_ids);
    }
}

std::string writePain001(const PaymentInitiation& p) {
    validatePain001(p);
    xml::XmlWriter w;
    w.open("Document").attribute("xmlns", kPain001Namespace);
    w.open("CstmrCdtTrfInitn");
    writeGroupHeader(w, p);
    for (std::size_t b = 0; b < p.blocks.size(); ++b) writeBlock(w, p.blocks[b], b);
    std::string document = w.finish();
    document += '\n';
    return document;
}

}  // namespace zc::iso20022
