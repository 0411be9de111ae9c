// The CSV exports for Dutch Excel of billing's lists (issue 15) against the real server: the
// review queue, declarations and a declaration's lines, and a provider's statement. Each file
// is checked for what Excel needs, its rows against the list's JSON, the list's roles, scope
// and filters, and the audit row of the export.
#include <gtest/gtest.h>

#include "e2e/csv_exports.hpp"
#include "e2e/openapi_conformance.hpp"
#include "e2e/session.hpp"
#include "interfaces/http/xlsx_workbook.hpp"
#include "tests/support/zip_reader.hpp"

namespace zc::e2e {
namespace {

using test::jsonObject;
using test::Response;

// The <row> elements of an exported workbook's sheet (the header row included).
std::size_t sheetRows(const std::string& sheet) {
    std::size_t n = 0;
    for (auto at = sheet.find("<row>"); at != std::string::npos; at = sheet.find("<row>", at + 1)) {
        ++n;
    }
    return n;
}

// The worksheet of an .xlsx answer, after checking it is one (media type, file name, package).
std::string expectWorkbook(const Response& r, const std::string& filename) {
    EXPECT_EQ(r.status, 200) << r.describe();
    EXPECT_EQ(r.header("Content-Type"), http::kXlsxMediaType);
    EXPECT_NE(r.header("Content-Disposition").find("filename=\"" + filename + "\""),
              std::string::npos)
        << r.header("Content-Disposition");
    const auto files = test::readZip(r.text);
    EXPECT_TRUE(files.count("xl/workbook.xml"));
    return files.count("xl/worksheets/sheet1.xml") ? files.at("xl/worksheets/sheet1.xml") : "";
}

TEST(CsvExports, TheReviewQueueWithItsFiltersRolesAndAuditRow) {
    const ReviewLine line = declareForReview();
    ASSERT_NE(line.declaration_id, 0);
    const auto cm = as("cm.jansen");
    const Response listed = client().get("/api/v1/reviews?status=open", cm);
    ASSERT_EQ(listed.status, 200) << listed.describe();
    Poco::JSON::Object::Ptr item;
    for (std::size_t i = 0; i < listed.array()->size(); ++i) {
        const auto o = listed.array()->getObject(static_cast<unsigned>(i));
        if (o->getValue<std::string>("reference") == line.reference) item = o;
    }
    ASSERT_TRUE(item);

    const Response open = client().get("/api/v1/exports/reviews.csv?status=open", cm);
    expectConforms("GET", "/exports/reviews.csv", open);
    const CsvFile file = expectCsv(open, "beoordelingen.csv");
    EXPECT_EQ(file.header.front(), "Id");
    EXPECT_EQ(file.header.at(11), "Bedrag (€)");
    for (const auto& r : file.rows) EXPECT_EQ(file.cell(r, "Status"), "open") << "the filter";
    const auto* row = file.rowWith("Prestatie", line.reference);
    ASSERT_NE(row, nullptr);
    EXPECT_EQ(file.cell(*row, "Id"), item->get("id").toString());
    EXPECT_EQ(file.cell(*row, "Declaratie"), line.number);
    EXPECT_EQ(file.cell(*row, "Aanbieder (AGB)"), line.agb);
    EXPECT_EQ(file.cell(*row, "Bedrag (€)"), dutchEuros(line.amount_cents));
    EXPECT_EQ(file.cell(*row, "Retourcode"), "9321");
    EXPECT_EQ(file.cell(*row, "Status"), "open");
    EXPECT_EQ(file.cell(*row, "Uiterlijk op"), dutchDate(item->getValue<std::string>("due_date")));
    EXPECT_EQ(file.cell(*row, "Begin periode"),
              dutchDate(item->getValue<std::string>("period_start")));
    const auto audit = newestExportAudit("reviews");
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->getValue<std::string>("actor"), "cm.jansen");
    EXPECT_NE(audit->getValue<std::string>("after").find("\"status\":\"open\""), std::string::npos);

    // Decided, the line leaves the open export and shows among the decided ones.
    const Response decided = client().post(
        "/api/v1/reviews/" + item->get("id").toString() + "/decision",
        jsonObject({{"decision", "accept"}, {"reason", "Export test: meer zorg nodig."}}), cm);
    ASSERT_EQ(decided.status, 200) << decided.describe();
    EXPECT_EQ(
        expectCsv(client().get("/api/v1/exports/reviews.csv?status=open", cm), "beoordelingen.csv")
            .rowWith("Prestatie", line.reference),
        nullptr);
    const CsvFile done = expectCsv(client().get("/api/v1/exports/reviews.csv?status=decided", cm),
                                   "beoordelingen.csv");
    const auto* accepted = done.rowWith("Prestatie", line.reference);
    ASSERT_NE(accepted, nullptr);
    EXPECT_EQ(done.cell(*accepted, "Status"), "accepted");
    EXPECT_EQ(done.cell(*accepted, "Reden"), "Export test: meer zorg nodig.");
    for (const auto& r : done.rows) EXPECT_NE(done.cell(r, "Status"), "open");

    EXPECT_EQ(client().get("/api/v1/exports/reviews.csv", asProvider(line.provider_id)).status,
              403);
    EXPECT_EQ(client().get("/api/v1/exports/reviews.csv", as("fin.devries")).status, 403);
}

TEST(CsvExports, DeclarationsAreAProvidersOwnAndEqualTheList) {
    const ReviewLine line = declareForReview();
    ASSERT_NE(line.declaration_id, 0);
    const auto own = asProvider(line.provider_id);
    const Response listed = client().get("/api/v1/declarations?number=" + line.number, own);
    ASSERT_EQ(listed.status, 200) << listed.describe();
    ASSERT_EQ(listed.array()->size(), 1u);
    const auto d = listed.array()->getObject(0);

    const Response r = client().get("/api/v1/exports/declarations.csv?number=" + line.number, own);
    expectConforms("GET", "/exports/declarations.csv", r);
    const CsvFile file = expectCsv(r, "declaraties.csv");
    ASSERT_EQ(file.rows.size(), 1u) << "the filter applies";
    const auto& row = file.rows.front();
    EXPECT_EQ(file.cell(row, "Id"), std::to_string(line.declaration_id));
    EXPECT_EQ(file.cell(row, "Nummer"), line.number);
    EXPECT_EQ(file.cell(row, "Aanbieder (AGB)"), line.agb);
    EXPECT_EQ(file.cell(row, "Ingediend (€)"),
              dutchEuros(d->getValue<std::int64_t>("submitted_cents")));
    EXPECT_EQ(file.cell(row, "Status"), d->getValue<std::string>("status"));
    EXPECT_EQ(file.cell(row, "Begin periode"), dutchDate(d->getValue<std::string>("period_start")));
    EXPECT_EQ(file.cell(row, "Antwoord uiterlijk"),
              dutchDate(d->getValue<std::string>("answer_due")));
    EXPECT_EQ(file.cell(row, "Ontvangen op").size(), std::string("dd-mm-jjjj hh:mm:ss").size());

    // Without a filter: all of the provider's declarations, no one else's.
    const CsvFile all =
        expectCsv(client().get("/api/v1/exports/declarations.csv", own), "declaraties.csv");
    EXPECT_NE(all.rowWith("Nummer", line.number), nullptr);
    for (const auto& other : all.rows) EXPECT_EQ(all.cell(other, "Aanbieder (AGB)"), line.agb);
    // Another provider, and staff of another role.
    const auto other = asProvider(providerIdOf(line.agb == "73000101" ? "73000102" : "73000101"));
    EXPECT_TRUE(
        expectCsv(client().get("/api/v1/exports/declarations.csv?number=" + line.number, other),
                  "declaraties.csv")
            .rows.empty());
    EXPECT_EQ(client().get("/api/v1/exports/declarations.csv", as("bh.visser")).status, 403);
    // Staff with the provider's AGB as filter.
    const CsvFile by_agb =
        expectCsv(client().get("/api/v1/exports/declarations.csv?agb=" + line.agb, as("aud.smit")),
                  "declaraties.csv");
    EXPECT_NE(by_agb.rowWith("Nummer", line.number), nullptr);
    const auto audit = newestExportAudit("declarations");
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->getValue<std::string>("actor"), "aud.smit");
    EXPECT_NE(audit->getValue<std::string>("after").find("\"agb\":\"" + line.agb + "\""),
              std::string::npos);
}

TEST(CsvExports, ADeclarationsLinesEqualItsDetail) {
    const ReviewLine line = declareForReview();
    ASSERT_NE(line.declaration_id, 0);
    const std::string id = std::to_string(line.declaration_id);
    const auto own = asProvider(line.provider_id);
    const Response detail = client().get("/api/v1/declarations/" + id, own);
    ASSERT_EQ(detail.status, 200) << detail.describe();
    const auto l = detail.object()->getArray("lines")->getObject(0);

    const Response r = client().get("/api/v1/exports/declarations/" + id + "/lines.csv", own);
    expectConforms("GET", "/exports/declarations/{id}/lines.csv", r);
    const CsvFile file = expectCsv(r, "declaratie-" + id + "-regels.csv");
    ASSERT_EQ(file.rows.size(), 1u);
    const auto& row = file.rows.front();
    EXPECT_EQ(file.cell(row, "Id"), l->get("id").toString());
    EXPECT_EQ(file.cell(row, "Prestatie"), line.reference);
    EXPECT_EQ(file.cell(row, "Creditering"), "nee");
    EXPECT_EQ(file.cell(row, "Volume"), l->get("volume").toString());
    EXPECT_EQ(file.cell(row, "Eenheid"), "hours");
    EXPECT_EQ(file.cell(row, "Bedrag (€)"), dutchEuros(line.amount_cents));
    EXPECT_EQ(file.cell(row, "Status"), l->getValue<std::string>("status"));
    EXPECT_EQ(file.cell(row, "Eind periode"), dutchDate(l->getValue<std::string>("period_end")));
    const auto audit = newestExportAudit("declaration/" + id + "/lines");
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->getValue<std::string>("actor_role"), "provider");

    EXPECT_EQ(expectCsv(client().get("/api/v1/exports/declarations/" + id + "/lines.csv",
                                     as("cm.jansen")),
                        "declaratie-" + id + "-regels.csv")
                  .rows.size(),
              1u);
    const auto other = asProvider(providerIdOf(line.agb == "73000101" ? "73000102" : "73000101"));
    EXPECT_EQ(client().get("/api/v1/exports/declarations/" + id + "/lines.csv", other).status, 404);
    EXPECT_EQ(
        client().get("/api/v1/exports/declarations/" + id + "/lines.csv", as("ao.bakker")).status,
        403);
}

// ?format=xlsx: the same rows as a workbook, the amount a number of euros, the line's
// reference text; any other format is refused.
TEST(CsvExports, ADeclarationsLinesAsAnExcelWorkbook) {
    const ReviewLine line = declareForReview();
    ASSERT_NE(line.declaration_id, 0);
    const std::string id = std::to_string(line.declaration_id);
    const auto own = asProvider(line.provider_id);
    const std::string path = "/api/v1/exports/declarations/" + id + "/lines.csv";
    const Response r = client().get(path + "?format=xlsx", own);
    expectConforms("GET", "/exports/declarations/{id}/lines.csv", r);
    const std::string sheet = expectWorkbook(r, "declaratie-" + id + "-regels.xlsx");
    EXPECT_EQ(sheetRows(sheet), 2u) << "the header and the one line";
    EXPECT_NE(sheet.find(">" + line.reference + "</t>"), std::string::npos);
    std::string euros = dutchEuros(line.amount_cents);
    euros[euros.size() - 3] = '.';
    EXPECT_NE(sheet.find("<c s=\"2\"><v>" + euros + "</v></c>"), std::string::npos) << euros;
    EXPECT_EQ(client().get(path + "?format=pdf", own).code(), "INVALID_QUERY");
    const auto audit = newestExportAudit("declaration/" + id + "/lines");
    ASSERT_TRUE(audit);
}

TEST(CsvExports, TheStatementIsInEurosWithDutchHeaders) {
    const std::int64_t provider = providerIdOf("73000101");
    const std::string p = std::to_string(provider);
    const auto own = asProvider(provider);
    const Response json = client().get("/api/v1/providers/" + p + "/statement", own);
    ASSERT_EQ(json.status, 200) << json.describe();
    const std::string from = json.str("from");
    const std::string to = json.str("to");
    const Response r = client().get("/api/v1/providers/" + p + "/statement?format=csv", own);
    expectConforms("GET", "/providers/{id}/statement", r);
    const CsvFile file = expectCsv(r, "rekeningoverzicht-" + p + "-" + from + "-" + to + ".csv");
    EXPECT_EQ(file.header,
              (std::vector<std::string>{"Betaalpost", "Datum", "Soort", "Declaratie", "Bedrag (€)",
                                        "Status", "Vervaldatum", "End-to-end-id", "Betaald op",
                                        "Gemeente", "Notitie"}));
    const auto lines = json.object()->getArray("lines");
    ASSERT_EQ(file.rows.size(), lines->size());
    for (std::size_t i = 0; i < lines->size(); ++i) {
        const auto l = lines->getObject(static_cast<unsigned>(i));
        const auto* row = file.rowWith("Betaalpost", l->get("payable_id").toString());
        ASSERT_NE(row, nullptr);
        EXPECT_EQ(file.cell(*row, "Bedrag (€)"),
                  dutchEuros(l->getValue<std::int64_t>("amount_cents")));
        EXPECT_EQ(file.cell(*row, "Datum"), dutchDate(l->getValue<std::string>("date")));
    }
    // The same statement as a workbook: a row per line under the header.
    const Response xlsx = client().get("/api/v1/providers/" + p + "/statement?format=xlsx", own);
    expectConforms("GET", "/providers/{id}/statement", xlsx);
    const std::string sheet =
        expectWorkbook(xlsx, "rekeningoverzicht-" + p + "-" + from + "-" + to + ".xlsx");
    EXPECT_EQ(sheetRows(sheet), lines->size() + 1);
}

}  // namespace
}  // namespace zc::e2e
