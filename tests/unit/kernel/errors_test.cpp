#include "contracting/kernel/errors.hpp"

#include <gtest/gtest.h>

namespace zc {
namespace {

TEST(ValidationError, CarriesCodeMessageFieldAndTheRegistrysKind) {
    ValidationError e("INVALID_AGB", "AGB code must be exactly 8 digits.", "agb");
    EXPECT_EQ(e.code(), "INVALID_AGB");
    EXPECT_STREQ(e.what(), "AGB code must be exactly 8 digits.");
    EXPECT_EQ(e.field(), "agb");
    EXPECT_EQ(e.kind(), ErrorKind::Invalid);
    EXPECT_EQ(ValidationError("DUPLICATE_AGB", "Exists.").kind(), ErrorKind::Conflict);
    EXPECT_EQ(ValidationError("UNKNOWN_PRODUCT", "Unknown.").kind(), ErrorKind::Unprocessable);
}

TEST(ValidationError, HasNoFieldWhenNoneIsGiven) {
    ValidationError e("INVALID_JSON", "Something is wrong.");
    EXPECT_EQ(e.field(), "");
}

TEST(ValidationErrorDeathTest, AnUnregisteredCodeIsAProgrammerError) {
    EXPECT_DEATH(ValidationError("NOT_A_REGISTERED_CODE", "x"), "assertion failed");
}

TEST(ZcAssertDeathTest, AbortsWithExpressionOnStderr) {
    EXPECT_DEATH(ZC_ASSERT(1 + 1 == 3), "assertion failed: 1 \\+ 1 == 3");
}

TEST(ZcAssert, PassesWhenConditionHolds) {
    int evaluated = 0;
    ZC_ASSERT(++evaluated == 1);
    EXPECT_EQ(evaluated, 1);
}

}  // namespace
}  // namespace zc
