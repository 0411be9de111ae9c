// CSV for Dutch Excel: what a user sees when the export opens in Excel set to Dutch.
#include "interfaces/http/excel_csv.hpp"

#include <gtest/gtest.h>

namespace zc::http {
namespace {

const std::string kBom = "\xEF\xBB\xBF";

TEST(ExcelCsv, StartsWithTheByteOrderMarkAndSeparatesWithSemicolonsAndCrLf) {
    ExcelCsv csv({"Nummer", "Bedrag (€)", "Datum"});
    csv.text("D-1").euros(123456).date("2026-03-01").endRow();
    csv.text("D-2").euros(-1250).date("2026-12-31").endRow();
    EXPECT_EQ(csv.str(), kBom +
                             "Nummer;Bedrag (€);Datum\r\n"
                             "D-1;1234,56;01-03-2026\r\n"
                             "D-2;-12,50;31-12-2026\r\n");
    EXPECT_EQ(csv.rows(), 2);
}

TEST(ExcelCsv, EurosHaveADecimalCommaAndNoThousandsSeparator) {
    EXPECT_EQ(excelEuros(123456), "1234,56");
    EXPECT_EQ(excelEuros(-1250), "-12,50");
    EXPECT_EQ(excelEuros(5), "0,05");
    EXPECT_EQ(excelEuros(-5), "-0,05");
    EXPECT_EQ(excelEuros(0), "0,00");
    EXPECT_EQ(excelEuros(1421576000), "14215760,00");
    EXPECT_EQ(excelEuros(INT64_MIN), "-92233720368547758,08");
}

TEST(ExcelCsv, ANegativeAmountStaysANumberWhileNegativeLookingTextIsNeutralised) {
    ExcelCsv csv({"Bedrag", "Aantal", "Notitie"});
    csv.euros(-1250).number(-3).text("-12,50").endRow();
    EXPECT_EQ(csv.str(), kBom + "Bedrag;Aantal;Notitie\r\n-12,50;-3;\"'-12,50\"\r\n");
}

TEST(ExcelCsv, AFormulaInATextCellIsNeutralisedWithAnApostrophe) {
    EXPECT_EQ(excelText("=HYPERLINK(\"http://evil.example\";\"klik\")"),
              "\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"klik\"\")\"");
    EXPECT_EQ(excelText("+31 6 1234"), "'+31 6 1234");
    EXPECT_EQ(excelText("-2+3"), "'-2+3");
    EXPECT_EQ(excelText("@SUM(A1:A9)"), "'@SUM(A1:A9)");
    EXPECT_EQ(excelText("\t=1"), "'\t=1");
    EXPECT_EQ(excelText("\r=1"), "\"'\r=1\"");
    EXPECT_EQ(excelText("mid=dle-"), "mid=dle-");
}

TEST(ExcelCsv, TextIsQuotedPerRfc4180WhenItHoldsASeparatorQuoteOrLineBreak) {
    EXPECT_EQ(excelText("Zorg & Welzijn B.V."), "Zorg & Welzijn B.V.");
    EXPECT_EQ(excelText("a;b"), "\"a;b\"");
    EXPECT_EQ(excelText("a, b"), "\"a, b\"");
    EXPECT_EQ(excelText("zeg \"hoi\""), "\"zeg \"\"hoi\"\"\"");
    EXPECT_EQ(excelText("twee\r\nregels"), "\"twee\r\nregels\"");
    EXPECT_EQ(excelText("Cliënt één"), "Cliënt één");
    EXPECT_EQ(excelText(""), "");
}

TEST(ExcelCsv, DatesAreDayMonthYear) {
    EXPECT_EQ(excelDate("2026-03-01"), "01-03-2026");
    EXPECT_EQ(excelDate("2026-03-01 10:00:00"), "01-03-2026");
    EXPECT_EQ(excelDate(""), "");
    EXPECT_EQ(excelDate("=1+1"), "'=1+1");
}

TEST(ExcelCsv, MomentsAreShownOnAmsterdamTimeWithSummerTime) {
    EXPECT_EQ(amsterdamTime("2026-11-23 10:15:00.123456"), "23-11-2026 11:15:00");  // CET
    EXPECT_EQ(amsterdamTime("2026-06-23T10:15:00Z"), "23-06-2026 12:15:00");        // CEST
    EXPECT_EQ(amsterdamTime("2026-12-31 23:30:05"), "01-01-2027 00:30:05");         // next day
    // Summer time starts on 29 March 2026 at 01:00 UTC and ends on 25 October 01:00 UTC.
    EXPECT_EQ(amsterdamTime("2026-03-29 00:59:59"), "29-03-2026 01:59:59");
    EXPECT_EQ(amsterdamTime("2026-03-29 01:00:00"), "29-03-2026 03:00:00");
    EXPECT_EQ(amsterdamTime("2026-10-25 00:59:59"), "25-10-2026 02:59:59");
    EXPECT_EQ(amsterdamTime("2026-10-25 01:00:00"), "25-10-2026 02:00:00");
    EXPECT_EQ(amsterdamTime("2026-11-23 10:15"), "23-11-2026 11:15:00");
    EXPECT_EQ(amsterdamTime(""), "");
    EXPECT_EQ(amsterdamTime("gisteren"), "gisteren");
}

TEST(ExcelCsv, AbsentValuesAreEmptyCellsAndYesNoIsDutch) {
    ExcelCsv csv({"A", "B", "C", "D", "E"});
    csv.text(std::optional<std::string>{})
        .number(std::optional<std::int64_t>{})
        .euros(std::optional<std::int64_t>{})
        .yesNo(true)
        .yesNo(false)
        .endRow();
    EXPECT_EQ(csv.str(), kBom + "A;B;C;D;E\r\n;;;ja;nee\r\n");
}

TEST(ExcelCsv, BasisPointsArePercentagesWithADecimalComma) {
    ExcelCsv csv({"Uitputting (%)", "Afwijking (%)", "Leeg"});
    csv.percent(7605).percent(-2395).percent(std::nullopt).endRow();
    csv.percent(5).percent(0).percent(100000).endRow();
    EXPECT_EQ(csv.str(), kBom +
                             "Uitputting (%);Afwijking (%);Leeg\r\n"
                             "76,05;-23,95;\r\n"
                             "0,05;0,00;1000,00\r\n");
}

}  // namespace
}  // namespace zc::http
