// The XML we emit (WMO301, WMO319 and the retours 306/308/316/318) against our schemas, where
// the reference folder has them the official iWmo 3.2 XSDs and the official validation
// stylesheet, OP065 (a retour holds only a client with a rejected class) and OP192 (no
// byte-order mark, CR/LF line ends); the address rules of the WMO301 Contact; and the
// retour-code catalogue against the codes the intake can emit.
#include "interfaces/iwmo/writers.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>

#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/xml/xml_document.hpp"
#include "tests/support/official_stylesheet.hpp"

namespace zc::iwmo {
namespace {

const std::filesystem::path kSourceDir = ZC_SOURCE_DIR;
const std::filesystem::path kOurSchemas = kSourceDir / "interfaces/xml/schemas/iwmo-3.2";
const std::filesystem::path kOfficialSchemas = kSourceDir / "../shared/reference/iwmo-3.2";
const std::filesystem::path kSamples = kSourceDir / "tests/data/iwmo";

const xml::SchemaSet& ourSchemas() {
    static const xml::SchemaSet set(kOurSchemas);
    return set;
}

// The official set, or nullptr (with the reason printed) when `message`.xsd is absent.
const xml::SchemaSet* officialSchemas(const std::string& message) {
    if (!std::filesystem::exists(kOfficialSchemas / (message + ".xsd"))) {
        std::cout << "official reference schema " << (kOfficialSchemas / (message + ".xsd"))
                  << " absent; the check against the official XSD is skipped\n";
        return nullptr;
    }
    static const xml::SchemaSet set(kOfficialSchemas);
    return &set;
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << "cannot read " << path;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string describe(const xml::ParseResult& r) {
    if (r.problems.empty()) return "OK";
    const auto& p = r.problems.front();
    return p.code + " " + p.message + " at line " + std::to_string(p.line) + ", column " +
           std::to_string(p.column);
}

// Parses `text` against `schemas`; fails the test (with the document) when it is not valid.
xml::Element mustParse(const xml::SchemaSet& schemas, const std::string& text) {
    const auto r = xml::parseAndValidate(schemas, text);
    EXPECT_TRUE(r.ok()) << describe(r) << "\n" << text;
    return r.root.value_or(xml::Element{});
}

std::string textAt(const xml::Element& root, std::string_view path) {
    const auto* e = root.find(path);
    return e ? e->text : std::string("<absent>");
}

// Every element with this local name anywhere below `e` (document order).
void collect(const xml::Element& e, const std::string& name,
             std::vector<const xml::Element*>& out) {
    if (e.name == name) out.push_back(&e);
    for (const auto& c : e.children) collect(c, name, out);
}

std::vector<const xml::Element*> allNamed(const xml::Element& root, const std::string& name) {
    std::vector<const xml::Element*> out;
    collect(root, name, out);
    return out;
}

std::vector<std::string> codesOf(const xml::Element& cls) {
    std::vector<std::string> out;
    if (const auto* rc = cls.child("RetourCodes")) {
        for (const auto* c : rc->all("RetourCode")) out.push_back(c->text);
    }
    return out;
}

// The official validation stylesheet over `text`: no Fout. Skips (returns false) when the
// reference folder is absent; xsltproc itself is required.
bool passesOfficialStylesheet(const std::string& text, const std::string& what) {
    const auto xsl = test::officialStylesheet(kSourceDir);
    if (!std::filesystem::exists(xsl)) {
        std::cout << "official stylesheet " << xsl << " absent; the check is skipped\n";
        return false;
    }
    const auto report = test::runOfficialStylesheet(xsl, text);
    EXPECT_EQ(report.error, "") << what;
    for (const auto& f : report.fouten) {
        ADD_FAILURE() << what << " breaks " << test::describe(f) << "\n" << text;
    }
    return true;
}

// OP192: UTF-8 without a byte-order mark, every line ended by CR/LF.
void expectOp192(const std::string& text, const std::string& what) {
    EXPECT_EQ(text.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n", 0), 0u)
        << what << " does not start with the XML declaration and CR/LF";
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
        ASSERT_TRUE(at > 0 && text[at - 1] == '\r') << what << ": a bare LF at offset " << at;
    }
}

// ---------------------------------------------------------------------------------------------
// WMO301

OutgoingHeader header301() { return {"0193", "73000101", "301000000042", parseDate("2025-11-20")}; }

Client301 client301() {
    Client301 c;
    c.bsn = "999993653";
    c.birth_date = parseDate("1950-06-15");
    c.gender = "2";
    c.surname = "Vries";
    c.prefix = "de";
    c.given_names = "Hendrika Johanna";
    c.initials = "H.J.";
    c.street = "Grote Markt";
    c.house_number = "12";
    c.postcode = "8011LW";
    c.city = "Zwolle";
    return c;
}

std::vector<Allocation301> allocations301() {
    Allocation301 open;
    open.number = 100001;
    open.category = "02";
    open.product_code = "02A01";
    open.allocated_on = parseDate("2025-11-20");
    open.allocated_time = "10:15:00";
    open.start = parseDate("2025-12-01");
    open.volume = 40;
    open.unit_code = "04";
    open.frequency_code = "4";

    Allocation301 ending;
    ending.number = 100002;
    ending.referentie_aanbieder = "VOT-2025-17";
    ending.category = "07";
    ending.product_code = "07A02";
    ending.allocated_on = parseDate("2025-11-20");
    ending.allocated_time = "10:15:01";
    ending.start = parseDate("2025-03-10");
    // The allocation ends (exclusively) on 2026-01-01; iWmo wants the last day itself.
    ending.end_inclusive = addDays(parseDate("2026-01-01"), -1);
    ending.reason_change = "04";
    ending.volume = 4;
    ending.unit_code = "16";
    ending.frequency_code = "2";
    return {open, ending};
}

TEST(Wmo301Writer, IsValidAgainstOurSchemaWithTheExpectedContent) {
    const std::string text = buildWmo301(header301(), client301(), allocations301());
    const xml::Element root = mustParse(ourSchemas(), text);
    EXPECT_EQ(root.ns, kindByName("wmo301").ns());
    EXPECT_EQ(textAt(root, "Header/BerichtCode"), "414");
    EXPECT_EQ(textAt(root, "Header/Afzender"), "0193");
    EXPECT_EQ(textAt(root, "Header/Ontvanger"), "73000101");
    EXPECT_EQ(textAt(root, "Header/BerichtIdentificatie/Identificatie"), "301000000042");
    EXPECT_EQ(textAt(root, "Header/BerichtIdentificatie/Dagtekening"), "2025-11-20");
    EXPECT_EQ(textAt(root, "Header/XsdVersie/BasisschemaXsdVersie"), "1.0.0");
    EXPECT_EQ(textAt(root, "Client/Bsn"), "999993653");
    EXPECT_EQ(textAt(root, "Client/Naam/Geslachtsnaam/Achternaam"), "Vries");
    EXPECT_EQ(textAt(root, "Client/Naam/Geslachtsnaam/Voorvoegsel"), "de");
    EXPECT_EQ(textAt(root, "Client/Naam/Voornamen"), "Hendrika Johanna");
    EXPECT_EQ(textAt(root, "Client/Naam/Voorletters"), "HJ") << "letters only, no dots";
    EXPECT_EQ(root.find("Client/Naam/Geslachtsnaam/Voorvoegsel")->ns, kBasisNamespace);

    const auto products = root.find("Client/ToegewezenProducten")->all("ToegewezenProduct");
    ASSERT_EQ(products.size(), 2u);
    EXPECT_EQ(products[0]->childText("ToewijzingNummer"), "100001");
    EXPECT_EQ(products[0]->child("Einddatum"), nullptr) << "open-ended: no Einddatum";
    EXPECT_EQ(products[0]->child("ReferentieAanbieder"), nullptr);
    EXPECT_EQ(products[0]->find("Omvang/Volume")->text, "40");
    EXPECT_EQ(products[1]->childText("ToewijzingNummer"), "100002");
    EXPECT_EQ(products[1]->childText("ReferentieAanbieder"), "VOT-2025-17");
    EXPECT_EQ(products[1]->childText("Ingangsdatum"), "2025-03-10");
    EXPECT_EQ(products[1]->childText("Einddatum"), "2025-12-31")
        << "Einddatum is inclusive: exclusive end 2026-01-01 is written as 2025-12-31";
    EXPECT_EQ(products[1]->childText("RedenWijziging"), "04");
    EXPECT_EQ(products[1]->childText("Toewijzingstijd"), "10:15:01");
}

TEST(Wmo301Writer, ARemovedAllocationEndsOnItsIngangsdatum) {
    // Removed (13): stored as ending (exclusively) where it starts; CS335 and CS003 want the
    // Einddatum equal to the Ingangsdatum, not the day before.
    auto allocations = allocations301();
    allocations[1].end_inclusive = addDays(allocations[1].start, -1);
    allocations[1].reason_change = "13";
    const xml::Element root =
        mustParse(ourSchemas(), buildWmo301(header301(), client301(), allocations));
    const auto products = root.find("Client/ToegewezenProducten")->all("ToegewezenProduct");
    ASSERT_EQ(products.size(), 2u);
    EXPECT_EQ(products[1]->childText("Ingangsdatum"), "2025-03-10");
    EXPECT_EQ(products[1]->childText("Einddatum"), "2025-03-10");
    EXPECT_EQ(products[1]->childText("RedenWijziging"), "13");
}

TEST(Wmo301Writer, WithoutPrefixOrInitialsLeavesThemOut) {
    Client301 c = client301();
    c.prefix.clear();
    c.initials.clear();
    c.given_names.clear();
    const xml::Element root =
        mustParse(ourSchemas(), buildWmo301(header301(), c, allocations301()));
    EXPECT_EQ(root.find("Client/Naam/Geslachtsnaam/Voorvoegsel"), nullptr);
    EXPECT_EQ(root.find("Client/Naam/Voorletters"), nullptr);
    EXPECT_EQ(root.find("Client/Naam/Voornamen"), nullptr);
}

TEST(Wmo301Writer, SplitsAHouseNumberWithLetterOrAdditionAndLeavesOutEmptyAddressParts) {
    Client301 c = client301();
    c.house_number = "88a";
    c.street.clear();
    auto root = mustParse(ourSchemas(), buildWmo301(header301(), c, allocations301()));
    const auto* huis = root.find("Client/Contactgegevens/Contact/Adres/Huis");
    ASSERT_NE(huis, nullptr);
    EXPECT_EQ(huis->childText("Huisnummer"), "88");
    EXPECT_EQ(huis->childText("Huisletter"), "a");
    EXPECT_EQ(root.find("Client/Contactgegevens/Contact/Adres/Straatnaam"), nullptr);

    c.house_number = "12-bis";
    root = mustParse(ourSchemas(), buildWmo301(header301(), c, allocations301()));
    EXPECT_EQ(root.find("Client/Contactgegevens/Contact/Adres/Huis/HuisnummerToevoeging")->text,
              "bis");
}

TEST(Wmo301Writer, IsValidAgainstTheOfficialSchema) {
    const auto* official = officialSchemas("wmo301");
    if (!official) GTEST_SKIP() << "official wmo301.xsd absent in " << kOfficialSchemas;
    const std::string text = buildWmo301(header301(), client301(), allocations301());
    const auto r = xml::parseAndValidate(*official, text);
    EXPECT_TRUE(r.ok()) << describe(r) << "\n" << text;
}

TEST(Wmo301Writer, PassesTheOfficialStylesheetAndOp192) {
    Client301 letter = client301();
    letter.house_number = "88a";
    letter.street.clear();
    letter.city.clear();
    Client301 addition = client301();
    addition.house_number = "12-bis";
    Client301 bare = client301();
    bare.prefix.clear();
    bare.initials.clear();
    bare.given_names.clear();
    const std::vector<std::pair<std::string, Client301>> variants{
        {"full address", client301()},
        {"house letter, no street or city", letter},
        {"addition", addition},
        {"no prefix, initials or given names", bare}};
    for (const auto& [what, client] : variants) {
        const std::string text = buildWmo301(header301(), client, allocations301());
        expectOp192(text, what);
        mustParse(ourSchemas(), text);
        if (!passesOfficialStylesheet(text, "WMO301 with " + what)) GTEST_SKIP();
    }
}

// What the writer used to emit for a client whose address held only the country: the
// stylesheet names the five rules that the address check at entry and addressProblem() now
// enforce. (Also a check that the stylesheet run reports what it finds.)
TEST(Wmo301Writer, TheOfficialStylesheetRejectsAContactWithOnlyACountry) {
    const auto xsl = test::officialStylesheet(kSourceDir);
    if (!std::filesystem::exists(xsl)) GTEST_SKIP() << xsl << " absent";
    std::string text = buildWmo301(header301(), client301(), allocations301());
    const auto from = text.find("<iwmo:Huis>");
    const auto to = text.find("<iwmo:LandCode>");
    ASSERT_TRUE(from != std::string::npos && to != std::string::npos && from < to);
    text.erase(from, to - from);
    ASSERT_TRUE(xml::parseAndValidate(ourSchemas(), text).ok()) << "still valid against the XSD";
    const auto report = test::runOfficialStylesheet(xsl, text);
    ASSERT_EQ(report.error, "");
    const auto codes = report.codes();
    EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()),
              (std::set<std::string>{"CD005", "CD025", "CD034", "CS089", "TR006"}))
        << text;
}

TEST(Wmo301Writer, RefusesAnAddressThatCannotConform) {
    Client301 c = client301();
    c.street.clear();
    c.house_number.clear();
    c.postcode.clear();
    c.city.clear();
    EXPECT_THROW(buildWmo301(header301(), c, allocations301()), std::invalid_argument)
        << "only the country";
    c.postcode = "8011LW";
    EXPECT_THROW(buildWmo301(header301(), c, allocations301()), std::invalid_argument)
        << "no house number";
    c.house_number = "12";
    EXPECT_NO_THROW(buildWmo301(header301(), c, allocations301()));
}

struct AddressCase {
    std::string street;
    std::string house_number;
    std::string postcode;
    std::string city;
    std::string rules;  // "" = conforms
    std::string field;
};

TEST(AddressRules, MirrorTheOfficialRulesOfTheContact) {
    const std::vector<AddressCase> cases{
        {"Grote Markt", "12", "8011LW", "Zwolle", "", ""},
        {"", "88a", "8011LW", "", "", ""},
        {"", "12-bis", "8011LW", "", "", ""},
        {"", "0", "8011lw", "", "", ""},  // CS089's letters may be lower case
        {"Grote Markt", "12", "", "Zwolle", "CD034, CD005, TR006", "postcode"},
        {"", "12", "0811LW", "", "CS089", "postcode"},
        {"", "12", "8011 LW", "", "CS089", "postcode"},
        {"", "", "8011LW", "", "CD025, TR006", "house_number"},
        {"", "a12", "8011LW", "", "CD025, TR006", "house_number"},
        {"", "123456", "8011LW", "", "Huisnummer", "house_number"},
        {"", "12 abcde", "8011LW", "", "HuisnummerToevoeging", "house_number"},
        {std::string(25, 'x'), "12", "8011LW", "", "Straatnaam", "street"},
        {"   ", "12", "8011LW", "", "Straatnaam", "street"},
        {"", "12", "8011LW", std::string(81, 'y'), "Plaatsnaam", "city"},
    };
    for (const auto& c : cases) {
        const auto problem = addressProblem(c.street, c.house_number, c.postcode, c.city);
        const std::string what =
            "[" + c.street + "|" + c.house_number + "|" + c.postcode + "|" + c.city + "]";
        if (c.rules.empty()) {
            EXPECT_FALSE(problem) << what << ": " << (problem ? problem->message : "");
            continue;
        }
        ASSERT_TRUE(problem) << what;
        EXPECT_EQ(problem->rules, c.rules) << what;
        EXPECT_EQ(problem->field, c.field) << what;
        EXPECT_NE(problem->message.find(c.rules.substr(0, c.rules.find(','))), std::string::npos)
            << "the message names the rule: " << problem->message;
    }
    // 24 characters of UTF-8 text (48 bytes) are allowed.
    std::string accents;
    for (int i = 0; i < 24; ++i) accents += "\xC3\xA9";  // é
    EXPECT_FALSE(addressProblem(accents, "1", "8011LW", ""));
}

TEST(Wmo301Writer, EscapesAmpersandAndLessThanInNamesAndSurvivesARoundTrip) {
    Client301 c = client301();
    c.surname = "Bakker & <Zn>";
    c.street = "Kerk & \"Toren\" 'straat'";
    const std::string text = buildWmo301(header301(), c, allocations301());
    EXPECT_EQ(text.find("Bakker & <Zn>"), std::string::npos) << "raw markup in the output";
    const xml::Element root = mustParse(ourSchemas(), text);
    EXPECT_EQ(textAt(root, "Client/Naam/Geslachtsnaam/Achternaam"), "Bakker & <Zn>");
    EXPECT_EQ(textAt(root, "Client/Contactgegevens/Contact/Adres/Straatnaam"),
              "Kerk & \"Toren\" 'straat'");
}

// ---------------------------------------------------------------------------------------------
// WMO319

TEST(Wmo319Writer, RejectionWithReasonAndInvestigationWithoutAreValidAgainstOurSchema) {
    const OutgoingHeader h{"0193", "73000101", "319000000007", parseDate("2025-11-21")};
    const xml::Element rejected = mustParse(ourSchemas(), buildWmo319(h, "VOT-2025-17", "1", "3"));
    EXPECT_EQ(rejected.ns, kindByName("wmo319").ns());
    EXPECT_EQ(textAt(rejected, "Header/BerichtCode"), "482");
    EXPECT_EQ(textAt(rejected, "Header/Ontvanger"), "73000101");
    EXPECT_EQ(textAt(rejected, "Antwoord/ReferentieAanbieder"), "VOT-2025-17");
    EXPECT_EQ(textAt(rejected, "Antwoord/VerzoekAntwoord"), "1");
    EXPECT_EQ(textAt(rejected, "Antwoord/RedenAfwijzingVerzoek"), "3");

    const xml::Element investigating = mustParse(ourSchemas(), buildWmo319(h, "VOW-9", "2", ""));
    EXPECT_EQ(textAt(investigating, "Antwoord/VerzoekAntwoord"), "2");
    EXPECT_EQ(investigating.find("Antwoord/RedenAfwijzingVerzoek"), nullptr);
}

TEST(Wmo319Writer, PassesTheOfficialStylesheetAndOp192) {
    const OutgoingHeader h{"0193", "73000101", "319000000007", parseDate("2025-11-21")};
    for (const auto& text :
         {buildWmo319(h, "VOT-2025-17", "1", "9"), buildWmo319(h, "VOW-9", "2", "")}) {
        expectOp192(text, "WMO319");
        if (!passesOfficialStylesheet(text, "WMO319")) GTEST_SKIP();
    }
}

TEST(Wmo319Writer, IsValidAgainstTheOfficialSchema) {
    const auto* official = officialSchemas("wmo319");
    if (!official) GTEST_SKIP() << "official wmo319.xsd absent in " << kOfficialSchemas;
    const OutgoingHeader h{"0193", "73000101", "319000000007", parseDate("2025-11-21")};
    for (const auto& text :
         {buildWmo319(h, "VOT-2025-17", "1", "9"), buildWmo319(h, "VOW-9", "2", "")}) {
        const auto r = xml::parseAndValidate(*official, text);
        EXPECT_TRUE(r.ok()) << describe(r) << "\n" << text;
    }
}

// ---------------------------------------------------------------------------------------------
// Retours on the sample heen-messages

struct RetourCase {
    const char* message;        // sample file stem
    const char* retour;         // retour kind
    const char* retour_code;    // its BerichtCode
    const char* failing_class;  // a class of the retour that gets an error code
    const char* error_code;
};

void PrintTo(const RetourCase& c, std::ostream* os) { *os << c.message; }

class RetourOnSample : public ::testing::TestWithParam<RetourCase> {
  protected:
    void SetUp() override {
        const auto r = xml::parseAndValidate(
            ourSchemas(), readFile(kSamples / (std::string(GetParam().message) + ".xml")));
        ASSERT_TRUE(r.ok()) << describe(r);
        received_ = *r.root;
        kind_ = kindByNamespace(received_.ns);
        ASSERT_NE(kind_, nullptr);
        ASSERT_EQ(kind_->retour_name, GetParam().retour);
    }

    // Checks what every retour must have: our schema, the switched BerichtCode, the original
    // identification, Afzender/Ontvanger unchanged, our IdentificatieRetour, the header's codes
    // (none for a fully accepted message), OP192 and the official stylesheet.
    xml::Element checkedRetour(const std::string& text,
                               const std::vector<std::string>& header_codes) {
        expectOp192(text, GetParam().retour);
        passesOfficialStylesheet(text, GetParam().retour);
        const xml::Element retour = mustParse(ourSchemas(), text);
        EXPECT_EQ(retour.ns, kindByName(GetParam().retour).ns());
        EXPECT_EQ(textAt(retour, "Header/BerichtCode"), GetParam().retour_code);
        EXPECT_NE(textAt(retour, "Header/BerichtCode"), textAt(received_, "Header/BerichtCode"));
        for (const char* path :
             {"Header/Afzender", "Header/Ontvanger", "Header/BerichtIdentificatie/Identificatie",
              "Header/BerichtIdentificatie/Dagtekening", "Header/BerichtVersie",
              "Header/BerichtSubversie"}) {
            EXPECT_EQ(textAt(retour, path), textAt(received_, path)) << path;
        }
        EXPECT_EQ(textAt(retour, "Header/IdentificatieRetour"), "R000000123");
        EXPECT_EQ(textAt(retour, "Header/DagtekeningRetour"), "2025-03-04");
        EXPECT_EQ(codesOf(*retour.child("Header")), header_codes);
        return retour;
    }

    RetourHeader header(std::vector<std::string> codes) const {
        return {"R000000123", parseDate("2025-03-04"), std::move(codes)};
    }

    // The failing class of the case in the received message, with its error code.
    ClassCodes failing() const {
        const auto targets = allNamed(received_, GetParam().failing_class);
        EXPECT_FALSE(targets.empty()) << GetParam().failing_class;
        return targets.empty() ? ClassCodes{}
                               : ClassCodes{{targets.front(), {GetParam().error_code}}};
    }

    // Every class of the retour kind present in `retour` carries RetourCodes.
    void expectEveryClassHasCodes(const xml::Element& retour) {
        for (const auto& cls : kindByName(GetParam().retour).classes) {
            for (const auto* e : allNamed(retour, cls)) {
                if (e->ns != retour.ns) continue;
                EXPECT_FALSE(codesOf(*e).empty()) << cls << " at line " << e->line;
            }
        }
    }

    xml::Element received_;
    const MessageKind* kind_ = nullptr;
};

// OP065 with IV028: a fully accepted message gets a retour of only the Header, without
// RetourCodes: no client, no class, no client data.
TEST_P(RetourOnSample, FullyAcceptedIsOnlyTheHeaderWithoutCodes) {
    const std::string text = buildRetour(received_, *kind_, header({}), {}, false);
    const xml::Element retour = checkedRetour(text, {});
    ASSERT_EQ(retour.children.size(), 1u) << text;
    EXPECT_EQ(retour.children.front().name, "Header");
    EXPECT_EQ(retour.child("Header")->child("RetourCodes"), nullptr);
    EXPECT_EQ(text.find("Bsn"), std::string::npos) << "no client data in an accepting retour";
    EXPECT_EQ(retour.find("Header/BerichtIdentificatie/Identificatie")->ns, kBasisNamespace);
}

// Codes that reject nothing (0200 "no remark", 0233 "not assessed") leave the client out too.
TEST_P(RetourOnSample, CodesThatRejectNothingLeaveTheClientOut) {
    const ClassCodes codes{{received_.child("Client"), {"0200"}},
                           {allNamed(received_, GetParam().failing_class).front(), {"0233"}}};
    EXPECT_FALSE(rejectsAClass(codes));
    const xml::Element retour =
        checkedRetour(buildRetour(received_, *kind_, header({}), codes, false), {});
    EXPECT_EQ(retour.child("Client"), nullptr);
}

// OP065: the client with a rejected class comes back whole, every class with its codes.
TEST_P(RetourOnSample, AnErrorCodeLandsOnItsClassOnly) {
    const ClassCodes codes = failing();
    ASSERT_TRUE(rejectsAClass(codes));
    const std::string text = buildRetour(received_, *kind_, header({"0200"}), codes, false);
    const xml::Element retour = checkedRetour(text, {"0200"});
    ASSERT_NE(retour.child("Client"), nullptr) << "the client with the rejected class";
    expectEveryClassHasCodes(retour);
    const auto echoed = allNamed(retour, GetParam().failing_class);
    ASSERT_FALSE(echoed.empty());
    EXPECT_EQ(codesOf(*echoed.front()), std::vector<std::string>{GetParam().error_code});
    EXPECT_EQ(codesOf(*retour.child("Client")), std::vector<std::string>{"0200"});
    // The body is copied unchanged (BSN, and a basisschema child keeps its namespace).
    EXPECT_EQ(textAt(retour, "Client/Bsn"), textAt(received_, "Client/Bsn"));
    int classes = 0;
    for (const auto& cls : kindByName(GetParam().retour).classes) {
        for (const auto* e : allNamed(retour, cls)) classes += e->ns == retour.ns ? 1 : 0;
    }
    EXPECT_GE(classes, 2);
}

TEST_P(RetourOnSample, HeaderOnly0001HasNoBody) {
    const std::string text = buildRetour(received_, *kind_, header({"0001"}), failing(), true);
    const xml::Element retour = checkedRetour(text, {"0001"});
    EXPECT_EQ(retour.child("Client"), nullptr);
    ASSERT_EQ(retour.children.size(), 1u);
    EXPECT_EQ(text.find("Bsn"), std::string::npos) << "no client data in a 0001 retour";
}

TEST_P(RetourOnSample, EscapedCharactersInANameSurviveTheRoundTrip) {
    std::string sample = readFile(kSamples / (std::string(GetParam().message) + ".xml"));
    const std::string bsn_tag = "Bsn>999993653<";
    ASSERT_NE(sample.find(bsn_tag), std::string::npos);
    // 317 has no name: put the special characters in the ReferentieAanbieder instead.
    const bool has_name = sample.find(">Jansen<") != std::string::npos;
    const std::string from = has_name ? ">Jansen<" : ">VOW-2025-03<";
    const std::string to = has_name ? ">Jansen &amp; &lt;Zn&gt;<" : ">VOW &amp; &lt;3&gt;<";
    sample.replace(sample.find(from), from.size(), to);
    const auto r = xml::parseAndValidate(ourSchemas(), sample);
    ASSERT_TRUE(r.ok()) << describe(r);
    const std::string expected = has_name ? "Jansen & <Zn>" : "VOW & <3>";
    const std::string path =
        has_name ? "Client/Naam/Geslachtsnaam/Achternaam" : "Client/Verzoek/ReferentieAanbieder";
    ASSERT_EQ(textAt(*r.root, path), expected);
    // A rejected class, so that the client (and its name) is echoed.
    const auto targets = allNamed(*r.root, GetParam().failing_class);
    ASSERT_FALSE(targets.empty());
    const ClassCodes codes{{targets.front(), {GetParam().error_code}}};
    const std::string text = buildRetour(*r.root, *kind_, header({"0200"}), codes, false);
    EXPECT_EQ(text.find(expected), std::string::npos) << "raw markup in the retour";
    const xml::Element retour = mustParse(ourSchemas(), text);
    EXPECT_EQ(textAt(retour, path), expected);
}

INSTANTIATE_TEST_SUITE_P(
    Samples, RetourOnSample,
    ::testing::Values(RetourCase{"wmo305", "wmo306", "419", "StartProduct", "9019"},
                      RetourCase{"wmo307", "wmo308", "421", "StopProduct", "9069"},
                      RetourCase{"wmo315", "wmo316", "445", "AangevraagdProduct", "9347"},
                      RetourCase{"wmo317", "wmo318", "481", "TeWijzigenProduct", "9350"}),
    [](const ::testing::TestParamInfo<RetourCase>& info) {
        return std::string(info.param.message);
    });

TEST(RetourWriter, CodesOnSeveralClassesOf317) {
    const auto r = xml::parseAndValidate(ourSchemas(), readFile(kSamples / "wmo317.xml"));
    ASSERT_TRUE(r.ok()) << describe(r);
    const xml::Element& received = *r.root;
    const ClassCodes codes{{received.find("Client/Verzoek"), {"9347", "9349"}},
                           {received.find("Client"), {"9374"}}};
    const std::string text = buildRetour(received, kindByName("wmo317"),
                                         {"R1", parseDate("2025-03-04"), {"0200"}}, codes, false);
    const xml::Element retour = mustParse(ourSchemas(), text);
    EXPECT_EQ(codesOf(*retour.child("Client")), std::vector<std::string>{"9374"});
    EXPECT_EQ(codesOf(*retour.find("Client/Verzoek")), (std::vector<std::string>{"9347", "9349"}));
    EXPECT_EQ(codesOf(*retour.find("Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct")),
              std::vector<std::string>{"0200"});
}

// ---------------------------------------------------------------------------------------------
// The retour-code catalogue

// Every four-digit string literal at the start of a C++ string in the intake rules (the use
// cases of contracting/app and the exchange's level 2 and retour): "9019",
// "0001 at line ...", "0001: ...". A new code the intake emits is found here automatically.
std::set<std::string> codesEmittedByTheIntake() {
    std::set<std::string> out;
    for (const char* file :
         {"contracting/app/care_starts.cpp", "contracting/app/received_requests.cpp",
          "interfaces/iwmo/exchange/message_rules.cpp",
          "interfaces/iwmo/exchange/message_intake.cpp"}) {
        const std::string source = readFile(kSourceDir / file);
        static const std::regex literal(R"re("([0-9]{4})[" :])re");
        for (std::sregex_iterator it(source.begin(), source.end(), literal), end; it != end; ++it) {
            out.insert((*it)[1].str());
        }
    }
    return out;
}

TEST(RetourCodeCatalogue, HasATextForEveryCodeTheIntakeEmits) {
    const std::set<std::string> emitted = codesEmittedByTheIntake();
    // The extraction itself works: the codes known today are all found.
    for (const char* known : {"0001", "0200", "8848", "9019", "9063", "9069", "9071", "9074",
                              "9326", "9347", "9349", "9350", "9374", "9413", "9414", "9415"}) {
        EXPECT_TRUE(emitted.count(known)) << known << " not found in the intake sources";
    }
    std::set<std::string> catalogued;
    for (const auto& entry : retourCodeCatalogue()) {
        EXPECT_TRUE(catalogued.insert(entry.code).second) << "listed twice: " << entry.code;
        EXPECT_GE(entry.text.size(), 20u) << entry.code << " needs a text a provider can act on";
    }
    for (const auto& code : emitted) {
        EXPECT_TRUE(catalogued.count(code))
            << "retour code " << code << " is emitted by the intake but has no text";
        if (catalogued.count(code)) {
            EXPECT_FALSE(retourCodeText(code).empty()) << code;
        }
    }
}

TEST(RetourCodeCatalogue, MatchesTheTableInDocsIwmo) {
    const std::string readme = readFile(kSourceDir / "docs/iwmo.md");
    const auto begin = readme.find("**Retour codes we use**");
    ASSERT_NE(begin, std::string::npos);
    const auto end = readme.find("**Technical errors**", begin);
    const std::string table = readme.substr(begin, end - begin);
    std::set<std::string> documented;
    static const std::regex row(R"(\n\| ([0-9]{4}) \|)");
    for (std::sregex_iterator it(table.begin(), table.end(), row), e; it != e; ++it) {
        documented.insert((*it)[1].str());
    }
    std::set<std::string> catalogued;
    for (const auto& entry : retourCodeCatalogue()) catalogued.insert(entry.code);
    EXPECT_EQ(documented, catalogued);
}

}  // namespace
}  // namespace zc::iwmo
