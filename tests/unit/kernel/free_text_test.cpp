// The one rule for free text (names, reasons, labels): no control characters, no bidirectional
// overrides, not only white space, valid UTF-8.
#include "contracting/kernel/free_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace zc {
namespace {

TEST(FreeText, AcceptsNamesInAnyScriptAndLineBreaksInLongerText) {
    for (const char* text :
         {"", "Jansen", "van der Berg-\xC3\x9Cnal", "O'Brien", "\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD",
          "first line\nsecond line\r\n\tindented",
          "a\xC2\xA0"
          "b",
          "\xE2\x80\x8E"
          "mark"}) {
        EXPECT_EQ(freeTextProblem(text), std::nullopt) << text;
    }
}

TEST(FreeText, RefusesNulAndOtherControlCharacters) {
    for (const std::string& text :
         {std::string("Jan\0sen", 7), std::string("\x01"), std::string("a\x1B[31mred"),
          std::string("del\x7F"), std::string("c1\xC2\x85"), std::string("c1\xC2\x9F")}) {
        const auto problem = freeTextProblem(text);
        ASSERT_TRUE(problem.has_value()) << text;
        EXPECT_NE(problem->find("control character"), std::string::npos) << *problem;
    }
}

TEST(FreeText, RefusesBidirectionalOverridesAndIsolates) {
    for (const char* cp :
         {"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE",
          "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9"}) {
        const auto problem = freeTextProblem(std::string("invoice") + cp + "fdp.exe");
        ASSERT_TRUE(problem.has_value()) << "U+" << cp;
        EXPECT_NE(problem->find("bidirectional"), std::string::npos) << *problem;
    }
}

TEST(FreeText, RefusesOnlyWhiteSpaceAndMalformedUtf8) {
    for (const char* text : {" ", "\t\n", "  \r\n ", "\xC2\xA0"}) {
        EXPECT_EQ(freeTextProblem(text), std::optional<std::string>("is only white space"))
            << '[' << text << ']';
    }
    EXPECT_EQ(freeTextProblem("caf\xE9"), std::optional<std::string>("is not valid UTF-8"));
    EXPECT_EQ(freeTextProblem("\xC0\xAF"), std::optional<std::string>("is not valid UTF-8"));
}

}  // namespace
}  // namespace zc
