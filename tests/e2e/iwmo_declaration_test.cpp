// WMO323 declarations over mutual TLS: the WMO325 answer, exactly once, and the dry run.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>

#include "declarations.hpp"
#include "interfaces/iwmo/declaration.hpp"
#include "interfaces/mysql/connection.hpp"
#include "iwmo_messages.hpp"
#include "session.hpp"
#include "support/https_client.hpp"

namespace zc {
namespace {

using e2e::headFor;
using e2e::ibTariffOn;
using e2e::kAgb;
using e2e::prestatie;
using e2e::write323;

std::int64_t count(const std::string& table) {
    db::Connection c(test::appDbConfig());
    return c.queryOne("SELECT COUNT(*) FROM " + table)->i64(0);
}

// A February 2026 declaration: 3 h at the contract tariff for February (accepted) and 1 h of
// January at a wrong one. (Two debits for one period in one message would break TR416 and
// reject the whole message.) No e2e test has a January 2026 line accepted.
std::string declaration(const std::string& suffix) {
    const std::int64_t tariff = ibTariffOn("2026-02-01");
    const auto good = prestatie("G" + suffix, 3, tariff);
    auto bad = prestatie("B" + suffix, 1, tariff - 100);
    bad.begin = parseDate("2026-01-01");
    bad.end_inclusive = parseDate("2026-01-31");
    const auto h = headFor(suffix, good.amount_cents + bad.amount_cents, "2026-02", "2026-03-02");
    std::ostringstream out;
    iwmo::writeWmo323(out, h, {good, bad});
    return out.str();
}

bool hasCode(const xml::Element& prestatie, const std::string& code) {
    const auto codes = e2e::iwmo::retourCodes(prestatie);
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

std::int64_t payablesOfDeclaration(const std::string& number) {
    db::Connection c(test::appDbConfig());
    return c
        .queryOne(
            "SELECT COALESCE(SUM(p.amount_cents), 0) FROM payables p JOIN declarations d"
            " ON p.source_type = 'declaration' AND p.source_id = d.id WHERE d.declaratie_nummer = "
            "?",
            {number})
        ->i64(0);
}

// `n` one-hour lines of allocation 1, references `stem`x0, `stem`x1, ..., each with a period of
// its own (days a..b of one of the months November 2025 to February 2026), so that no
// in-message rule breaks (two debits for one period would break TR416).
std::vector<iwmo::Prestatie> linesOfTheirOwnPeriod(const std::string& stem, std::size_t n,
                                                   std::int64_t tariff) {
    std::vector<iwmo::Prestatie> lines;
    for (const char* month : {"2026-02-01", "2026-01-01", "2025-12-01", "2025-11-01"}) {
        const Date first = parseDate(month);
        const int days = daysBetween(first, addMonths(first, 1));
        for (int a = 0; a < days && lines.size() < n; ++a) {
            for (int b = days - 1; b >= a && lines.size() < n; --b) {
                auto p = prestatie(stem + "x" + std::to_string(lines.size()), 1, tariff);
                p.begin = addDays(first, a);
                p.end_inclusive = addDays(first, b);
                lines.push_back(p);
            }
        }
    }
    return lines;
}

TEST(IwmoDeclaration, ACreditAndItsCorrectionInOneMessageAndAWrongTotalRejectingAll) {
    const std::string s1 = e2e::uniqueDigits(9);
    const std::int64_t tariff = ibTariffOn("2026-03-01");
    const auto provider = e2e::client().asProvider(kAgb);
    auto march = [&](iwmo::Prestatie p) {
        p.begin = parseDate("2026-03-01");
        p.end_inclusive = parseDate("2026-03-31");
        return p;
    };
    const auto original = march(prestatie("O" + s1, 4, tariff));
    ASSERT_EQ(
        provider
            .postXml("/api/v1/messages", write323(headFor(s1, original.amount_cents), {original}))
            .status,
        200);
    EXPECT_EQ(payablesOfDeclaration("D" + s1), original.amount_cents);

    // The corrected debit comes before the credit in the file; credits are processed first.
    const std::string s2 = e2e::uniqueDigits(9);
    const auto corrected = march(prestatie("N" + s2, 3, tariff));
    auto credit = march(prestatie("C" + s2, 4, tariff));
    credit.credit = true;
    credit.previous_reference = original.reference;
    const auto net = corrected.amount_cents - credit.amount_cents;
    const auto answer =
        provider.postXml("/api/v1/messages", write323(headFor(s2, net), {corrected, credit}));
    ASSERT_EQ(answer.status, 200) << answer.describe();
    EXPECT_TRUE(
        e2e::iwmo::findAll(*e2e::iwmo::parse(e2e::iwmo::ourSchemas(), answer.text), "Prestatie")
            .empty())
        << "nothing rejected:\n"
        << answer.text;
    EXPECT_EQ(payablesOfDeclaration("D" + s2), net);

    // A total that does not match its lines breaks TR358 (control level 2): the WMO325 is the
    // Header with 0001 only, nothing is stored, and the DeclaratieNummer stays free: the
    // corrected file may use it.
    const std::string s3 = e2e::uniqueDigits(9);
    const auto line = march(prestatie("W" + s3, 1, tariff));
    const auto declarations_before = count("declarations");
    const auto wrong =
        provider.postXml("/api/v1/messages", write323(headFor(s3, line.amount_cents + 1), {line}));
    ASSERT_EQ(wrong.status, 200) << wrong.describe();
    const auto header_only = e2e::iwmo::parse(e2e::iwmo::ourSchemas(), wrong.text);
    ASSERT_TRUE(header_only.has_value()) << wrong.text;
    EXPECT_EQ(e2e::iwmo::findAll(*header_only, "DeclaratieAntwoord").size(), 0u) << wrong.text;
    EXPECT_EQ(e2e::iwmo::retourCodes(*e2e::iwmo::findAll(*header_only, "Header")[0]),
              std::vector<std::string>{"0001"});
    EXPECT_EQ(count("declarations"), declarations_before) << "nothing stored";
    auto fixed_head = headFor(s3, line.amount_cents);
    fixed_head.identificatie += "b";
    auto fixed_line = line;
    fixed_line.reference += "b";
    const auto fixed = provider.postXml("/api/v1/messages", write323(fixed_head, {fixed_line}));
    ASSERT_EQ(fixed.status, 200) << fixed.describe();
    EXPECT_EQ(fixed.text.find("9333"), std::string::npos) << "the number was not used up";
    EXPECT_EQ(count("declarations"), declarations_before + 1);
    // Sending that number again is answered in the WMO325 with 9333.
    auto again_head = headFor(s3, line.amount_cents);
    again_head.identificatie += "c";
    const auto duplicate = provider.postXml("/api/v1/messages", write323(again_head, {fixed_line}));
    ASSERT_EQ(duplicate.status, 200) << duplicate.describe();
    EXPECT_NE(duplicate.text.find("<wmo325:RetourCode>9333</wmo325:RetourCode>"), std::string::npos)
        << duplicate.text;
    EXPECT_EQ(count("declarations"), declarations_before + 1);
}

TEST(IwmoDeclaration, IsAnsweredWithAWmo325ListingOnlyTheRejectedLineExactlyOnce) {
    const std::string suffix = e2e::uniqueDigits(9);
    const std::string xml = declaration(suffix);
    const auto provider = e2e::client().asProvider(kAgb);

    const auto declarations_before = count("declarations");
    const auto dry = provider.postXml("/api/v1/messages/dry-run", xml);
    ASSERT_EQ(dry.status, 200) << dry.describe();
    EXPECT_NE(dry.text.find("0611"), std::string::npos);
    EXPECT_EQ(count("declarations"), declarations_before) << "a dry run stores nothing";

    const auto first = provider.postXml("/api/v1/messages", xml);
    ASSERT_EQ(first.status, 200) << first.describe();
    std::string problems;
    const auto answer = e2e::iwmo::parse(e2e::iwmo::ourSchemas(), first.text, &problems);
    ASSERT_TRUE(answer.has_value()) << problems << "\n" << first.text;
    EXPECT_EQ(e2e::iwmo::firstText(*answer, "BerichtCode"), "485");
    const auto rejected = e2e::iwmo::findAll(*answer, "Prestatie");
    ASSERT_EQ(rejected.size(), 1u);
    EXPECT_EQ(e2e::iwmo::firstText(*rejected[0], "ReferentieNummer"), "B" + suffix);
    EXPECT_TRUE(hasCode(*rejected[0], "0611"));
    EXPECT_EQ(count("declarations"), declarations_before + 1);

    // The WMO325 is stored once, in the outbox: the inbox's retour refers to that row.
    db::Connection c(test::appDbConfig());
    EXPECT_EQ(c.queryOne("SELECT COUNT(*) FROM inbox_messages WHERE retour_code = '485'"
                         " AND retour_xml NOT LIKE 'zcout1:%'")
                  ->i64(0),
              0);
    const auto again = provider.postXml("/api/v1/messages", xml);
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(again.text, first.text) << "a repeat gets the stored answer, read from the outbox";
    EXPECT_EQ(count("declarations"), declarations_before + 1);
}

TEST(IwmoDeclaration, APrestatieTwiceInALargeFileRejectsTheWholeMessageAtLevelTwo) {
    // 1,499 lines (streamed and adjudicated in batches of 500), then the reference of line 5
    // again: the same prestatie twice in one message breaks TR101, a rule of the official
    // validation stylesheet, so the whole message is rejected at control level 2 (the Header
    // with 0001 only, nothing stored, nothing payable), although line 5's batch was adjudicated
    // long before. Every line has a period of its own (days a..b of one of the months November
    // 2025 to February 2026), so that TR101 is the only rule broken (two debits for one period
    // would break TR416). (Answering line by line, 8021 on the repeat, gave a WMO325 that
    // listed the reference twice: itself a TR101 Fout.)
    const std::string s = e2e::uniqueDigits(9);
    const std::int64_t tariff = ibTariffOn("2026-02-01");
    const auto declarations_before = count("declarations");
    constexpr std::size_t kLines = 1500;
    auto lines = linesOfTheirOwnPeriod("L" + s, kLines, tariff);
    lines.back().reference = "L" + s + "x5";
    lines.back().tariff_cents = tariff;
    lines.back().amount_cents = tariff;
    const auto h = headFor(s, iwmo::netCents(lines), "2026-02", "2026-03-02");
    const std::string xml = write323(h, lines);
    ASSERT_GT(xml.size(), 1u << 20) << "a body of more than 1 MiB is spooled to disk and streamed";
    const auto answer = e2e::client().asProvider(kAgb).postXml("/api/v1/messages", xml);
    ASSERT_EQ(answer.status, 200) << answer.describe();
    const auto parsed = e2e::iwmo::parse(e2e::iwmo::ourSchemas(), answer.text);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_TRUE(e2e::iwmo::findAll(*parsed, "Prestatie").empty()) << answer.text.substr(0, 4000);
    EXPECT_TRUE(e2e::iwmo::findAll(*parsed, "DeclaratieAntwoord").empty());
    EXPECT_EQ(e2e::iwmo::retourCodes(*e2e::iwmo::findAll(*parsed, "Header")[0]),
              std::vector<std::string>{"0001"});
    EXPECT_EQ(count("declarations"), declarations_before) << "nothing stored";
    EXPECT_EQ(payablesOfDeclaration("D" + s), 0);
}

TEST(IwmoDeclaration, AReferenceUsedInAnEarlierDeclarationIsFoundInALaterBatchOfALargeFile) {
    // References are looked up per batch of 500: the repeat, in the third batch, gets 8021;
    // the other lines are answered as usual (each line a period of its own, days a..b of one
    // month, so no in-message rule breaks).
    const std::string s = e2e::uniqueDigits(9);
    const std::int64_t tariff = ibTariffOn("2026-02-01");
    const auto provider = e2e::client().asProvider(kAgb);
    auto earlier_line = prestatie("E" + s, 1, tariff);
    earlier_line.begin = parseDate("2025-10-01");
    earlier_line.end_inclusive = parseDate("2025-10-01");
    ASSERT_EQ(provider
                  .postXml("/api/v1/messages", write323(headFor("E" + s, earlier_line.amount_cents,
                                                                "2026-02", "2026-03-02"),
                                                        {earlier_line}))
                  .status,
              200);
    constexpr std::size_t kLines = 1500;
    auto lines = linesOfTheirOwnPeriod("R" + s, kLines, tariff);
    lines[1200].reference = earlier_line.reference;
    const auto declarations_before = count("declarations");
    const auto answer = provider.postXml(
        "/api/v1/messages",
        write323(headFor(s, iwmo::netCents(lines), "2026-02", "2026-03-02"), lines));
    ASSERT_EQ(answer.status, 200) << answer.describe();
    const auto parsed = e2e::iwmo::parse(e2e::iwmo::ourSchemas(), answer.text);
    ASSERT_TRUE(parsed.has_value()) << answer.text.substr(0, 2000);
    EXPECT_EQ(e2e::iwmo::retourCodes(*e2e::iwmo::findAll(*parsed, "Header")[0]),
              std::vector<std::string>{"0200"});
    bool found = false;
    for (const auto* p : e2e::iwmo::findAll(*parsed, "Prestatie")) {
        if (p->find("ProductReferentie/ReferentieNummer")->text != earlier_line.reference) continue;
        found = true;
        EXPECT_TRUE(hasCode(*p, "8021")) << "the reused reference is not refused";
    }
    EXPECT_TRUE(found) << "the reused reference is not in the WMO325";
    EXPECT_EQ(count("declarations"), declarations_before + 1);
    db::Connection c(test::appDbConfig());
    EXPECT_EQ(c.queryOne("SELECT COUNT(*) FROM claim_lines l JOIN declarations d ON d.id ="
                         " l.declaration_id WHERE d.declaratie_nummer = ?",
                         {"D" + s})
                  ->i64(0),
              static_cast<std::int64_t>(kLines));
}

TEST(IwmoDeclaration, ADeclarationOver12MiBIsTakenByTheMessageEndpointAsByItsDryRun) {
    // Issue 14 (finding 3): POST /messages refused a WMO323 over 10 MiB (limits.max_xml_bytes)
    // while /messages/dry-run took it; both take it up to limits.max_declaration_bytes. The file
    // is one line padded with comments after its root element (quick to adjudicate, and
    // streamed like any large declaration).
    const std::string s = e2e::uniqueDigits(9);
    const std::int64_t tariff = ibTariffOn("2026-02-01");
    auto line = prestatie("P" + s, 1, tariff);
    line.begin = parseDate("2025-10-02");
    line.end_inclusive = parseDate("2025-10-02");
    std::string xml = write323(headFor(s, line.amount_cents, "2026-02", "2026-03-02"), {line});
    const std::string padding = "<!--" + std::string(60 * 1024, 'x') + "-->\n";
    while (xml.size() <= (12u << 20)) xml += padding;
    const auto provider = e2e::client().asProvider(kAgb);
    const auto declarations_before = count("declarations");

    for (const char* path : {"/api/v1/messages/dry-run", "/api/v1/messages"}) {
        const auto answer = provider.postXml(path, xml);
        ASSERT_EQ(answer.status, 200) << path << ": " << answer.describe().substr(0, 2000);
        const auto parsed = e2e::iwmo::parse(e2e::iwmo::ourSchemas(), answer.text);
        ASSERT_TRUE(parsed.has_value()) << answer.text.substr(0, 2000);
        EXPECT_EQ(e2e::iwmo::firstText(*parsed, "BerichtCode"), "485") << path;
    }
    EXPECT_EQ(count("declarations"), declarations_before + 1) << "the real run stored it once";
}

}  // namespace
}  // namespace zc
