#pragma once
// What the server checks of a provider's TLS client certificate beyond the handshake (which
// verifies the chain to tls.ca_file): a CA certificate (basicConstraints CA:TRUE) is no client
// certificate, and a certificate on the certificate revocation list (tls.client_crl) is refused.
// The list is re-read when its file's modification time or size changes, so a new CRL takes
// effect without a restart. A configured list that is missing, unreadable or not signed by a CA
// of tls.ca_file refuses every client certificate (fail closed) until a good list is in place.
// Thread-safe.
#include <openssl/types.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace zc::security {

class ClientCertificateCheck {
  public:
    // `crl_file` empty: no revocation list (only the CA check). Throws std::runtime_error when
    // `ca_file` holds no certificate while a CRL is configured.
    ClientCertificateCheck(const std::string& ca_file, std::string crl_file);
    ~ClientCertificateCheck();
    ClientCertificateCheck(const ClientCertificateCheck&) = delete;
    ClientCertificateCheck& operator=(const ClientCertificateCheck&) = delete;

    // Empty when `cert` (a verified client certificate) is acceptable, else why it is refused.
    std::string refusal(X509* cert);

  private:
    void reloadIfChanged();  // with mutex_ held
    std::string load();      // reads crl_file_ into crl_; "" or the problem

    std::string crl_file_;
    std::vector<X509*> cas_;  // owned
    std::mutex mutex_;
    X509_CRL* crl_ = nullptr;  // owned; null while there is no good list
    std::string problem_;      // why there is no good list
    bool seen_ = false;        // the stamp below belongs to a read of the file
    std::filesystem::file_time_type mtime_{};
    std::uintmax_t size_ = 0;
};

}  // namespace zc::security
