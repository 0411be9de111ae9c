#include "interfaces/security/aes_gcm.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "interfaces/security/crypto.hpp"

namespace zc::security {
namespace {

const std::vector<unsigned char> kKey =
    keyFromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

TEST(AesGcm, RoundTrip) {
    for (const std::string& text :
         std::vector<std::string>{"123456782", "", std::string(1000, 'x')}) {
        const std::string stored = encryptAesGcm(kKey, text);
        EXPECT_EQ(decryptAesGcm(kKey, stored), text);
        EXPECT_EQ(base64Decode(stored).size(), kGcmNonceBytes + text.size() + kGcmTagBytes);
        if (!text.empty()) {
            EXPECT_EQ(stored.find(text), std::string::npos);
        }
    }
}

TEST(AesGcm, NonceDiffersPerCall) {
    const std::string a = encryptAesGcm(kKey, "123456782");
    const std::string b = encryptAesGcm(kKey, "123456782");
    EXPECT_NE(a, b);
    const auto ra = base64Decode(a);
    const auto rb = base64Decode(b);
    EXPECT_NE(std::vector<unsigned char>(ra.begin(), ra.begin() + kGcmNonceBytes),
              std::vector<unsigned char>(rb.begin(), rb.begin() + kGcmNonceBytes));
}

TEST(AesGcm, TamperingIsDetected) {
    const auto raw = base64Decode(encryptAesGcm(kKey, "123456782"));
    // Flip one bit in the nonce, the ciphertext and the tag in turn.
    for (std::size_t pos : {std::size_t{0}, kGcmNonceBytes + 2, raw.size() - 1}) {
        auto altered = raw;
        altered[pos] ^= 0x01;
        EXPECT_THROW(decryptAesGcm(kKey, base64Encode(altered.data(), altered.size())),
                     std::runtime_error)
            << "byte " << pos;
    }
    auto truncated = raw;
    truncated.resize(kGcmNonceBytes + kGcmTagBytes - 1);
    EXPECT_THROW(decryptAesGcm(kKey, base64Encode(truncated.data(), truncated.size())),
                 std::runtime_error);
    EXPECT_THROW(decryptAesGcm(kKey, "not base64!"), std::runtime_error);
}

TEST(AesGcm, WrongKeyFails) {
    const std::string stored = encryptAesGcm(kKey, "123456782");
    auto other = kKey;
    other[31] ^= 0x80;
    EXPECT_THROW(decryptAesGcm(other, stored), std::runtime_error);
    EXPECT_THROW(encryptAesGcm(std::vector<unsigned char>(16, 1), "x"), std::invalid_argument);
}

TEST(AesGcm, KeysAreSixtyFourHexCharacters) {
    EXPECT_EQ(keyFromHex(std::string(64, 'A')).size(), kAesKeyBytes);
    EXPECT_THROW(keyFromHex(std::string(62, 'a')), std::invalid_argument);
    EXPECT_THROW(keyFromHex(std::string(63, 'a') + "g"), std::invalid_argument);
}

TEST(AesGcm, Base64MatchesRfc4648Vectors) {
    const std::string foobar = "foobar";
    const auto* p = reinterpret_cast<const unsigned char*>(foobar.data());
    EXPECT_EQ(base64Encode(p, 0), "");
    EXPECT_EQ(base64Encode(p, 1), "Zg==");
    EXPECT_EQ(base64Encode(p, 2), "Zm8=");
    EXPECT_EQ(base64Encode(p, 6), "Zm9vYmFy");
    const auto decoded = base64Decode("Zm8=");
    EXPECT_EQ(std::string(decoded.begin(), decoded.end()), "fo");
}

}  // namespace
}  // namespace zc::security
