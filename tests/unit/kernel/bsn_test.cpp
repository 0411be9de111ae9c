#include "contracting/kernel/bsn.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "contracting/kernel/errors.hpp"

namespace zc {
namespace {

TEST(Bsn, AcceptsNumbersPassingTheElfproef) {
    for (const char* valid : {"111222333", "123456782", "999999990", "999900006", "999900018"}) {
        EXPECT_TRUE(Bsn::isValid(valid)) << valid;
        EXPECT_EQ(Bsn::parse(valid).str(), valid);
    }
}

TEST(Bsn, RefusesWrongCheckDigitLengthCharactersAndAllZeros) {
    const std::vector<std::string> invalid = {"123456789", "111222334",  "000000000",
                                              "12345678",  "1234567820", "12345678a",
                                              "",          " 11122233",  "-11222333"};
    for (const auto& text : invalid) {
        EXPECT_FALSE(Bsn::isValid(text)) << text;
        try {
            Bsn::parse(text, "client.bsn");
            ADD_FAILURE() << "accepted " << text;
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.code(), "INVALID_BSN");
            EXPECT_EQ(e.field(), "client.bsn");
            EXPECT_EQ(e.kind(), ErrorKind::Invalid);
        }
    }
}

TEST(Bsn, MaskedShowsOnlyTheLastFourDigits) {
    EXPECT_EQ(Bsn::parse("123456782").masked(), "*****6782");
    EXPECT_EQ(maskBsn("999900006"), "*****0006");
    EXPECT_EQ(maskBsn("12"), "**");
}

}  // namespace
}  // namespace zc
