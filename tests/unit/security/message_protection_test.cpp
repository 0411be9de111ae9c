// Issue 14 (#2): iWmo message bodies at rest are sealed with the BSN key (AES-256-GCM) and open
// to exactly the bytes that went in, also for bodies far above the 64 KiB of a small secret.
#include "interfaces/security/message_protection.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>
#include <string>

#include "interfaces/security/crypto.hpp"

namespace zc::security {
namespace {

app::AppConfig withKey() {
    app::AppConfig c;
    c.bsn_key = randomBytes(32);
    return c;
}

// A WMO301-like body of `clients` client blocks (about 150 bytes each).
std::string body(int clients) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<wmo301:Bericht>";
    for (int i = 0; i < clients; ++i) {
        out +=
            "<wmo301:Client><wmo301:Bsn>123456782</wmo301:Bsn><wmo301:Achternaam>"
            "Zeldzaamheid</wmo301:Achternaam><wmo301:Postcode>8011MC</wmo301:Postcode>"
            "</wmo301:Client>\r\n";
    }
    return out + "</wmo301:Bericht>\r\n";
}

TEST(MessageProtection, ASealedBodyShowsNoBsnOrNameAndOpensToTheSameBytes) {
    const auto config = withKey();
    for (const int clients : {1, 2000}) {  // 2000 blocks: ~300 KiB, above a secret's 64 KiB
        const std::string xml = body(clients);
        const std::string sealed = sealMessageBody(config, xml);
        EXPECT_TRUE(isSealedMessageBody(sealed));
        EXPECT_EQ(sealed.find("123456782"), std::string::npos);
        EXPECT_EQ(sealed.find("Zeldzaamheid"), std::string::npos);
        EXPECT_EQ(sealed.find("8011MC"), std::string::npos);
        EXPECT_EQ(openMessageBody(config, sealed), xml);
        EXPECT_NE(sealMessageBody(config, xml), sealed) << "a fresh nonce per body";
    }
}

TEST(MessageProtection, AnAlteredBodyOrAnotherKeyDoesNotOpen) {
    const auto config = withKey();
    std::string sealed = sealMessageBody(config, body(3));
    EXPECT_THROW(openMessageBody(withKey(), sealed), std::runtime_error);
    auto& c = sealed[sealed.size() / 2];
    c = c == 'A' ? 'B' : 'A';
    EXPECT_THROW(openMessageBody(config, sealed), std::runtime_error);
}

TEST(MessageProtection, ABodyFromBeforeTheEncryptionIsReadAsItIs) {
    const std::string xml = body(1);
    EXPECT_FALSE(isSealedMessageBody(xml));
    EXPECT_EQ(openMessageBody(withKey(), xml), xml);
}

TEST(MessageProtection, NoBodyIsStoredWithoutTheKey) {
    EXPECT_THROW(sealMessageBody(app::AppConfig{}, body(1)), std::invalid_argument);
}

// A body sealed while it is read (a WMO325 too large to hold) is the same stored form: it opens
// to the same bytes, for sizes around the 48 KiB chunks and the 3-byte groups of base64.
TEST(MessageProtection, ABodySealedAsAStreamOpensToTheSameBytes) {
    const auto config = withKey();
    const std::string big = body(2000);
    for (const std::size_t n :
         {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{3},
          std::size_t{48 * 1024 - 1}, std::size_t{48 * 1024}, std::size_t{48 * 1024 + 1},
          std::size_t{96 * 1024 + 2}, big.size()}) {
        const std::string xml = big.substr(0, n);
        std::istringstream in(xml);
        const auto sealing = sealMessageBodyStream(config, in);
        std::ostringstream sealed;
        sealed << sealing->rdbuf();
        EXPECT_TRUE(isSealedMessageBody(sealed.str())) << n;
        EXPECT_EQ(sealed.str().size(), sealMessageBody(config, xml).size()) << n;
        EXPECT_EQ(openMessageBody(config, sealed.str()), xml) << n << " bytes";
        EXPECT_EQ(sealed.str().find("Zeldzaamheid"), std::string::npos);
    }
}

}  // namespace
}  // namespace zc::security
