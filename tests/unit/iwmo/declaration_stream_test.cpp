// DeclarationStream: the WMO323 read on a thread of its own, handed over in batches.
#include "interfaces/iwmo/declaration_stream.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

namespace zc::iwmo {
namespace {

const std::filesystem::path kSourceDir = ZC_SOURCE_DIR;

const xml::SchemaSet& schemas() {
    static const xml::SchemaSet set(kSourceDir / "interfaces/xml/schemas/iwmo-3.2");
    return set;
}

DeclarationHead head() {
    DeclarationHead h{};
    h.afzender = "12345678";
    h.ontvanger = "0363";
    h.identificatie = "STREAM1";
    h.dagtekening = parseDate("2025-04-03");
    h.declaratie_nummer = "DECSTREAM";
    h.period_begin = parseDate("2025-03-01");
    h.period_end_inclusive = parseDate("2025-03-31");
    h.declaratie_dagtekening = parseDate("2025-04-02");
    h.xsd_basis = "1.0.0";
    h.xsd_bericht = "1.0.0";
    return h;
}

// A valid WMO323 of `n` prestaties with references R0..R<n-1>, four per client.
std::string declaration(std::size_t n) {
    std::vector<Prestatie> lines;
    for (std::size_t i = 0; i < n; ++i) {
        Prestatie p{};
        p.bsn = std::to_string(100000000 + i / 4);
        p.reference = "R" + std::to_string(i);
        p.allocation_number = std::to_string(500000 + i / 4);
        p.category = "02";
        p.product_code = "02A01";
        p.begin = parseDate("2025-03-01");
        p.end_inclusive = parseDate("2025-03-31");
        p.volume = 2;
        p.unit_code = "04";
        p.tariff_cents = 6000;
        p.amount_cents = 12000;
        p.credit = false;
        lines.push_back(p);
    }
    DeclarationHead h = head();
    setTotal(h, netCents(lines));
    std::ostringstream out;
    writeWmo323(out, h, lines);
    return out.str();
}

TEST(DeclarationStream, HandsOverTheHeadFirstThenBatchesInDocumentOrder) {
    const auto source = DeclarationSource::text(declaration(1234));
    DeclarationStream stream(schemas(), source, declarationLimits(), 500, 2);
    std::vector<std::size_t> sizes;
    std::vector<std::string> references;
    std::optional<DeclarationHead> first_head;
    for (bool end = false; !end;) {
        auto batch = stream.next();
        if (sizes.empty())
            first_head = batch.head;
        else
            EXPECT_FALSE(batch.head.has_value()) << "the head comes once";
        end = batch.end;
        if (end) {
            EXPECT_TRUE(batch.problems.empty()) << batch.problems.front().message;
        }
        sizes.push_back(batch.prestaties.size());
        for (const auto& p : batch.prestaties) references.push_back(p.reference);
    }
    ASSERT_TRUE(first_head.has_value());
    EXPECT_EQ(first_head->declaratie_nummer, "DECSTREAM");
    EXPECT_EQ(sizes, (std::vector<std::size_t>{500, 500, 234}));
    ASSERT_EQ(references.size(), 1234u);
    EXPECT_EQ(references.front(), "R0");
    EXPECT_EQ(references[777], "R777");
    EXPECT_EQ(references.back(), "R1233");
}

TEST(DeclarationStream, AnInvalidDocumentEndsWithItsProblem) {
    std::string text = declaration(3);
    const auto at = text.find("<wmo323:Eenheid>04</wmo323:Eenheid>");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 35, "<wmo323:Eenheid>99</wmo323:Eenheid>");
    const auto source = DeclarationSource::text(text);
    DeclarationStream stream(schemas(), source, declarationLimits());
    DeclarationStream::Batch batch;
    do {
        batch = stream.next();
    } while (!batch.end);
    ASSERT_FALSE(batch.problems.empty());
    EXPECT_EQ(batch.problems.front().code, "XSD_INVALID");
    EXPECT_NE(batch.problems.front().message.find("99"), std::string::npos)
        << batch.problems.front().message;
}

TEST(DeclarationStream, AFileThatCannotBeReadIsAProblemNotAHang) {
    const auto source = DeclarationSource::file("/nonexistent/zc-declaration.xml");
    DeclarationStream stream(schemas(), source, declarationLimits());
    const auto batch = stream.next();
    ASSERT_TRUE(batch.end);
    ASSERT_FALSE(batch.problems.empty());
    EXPECT_EQ(batch.problems.front().code, "XML_UNREADABLE");
}

TEST(DeclarationStream, StoppingEndsTheReadEarlyEvenWhenTheQueueIsFull) {
    const auto source = DeclarationSource::text(declaration(5000));
    DeclarationStream stream(schemas(), source, declarationLimits(), 100, 1);
    auto first = stream.next();
    ASSERT_TRUE(first.head.has_value());
    stream.stop();
    std::size_t delivered = first.prestaties.size();
    DeclarationStream::Batch batch;
    do {
        batch = stream.next();
        delivered += batch.prestaties.size();
    } while (!batch.end);
    ASSERT_FALSE(batch.problems.empty());
    EXPECT_EQ(batch.problems.front().code, "STREAM_STOPPED");
    EXPECT_LT(delivered, 5000u);
}

TEST(DeclarationStream, TextIsNeverTakenForAPath) {
    // A body naming a file on the server is text that is not XML, not a file to read.
    const auto source = DeclarationSource::text(std::string(ZC_SOURCE_DIR) + "/README.md");
    DeclarationStream stream(schemas(), source, declarationLimits());
    const auto batch = stream.next();
    ASSERT_TRUE(batch.end);
    ASSERT_FALSE(batch.problems.empty());
    EXPECT_EQ(batch.problems.front().code, "XML_MALFORMED");
}

TEST(DeclarationStream, LeavingEarlyStopsAndJoinsTheReader) {
    const auto source = DeclarationSource::text(declaration(5000));
    {
        DeclarationStream stream(schemas(), source, declarationLimits(), 100, 1);
        EXPECT_EQ(stream.next().prestaties.size(), 100u);
    }  // the destructor must not wait for the whole file to be consumed
    SUCCEED();
}

}  // namespace
}  // namespace zc::iwmo
