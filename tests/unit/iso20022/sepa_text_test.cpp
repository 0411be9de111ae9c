// SEPA character set: transliteration, whitespace, truncation and identifiers.
#include "interfaces/iso20022/sepa_text.hpp"

#include <gtest/gtest.h>

#include <string>

#include "contracting/kernel/errors.hpp"

namespace zc::iso20022 {
namespace {

std::string sepa(std::string_view text, std::size_t max = 140) {
    return toSepaText(text, max, "field");
}

TEST(SepaText, KeepsTheSepaCharacterSet) {
    const std::string all = "abcxyz ABCXYZ 0189 / - ? : ( ) . , ' +";
    EXPECT_EQ(sepa(all), all);
    for (char c : all) EXPECT_TRUE(isSepaChar(c)) << c;
    for (char c : std::string("&<>\"_;!@#$%*=[]{}|\\~^`\t")) EXPECT_FALSE(isSepaChar(c)) << c;
}

TEST(SepaText, TransliteratesTable) {
    struct Row {
        const char* in;
        const char* out;
    };
    const Row rows[] = {
        {"Café Noordé", "Cafe Noorde"},
        {"Zoë Brontë", "Zoe Bronte"},
        {"ĳsselmonde / Ĳmuiden", "ijsselmonde / IJmuiden"},
        {"Jansen & Zn", "Jansen + Zn"},
        {"Straße", "Strasse"},
        {"Ærø Œuvre", "AEro OEuvre"},
        {"Łódź", "Lodz"},
        {"Çà où ñ", "Ca ou n"},
        {"Þór Ðe", "THor De"},
        {"'s-Hertogenbosch", "'s-Hertogenbosch"},
        {"\"quoted\" ‘single’ “double” „low”", "'quoted' 'single' 'double' 'low'"},
        {"a<b>c [d] {e}", "a(b)c (d) (e)"},
        {"snake_case; wow!", "snake-case, wow."},
        {"back\\slash|pipe", "back/slash/pipe"},
        {"10 – 20 — 30", "10 - 20 - 30"},
        {"€ 12,50…", "EUR 12,50..."},
        {"e\xCC\x81"
         "e",
         "ee"},  // e + combining acute, then e
        {"zero\xE2\x80\x8Bwidth\xC2\xAD"
         "soft",
         "zerowidthsoft"},  // U+200B, U+00AD
        {"50% @home #1 *", "50? ?home ?1 ?"},
        {"漢字", "??"},
        {"emoji 😀", "emoji ?"},
    };
    for (const Row& row : rows) EXPECT_EQ(sepa(row.in), row.out) << row.in;
}

TEST(SepaText, CollapsesWhitespaceAndTrims) {
    EXPECT_EQ(sepa("  a \t\r\n b\xC2\xA0\xC2\xA0"
                   "c  "),
              "a b c");
    EXPECT_EQ(sepa("line\x01\x7F"
                   "feed"),
              "linefeed");
    EXPECT_EQ(sepa("   "), "");
    EXPECT_EQ(sepa(""), "");
}

TEST(SepaText, TruncatesAfterTransliteration) {
    // 69 x then ĳ (2 bytes in UTF-8, 2 characters after transliteration): cut to 70.
    const std::string name = std::string(69, 'x') + "ĳ";
    EXPECT_EQ(sepa(name, 70), std::string(69, 'x') + "i");
    EXPECT_EQ(sepa(std::string(200, 'a'), 140).size(), 140u);
    // A cut just after a space leaves no trailing space.
    EXPECT_EQ(sepa("abc defgh", 4), "abc");
}

TEST(SepaText, RefusesInvalidUtf8) {
    for (const char* bad : {"\xC3", "\xC3(", "\xE2\x82", "\xED\xA0\x80", "\xC0\xAF", "\xFF"}) {
        try {
            sepa(bad);
            ADD_FAILURE() << "accepted invalid UTF-8";
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.code(), "SEPA_INVALID_UTF8");
            EXPECT_EQ(e.field(), "field");
        }
    }
}

TEST(SepaText, IdentifiersTable) {
    EXPECT_TRUE(isSepaIdentifier("ZC-PR2024-0007-000001"));
    EXPECT_TRUE(isSepaIdentifier("A/B"));
    EXPECT_TRUE(isSepaIdentifier(std::string(35, '9')));
    EXPECT_FALSE(isSepaIdentifier(""));
    EXPECT_FALSE(isSepaIdentifier(std::string(36, '9')));
    EXPECT_FALSE(isSepaIdentifier("/AB"));
    EXPECT_FALSE(isSepaIdentifier("AB/"));
    EXPECT_FALSE(isSepaIdentifier("A//B"));
    EXPECT_FALSE(isSepaIdentifier("A&B"));
    EXPECT_FALSE(isSepaIdentifier("Café"));
}

}  // namespace
}  // namespace zc::iso20022
