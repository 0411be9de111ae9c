#include "interfaces/security/totp.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "interfaces/security/crypto.hpp"

namespace zc::security {
namespace {

// The shared secret of RFC 4226 appendix D and the SHA-1 rows of RFC 6238 appendix B.
const std::vector<unsigned char> kRfcSecret = [] {
    const std::string_view text = "12345678901234567890";
    return std::vector<unsigned char>(text.begin(), text.end());
}();

TEST(Totp, HotpMatchesRfc4226AppendixD) {
    const char* const expected[] = {"755224", "287082", "359152", "969429", "338314",
                                    "254676", "287922", "162583", "399871", "520489"};
    for (std::uint64_t counter = 0; counter < 10; ++counter) {
        EXPECT_EQ(hotp(kRfcSecret, counter), expected[counter]) << counter;
    }
}

TEST(Totp, TotpAtMatchesRfc6238Sha1Vectors) {
    const struct {
        std::int64_t unix_seconds;
        std::string_view code;
    } rows[] = {
        {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
        {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
    };
    for (const auto& row : rows) {
        EXPECT_EQ(totpAt(kRfcSecret, row.unix_seconds, 8), row.code) << row.unix_seconds;
    }
}

TEST(Totp, TotpAtDefaultsToSixDigitsZeroPadded) {
    // Six-digit code of step 37037036 is the last six digits of the eight-digit one.
    EXPECT_EQ(totpAt(kRfcSecret, 1111111109), "081804");
}

TEST(Totp, HotpRejectsEmptySecretAndBadDigits) {
    EXPECT_THROW(hotp({}, 0), std::invalid_argument);
    EXPECT_THROW(hotp(kRfcSecret, 0, 0), std::invalid_argument);
    EXPECT_THROW(hotp(kRfcSecret, 0, 10), std::invalid_argument);
    EXPECT_THROW(totpAt(kRfcSecret, -1), std::invalid_argument);
}

constexpr std::int64_t kNow = 1111111111;  // step 37037037
constexpr std::int64_t kStep = kNow / 30;
constexpr std::int64_t kNoStepUsed = 0;

std::string codeAtStep(std::int64_t step) { return totpAt(kRfcSecret, step * 30); }

TEST(Totp, VerifyAcceptsCurrentAndAdjacentStepsAndReturnsTheStep) {
    for (std::int64_t offset = -1; offset <= 1; ++offset) {
        EXPECT_EQ(verifyTotp(kRfcSecret, codeAtStep(kStep + offset), kNow, kNoStepUsed),
                  kStep + offset)
            << offset;
    }
}

TEST(Totp, VerifyRefusesStepsTwoAway) {
    EXPECT_EQ(verifyTotp(kRfcSecret, codeAtStep(kStep - 2), kNow, kNoStepUsed), std::nullopt);
    EXPECT_EQ(verifyTotp(kRfcSecret, codeAtStep(kStep + 2), kNow, kNoStepUsed), std::nullopt);
}

TEST(Totp, VerifyRefusesReplayOfUsedOrEarlierSteps) {
    const std::string code = codeAtStep(kStep);
    EXPECT_EQ(verifyTotp(kRfcSecret, code, kNow, kStep), std::nullopt);
    EXPECT_EQ(verifyTotp(kRfcSecret, code, kNow, kStep + 1), std::nullopt);
    EXPECT_EQ(verifyTotp(kRfcSecret, code, kNow, kStep - 1), kStep);
    // A step before the last used one is refused even inside the drift window.
    EXPECT_EQ(verifyTotp(kRfcSecret, codeAtStep(kStep - 1), kNow, kStep - 1), std::nullopt);
}

TEST(Totp, VerifyRefusesCodesThatAreNotSixAsciiDigits) {
    const std::string code = codeAtStep(kStep);
    const std::string rows[] = {
        "",       code.substr(0, 5), code + "0", " " + code.substr(1),        "12345a",
        "-12345", "+12345",          "12 345",   totpAt(kRfcSecret, kNow, 8),
    };
    for (const std::string& row : rows) {
        EXPECT_EQ(verifyTotp(kRfcSecret, row, kNow, kNoStepUsed), std::nullopt) << row;
    }
}

TEST(Totp, VerifyRefusesAWrongCode) {
    const std::string code = codeAtStep(kStep);
    std::string wrong = code;
    wrong[0] = wrong[0] == '9' ? '0' : static_cast<char>(wrong[0] + 1);
    // The wrong code must not happen to be the code of an adjacent step.
    ASSERT_NE(wrong, codeAtStep(kStep - 1));
    ASSERT_NE(wrong, codeAtStep(kStep + 1));
    EXPECT_EQ(verifyTotp(kRfcSecret, wrong, kNow, kNoStepUsed), std::nullopt);
}

TEST(Totp, NewSecretIs20RandomBytesInBase32) {
    const std::string secret = newTotpSecret();
    EXPECT_EQ(secret.size(), 32u);
    EXPECT_EQ(base32Decode(secret).size(), 20u);
    EXPECT_NE(secret, newTotpSecret());
}

TEST(Totp, UriNamesIssuerAndPercentEncodesTheAccount) {
    EXPECT_EQ(totpUri("j.de vries@gemeente.nl", "JBSWY3DPEHPK3PXP"),
              "otpauth://totp/zorgcontract:j.de%20vries%40gemeente.nl?secret=JBSWY3DPEHPK3PXP"
              "&issuer=zorgcontract&algorithm=SHA1&digits=6&period=30");
    EXPECT_EQ(totpUri("a:b?c&d/e", "MZXW6YTBOI"),
              "otpauth://totp/zorgcontract:a%3Ab%3Fc%26d%2Fe?secret=MZXW6YTBOI"
              "&issuer=zorgcontract&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace zc::security
