#include "interfaces/security/password_hash.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace zc::security {
namespace {

// PBKDF2 at 210,000 iterations costs 0.1-0.3 s, so the suite hashes once and reuses the result.
class PasswordHash : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { stored_ = new std::string(hashPassword(kPassword)); }
    static void TearDownTestSuite() {
        delete stored_;
        stored_ = nullptr;
    }

    static constexpr std::string_view kPassword = "correct horse battery staple";
    static std::string* stored_;
};

std::string* PasswordHash::stored_ = nullptr;

TEST_F(PasswordHash, StoredStringHasSchemeIterationsSaltAndKey) {
    // 16 salt bytes are 22 base64url characters, 32 key bytes are 43.
    ASSERT_EQ(stored_->rfind("pbkdf2-sha256$210000$", 0), 0u) << *stored_;
    const std::string rest = stored_->substr(std::string_view("pbkdf2-sha256$210000$").size());
    const std::size_t dollar = rest.find('$');
    ASSERT_NE(dollar, std::string::npos);
    EXPECT_EQ(dollar, 22u);
    EXPECT_EQ(rest.size() - dollar - 1, 43u);
}

TEST_F(PasswordHash, VerifiesTheRightPasswordAndRefusesAWrongOne) {
    EXPECT_TRUE(verifyPassword(kPassword, *stored_));
    EXPECT_FALSE(verifyPassword("correct horse battery stapler", *stored_));
}

TEST_F(PasswordHash, TwoHashesOfTheSamePasswordDifferBySalt) {
    EXPECT_NE(hashPassword(kPassword), *stored_);
}

TEST_F(PasswordHash, RefusesATamperedKeyOrSalt) {
    const std::size_t key_begin = stored_->rfind('$') + 1;
    const std::size_t salt_begin = stored_->rfind('$', key_begin - 2) + 1;
    for (const std::size_t position : {key_begin, salt_begin}) {
        std::string tampered = *stored_;
        tampered[position] = tampered[position] == 'A' ? 'B' : 'A';
        EXPECT_FALSE(verifyPassword(kPassword, tampered)) << tampered;
    }
}

TEST_F(PasswordHash, RefusesMalformedStoredStringsWithoutThrowing) {
    const std::size_t salt_begin = std::string_view("pbkdf2-sha256$210000$").size();
    const std::string salt_and_key = stored_->substr(salt_begin);
    const std::string rows[] = {
        "",
        "pbkdf2-sha256",
        "pbkdf2-sha256$210000$",
        "pbkdf2-sha1$210000$" + salt_and_key,
        "pbkdf2-sha256$209999$" + salt_and_key,  // below the minimum
        "pbkdf2-sha256$0210000$" + salt_and_key,
        "pbkdf2-sha256$+210000$" + salt_and_key,
        "pbkdf2-sha256$ 210000$" + salt_and_key,
        "pbkdf2-sha256$99999999999$" + salt_and_key,  // overflows int
        "pbkdf2-sha256$100000000$" + salt_and_key,    // above the maximum
        "pbkdf2-sha256$210000$" + salt_and_key + "$",
        "pbkdf2-sha256$210000$" + salt_and_key + "=",
        "pbkdf2-sha256$210000$" + salt_and_key.substr(1),
        "pbkdf2-sha256$210000$!" + salt_and_key.substr(1),
        *stored_ + "A",
    };
    for (const std::string& row : rows) {
        EXPECT_FALSE(verifyPassword(kPassword, row)) << row;
    }
}

TEST(PasswordHashing, RefusesIterationsOutsideTheAllowedRange) {
    EXPECT_THROW(hashPassword("correct horse battery staple", 1000), std::invalid_argument);
    EXPECT_THROW(hashPassword("correct horse battery staple", kMinPbkdf2Iterations - 1),
                 std::invalid_argument);
    EXPECT_THROW(hashPassword("correct horse battery staple", 0), std::invalid_argument);
    EXPECT_THROW(hashPassword("correct horse battery staple", 10'000'001), std::invalid_argument);
}

TEST(PasswordPolicy, EnforcesLengthInCharacters) {
    const struct {
        std::string password;
        std::string_view violation;
    } rows[] = {
        {"", "Password must be at least 12 characters."},
        {std::string(11, 'x'), "Password must be at least 12 characters."},
        {std::string(12, 'x'), ""},
        {std::string(128, 'x'), ""},
        {std::string(129, 'x'), "Password must be at most 128 characters."},
        // Eleven "é" are 22 bytes but 11 characters; 128 of them are 256 bytes.
        {[] {
             std::string s;
             for (int i = 0; i < 11; ++i) s += "\xc3\xa9";
             return s;
         }(),
         "Password must be at least 12 characters."},
        {[] {
             std::string s;
             for (int i = 0; i < 128; ++i) s += "\xc3\xa9";
             return s;
         }(),
         ""},
    };
    for (const auto& row : rows) {
        EXPECT_EQ(passwordPolicyViolation(row.password), row.violation) << row.password;
    }
}

}  // namespace
}  // namespace zc::security
