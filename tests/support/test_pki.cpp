#include "test_pki.hpp"

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>

namespace zc::test {
namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Crl = std::unique_ptr<X509_CRL, Deleter<X509_CRL, X509_CRL_free>>;

void require(bool ok, const std::string& what) {
    if (!ok) throw std::runtime_error("test PKI: " + what + " failed");
}

std::FILE* open(const std::string& path, const char* mode) {
    std::FILE* f = std::fopen(path.c_str(), mode);
    require(f != nullptr, "opening " + path);
    return f;
}

Cert readCert(const std::string& path) {
    std::FILE* f = open(path, "r");
    Cert c(PEM_read_X509(f, nullptr, nullptr, nullptr));
    std::fclose(f);
    require(c != nullptr, "reading " + path);
    return c;
}

Key readKey(const std::string& path) {
    std::FILE* f = open(path, "r");
    Key k(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
    std::fclose(f);
    require(k != nullptr, "reading " + path);
    return k;
}

void addExtension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    require(ext != nullptr, "extension");
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

void randomSerial(X509* cert) {
    BIGNUM* bn = BN_new();
    require(bn && BN_rand(bn, 120, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) == 1, "serial");
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert));
    BN_free(bn);
}

}  // namespace

IssuedCertificate issueClientCertificate(const std::string& tls_dir, const std::string& out_dir,
                                         const std::string& name, const std::string& agb,
                                         bool is_ca) {
    const Cert ca = readCert(tls_dir + "/ca.crt");
    const Key ca_key = readKey(tls_dir + "/ca.key");
    Key key(EVP_EC_gen("P-256"));
    require(key != nullptr, "key generation");
    Cert cert(X509_new());
    X509_set_version(cert.get(), 2);
    randomSerial(cert.get());
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 30L * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* subject = X509_get_subject_name(cert.get());
    const auto add = [subject](const char* field, const std::string& value) {
        X509_NAME_add_entry_by_txt(subject, field, MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                   0);
    };
    add("O", "zorgcontract provider");
    add("CN", "AGB " + agb + (is_ca ? " CA" : ""));
    add("serialNumber", agb);
    X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.get()));
    addExtension(cert.get(), ca.get(), NID_basic_constraints,
                 is_ca ? "critical,CA:TRUE" : "CA:FALSE");
    addExtension(cert.get(), ca.get(), NID_key_usage,
                 is_ca ? "critical,digitalSignature,keyCertSign,cRLSign"
                       : "critical,digitalSignature,keyEncipherment");
    addExtension(cert.get(), ca.get(), NID_ext_key_usage, "clientAuth");
    require(X509_sign(cert.get(), ca_key.get(), EVP_sha256()) > 0, "signing the certificate");
    std::filesystem::create_directories(out_dir);
    IssuedCertificate out{out_dir + "/" + name + ".crt", out_dir + "/" + name + ".key"};
    std::FILE* f = open(out.cert_file, "w");
    PEM_write_X509(f, cert.get());
    std::fclose(f);
    f = open(out.key_file, "w");
    PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(f);
    std::filesystem::permissions(
        out.key_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    return out;
}

void writeCrl(const std::string& tls_dir, const std::string& crl_file,
              const std::vector<std::string>& revoked) {
    const Cert ca = readCert(tls_dir + "/ca.crt");
    const Key ca_key = readKey(tls_dir + "/ca.key");
    Crl crl(X509_CRL_new());
    X509_CRL_set_version(crl.get(), 1);  // v2
    X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(ca.get()));
    ASN1_TIME* now = X509_gmtime_adj(nullptr, 0);
    ASN1_TIME* next = X509_gmtime_adj(nullptr, 30L * 24 * 3600);
    X509_CRL_set1_lastUpdate(crl.get(), now);
    X509_CRL_set1_nextUpdate(crl.get(), next);
    for (const auto& file : revoked) {
        const Cert cert = readCert(file);
        X509_REVOKED* entry = X509_REVOKED_new();
        X509_REVOKED_set_serialNumber(entry, X509_get_serialNumber(cert.get()));
        X509_REVOKED_set_revocationDate(entry, now);
        X509_CRL_add0_revoked(crl.get(), entry);
    }
    ASN1_TIME_free(now);
    ASN1_TIME_free(next);
    X509_CRL_sort(crl.get());
    require(X509_CRL_sign(crl.get(), ca_key.get(), EVP_sha256()) > 0, "signing the CRL");
    const std::string temporary = crl_file + ".tmp";
    std::FILE* f = open(temporary, "w");
    PEM_write_X509_CRL(f, crl.get());
    std::fclose(f);
    std::filesystem::rename(temporary, crl_file);
}

}  // namespace zc::test
