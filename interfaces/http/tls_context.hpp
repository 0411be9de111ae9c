#pragma once
// The TLS side of the HTTPS server: the server's OpenSSL context (TLS 1.2 minimum, TLS 1.2 only
// with the suites NCSC rates "good", the server's preference order, client certificates asked
// for and verified against tls.ca_file) and the provider's AGB code from a client certificate.
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServerRequest.h>

#include <string>

#include "api_server.hpp"
#include "interfaces/security/client_certificates.hpp"

namespace zc::http {

// TLS 1.2 suites: ECDHE key exchange with AES-GCM or ChaCha20-Poly1305, strongest first.
inline constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256";

// Throws Poco::Exception when the key, certificate or CA file cannot be used.
Poco::Net::Context::Ptr serverTlsContext(const ServerConfig& config);

// The AGB code in the serialNumber of the verified TLS client certificate, or "" when there is
// none. Throws ValidationError CLIENT_CERTIFICATE_REQUIRED (403) when `check` refuses the
// certificate (a CA certificate, or one on the revocation list).
std::string clientCertificateAgb(Poco::Net::HTTPServerRequest& req,
                                 security::ClientCertificateCheck& check);

}  // namespace zc::http
