// pain.001.001.03 writer: control sums and counts, SEPA fixed codes, transliteration, escaping,
// determinism (a golden file), input validation, and validity against our XSD and the official
// ISO schema.
#include "interfaces/iso20022/pain001.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "contracting/kernel/errors.hpp"
#include "interfaces/iso20022/sepa_text.hpp"
#include "iso20022_test_support.hpp"

namespace zc::iso20022 {
namespace {

using namespace zc::iso20022::testing;

const std::string kLongRemittance =
    "Declaratie 2024-02 WMO323 nr 4712, periode 01-02-2024 t/m 29-02-2024, beschikkingen "
    "2024-0001 tot en met 2024-0099, zie de specificatie in het portaal van de gemeente.";

PaymentInitiation sample() {
    PaymentBlock first{
        .payment_info_id = "ZC-PAY-2024-0007-1",
        .debtor_name = "Gemeente Voorbeeld",
        .debtor_iban = Iban::parse("NL14BNGH0285001234"),
        .debtor_bic = "BNGHNL2G",
        .requested_execution_date = parseDate("2024-03-15"),
        .batch_booking = false,
        .transfers = {},
    };
    first.transfers.push_back({
        .end_to_end_id = "ZC-PR2024-0007-000001",
        .amount = Money::parse("1234.56"),
        .creditor_name = "Zorggroep Noordé & Zn B.V.",
        .creditor_iban = Iban::parse("NL44RABO0123456789"),
        .creditor_bic = "RABONL2U",
        .remittance = "Declaratie 2024-02 WMO323 nr 4711",
    });
    first.transfers.push_back({
        .end_to_end_id = "ZC-PR2024-0007-000002",
        .amount = Money::fromCents(1),
        .creditor_name = "'s-Hertogenbosch Thuiszorg <Noord>",
        .creditor_iban = Iban::parse("NL20 INGB 0001 2345 67"),
        .creditor_bic = "",
        .remittance = "",
    });
    PaymentBlock second{
        .payment_info_id = "ZC-PAY-2024-0007-2",
        .debtor_name = "Gemeente Voorbeeld",
        .debtor_iban = Iban::parse("NL39BNGH0285009999"),
        .debtor_bic = "",
        .requested_execution_date = parseDate("2024-03-18"),
        .batch_booking = true,
        .transfers = {},
    };
    second.transfers.push_back({
        .end_to_end_id = "ZC-PR2024-0007-000003",
        .amount = kMaxSepaAmount,
        .creditor_name = "Stichting Ĳsselzorg voor Wijkverpleging en Huishoudelijke Ondersteuning "
                         "Regio Oost",
        .creditor_iban = Iban::parse("NL91ABNA0417164300"),
        .creditor_bic = "ABNANL2A",
        .remittance = kLongRemittance,
    });
    return PaymentInitiation{
        .message_id = "ZC-PAY-2024-0007",
        .creation_date_time = "2024-03-14T09:30:00",
        .initiating_party = "Gemeente Voorbeeld",
        .blocks = {first, second},
    };
}

xml::Element parsed(const std::string& document) {
    const xml::ParseResult r = xml::parseAndValidate(ourSchemas(), document);
    EXPECT_TRUE(r.ok()) << describe(r.problems);
    return r.root.value_or(xml::Element{});
}

std::string textAt(const xml::Element& e, std::string_view path) {
    const xml::Element* found = e.find(path);
    EXPECT_NE(found, nullptr) << "no " << path;
    return found ? found->text : std::string();
}

TEST(Pain001, ControlSumsAndCounts) {
    const PaymentInitiation p = sample();
    const ControlTotals all = controlTotals(p);
    EXPECT_EQ(all.count, 3u);
    EXPECT_EQ(all.sum, Money::parse("1000001234.56"));
    EXPECT_EQ(controlTotals(p.blocks[0]).sum, Money::parse("1234.57"));

    const xml::Element doc = parsed(writePain001(p));
    const xml::Element& root = *doc.child("CstmrCdtTrfInitn");
    EXPECT_EQ(textAt(root, "GrpHdr/NbOfTxs"), "3");
    EXPECT_EQ(textAt(root, "GrpHdr/CtrlSum"), "1000001234.56");
    const auto blocks = root.all("PmtInf");
    ASSERT_EQ(blocks.size(), 2u);
    EXPECT_EQ(textAt(*blocks[0], "NbOfTxs"), "2");
    EXPECT_EQ(textAt(*blocks[0], "CtrlSum"), "1234.57");
    EXPECT_EQ(blocks[0]->all("CdtTrfTxInf").size(), 2u);
    EXPECT_EQ(textAt(*blocks[1], "NbOfTxs"), "1");
    EXPECT_EQ(textAt(*blocks[1], "CtrlSum"), "999999999.99");
}

TEST(Pain001, WritesTheSepaFixedCodesAndAgents) {
    const xml::Element doc = parsed(writePain001(sample()));
    EXPECT_EQ(doc.ns, kPain001Namespace);
    const xml::Element& root = *doc.child("CstmrCdtTrfInitn");
    EXPECT_EQ(textAt(root, "GrpHdr/MsgId"), "ZC-PAY-2024-0007");
    EXPECT_EQ(textAt(root, "GrpHdr/CreDtTm"), "2024-03-14T09:30:00");
    EXPECT_EQ(textAt(root, "GrpHdr/InitgPty/Nm"), "Gemeente Voorbeeld");
    const auto blocks = root.all("PmtInf");
    ASSERT_EQ(blocks.size(), 2u);
    for (const xml::Element* b : blocks) {
        EXPECT_EQ(textAt(*b, "PmtMtd"), "TRF");
        EXPECT_EQ(textAt(*b, "PmtTpInf/SvcLvl/Cd"), "SEPA");
        EXPECT_EQ(textAt(*b, "ChrgBr"), "SLEV");
        for (const xml::Element* t : b->all("CdtTrfTxInf")) {
            EXPECT_EQ(t->find("Amt/InstdAmt")->attribute("Ccy"), "EUR");
            EXPECT_EQ(t->child("ChrgBr"), nullptr) << "ChrgBr only at payment level";
        }
    }
    EXPECT_EQ(textAt(*blocks[0], "BtchBookg"), "false");
    EXPECT_EQ(textAt(*blocks[1], "BtchBookg"), "true");
    EXPECT_EQ(textAt(*blocks[0], "ReqdExctnDt"), "2024-03-15");
    EXPECT_EQ(textAt(*blocks[0], "DbtrAcct/Id/IBAN"), "NL14BNGH0285001234");
    EXPECT_EQ(textAt(*blocks[0], "DbtrAgt/FinInstnId/BIC"), "BNGHNL2G");
    // IBAN-only: the mandatory debtor agent says NOTPROVIDED, the creditor agent is left out.
    EXPECT_EQ(textAt(*blocks[1], "DbtrAgt/FinInstnId/Othr/Id"), "NOTPROVIDED");
    const auto transfers = blocks[0]->all("CdtTrfTxInf");
    EXPECT_EQ(textAt(*transfers[0], "CdtrAgt/FinInstnId/BIC"), "RABONL2U");
    EXPECT_EQ(transfers[1]->child("CdtrAgt"), nullptr);
    EXPECT_EQ(textAt(*transfers[1], "CdtrAcct/Id/IBAN"), "NL20INGB0001234567");
    EXPECT_EQ(textAt(*transfers[1], "Amt/InstdAmt"), "0.01");
    EXPECT_EQ(transfers[1]->child("RmtInf"), nullptr) << "no remittance, no RmtInf";
    EXPECT_EQ(textAt(*transfers[0], "PmtId/EndToEndId"), "ZC-PR2024-0007-000001");
}

TEST(Pain001, TransliteratesAndTruncatesText) {
    const xml::Element doc = parsed(writePain001(sample()));
    const auto blocks = doc.child("CstmrCdtTrfInitn")->all("PmtInf");
    const auto first = blocks[0]->all("CdtTrfTxInf");
    EXPECT_EQ(textAt(*first[0], "Cdtr/Nm"), "Zorggroep Noorde + Zn B.V.");
    EXPECT_EQ(textAt(*first[1], "Cdtr/Nm"), "'s-Hertogenbosch Thuiszorg (Noord)");
    const xml::Element& third = *blocks[1]->child("CdtTrfTxInf");
    const std::string name = textAt(third, "Cdtr/Nm");
    EXPECT_EQ(name.size(), kMaxSepaNameChars);
    EXPECT_EQ(name, "Stichting IJsselzorg voor Wijkverpleging en Huishoudelijke Ondersteuni");
    const std::string remittance = textAt(third, "RmtInf/Ustrd");
    EXPECT_EQ(remittance.size(), kMaxSepaRemittanceChars);
    EXPECT_EQ(remittance, kLongRemittance.substr(0, kMaxSepaRemittanceChars));
}

TEST(Pain001, EscapesMarkupCharacters) {
    const std::string out = writePain001(sample());
    // The apostrophe is a SEPA character and is written as a character reference; no raw
    // markup from the input reaches the file.
    EXPECT_NE(out.find("<Nm>&apos;s-Hertogenbosch Thuiszorg (Noord)</Nm>"), std::string::npos);
    EXPECT_EQ(out.find("<Noord>"), std::string::npos);
    EXPECT_EQ(out.find("&amp;"), std::string::npos) << "& is transliterated to +";
    EXPECT_EQ(out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0u);
    EXPECT_EQ(out.back(), '\n');
}

TEST(Pain001, IsDeterministicAndMatchesTheGoldenFile) {
    const std::string once = writePain001(sample());
    EXPECT_EQ(once, writePain001(sample()));
    const std::filesystem::path golden = kFixtures / "pain001_expected.xml";
    const std::string expected = readText(golden);
    if (once != expected) {
        const auto actual = std::filesystem::temp_directory_path() / "zc_pain001_actual.xml";
        std::ofstream(actual, std::ios::binary) << once;
        ADD_FAILURE() << "output differs from " << golden << "; actual written to " << actual;
    }
}

TEST(Pain001, ValidAgainstOurSchema) {
    const std::string out = writePain001(sample());
    EXPECT_EQ(describe(validate(ourSchemas(), out)), "OK");
}

TEST(Pain001, ValidAgainstTheOfficialIsoSchema) {
    const xml::SchemaSet* official = officialSchemas("pain.001.001.03.xsd");
    if (official == nullptr) GTEST_SKIP() << "official pain.001.001.03.xsd absent";
    EXPECT_EQ(describe(validate(*official, writePain001(sample()))), "OK");
}

// Each row: what SEPA forbids but ISO allows is refused by our schema only.
TEST(Pain001, OurSchemaIsStricterWhereSepaIs) {
    const std::string out = writePain001(sample());
    const xml::SchemaSet* official = officialSchemas("pain.001.001.03.xsd");
    struct Row {
        const char* what;
        std::string from;
        std::string to;
    };
    const Row rows[] = {
        {"non-SEPA character", "<Nm>Gemeente Voorbeeld</Nm>", "<Nm>Gemeente &amp; Voorbeeld</Nm>"},
        {"name of 71", "<Nm>Gemeente Voorbeeld</Nm>", "<Nm>" + std::string(71, 'x') + "</Nm>"},
        {"currency", "Ccy=\"EUR\">1234.56", "Ccy=\"USD\">1234.56"},
        {"3 decimals", ">1234.56<", ">1234.567<"},
        {"amount above SEPA max", ">999999999.99</InstdAmt>", ">1000000000.00</InstdAmt>"},
        {"zero amount", ">0.01</InstdAmt>", ">0.00</InstdAmt>"},
        {"charge bearer", "<ChrgBr>SLEV</ChrgBr>", "<ChrgBr>SHAR</ChrgBr>"},
        {"remittance character", "<Ustrd>Declaratie 2024-02", "<Ustrd>Declaratie_2024-02"},
        {"identifier with //", "ZC-PR2024-0007-000001", "ZC-PR2024//0007-000001"},
        {"lower-case IBAN", "NL91ABNA0417164300", "NL91abna0417164300"},
    };
    for (const Row& row : rows) {
        const std::string changed = replaced(out, row.from, row.to);
        EXPECT_EQ(codeOf(validate(ourSchemas(), changed)), "XSD_INVALID") << row.what;
        if (official) {
            EXPECT_EQ(describe(validate(*official, changed)), "OK") << row.what;
        }
    }
}

struct Refusal {
    const char* code;
    const char* field;
    std::function<void(PaymentInitiation&)> change;
};

TEST(Pain001, RefusesBadInputTable) {
    const Refusal rows[] = {
        {"PAIN_INVALID_MESSAGE_ID", "message_id", [](auto& p) { p.message_id = ""; }},
        {"PAIN_INVALID_MESSAGE_ID", "message_id",
         [](auto& p) { p.message_id = std::string(36, 'M'); }},
        {"PAIN_INVALID_CREATION_TIME", "creation_date_time",
         [](auto& p) { p.creation_date_time = "2024-03-14 09:30"; }},
        {"PAIN_INVALID_CREATION_TIME", "creation_date_time",
         [](auto& p) { p.creation_date_time = "2024-02-30T09:30:00"; }},
        {"PAIN_MISSING_NAME", "initiating_party", [](auto& p) { p.initiating_party = " \t"; }},
        {"PAIN_NO_BLOCKS", "blocks", [](auto& p) { p.blocks.clear(); }},
        {"PAIN_INVALID_PAYMENT_INFO_ID", "blocks[1].payment_info_id",
         [](auto& p) { p.blocks[1].payment_info_id = "/PAY"; }},
        {"PAIN_DUPLICATE_PAYMENT_INFO_ID", "blocks[1].payment_info_id",
         [](auto& p) { p.blocks[1].payment_info_id = p.blocks[0].payment_info_id; }},
        {"PAIN_MISSING_NAME", "blocks[0].debtor_name",
         [](auto& p) { p.blocks[0].debtor_name = ""; }},
        {"PAIN_INVALID_BIC", "blocks[0].debtor_bic",
         [](auto& p) { p.blocks[0].debtor_bic = "bnghnl2g"; }},
        {"PAIN_EMPTY_BLOCK", "blocks[1].transfers", [](auto& p) { p.blocks[1].transfers.clear(); }},
        {"PAIN_INVALID_END_TO_END_ID", "blocks[0].transfers[1].end_to_end_id",
         [](auto& p) { p.blocks[0].transfers[1].end_to_end_id = "Café-1"; }},
        {"PAIN_DUPLICATE_END_TO_END_ID", "blocks[1].transfers[0].end_to_end_id",
         [](auto& p) {
             p.blocks[1].transfers[0].end_to_end_id = p.blocks[0].transfers[0].end_to_end_id;
         }},
        {"PAIN_AMOUNT_NOT_POSITIVE", "blocks[0].transfers[0].amount",
         [](auto& p) { p.blocks[0].transfers[0].amount = Money(); }},
        {"PAIN_AMOUNT_NOT_POSITIVE", "blocks[0].transfers[1].amount",
         [](auto& p) { p.blocks[0].transfers[1].amount = Money::parse("-5.00"); }},
        {"PAIN_AMOUNT_TOO_LARGE", "blocks[1].transfers[0].amount",
         [](auto& p) { p.blocks[1].transfers[0].amount = kMaxSepaAmount + Money::fromCents(1); }},
        {"PAIN_MISSING_NAME", "blocks[0].transfers[0].creditor_name",
         [](auto& p) { p.blocks[0].transfers[0].creditor_name = "\xE2\x80\x8B"; }},
        {"PAIN_INVALID_BIC", "blocks[0].transfers[0].creditor_bic",
         [](auto& p) { p.blocks[0].transfers[0].creditor_bic = "RABONL2"; }},
        {"SEPA_INVALID_UTF8", "blocks[0].transfers[0].remittance",
         [](auto& p) { p.blocks[0].transfers[0].remittance = "Declaratie \xC3"; }},
    };
    for (const Refusal& row : rows) {
        PaymentInitiation p = sample();
        row.change(p);
        try {
            writePain001(p);
            ADD_FAILURE() << "accepted; expected " << row.code << " on " << row.field;
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.code(), row.code) << row.field << ": " << e.what();
            EXPECT_EQ(e.field(), row.field) << row.code;
            EXPECT_FALSE(std::string(e.what()).empty());
        }
    }
}

TEST(Pain001, AcceptsCreationTimesWithFractionsAndZones) {
    for (const char* t : {"2024-03-14T09:30:00.123", "2024-03-14T09:30:00Z",
                          "2024-03-14T09:30:00+01:00", "2024-03-14T23:59:59.5-05:30"}) {
        PaymentInitiation p = sample();
        p.creation_date_time = t;
        const std::string out = writePain001(p);
        EXPECT_EQ(describe(validate(ourSchemas(), out)), "OK") << t;
    }
}

TEST(Pain001, RefusesTooManyTransfers) {
    PaymentInitiation p = sample();
    CreditTransfer t = p.blocks[0].transfers[0];
    p.blocks[0].transfers.assign(kMaxTransfersPerMessage, t);
    try {
        validatePain001(p);
        ADD_FAILURE() << "accepted " << kMaxTransfersPerMessage + 1 << " transfers";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "PAIN_TOO_MANY_TRANSFERS");
    }
}

}  // namespace
}  // namespace zc::iso20022
