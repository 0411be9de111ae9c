// Issue 14 #8: a provider's client certificate can be revoked. The fixture's server reads the
// CRL at tls.client_crl ($ZC_TESTENV/tls/client.crl) and re-reads it when the file changes; these
// tests publish new lists (signed by the test CA) while the server keeps running. A CA
// certificate presented as client certificate is refused too.
#include <Poco/Exception.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/connection_pool.hpp"
#include "support/https_client.hpp"
#include "support/test_pki.hpp"

namespace zc::e2e {
namespace {

using test::HttpsClient;
using test::Response;

std::string tlsDir() { return test::testEnvDir() + "/tls"; }
std::string crlFile() { return tlsDir() + "/client.crl"; }
std::string scratchDir() { return tlsDir() + "/test-clients"; }

// The AGB code of a demo provider (one with contracts, so its outbox exists).
std::string demoAgb() {
    db::ensureThreadInit();
    db::Connection root(test::rootDbConfig());
    const auto rows = root.query("SELECT agb FROM providers ORDER BY agb LIMIT 1");
    if (rows.empty()) throw std::runtime_error("the demo has no provider");
    return rows[0].str(0);
}

// GET /api/v1/outbox (a client-certificate route) with `cert`; a refused handshake gives
// status 0 and the TLS error in `text`.
Response outboxWith(const test::IssuedCertificate& cert) {
    try {
        return HttpsClient::fromTestEnv()
            .withClientCertificate(cert.cert_file, cert.key_file)
            .get("/api/v1/outbox");
    } catch (const Poco::Exception& e) {
        Response refused;
        refused.text = e.displayText();
        return refused;
    }
}

// Refused: no handshake, or 403 CLIENT_CERTIFICATE_REQUIRED; never the provider's outbox.
void expectRefused(const Response& r, const std::string& what) {
    EXPECT_TRUE(r.status == 0 || (r.status == 403 && r.code() == "CLIENT_CERTIFICATE_REQUIRED"))
        << what << ": " << r.describe();
}

class ClientCertificates : public ::testing::Test {
  protected:
    // The fixture's list revokes nothing again (the server re-reads it).
    void TearDown() override { test::writeCrl(tlsDir(), crlFile(), {}); }
};

TEST_F(ClientCertificates, RevokedCertificateIsRefusedOnceTheNewCrlIsPublished) {
    const std::string agb = demoAgb();
    const auto kept = test::issueClientCertificate(tlsDir(), scratchDir(), "kept-" + agb, agb);
    const auto revoked =
        test::issueClientCertificate(tlsDir(), scratchDir(), "revoked-" + agb, agb);
    test::writeCrl(tlsDir(), crlFile(), {});
    const Response before = outboxWith(revoked);
    ASSERT_EQ(before.status, 200) << "before the revocation: " << before.describe();

    test::writeCrl(tlsDir(), crlFile(), {revoked.cert_file});
    const Response after = outboxWith(revoked);
    expectRefused(after, "the revoked certificate");
    // The same provider's other certificate, and the fixture's own, still work.
    EXPECT_EQ(outboxWith(kept).status, 200) << outboxWith(kept).describe();
    const Response fixture = HttpsClient::fromTestEnv().asProvider(agb).get("/api/v1/outbox");
    EXPECT_EQ(fixture.status, 200) << fixture.describe();

    // Taken off the list again (a new CRL without it): accepted again, still no restart.
    test::writeCrl(tlsDir(), crlFile(), {kept.cert_file});
    EXPECT_EQ(outboxWith(revoked).status, 200) << outboxWith(revoked).describe();
    expectRefused(outboxWith(kept), "the certificate revoked by the newest list");
}

TEST_F(ClientCertificates, CaCertificateIsRefusedAsClientCertificate) {
    const std::string agb = demoAgb();
    const auto ca = test::issueClientCertificate(tlsDir(), scratchDir(), "ca-" + agb, agb, true);
    expectRefused(outboxWith(ca), "a CA certificate");
    const auto good = test::issueClientCertificate(tlsDir(), scratchDir(), "good-" + agb, agb);
    EXPECT_EQ(outboxWith(good).status, 200) << outboxWith(good).describe();
}

TEST_F(ClientCertificates, UnusableCrlRefusesEveryClientCertificate) {
    const std::string agb = demoAgb();
    const auto good = test::issueClientCertificate(tlsDir(), scratchDir(), "any-" + agb, agb);
    // A list that is no CRL at all: fail closed, until a good list is published again.
    {
        std::FILE* f = std::fopen(crlFile().c_str(), "w");
        ASSERT_NE(f, nullptr);
        std::fputs("-----BEGIN X509 CRL-----\nnot a list\n-----END X509 CRL-----\n", f);
        std::fclose(f);
    }
    expectRefused(outboxWith(good), "a certificate while the CRL is unusable");
    test::writeCrl(tlsDir(), crlFile(), {});
    EXPECT_EQ(outboxWith(good).status, 200) << outboxWith(good).describe();
}

}  // namespace
}  // namespace zc::e2e
