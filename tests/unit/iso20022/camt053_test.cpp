// camt.053.001.02 reader: the fixture statement against our XSD and the official ISO schema,
// parsed into the expected structs; balance check; hostile and wrong input refused with codes.
#include "interfaces/iso20022/camt053.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "contracting/kernel/errors.hpp"
#include "interfaces/iso20022/pain001.hpp"
#include "iso20022_test_support.hpp"

namespace zc::iso20022 {
namespace {

using namespace zc::iso20022::testing;

const std::filesystem::path kStatementFile = kFixtures / "camt053_bng_20240315.xml";

std::string statementXml() { return readText(kStatementFile); }

Camt053Read read(const std::string& xml) { return readCamt053(ourSchemas(), xml); }

// The one statement of `xml`, read without problems.
Statement readOne(const std::string& xml) {
    Camt053Read r = read(xml);
    EXPECT_TRUE(r.ok()) << describe(r.problems);
    EXPECT_EQ(r.statements.size(), 1u);
    return r.statements.empty() ? Statement{} : r.statements.front();
}

std::string replacedFirst(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << "not in the text: " << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

Money euros(const char* text) { return Money::parse(text); }
Date d(const char* text) { return parseDate(text); }

TEST(Camt053, FixtureValidAgainstOurSchema) {
    EXPECT_EQ(describe(validate(ourSchemas(), statementXml())), "OK");
}

TEST(Camt053, FixtureValidAgainstTheOfficialIsoSchema) {
    const xml::SchemaSet* official = officialSchemas("camt.053.001.02.xsd");
    if (official == nullptr) GTEST_SKIP() << "official camt.053.001.02.xsd absent";
    EXPECT_EQ(describe(validate(*official, statementXml())), "OK");
}

TEST(Camt053, ReadsTheStatementHead) {
    const Statement s = readOne(statementXml());
    EXPECT_EQ(s.message_id, "BNG-CAMT053-20240315-0001");
    EXPECT_EQ(s.statement_id, "NL14BNGH0285001234-2024-03-15");
    EXPECT_EQ(s.account_iban, "NL14BNGH0285001234");
    EXPECT_EQ(s.currency, "EUR");
    EXPECT_EQ(s.from, d("2024-03-15"));
    EXPECT_EQ(s.to, d("2024-03-15"));
    EXPECT_EQ(s.opening_balance, euros("125000.00"));
    EXPECT_EQ(s.closing_balance, euros("124078.04"));
    EXPECT_EQ(s.entries.size(), 4u);
}

TEST(Camt053, ReadsABookedDebitWithItsEndToEndId) {
    const StatementEntry e = readOne(statementXml()).entries.at(0);
    EXPECT_EQ(e.entry_ref, "20240315-000101");
    EXPECT_EQ(e.amount, euros("1234.56"));
    EXPECT_FALSE(e.credit);
    EXPECT_EQ(e.status, "BOOK");
    EXPECT_EQ(e.booking_date, d("2024-03-15"));
    EXPECT_EQ(e.value_date, d("2024-03-15"));
    EXPECT_EQ(e.end_to_end_id, "ZC-PR2024-0007-000001");
    // Our own account is the debtor, so the other party is the creditor.
    EXPECT_EQ(e.counterparty_iban, "NL44RABO0123456789");
    EXPECT_EQ(e.counterparty_name, "Zorggroep Noordé & Zn B.V.");
    EXPECT_EQ(e.return_reason, "");
    EXPECT_EQ(e.remittance, "Declaratie 2024-02 WMO323 nr 4711");
    EXPECT_EQ(e.currency, "EUR");
    EXPECT_FALSE(e.reversal);
    EXPECT_EQ(e.transaction_count, 1u);
    EXPECT_GT(e.line, 0);
}

TEST(Camt053, ReadsAReturnedTransferWithItsReason) {
    const StatementEntry e = readOne(statementXml()).entries.at(1);
    EXPECT_EQ(e.entry_ref, "20240315-000102");
    EXPECT_EQ(e.amount, euros("250.00"));
    EXPECT_TRUE(e.credit);
    EXPECT_EQ(e.value_date, d("2024-03-14"));
    EXPECT_EQ(e.end_to_end_id, "ZC-PR2024-0006-000042");
    EXPECT_EQ(e.return_reason, "AC04");
    // The money comes back from the original creditor, not from the debtor (us).
    EXPECT_EQ(e.counterparty_iban, "NL20INGB0001234567");
    EXPECT_EQ(e.counterparty_name, "Thuiszorg De Linde");
    EXPECT_EQ(e.remittance, "Declaratie 2024-01 WMO323 nr 4650");
}

TEST(Camt053, ReadsUnknownEntriesAsTheyAre) {
    const Statement s = readOne(statementXml());
    const StatementEntry& credit = s.entries.at(2);
    EXPECT_EQ(credit.end_to_end_id, "NOTPROVIDED");
    EXPECT_TRUE(credit.credit);
    EXPECT_EQ(credit.amount, euros("75.10"));
    EXPECT_EQ(credit.counterparty_iban, "NL12TRIO0198765432");
    EXPECT_EQ(credit.counterparty_name, "J. de Vries");
    EXPECT_EQ(credit.remittance, "terugbetaling eigen bijdrage");
    const StatementEntry& charges = s.entries.at(3);
    EXPECT_EQ(charges.entry_ref, "BNG20240315K0000001") << "AcctSvcrRef without NtryRef";
    EXPECT_FALSE(charges.credit);
    EXPECT_EQ(charges.amount, euros("12.50"));
    EXPECT_EQ(charges.transaction_count, 0u);
    EXPECT_EQ(charges.end_to_end_id, "");
    EXPECT_EQ(charges.counterparty_iban, "");
    EXPECT_EQ(charges.additional_info, "Kosten betalingsverkeer februari 2024");
}

TEST(Camt053, ReadsRemittanceLinesAndStructuredReferences) {
    std::string xml = replacedFirst(statementXml(), "<Ustrd>terugbetaling eigen bijdrage</Ustrd>",
                                    "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry>"
                                    "</Tp><Ref>RF18539007547034</Ref></CdtrRefInf></Strd>");
    xml = replacedFirst(xml, "<Ustrd>Declaratie 2024-02 WMO323 nr 4711</Ustrd>",
                        "<Ustrd>Declaratie 2024-02</Ustrd><Ustrd>WMO323 nr 4711</Ustrd>");
    EXPECT_EQ(describe(validate(ourSchemas(), xml)), "OK");
    if (const xml::SchemaSet* official = officialSchemas("camt.053.001.02.xsd")) {
        EXPECT_EQ(describe(validate(*official, xml)), "OK");
    }
    const Statement s = readOne(xml);
    EXPECT_EQ(s.entries.at(0).remittance, "Declaratie 2024-02 WMO323 nr 4711");
    EXPECT_EQ(s.entries.at(2).remittance, "RF18539007547034");
}

TEST(Camt053, LeavesTransactionFieldsOfABatchEmpty) {
    const std::string xml = statementXml();
    const std::size_t begin = xml.find("          <TxDtls>");
    const std::size_t end = xml.find("</TxDtls>", begin) + std::string("</TxDtls>\n").size();
    std::string batch = xml;
    batch.insert(end, xml.substr(begin, end - begin));
    const StatementEntry e = readOne(batch).entries.at(0);
    EXPECT_EQ(e.transaction_count, 2u);
    EXPECT_EQ(e.end_to_end_id, "");
    EXPECT_EQ(e.counterparty_iban, "");
    EXPECT_EQ(e.amount, euros("1234.56"));
}

TEST(Camt053, ReadsFilesAndStreamsLikeText) {
    const Camt053Read from_file = readCamt053File(ourSchemas(), kStatementFile);
    ASSERT_TRUE(from_file.ok()) << describe(from_file.problems);
    std::istringstream in(statementXml());
    const Camt053Read from_stream = readCamt053(ourSchemas(), in);
    ASSERT_TRUE(from_stream.ok()) << describe(from_stream.problems);
    const Statement text = readOne(statementXml());
    for (const Camt053Read* r : {&from_file, &from_stream}) {
        ASSERT_EQ(r->statements.size(), 1u);
        EXPECT_EQ(r->statements[0].closing_balance, text.closing_balance);
        EXPECT_EQ(r->statements[0].entries.size(), text.entries.size());
    }
    EXPECT_EQ(codeOf(readCamt053File(ourSchemas(), kFixtures / "absent.xml").problems),
              "XML_UNREADABLE");
}

TEST(Camt053, BalancedStatementPassesTheCheck) {
    EXPECT_NO_THROW(checkBalances(readOne(statementXml())));
}

TEST(Camt053, UnbalancedStatementRefusedNamingBothAmounts) {
    // The first 124078.04 is the closing booked balance (CLBD).
    const Statement s = readOne(replacedFirst(statementXml(), ">124078.04<", ">124078.05<"));
    try {
        checkBalances(s);
        ADD_FAILURE() << "unbalanced statement accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "STATEMENT_UNBALANCED");
        const std::string message = e.what();
        EXPECT_NE(message.find("= 124078.04"), std::string::npos) << message;
        EXPECT_NE(message.find("closing balance is 124078.05"), std::string::npos) << message;
    }
}

TEST(Camt053, OnlyBookedEntriesMoveTheBalance) {
    Statement s = readOne(statementXml());
    StatementEntry pending = s.entries.front();
    pending.status = "PDNG";
    s.entries.push_back(pending);
    EXPECT_NO_THROW(checkBalances(s));
    s.entries.back().status = "BOOK";
    EXPECT_THROW(checkBalances(s), ValidationError);
}

TEST(Camt053, DebitBalancesAreNegative) {
    // Opening -1000.00; entries net -921.96; closing -1921.96.
    std::string xml = replacedFirst(statementXml(),
                                    "<Amt Ccy=\"EUR\">125000.00</Amt>\n        "
                                    "<CdtDbtInd>CRDT</CdtDbtInd>",
                                    "<Amt Ccy=\"EUR\">1000.00</Amt>\n        "
                                    "<CdtDbtInd>DBIT</CdtDbtInd>");
    xml =
        replacedFirst(xml, "<Amt Ccy=\"EUR\">124078.04</Amt>\n        <CdtDbtInd>CRDT</CdtDbtInd>",
                      "<Amt Ccy=\"EUR\">1921.96</Amt>\n        <CdtDbtInd>DBIT</CdtDbtInd>");
    const Statement s = readOne(xml);
    EXPECT_EQ(s.opening_balance, euros("-1000.00"));
    EXPECT_EQ(s.closing_balance, euros("-1921.96"));
    EXPECT_NO_THROW(checkBalances(s));
}

TEST(Camt053, RefusesDoctypeAndExternalEntities) {
    const std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    const std::string xxe = replacedFirst(
        replacedFirst(statementXml(), decl,
                      decl + "<!DOCTYPE Document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"),
        "<MsgId>BNG-CAMT053-20240315-0001</MsgId>", "<MsgId>&xxe;</MsgId>");
    EXPECT_EQ(codeOf(read(xxe).problems), "XML_DOCTYPE");
    const std::string laughs = replacedFirst(
        statementXml(), decl,
        decl + "<!DOCTYPE Document [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n");
    EXPECT_EQ(codeOf(read(laughs).problems), "XML_DOCTYPE");
    const std::string external =
        replacedFirst(statementXml(), decl,
                      decl + "<!DOCTYPE Document SYSTEM \"http://example.invalid/x.dtd\">\n");
    EXPECT_EQ(codeOf(read(external).problems), "XML_DOCTYPE");
}

TEST(Camt053, RefusesOtherCurrenciesCollectingEveryOne) {
    std::string xml = replacedFirst(statementXml(), "<Amt Ccy=\"EUR\">75.10</Amt>",
                                    "<Amt Ccy=\"USD\">75.10</Amt>");
    xml = replacedFirst(xml, "<Ccy>EUR</Ccy>", "<Ccy>GBP</Ccy>");
    const Camt053Read r = read(xml);
    ASSERT_EQ(r.problems.size(), 2u) << describe(r.problems);
    EXPECT_EQ(r.problems[0].code, "WRONG_CURRENCY");
    EXPECT_NE(r.problems[0].message.find("GBP"), std::string::npos);
    EXPECT_EQ(r.problems[1].code, "WRONG_CURRENCY");
    EXPECT_NE(r.problems[1].message.find("USD"), std::string::npos);
    EXPECT_GT(r.problems[1].line, r.problems[0].line);
    EXPECT_TRUE(r.statements.empty());
    const std::string balance = replacedFirst(statementXml(), "<Amt Ccy=\"EUR\">125000.00</Amt>",
                                              "<Amt Ccy=\"CHF\">125000.00</Amt>");
    const Camt053Read balance_read = read(balance);
    ASSERT_EQ(balance_read.problems.size(), 1u) << "no follow-up STATEMENT_BALANCE_MISSING";
    EXPECT_EQ(balance_read.problems[0].code, "WRONG_CURRENCY");
}

TEST(Camt053, RefusesWrongRootAndNamespace) {
    const std::string other_version =
        replaced(statementXml(), "camt.053.001.02", "camt.053.001.08");
    EXPECT_EQ(codeOf(read(other_version).problems), "XML_UNKNOWN_NAMESPACE");
    const std::string root = replaced(replaced(statementXml(), "<Document ", "<Statement "),
                                      "</Document>", "</Statement>");
    EXPECT_EQ(codeOf(read(root).problems), "XSD_INVALID");
    const std::string no_namespace =
        replaced(statementXml(), " xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"", "");
    EXPECT_NE(codeOf(read(no_namespace).problems), "OK");
}

TEST(Camt053, RefusesAPain001) {
    PaymentBlock block{
        .payment_info_id = "P1",
        .debtor_name = "Gemeente Voorbeeld",
        .debtor_iban = Iban::parse("NL14BNGH0285001234"),
        .debtor_bic = "",
        .requested_execution_date = d("2024-03-15"),
        .batch_booking = false,
        .transfers = {},
    };
    block.transfers.push_back({.end_to_end_id = "E1",
                               .amount = euros("1.00"),
                               .creditor_name = "Zorg B.V.",
                               .creditor_iban = Iban::parse("NL91ABNA0417164300"),
                               .creditor_bic = "",
                               .remittance = ""});
    const std::string pain = writePain001({.message_id = "M1",
                                           .creation_date_time = "2024-03-14T09:30:00",
                                           .initiating_party = "Gemeente Voorbeeld",
                                           .blocks = {block}});
    EXPECT_EQ(codeOf(read(pain).problems), "MESSAGE_NOT_CAMT053");
}

TEST(Camt053, RefusesMalformedAmountsTable) {
    for (const char* bad :
         {"75,10", "75.105", "75.100000", "-75.10", "+75.10", "7.5e1", "", "12345678901234.00"}) {
        const std::string xml = replacedFirst(statementXml(), "<Amt Ccy=\"EUR\">75.10</Amt>",
                                              "<Amt Ccy=\"EUR\">" + std::string(bad) + "</Amt>");
        EXPECT_EQ(codeOf(read(xml).problems), "XSD_INVALID") << bad;
    }
}

TEST(Camt053, AcceptsZerosAfterTheCents) {
    const std::string xml = replacedFirst(statementXml(), "<Amt Ccy=\"EUR\">75.10</Amt>",
                                          "<Amt Ccy=\"EUR\">75.100</Amt>");
    EXPECT_EQ(readOne(xml).entries.at(2).amount, euros("75.10"));
    const std::string whole = replacedFirst(statementXml(), "<Amt Ccy=\"EUR\">250.00</Amt>",
                                            "<Amt Ccy=\"EUR\">250</Amt>");
    EXPECT_EQ(readOne(whole).entries.at(1).amount, euros("250.00"));
}

TEST(Camt053, RefusesMissingAndDuplicateBalances) {
    const std::string no_closing = replaced(statementXml(), "<Cd>CLBD</Cd>", "<Cd>ITBD</Cd>");
    EXPECT_EQ(codeOf(read(no_closing).problems), "STATEMENT_BALANCE_MISSING");
    const std::string no_opening = replaced(statementXml(), "<Cd>OPBD</Cd>", "<Cd>OPAV</Cd>");
    EXPECT_EQ(codeOf(read(no_opening).problems), "STATEMENT_BALANCE_MISSING");
    const std::string twice = replaced(statementXml(), "<Cd>CLAV</Cd>", "<Cd>CLBD</Cd>");
    EXPECT_EQ(codeOf(read(twice).problems), "STATEMENT_BALANCE_DUPLICATE");
}

TEST(Camt053, TakesPreviouslyClosedAsOpeningAndBalanceDatesAsPeriod) {
    std::string xml = replaced(statementXml(), "<Cd>OPBD</Cd>", "<Cd>PRCD</Cd>");
    xml = replacedFirst(xml, "<Dt>\n          <Dt>2024-03-15</Dt>",
                        "<Dt>\n          <Dt>2024-03-14</Dt>");
    const std::size_t begin = xml.find("<FrToDt>");
    const std::size_t end = xml.find("</FrToDt>") + std::string("</FrToDt>").size();
    xml.erase(begin, end - begin);
    const Statement s = readOne(xml);
    EXPECT_EQ(s.opening_balance, euros("125000.00"));
    EXPECT_EQ(s.from, d("2024-03-14"));
    EXPECT_EQ(s.to, d("2024-03-15"));
}

TEST(Camt053, ReadsDateTimesAndReversals) {
    std::string xml = replacedFirst(statementXml(), "<BookgDt>\n          <Dt>2024-03-15</Dt>",
                                    "<BookgDt>\n          <DtTm>2024-03-16T01:02:03+01:00</DtTm>");
    xml = replacedFirst(xml, "<CdtDbtInd>DBIT</CdtDbtInd>\n        <Sts>BOOK</Sts>",
                        "<CdtDbtInd>DBIT</CdtDbtInd>\n        <RvslInd>true</RvslInd>\n        "
                        "<Sts>BOOK</Sts>");
    const StatementEntry e = readOne(xml).entries.at(0);
    EXPECT_EQ(e.booking_date, d("2024-03-16"));
    EXPECT_TRUE(e.reversal);
}

TEST(Camt053, RefusesBadAccountsAndDates) {
    const std::string bad_iban =
        replaced(statementXml(), "NL14BNGH0285001234", "NL15BNGH0285001234");
    EXPECT_EQ(codeOf(read(bad_iban).problems), "INVALID_IBAN");
    const std::string other = replacedFirst(statementXml(), "<IBAN>NL14BNGH0285001234</IBAN>",
                                            "<Othr><Id>0285001234</Id></Othr>");
    EXPECT_EQ(codeOf(read(other).problems), "ACCOUNT_NOT_IBAN");
    const std::string old =
        replacedFirst(statementXml(), "<Dt>2024-03-14</Dt>", "<Dt>1850-03-14</Dt>");
    EXPECT_EQ(codeOf(read(old).problems), "INVALID_DATE");
}

TEST(Camt053, ReadsSeveralStatements) {
    const std::string xml = statementXml();
    const std::size_t begin = xml.find("    <Stmt>");
    const std::size_t end = xml.find("</Stmt>") + std::string("</Stmt>\n").size();
    std::string second = xml.substr(begin, end - begin);
    second = replacedFirst(second, "<Id>NL14BNGH0285001234-2024-03-15</Id>",
                           "<Id>NL14BNGH0285001234-2024-03-16</Id>");
    std::string two = xml;
    two.insert(end, second);
    const Camt053Read r = read(two);
    ASSERT_TRUE(r.ok()) << describe(r.problems);
    ASSERT_EQ(r.statements.size(), 2u);
    EXPECT_EQ(r.statements[0].statement_id, "NL14BNGH0285001234-2024-03-15");
    EXPECT_EQ(r.statements[1].statement_id, "NL14BNGH0285001234-2024-03-16");
    EXPECT_EQ(r.statements[1].message_id, "BNG-CAMT053-20240315-0001");
    EXPECT_EQ(r.statements[1].entries.size(), 4u);
    for (const Statement& s : r.statements) EXPECT_NO_THROW(checkBalances(s));
}

TEST(Camt053, RespectsLimits) {
    xml::Limits limits = camt053Limits();
    limits.max_bytes = 1024;
    EXPECT_EQ(codeOf(readCamt053(ourSchemas(), statementXml(), limits).problems), "XML_TOO_LARGE");
    limits = camt053Limits();
    limits.max_elements = 50;
    EXPECT_EQ(codeOf(readCamt053(ourSchemas(), statementXml(), limits).problems),
              "XML_TOO_MANY_ELEMENTS");
    // Attribute values count against the text limit too (every text here is under 400 bytes,
    // whitespace included).
    limits = camt053Limits();
    limits.max_text_bytes = 400;
    EXPECT_TRUE(readCamt053(ourSchemas(), statementXml(), limits).ok());
    const std::string long_attribute =
        replacedFirst(statementXml(), "<Ntry>",
                      "<Ntry xsi:noNamespaceSchemaLocation=\"" + std::string(1000, 'x') + "\">");
    const Camt053Read r = readCamt053(ourSchemas(), long_attribute, limits);
    EXPECT_EQ(codeOf(r.problems), "XML_TEXT_TOO_LONG");
    EXPECT_NE(describe(r.problems).find("attribute"), std::string::npos) << describe(r.problems);
}

}  // namespace
}  // namespace zc::iso20022
