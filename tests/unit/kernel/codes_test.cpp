#include "contracting/kernel/codes.hpp"

#include <gtest/gtest.h>

#include <string>

#include "contracting/kernel/errors.hpp"

namespace zc {
namespace {

// Expects `parse(text, field)` to throw a ValidationError with `code` naming `field`.
template <typename Parse>
void expectRefused(Parse parse, const std::string& text, const std::string& code) {
    SCOPED_TRACE("input \"" + text + "\"");
    try {
        parse(text, "the_field");
        ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), code);
        EXPECT_EQ(e.field(), "the_field");
        EXPECT_EQ(e.kind(), ErrorKind::Invalid);
        std::string message = e.what();
        ASSERT_FALSE(message.empty());
        EXPECT_EQ(message.back(), '.');
    }
}

TEST(AgbCode, AcceptsExactlyEightDigits) {
    EXPECT_EQ(AgbCode::parse("12345678").str(), "12345678");
    EXPECT_EQ(AgbCode::parse("00000001").str(), "00000001");
    EXPECT_EQ(AgbCode::parse("12345678"), AgbCode::parse("12345678"));
}

TEST(AgbCode, RefusesAnythingElse) {
    for (const char* bad :
         {"", "1234567", "123456789", "1234567a", " 12345678", "1234-678", "+1234567"}) {
        expectRefused(&AgbCode::parse, bad, "INVALID_AGB");
    }
}

TEST(AgbCode, MessageTellsTheRule) {
    try {
        AgbCode::parse("123");
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_STREQ(e.what(), "AGB code must be exactly 8 digits.");
        EXPECT_EQ(e.field(), "agb");
    }
}

TEST(KvkNumber, AcceptsExactlyEightDigits) {
    EXPECT_EQ(KvkNumber::parse("69599084").str(), "69599084");
    for (const char* bad : {"", "6959908", "695990841", "6959908X"}) {
        expectRefused(&KvkNumber::parse, bad, "INVALID_KVK");
    }
}

TEST(Iban, AcceptsValidDutchIban) {
    EXPECT_EQ(Iban::parse("NL91ABNA0417164300").str(), "NL91ABNA0417164300");
}

TEST(Iban, NormalisesSpacesAndLowerCase) {
    EXPECT_EQ(Iban::parse("nl91 abna 0417 1643 00").str(), "NL91ABNA0417164300");
    EXPECT_EQ(Iban::parse("NL91 ABNA 0417 1643 00").str(), "NL91ABNA0417164300");
}

TEST(Iban, AcceptsValidIbansOfOtherCountries) {
    for (const char* good :
         {"BE68539007547034", "DE89370400440532013000", "FR1420041010050500013M02606",
          "GB29NWBK60161331926819", "LU280019400644750000", "ES9121000418450200051332",
          "IT60X0542811101000000123456", "NO9386011117947", "MT84MALT011000012345MTLCAST001S"}) {
        SCOPED_TRACE(good);
        EXPECT_EQ(Iban::parse(good).str(), good);
    }
}

TEST(Iban, RefusesWrongCheckDigits) {
    expectRefused(&Iban::parse, "NL91ABNA0417164301", "INVALID_IBAN");
    expectRefused(&Iban::parse, "NL92ABNA0417164300", "INVALID_IBAN");
    expectRefused(&Iban::parse, "DE89370400440532013001", "INVALID_IBAN");
}

TEST(Iban, RefusesCorrectChecksumWithWrongLengthForTheCountry) {
    // Check digits are right for each string, only the length is wrong: a Dutch IBAN has 18
    // characters (these have 19 and 17) and a Belgian one 16 (this has 17).
    expectRefused(&Iban::parse, "NL33ABNA04171643000", "INVALID_IBAN");
    expectRefused(&Iban::parse, "NL58ABNA041716430", "INVALID_IBAN");
    expectRefused(&Iban::parse, "BE705390075470341", "INVALID_IBAN");
}

TEST(Iban, AcceptsCountriesOutsideTheTableWithinGenericLength) {
    EXPECT_EQ(Iban::parse("XK051212012345678906").str(), "XK051212012345678906");
    EXPECT_EQ(Iban::parse("ZZ8112345678901").str(), "ZZ8112345678901");
    // 35 characters with correct check digits is still too long for any IBAN.
    expectRefused(&Iban::parse, "ZZ411111111111111111111111111111111", "INVALID_IBAN");
}

TEST(Iban, RefusesMalformedInput) {
    for (const char* bad :
         {"", "NL", "NL91", "1291ABNA0417164300", "NLXXABNA0417164300", "NL91ABNA04171643-0",
          "NL91ABNA0417164300\n", "XX0012345678901234567890123456789012"}) {
        expectRefused(&Iban::parse, bad, "INVALID_IBAN");
    }
    expectRefused(&Iban::parse, std::string(200, ' ') + "NL91ABNA0417164300", "INVALID_IBAN");
}

TEST(MunicipalityCode, AcceptsExactlyFourDigits) {
    EXPECT_EQ(MunicipalityCode::parse("0363").str(), "0363");
    for (const char* bad : {"", "363", "03630", "03a3", "GM0363"}) {
        expectRefused(&MunicipalityCode::parse, bad, "INVALID_MUNICIPALITY_CODE");
    }
}

TEST(ProductCategory, AcceptsZeroOneThroughEighteen) {
    for (int i = 1; i <= 18; ++i) {
        std::string code = (i < 10 ? "0" : "") + std::to_string(i);
        EXPECT_EQ(ProductCategory::parse(code).str(), code);
    }
}

TEST(ProductCategory, RefusesOtherValues) {
    for (const char* bad : {"", "00", "19", "99", "1", "001", "1a", " 1"}) {
        expectRefused(&ProductCategory::parse, bad, "INVALID_PRODUCT_CATEGORY");
    }
}

TEST(ProductCode, AcceptsFiveUpperCaseLettersOrDigits) {
    EXPECT_EQ(ProductCode::parse("02A01").str(), "02A01");
    EXPECT_EQ(ProductCode::parse("ZZZZZ").str(), "ZZZZZ");
    EXPECT_EQ(ProductCode::parse("00000").str(), "00000");
}

TEST(ProductCode, RefusesLowerCaseWrongLengthAndSymbols) {
    for (const char* bad : {"", "02a01", "02A0", "02A011", "02-01", "02 01", "02A0\xC3"}) {
        expectRefused(&ProductCode::parse, bad, "INVALID_PRODUCT_CODE");
    }
}

}  // namespace
}  // namespace zc
