#include "client_certificates.hpp"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>

namespace zc::security {
namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Every certificate of a PEM file (the trusted CAs of tls.ca_file).
std::vector<X509*> readCertificates(const std::string& path) {
    const std::string text = readFile(path);
    std::vector<X509*> out;
    BIO* bio = BIO_new_mem_buf(text.data(), static_cast<int>(text.size()));
    if (!bio) return out;
    while (X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) out.push_back(cert);
    BIO_free(bio);
    return out;
}

// A CRL in PEM or DER form, or null.
X509_CRL* parseCrl(const std::string& text) {
    BIO* bio = BIO_new_mem_buf(text.data(), static_cast<int>(text.size()));
    if (!bio) return nullptr;
    X509_CRL* crl = PEM_read_bio_X509_CRL(bio, nullptr, nullptr, nullptr);
    if (!crl) {
        BIO_free(bio);
        bio = BIO_new_mem_buf(text.data(), static_cast<int>(text.size()));
        if (!bio) return nullptr;
        crl = d2i_X509_CRL_bio(bio, nullptr);
    }
    BIO_free(bio);
    return crl;
}

}  // namespace

ClientCertificateCheck::ClientCertificateCheck(const std::string& ca_file, std::string crl_file)
    : crl_file_(std::move(crl_file)) {
    if (crl_file_.empty()) return;
    cas_ = readCertificates(ca_file);
    if (cas_.empty()) {
        throw std::runtime_error("tls.client_crl needs the CA certificate in " + ca_file);
    }
}

ClientCertificateCheck::~ClientCertificateCheck() {
    X509_CRL_free(crl_);
    for (X509* ca : cas_) X509_free(ca);
}

std::string ClientCertificateCheck::refusal(X509* cert) {
    if (!cert) return "no client certificate";
    // X509_check_ca: nonzero for a CA certificate (basicConstraints CA:TRUE or keyCertSign).
    if (X509_check_ca(cert) != 0) return "a CA certificate is no client certificate";
    if (crl_file_.empty()) return "";
    std::lock_guard lock(mutex_);
    reloadIfChanged();
    if (!crl_) return problem_;
    X509_REVOKED* revoked = nullptr;
    // 1: on the list; 2: listed as removeFromCRL (a delta CRL's "no longer revoked").
    if (X509_CRL_get0_by_cert(crl_, &revoked, cert) == 1) return "the certificate is revoked";
    return "";
}

void ClientCertificateCheck::reloadIfChanged() {
    std::error_code time_error;
    std::error_code size_error;
    const auto mtime = std::filesystem::last_write_time(crl_file_, time_error);
    const auto size = std::filesystem::file_size(crl_file_, size_error);
    if (time_error || size_error) {
        X509_CRL_free(crl_);
        crl_ = nullptr;
        if (seen_ || problem_.empty()) {
            std::cerr << "tls.client_crl: cannot read " << crl_file_
                      << "; every client certificate is refused" << std::endl;
        }
        seen_ = false;
        problem_ = "the certificate revocation list cannot be read";
        return;
    }
    if (seen_ && mtime == mtime_ && size == size_) return;
    seen_ = true;
    mtime_ = mtime;
    size_ = size;
    problem_ = load();
    if (!problem_.empty()) {
        std::cerr << "tls.client_crl: " << crl_file_ << ": " << problem_
                  << "; every client certificate is refused" << std::endl;
    }
}

std::string ClientCertificateCheck::load() {
    X509_CRL_free(crl_);
    crl_ = nullptr;
    X509_CRL* crl = parseCrl(readFile(crl_file_));
    if (!crl) return "the certificate revocation list is no CRL (PEM or DER)";
    for (X509* ca : cas_) {
        if (X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_subject_name(ca)) != 0) continue;
        if (X509_CRL_verify(crl, X509_get0_pubkey(ca)) != 1) continue;
        crl_ = crl;
        const ASN1_TIME* next = X509_CRL_get0_nextUpdate(crl);
        if (next && X509_cmp_current_time(next) < 0) {
            std::cerr << "tls.client_crl: " << crl_file_
                      << " is past its next update; publish a new CRL" << std::endl;
        }
        const auto* list = X509_CRL_get_REVOKED(crl);
        std::cerr << "tls.client_crl: " << crl_file_ << " loaded, "
                  << (list ? sk_X509_REVOKED_num(list) : 0) << " revoked certificate(s)"
                  << std::endl;
        return "";
    }
    X509_CRL_free(crl);
    return "the certificate revocation list is not signed by the CA of tls.ca_file";
}

}  // namespace zc::security
