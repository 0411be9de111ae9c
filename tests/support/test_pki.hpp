#pragma once
// The private CA's other half for the tests, with OpenSSL 3: issue a provider's client
// certificate (or, to test the refusal, a CA certificate) signed by the test environment's CA,
// and publish a certificate revocation list (CRL) that revokes chosen certificates.
#include <string>
#include <vector>

namespace zc::test {

struct IssuedCertificate {
    std::string cert_file;  // PEM
    std::string key_file;   // PEM, unencrypted
};

// A new key (EC P-256) and a certificate for `agb` (subject serialNumber), signed by the CA in
// `tls_dir` (ca.crt, ca.key), with a random serial, valid from now for 30 days, written to
// `out_dir`/<name>.crt and .key. `is_ca`: basicConstraints CA:TRUE (and keyCertSign) instead of
// CA:FALSE; both carry extendedKeyUsage clientAuth. Throws std::runtime_error on failure.
IssuedCertificate issueClientCertificate(const std::string& tls_dir, const std::string& out_dir,
                                         const std::string& name, const std::string& agb,
                                         bool is_ca = false);

// Writes a CRL signed by the CA in `tls_dir` that revokes the certificates in `revoked` (PEM
// files) to `crl_file`, atomically (a temporary file renamed over it).
void writeCrl(const std::string& tls_dir, const std::string& crl_file,
              const std::vector<std::string>& revoked);

}  // namespace zc::test
