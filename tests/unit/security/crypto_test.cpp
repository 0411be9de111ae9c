#include "interfaces/security/crypto.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace zc::security {
namespace {

std::vector<unsigned char> bytesOf(std::string_view text) {
    return std::vector<unsigned char>(text.begin(), text.end());
}

TEST(Crypto, Sha256HexOfAbcIsTheKnownDigest) {
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Crypto, HmacSha256MatchesRfc4231TestCase2) {
    EXPECT_EQ(hmacSha256Hex("Jefe", "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Crypto, HmacSha1MatchesRfc2202TestCase2) {
    const std::vector<unsigned char> mac =
        hmacSha1(bytesOf("Jefe"), "what do ya want for nothing?");
    EXPECT_EQ(toHex(mac.data(), mac.size()), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

TEST(Crypto, ToHexIsLowerCase) {
    const unsigned char data[] = {0x00, 0x0f, 0xab, 0xff};
    EXPECT_EQ(toHex(data, sizeof data), "000fabff");
    EXPECT_EQ(toHex(nullptr, 0), "");
}

TEST(Crypto, Base64UrlEncodeHasNoPaddingAndUrlAlphabet) {
    const struct {
        std::string_view input;
        std::string_view expected;
    } rows[] = {
        {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},          {"foo", "Zm9v"},
        {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}, {"\xfb\xff", "-_8"},
    };
    for (const auto& row : rows) {
        const std::vector<unsigned char> input = bytesOf(row.input);
        EXPECT_EQ(base64UrlEncode(input.data(), input.size()), row.expected) << row.input;
    }
}

TEST(Crypto, Base32MatchesRfc4648Vectors) {
    const struct {
        std::string_view input;
        std::string_view expected;
    } rows[] = {
        {"", ""},
        {"f", "MY"},
        {"fo", "MZXQ"},
        {"foo", "MZXW6"},
        {"foob", "MZXW6YQ"},
        {"fooba", "MZXW6YTB"},
        {"foobar", "MZXW6YTBOI"},
    };
    for (const auto& row : rows) {
        EXPECT_EQ(base32Encode(bytesOf(row.input)), row.expected) << row.input;
        EXPECT_EQ(base32Decode(row.expected), bytesOf(row.input)) << row.expected;
    }
}

TEST(Crypto, Base32RoundTripsRandomBytes) {
    for (std::size_t n = 0; n <= 41; ++n) {
        const std::vector<unsigned char> data = randomBytes(n);
        EXPECT_EQ(base32Decode(base32Encode(data)), data) << n;
    }
}

TEST(Crypto, Base32DecodeIgnoresCasePaddingAndSpaces) {
    EXPECT_EQ(base32Decode("mzxw 6ytb oi======"), bytesOf("foobar"));
}

TEST(Crypto, Base32DecodeRejectsForeignCharactersAndImpossibleLengths) {
    EXPECT_THROW(base32Decode("MZXW1"), std::invalid_argument);  // '1' is not base32
    EXPECT_THROW(base32Decode("MZXW6YT!"), std::invalid_argument);
    EXPECT_THROW(base32Decode("M"), std::invalid_argument);       // 1 leftover symbol
    EXPECT_THROW(base32Decode("MZX"), std::invalid_argument);     // 3 leftover symbols
    EXPECT_THROW(base32Decode("MZXW6Y"), std::invalid_argument);  // 6 leftover symbols
}

TEST(Crypto, RandomBytesHaveTheRequestedLengthAndDiffer) {
    EXPECT_TRUE(randomBytes(0).empty());
    const std::vector<unsigned char> a = randomBytes(32);
    const std::vector<unsigned char> b = randomBytes(32);
    EXPECT_EQ(a.size(), 32u);
    EXPECT_NE(a, b);
}

TEST(Crypto, ConstantTimeEqualsComparesContentAndLength) {
    EXPECT_TRUE(constantTimeEquals("", ""));
    EXPECT_TRUE(constantTimeEquals("secret-token", "secret-token"));
    EXPECT_FALSE(constantTimeEquals("secret-token", "secret-tokem"));
    EXPECT_FALSE(constantTimeEquals("secret-token", "secret-token2"));
    EXPECT_FALSE(constantTimeEquals("", "x"));
    EXPECT_TRUE(constantTimeEquals(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
    EXPECT_FALSE(constantTimeEquals(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

bool isBase64UrlChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

TEST(Crypto, NewTokenIsPrefixPlus43Base64UrlCharacters) {
    const std::string token = newToken("zcs_");
    ASSERT_EQ(token.size(), 4u + 43u);
    EXPECT_EQ(token.substr(0, 4), "zcs_");
    for (char c : token.substr(4)) EXPECT_TRUE(isBase64UrlChar(c)) << c;
    EXPECT_NE(newToken("zck_"), newToken("zck_"));
}

}  // namespace
}  // namespace zc::security
