// No fixed ceiling for a WMO323 in code (issue 17): the streaming reader's limits follow the
// configured size (limits.max_declaration_bytes, up to 1 TiB), with room for its elements.
#include <gtest/gtest.h>

#include "interfaces/iwmo/declaration.hpp"

namespace zc::iwmo {
namespace {

TEST(DeclarationLimits, FollowTheConfiguredSizeWithoutAFixedCeiling) {
    const std::size_t before = declarationLimits().max_bytes;
    setDeclarationMaxBytes(std::size_t{4} << 30);  // a 1.2-million-line file is 1.15 GB
    EXPECT_EQ(declarationLimits().max_bytes, std::size_t{4} << 30);
    EXPECT_EQ(declarationLimits().max_elements, (std::size_t{4} << 30) / 8);
    setDeclarationMaxBytes(std::size_t{16} << 20);
    EXPECT_EQ(declarationLimits().max_bytes, std::size_t{16} << 20);
    EXPECT_EQ(declarationLimits().max_elements, 100'000'000u);  // never fewer than this
    setDeclarationMaxBytes(before);
}

}  // namespace
}  // namespace zc::iwmo
