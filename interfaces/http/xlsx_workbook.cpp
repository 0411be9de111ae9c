#include "xlsx_workbook.hpp"

#include <cstdio>

#include "excel_csv.hpp"
#include "interfaces/xml/xml_document.hpp"
#include "zip_archive.hpp"

namespace zc::http {
namespace {

// Cell styles (cellXfs in kStyles, by index).
constexpr int kBoldStyle = 1;
constexpr int kEuroStyle = 2;
constexpr int kDateStyle = 3;
constexpr int kMomentStyle = 4;
constexpr int kHundredthsStyle = 5;
constexpr std::int64_t kSecondsPerDay = 86'400;

constexpr char kXmlHead[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr char kMain[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr char kRelationships[] =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const std::string kContentTypes =
    std::string(kXmlHead) +
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/xl/workbook.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    "<Override PartName=\"/xl/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    "</Types>";

const std::string kPackageRels =
    std::string(kXmlHead) +
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" +
    kRelationships + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

const std::string kWorkbookRels =
    std::string(kXmlHead) +
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" +
    kRelationships +
    "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" +
    kRelationships + "/styles\" Target=\"styles.xml\"/></Relationships>";

// Normal, bold, euros (#,##0.00, built-in 4), date, moment and hundredths (0.00, built-in 2).
const std::string kStyles =
    std::string(kXmlHead) + "<styleSheet xmlns=\"" + kMain +
    "\"><numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd\\-mm\\-yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"dd\\-mm\\-yyyy\\ hh:mm:ss\"/></numFmts>"
    "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
    "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
    "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
    "</cellStyleXfs><cellXfs count=\"6\">"
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
    "<xf numFmtId=\"4\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
    "applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
    "applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
    "applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"2\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
    "applyNumberFormat=\"1\"/></cellXfs>"
    "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
    "</styleSheet>";

// Day 0 of Excel's 1900 date system as it counts from March 1900 on.
constexpr std::chrono::sys_days kExcelEpoch{std::chrono::year{1899} / 12 / 30};

bool allowedInXml(unsigned char c) { return c >= 0x20 || c == '\t' || c == '\n' || c == '\r'; }

// The text escaped for XML, without the control characters XML 1.0 cannot hold (a stray one in
// a note must not break the workbook).
std::string escaped(const std::string& s) {
    std::string kept;
    kept.reserve(s.size());
    for (char c : s) {
        if (allowedInXml(static_cast<unsigned char>(c))) kept += c;
    }
    return xml::escapeText(kept);
}

std::string valueCell(int style, const std::string& value) {
    return "<c s=\"" + std::to_string(style) + "\"><v>" + value + "</v></c>";
}

}  // namespace

std::string xlsxText(const std::string& s, bool bold) {
    const std::string style = bold ? " s=\"" + std::to_string(kBoldStyle) + "\"" : "";
    return "<c t=\"inlineStr\"" + style + "><is><t xml:space=\"preserve\">" + escaped(s) +
           "</t></is></c>";
}

std::string xlsxNumber(std::int64_t n) { return "<c><v>" + std::to_string(n) + "</v></c>"; }

// 123456 hundredths as "1234.56".
std::string hundredths(std::int64_t n) {
    std::string value = excelEuros(n);  // "1234,56": the same digits with a point
    value[value.size() - 3] = '.';
    return value;
}

std::string xlsxEuros(std::int64_t cents) { return valueCell(kEuroStyle, hundredths(cents)); }

std::string xlsxHundredths(std::int64_t n) { return valueCell(kHundredthsStyle, hundredths(n)); }

std::string xlsxDate(Date day) {
    return valueCell(kDateStyle,
                     std::to_string((std::chrono::sys_days{day} - kExcelEpoch).count()));
}

std::string xlsxMoment(std::chrono::sys_seconds local) {
    const auto seconds = (local - std::chrono::sys_seconds{kExcelEpoch}).count();
    const long long whole = seconds / kSecondsPerDay;
    const long long fraction = seconds % kSecondsPerDay * 10'000'000'000LL / kSecondsPerDay;
    char value[48];
    std::snprintf(value, sizeof value, "%lld.%010lld", whole, fraction);
    return valueCell(kMomentStyle, value);
}

std::string xlsxEmpty() { return "<c/>"; }

std::string xlsxWorkbook(const std::string& sheet, const std::string& rows) {
    const std::string workbook = std::string(kXmlHead) + "<workbook xmlns=\"" + kMain +
                                 "\" xmlns:r=\"" + kRelationships + "\"><sheets><sheet name=\"" +
                                 escaped(sheet) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets>" +
                                 "</workbook>";
    std::string worksheet =
        std::string(kXmlHead) + "<worksheet xmlns=\"" + kMain + "\"><sheetData>";
    worksheet += rows;
    worksheet += "</sheetData></worksheet>";
    return zipArchive({{"[Content_Types].xml", kContentTypes},
                       {"_rels/.rels", kPackageRels},
                       {"xl/workbook.xml", workbook},
                       {"xl/_rels/workbook.xml.rels", kWorkbookRels},
                       {"xl/styles.xml", kStyles},
                       {"xl/worksheets/sheet1.xml", worksheet}});
}

}  // namespace zc::http
