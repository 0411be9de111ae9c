// The rows of a CSV declaration upload (billing::parseCsvRows): what a provider's spreadsheet
// may hold — also as Dutch Excel saves it — and every row, column and reason named when it
// holds something else.
#include <gtest/gtest.h>

#include "billing/app/csv_rows.hpp"
#include "contracting/kernel/errors.hpp"

namespace zc::billing {
namespace {

// The problems as "row column code" lines, or "none".
std::string problems(const std::string& text) {
    try {
        parseCsvRows(text);
    } catch (const CsvRowsError& e) {
        std::string out;
        for (const auto& p : e.problems()) {
            out += std::to_string(p.row) + " " + p.column + " " + p.code + "\n";
        }
        return out;
    }
    return "none";
}

TEST(CsvDeclaration, ReadsRowsAfterTheHeaderLineAndSkipsBlankLines) {
    const auto rows = parseCsvRows(
        "reference,allocation_number,bsn,period_start,period_end,volume\r\n"
        "R1,1001,999990019,2026-01-01,2026-02-01,12\r\n"
        "\r\n"
        "\"R2\",1002,999990020,2026-01-05,2026-01-06,0\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].row, 2u);
    EXPECT_EQ(rows[0].reference, "R1");
    EXPECT_EQ(rows[0].allocation_number, 1001);
    EXPECT_EQ(rows[0].bsn, "999990019");
    EXPECT_EQ(formatDate(rows[0].begin), "2026-01-01");
    EXPECT_EQ(formatDate(rows[0].end), "2026-02-01");
    EXPECT_EQ(rows[0].volume, 12);
    EXPECT_EQ(rows[1].row, 4u);
    EXPECT_EQ(rows[1].reference, "R2") << "quotes are dropped";
    EXPECT_EQ(rows[1].volume, 0);
}

TEST(CsvDeclaration, ReadsWhatDutchExcelSaves) {
    // A byte-order mark, semicolons, a Dutch header, d-m-yyyy dates, "12,0" for twelve, a quoted
    // field holding the separator and a quote, spaces around values.
    const auto rows = parseCsvRows(
        "\xEF\xBB\xBFReferentie;Toewijzingsnummer;BSN;Begindatum;Einddatum;Volume\r\n"
        "R1;1001;999990019;1-1-2026;01-02-2026;12,0\r\n"
        "\"R;\"\"2\"\"\"; 1002 ;999990020;2026-01-05;5-1-2026;3,00\r\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].reference, "R1");
    EXPECT_EQ(formatDate(rows[0].begin), "2026-01-01");
    EXPECT_EQ(formatDate(rows[0].end), "2026-02-01");
    EXPECT_EQ(rows[0].volume, 12);
    EXPECT_EQ(rows[1].reference, "R;\"2\"");
    EXPECT_EQ(rows[1].allocation_number, 1002);
    EXPECT_EQ(formatDate(rows[1].end), "2026-01-05");
    EXPECT_EQ(rows[1].volume, 3);
}

TEST(CsvDeclaration, EveryProblemIsNamedWithItsRowColumnAndReason) {
    EXPECT_EQ(problems("R1,1001,999990019,2026-01-01,2026-02-01,1.5\n"
                       "R2,-7,999990019,31-02-2026,2026-02-01,3\n"
                       "R3,1001,999990019,2026-01-01\n"
                       ",1001,999990019,2026-1-1,2026-02-01,1234567890123\n"
                       "R5,1001,999990019,2026-01-01,2026-02-01,2,5\n"),
              "1 volume CSV_WHOLE_NUMBER\n"
              "2 allocation_number CSV_WHOLE_NUMBER\n"
              "2 period_start CSV_DATE\n"
              "3  CSV_COLUMNS\n"
              "4 reference CSV_REFERENCE\n"
              "4 period_start CSV_DATE\n"
              "4 volume CSV_WHOLE_NUMBER\n"
              "5  CSV_COLUMNS\n")
        << "a decimal comma in a comma-separated file is a seventh column";
    try {
        parseCsvRows(
            "R1,1001,999990019,2026-01-01,2026-02-01,1,5\nR2,x,1,2026-01-01,2026-02-01,1\n");
        FAIL() << "refused";
    } catch (const CsvRowsError& e) {
        EXPECT_EQ(e.code(), "INVALID_CSV");
        EXPECT_EQ(e.field(), "csv");
        EXPECT_STREQ(e.what(),
                     "2 problems in the upload; the first: row 1: Expected 6 columns, found 7.");
        EXPECT_EQ(e.problems()[1].message, "allocation_number must be a whole number, not 'x'.");
    }
}

TEST(CsvDeclaration, AFractionIsRefusedAndOnlyZerosAfterTheCommaAreWhole) {
    EXPECT_EQ(problems("R1;1;2;2026-01-01;2026-01-02;2,5\n"), "1 volume CSV_WHOLE_NUMBER\n");
    EXPECT_EQ(problems("R1;1;2;2026-01-01;2026-01-02;2,\n"), "1 volume CSV_WHOLE_NUMBER\n");
    EXPECT_EQ(problems("R1;1;2;2026-01-01;2026-01-02;,0\n"), "1 volume CSV_WHOLE_NUMBER\n");
    EXPECT_EQ(parseCsvRows("R1;1;2;2026-01-01;2026-01-02;2.00\n").at(0).volume, 2);
}

TEST(CsvDeclaration, AnUploadWithoutRowsOrWithTooManyIsRefused) {
    EXPECT_EQ(problems("reference,allocation_number,bsn,period_start,period_end,volume\n\n"),
              "0  CSV_NO_ROWS\n");
    EXPECT_EQ(problems(""), "0  CSV_NO_ROWS\n");
    std::string many;
    for (int i = 0; i < 10001; ++i)
        many += "R" + std::to_string(i) + ",1,2,2026-01-01,2026-01-02,1\n";
    EXPECT_EQ(problems(many), "10001  CSV_TOO_MANY_ROWS\n");
}

TEST(CsvDeclaration, AtMostAHundredProblemsAreListedButAllAreCounted) {
    std::string bad;
    for (int i = 0; i < 150; ++i) bad += "R,1,2,2026-01-01,2026-01-02,x\n";
    try {
        parseCsvRows(bad);
        FAIL() << "refused";
    } catch (const CsvRowsError& e) {
        EXPECT_EQ(e.problems().size(), kMaxCsvProblems);
        EXPECT_EQ(std::string(e.what()).rfind("150 problems in the upload", 0), 0u) << e.what();
    }
}

}  // namespace
}  // namespace zc::billing
