// Issue 14 #11: TLS 1.2 only with the suites NCSC rates "good" (ECDHE key exchange with AES-GCM
// or ChaCha20-Poly1305), in the server's order of preference; TLS 1.3 as OpenSSL offers it.
// Handshakes with a bare OpenSSL client that offers exactly the suites under test.
#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/ssl.h>

#include <string>

#include "support/https_client.hpp"

namespace zc::e2e {
namespace {

struct Handshake {
    bool ok = false;
    std::string cipher;
    std::string version;
};

// A handshake with the fixture's server at exactly `version`, offering only `ciphers` (TLS 1.2
// suite names). The client's security level is 0, so it is able to offer weak suites at all.
Handshake handshake(int version, const std::string& ciphers) {
    const auto env = test::serverEnv();
    Handshake out;
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) return out;
    SSL_CTX_set_security_level(ctx, 0);
    SSL_CTX_set_min_proto_version(ctx, version);
    SSL_CTX_set_max_proto_version(ctx, version);
    const bool offered = ciphers.empty() || SSL_CTX_set_cipher_list(ctx, ciphers.c_str()) == 1;
    SSL_CTX_load_verify_locations(ctx, env.ca_file.c_str(), nullptr);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    BIO* bio = offered ? BIO_new_ssl_connect(ctx) : nullptr;
    if (bio) {
        const std::string address = "127.0.0.1:" + std::to_string(env.port);
        BIO_set_conn_hostname(bio, address.c_str());
        SSL* ssl = nullptr;
        BIO_get_ssl(bio, &ssl);
        if (ssl && BIO_do_handshake(bio) == 1) {
            out.ok = true;
            out.cipher = SSL_get_cipher_name(ssl);
            out.version = SSL_get_version(ssl);
        }
        BIO_free_all(bio);
    }
    SSL_CTX_free(ctx);
    return out;
}

TEST(TlsSuites, Tls12RefusesCbcRsaKeyExchangeAndDhe) {
    for (const char* weak :
         {"AES128-GCM-SHA256", "AES256-SHA256", "AES128-SHA", "ECDHE-RSA-AES128-SHA256",
          "ECDHE-RSA-AES256-SHA384", "ECDHE-RSA-AES256-SHA", "DHE-RSA-AES128-GCM-SHA256",
          "DHE-RSA-CHACHA20-POLY1305"}) {
        const Handshake h = handshake(TLS1_2_VERSION, weak);
        EXPECT_FALSE(h.ok) << "TLS 1.2 with " << weak << " was accepted (" << h.cipher << ")";
    }
}

TEST(TlsSuites, Tls12AcceptsEcdheWithAesGcmOrChaCha20) {
    for (const char* good : {"ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384",
                             "ECDHE-RSA-CHACHA20-POLY1305"}) {
        const Handshake h = handshake(TLS1_2_VERSION, good);
        EXPECT_TRUE(h.ok) << "TLS 1.2 with " << good << " was refused";
        EXPECT_EQ(h.cipher, good);
    }
}

TEST(TlsSuites, Tls12FollowsTheServersPreference) {
    // The client prefers AES-128 and a weak suite; the server chooses its strongest good one.
    const Handshake h = handshake(
        TLS1_2_VERSION, "AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384");
    ASSERT_TRUE(h.ok);
    EXPECT_EQ(h.cipher, "ECDHE-RSA-AES256-GCM-SHA384");
}

TEST(TlsSuites, Tls13StillWorks) {
    const Handshake h = handshake(TLS1_3_VERSION, "");
    ASSERT_TRUE(h.ok);
    EXPECT_EQ(h.version, "TLSv1.3");
    EXPECT_EQ(h.cipher.rfind("TLS_", 0), 0u) << h.cipher;
}

}  // namespace
}  // namespace zc::e2e
