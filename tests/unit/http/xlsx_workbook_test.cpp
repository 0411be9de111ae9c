// Exports as .xlsx (?format=xlsx): a ZIP package any reader opens, with typed cells, so that
// Excel shows amounts as numbers with two decimals and dates as dates, and never runs text.
#include "interfaces/http/xlsx_workbook.hpp"

#include <gtest/gtest.h>

#include "interfaces/http/excel_csv.hpp"
#include "interfaces/http/zip_archive.hpp"
#include "tests/support/zip_reader.hpp"

namespace zc::http {
namespace {

TEST(ZipArchive, AnyReaderGetsBackEveryFileWithItsCrc) {
    std::string big;
    for (int i = 0; i < 20'000; ++i) big += "<row><c><v>" + std::to_string(i) + "</v></c></row>";
    const std::string zip = zipArchive({{"a.txt", "hallo"}, {"leeg", ""}, {"x/y.xml", big}});
    EXPECT_EQ(zip.substr(0, 4), std::string("PK\x03\x04", 4));
    const auto files = test::readZip(zip);
    ASSERT_EQ(files.size(), 3u);
    EXPECT_EQ(files.at("a.txt"), "hallo");
    EXPECT_EQ(files.at("leeg"), "");
    EXPECT_EQ(files.at("x/y.xml"), big);
    EXPECT_LT(zip.size(), big.size() / 4) << "deflated";
    EXPECT_EQ(zipArchive({{"a.txt", "hallo"}}), zipArchive({{"a.txt", "hallo"}}))
        << "the same files give the same bytes";
}

TEST(XlsxWorkbook, ThePackageHasTheWorkbookSheetStylesAndTheirRelations) {
    const auto files = test::readZip(xlsxWorkbook("Export", "<row><c><v>1</v></c></row>"));
    for (const char* part :
         {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
          "xl/styles.xml", "xl/worksheets/sheet1.xml"}) {
        ASSERT_TRUE(files.count(part)) << part;
        EXPECT_EQ(files.at(part).rfind("<?xml", 0), 0u) << part;
    }
    EXPECT_NE(files.at("[Content_Types].xml").find("/xl/worksheets/sheet1.xml"), std::string::npos);
    EXPECT_NE(files.at("xl/workbook.xml").find("<sheet name=\"Export\""), std::string::npos);
    EXPECT_NE(files.at("xl/worksheets/sheet1.xml")
                  .find("<sheetData><row><c><v>1</v></c></row></sheetData>"),
              std::string::npos);
}

TEST(XlsxWorkbook, TheSameExportCallsWriteTypedCells) {
    ExcelCsv sheet({"Nummer", "Bedrag (€)", "Datum", "Tijdstip", "Aantal", "Leeg"},
                   ExportFormat::Xlsx);
    sheet.text("=SUM(A1) & <b>").euros(123456).date("2026-03-01");
    sheet.moment("2026-07-01 10:00:00").number(-3).text(std::optional<std::string>{});
    sheet.endRow();
    sheet.text("D-2").euros(-1250).date(std::optional<std::string>{}).moment("").number(0);
    sheet.yesNo(true).endRow();
    const std::string& rows = sheet.str();
    EXPECT_EQ(sheet.rows(), 2);
    // The header in bold (style 1).
    EXPECT_EQ(rows.rfind("<row><c t=\"inlineStr\" s=\"1\"><is><t xml:space=\"preserve\">Nummer"
                         "</t></is></c>",
                         0),
              0u)
        << rows.substr(0, 200);
    // A formula stays text: an inline string needs no apostrophe; markup is escaped.
    EXPECT_NE(rows.find("<t xml:space=\"preserve\">=SUM(A1) &amp; &lt;b&gt;</t>"),
              std::string::npos);
    EXPECT_NE(rows.find("<c s=\"2\"><v>1234.56</v></c>"), std::string::npos) << "euros";
    EXPECT_NE(rows.find("<c s=\"2\"><v>-12.50</v></c>"), std::string::npos);
    EXPECT_NE(rows.find("<c s=\"3\"><v>46082</v></c>"), std::string::npos) << "1 March 2026";
    // 10:00 UTC on 1 July is 12:00 in Amsterdam: half a day.
    EXPECT_NE(rows.find("<c s=\"4\"><v>46204.5000000000</v></c>"), std::string::npos);
    EXPECT_NE(rows.find("<c><v>-3</v></c><c/></row>"), std::string::npos)
        << "a blank keeps its column";
    EXPECT_NE(rows.find("<c s=\"2\"><v>-12.50</v></c><c/><c/><c><v>0</v></c>"), std::string::npos);
    EXPECT_NE(rows.find(">ja</t>"), std::string::npos);
}

TEST(XlsxWorkbook, APercentageIsANumberWithTwoDecimals) {
    ExcelCsv sheet({"Uitputting (%)", "Afwijking (%)", "Leeg"}, ExportFormat::Xlsx);
    sheet.percent(7605).percent(-2395).percent(std::nullopt).endRow();
    EXPECT_NE(sheet.str().find("<c s=\"5\"><v>76.05</v></c><c s=\"5\"><v>-23.95</v></c><c/>"),
              std::string::npos)
        << sheet.str();
}

TEST(XlsxWorkbook, CharactersXmlCannotHoldAreLeftOut) {
    EXPECT_EQ(xlsxText(std::string("a\x01"
                                   "b\tc\x1f",
                                   6)),
              "<c t=\"inlineStr\"><is><t xml:space=\"preserve\">ab\tc</t></is></c>");
}

}  // namespace
}  // namespace zc::http
