// CSV export fields: quoted per RFC 4180, and never read as a formula by a spreadsheet.
#include "interfaces/http/csv_field.hpp"

#include <gtest/gtest.h>

namespace zc::http {
namespace {

TEST(CsvField, AValueThatWouldStartAFormulaIsNeutralisedWithAnApostrophe) {
    EXPECT_EQ(csvField("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    EXPECT_EQ(csvField("+31 6 1234"), "'+31 6 1234");
    EXPECT_EQ(csvField("-2+3"), "'-2+3");
    EXPECT_EQ(csvField("@SUM(A1:A9)"), "'@SUM(A1:A9)");
    EXPECT_EQ(csvField("\t=1"), "'\t=1");
    EXPECT_EQ(csvField("\r=1"), "\"'\r=1\"");
}

TEST(CsvField, OrdinaryTextIsQuotedOnlyWhenNeeded) {
    EXPECT_EQ(csvField("Wijkteam Stadshagen"), "Wijkteam Stadshagen");
    EXPECT_EQ(csvField("a, b"), "\"a, b\"");
    EXPECT_EQ(csvField("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csvField("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(csvField("mid=dle-"), "mid=dle-");
    EXPECT_EQ(csvField(""), "");
}

}  // namespace
}  // namespace zc::http
