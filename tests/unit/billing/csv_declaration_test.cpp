// The rows of a CSV declaration upload (billing::parseCsvRows): what a provider's spreadsheet
// may hold, and the row and reason named when it holds something else.
#include <gtest/gtest.h>

#include "billing/app/declaration_submission.hpp"
#include "contracting/kernel/errors.hpp"

namespace zc::billing {
namespace {

// The ValidationError's code, field and message, or "none".
std::string failure(const std::string& text) {
    try {
        parseCsvRows(text);
    } catch (const ValidationError& e) {
        return std::string(e.code()) + " " + std::string(e.field()) + " " + e.what();
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

TEST(CsvDeclaration, ANumberThatIsNotWholeNamesItsRowAndColumn) {
    EXPECT_EQ(failure("R1,1001,999990019,2026-01-01,2026-02-01,1.5\n"),
              "INVALID_CSV csv Row 1: volume must be a whole number.");
    EXPECT_EQ(failure("reference,a,b,c,d,e\nR1,-7,999990019,2026-01-01,2026-02-01,3\n"),
              "INVALID_CSV csv Row 2: allocation_number must be a whole number.");
    EXPECT_EQ(failure("R1,1001,999990019,2026-01-01,2026-02-01,1234567890123\n"),
              "INVALID_CSV csv Row 1: volume must be a whole number.")
        << "more than 12 digits";
}

TEST(CsvDeclaration, RefusesWrongColumnsReferencesAndDates) {
    EXPECT_EQ(failure("R1,1001,999990019,2026-01-01,2026-02-01\n"),
              "INVALID_CSV csv Row 1: expected 6 columns.");
    EXPECT_EQ(failure(",1001,999990019,2026-01-01,2026-02-01,3\n"),
              "INVALID_CSV csv Row 1: reference is 1-20 characters.");
    EXPECT_EQ(failure("R1,1001,999990019,01-01-2026,2026-02-01,3\n"),
              "INVALID_CSV csv Row 1: period_start and period_end are dates YYYY-MM-DD.");
    EXPECT_EQ(failure("R1,x,999990019,01-01-2026,2026-02-01,y\n"),
              "INVALID_CSV csv Row 1: allocation_number must be a whole number.")
        << "the first problem of a row wins";
}

TEST(CsvDeclaration, AnUploadWithoutRowsOrWithTooManyIsRefused) {
    EXPECT_EQ(failure("reference,allocation_number,bsn,period_start,period_end,volume\n\n"),
              "INVALID_CSV csv The upload has no rows.");
    std::string many;
    for (int i = 0; i < 10001; ++i)
        many += "R" + std::to_string(i) + ",1,2,2026-01-01,2026-01-02,1\n";
    EXPECT_EQ(failure(many), "INVALID_CSV csv Row 10001: at most 10,000 rows per upload.");
}

}  // namespace
}  // namespace zc::billing
