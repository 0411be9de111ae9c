// Strict UTF-8 decoding (shared by the XML writer and the SEPA text conversion).
#include "contracting/kernel/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace zc {
namespace {

struct Utf8Case {
    std::string bytes;
    std::optional<char32_t> code_point;
    std::size_t length;  // bytes consumed when valid
};

class Utf8Decoding : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(Utf8Decoding, DecodesOneCodePointOrRefusesMalformedInput) {
    const auto& c = GetParam();
    std::size_t i = 0;
    const auto got = decodeUtf8(c.bytes, i);
    EXPECT_EQ(got, c.code_point);
    EXPECT_EQ(i, got ? c.length : 0u) << "malformed input leaves the position unchanged";
}

INSTANTIATE_TEST_SUITE_P(
    Table, Utf8Decoding,
    ::testing::Values(Utf8Case{"A", U'A', 1}, Utf8Case{"\xC3\xA9", U'\u00E9', 2},  // é
                      Utf8Case{"\xE2\x82\xAC", U'\u20AC', 3},                      // €
                      Utf8Case{"\xF0\x9F\x98\x80", U'\U0001F600', 4},              // emoji
                      Utf8Case{"\xC0\xAF", std::nullopt, 0},                       // overlong
                      Utf8Case{"\xED\xA0\x80", std::nullopt, 0},                   // surrogate
                      Utf8Case{"\xF4\x90\x80\x80", std::nullopt, 0},               // > U+10FFFF
                      Utf8Case{"\xE2\x82", std::nullopt, 0},                       // truncated
                      Utf8Case{"\x80", std::nullopt, 0},                           // stray byte
                      Utf8Case{"\xC3\x28", std::nullopt, 0}));                     // bad tail

}  // namespace
}  // namespace zc
