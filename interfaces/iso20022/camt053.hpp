#pragma once
// camt.053.001.02 (BankToCustomerStatementV02): the bank's statement of our payment account, read
// to reconcile payment runs (booked debits by EndToEndId, returned transfers with their reason).
//
// The file is streamed through the hardened, validating Xerces path (xml::streamValidate: DOCTYPE
// and external entities refused, limits) against interfaces/xml/schemas/iso20022; only the group
// header, the statement heads, balances and one entry at a time are kept as XML. A file may hold
// several statements (Stmt), e.g. one per account or per day: all are returned, in file order.
// Amounts are integer cents (zc::Money); only EUR is accepted.
#include <cstddef>
#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/money.hpp"
#include "interfaces/xml/xml_document.hpp"

namespace zc::iso20022 {

inline constexpr std::string_view kCamt053Namespace =
    "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02";

// One Ntry. Transaction fields (end_to_end_id .. remittance) come from the entry's single TxDtls;
// they are empty when it has none or more than one (a batch: see transaction_count).
struct StatementEntry {
    std::string entry_ref;             // NtryRef, or AcctSvcrRef when there is no NtryRef
    Money amount;                      // Amt: never negative; see `credit`
    bool credit = false;               // CdtDbtInd == CRDT
    std::string status;                // Sts: BOOK, PDNG or INFO
    std::optional<Date> booking_date;  // BookgDt (the date of a DtTm)
    std::optional<Date> value_date;    // ValDt (the date of a DtTm)
    std::string end_to_end_id;         // Refs/EndToEndId as written (may be NOTPROVIDED)
    // The other party (RltdPties): the side whose account is not the statement's; when the
    // accounts do not tell, the debtor (Dbtr, DbtrAcct) of a credit and the creditor of a debit,
    // the other way round for a return (an entry with RtrInf).
    std::string counterparty_iban;
    std::string counterparty_name;
    std::string return_reason;    // RtrInf/Rsn/Cd (or Prtry), e.g. AC04: a returned transfer
    std::string remittance;       // the Ustrd lines joined by a space, else Strd/CdtrRefInf/Ref
    std::string additional_info;  // AddtlNtryInf
    std::string currency;         // the Ccy of Amt (always EUR once read)
    bool reversal = false;        // RvslInd
    std::size_t transaction_count = 0;  // number of TxDtls
    int line = 0;                       // line of the <Ntry> start tag
};

struct Statement {
    std::string message_id;    // GrpHdr/MsgId
    std::string statement_id;  // Stmt/Id
    std::string account_iban;  // Acct/Id/IBAN, checked (mod 97)
    std::string currency;      // EUR
    // FrToDt (the dates of FrDtTm and ToDtTm), else the dates of the opening and closing balance.
    Date from;
    Date to;
    Money opening_balance;  // OPBD (else PRCD), signed: negative when DBIT
    Money closing_balance;  // CLBD, signed
    std::vector<StatementEntry> entries;
};

struct Camt053Read {
    std::vector<Statement> statements;  // empty when there are problems
    std::vector<xml::Problem> problems;
    bool ok() const { return problems.empty(); }
};

// Limits for statement files: 256 MiB, depth 32, 4 million elements, 64 KiB of text.
xml::Limits camt053Limits();

// Reads camt.053.001.02 statements; `schemas` must hold our camt XSD. Besides the xml:: codes
// (XML_DOCTYPE, XML_MALFORMED, XML_UNKNOWN_NAMESPACE, XSD_INVALID, XML_TOO_LARGE, ...) the
// problems are, each with the line of the element concerned and collected for the whole file:
//   MESSAGE_NOT_CAMT053         valid against the set, but another message (e.g. a pain.001)
//   WRONG_CURRENCY              an account, balance or entry amount not in EUR
//   INVALID_AMOUNT              an amount we cannot hold in cents
//   INVALID_DATE                a date outside 1900..2999
//   ACCOUNT_NOT_IBAN            the statement's account is not identified by an IBAN
//   INVALID_IBAN                the statement's IBAN fails the mod-97 check
//   STATEMENT_BALANCE_MISSING   no opening (OPBD/PRCD) or no closing (CLBD) balance
//   STATEMENT_BALANCE_DUPLICATE two balances of the same type in one statement
// When the XML itself is refused only the xml:: problem is returned. Balances are not checked
// against the entries here: see checkBalances.
Camt053Read readCamt053(const xml::SchemaSet& schemas, std::string_view xml,
                        const xml::Limits& limits = camt053Limits());
Camt053Read readCamt053(const xml::SchemaSet& schemas, std::istream& in,
                        const xml::Limits& limits = camt053Limits());
// A missing or unreadable file gives XML_UNREADABLE.
Camt053Read readCamt053File(const xml::SchemaSet& schemas, const std::filesystem::path& file,
                            const xml::Limits& limits = camt053Limits());

// Checks opening + booked credits - booked debits == closing (entries with status BOOK only;
// pending and information entries do not move the booked balance). Throws
// ValidationError{"STATEMENT_UNBALANCED"} naming the computed and the stated closing balance,
// or {"STATEMENT_AMOUNT_OVERFLOW"} when the sums do not fit in int64 cents.
void checkBalances(const Statement& statement);

}  // namespace zc::iso20022
