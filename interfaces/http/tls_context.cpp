#include "tls_context.hpp"

#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/X509Certificate.h>

#include <iostream>

#include "contracting/kernel/errors.hpp"

namespace zc::http {

Poco::Net::Context::Ptr serverTlsContext(const ServerConfig& config) {
    // VERIFY_RELAXED: a client certificate is asked for and, when sent, must chain to the CA;
    // browsers send none (they log in), providers' message clients send theirs.
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_SERVER_USE, config.key_file, config.cert_file, config.ca_file,
        Poco::Net::Context::VERIFY_RELAXED, 9, false, kTls12Ciphers);
    // Without it only OpenSSL's security level would keep TLS 1.1 out. TLS 1.3 keeps OpenSSL's
    // own suites (all AEAD: AES-GCM and ChaCha20-Poly1305).
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    context->preferServerCiphers();
    return context;
}

std::string clientCertificateAgb(Poco::Net::HTTPServerRequest& req,
                                 security::ClientCertificateCheck& check) {
    auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&req);
    if (!impl) return "";
    std::string agb;
    std::string refusal;
    try {
        Poco::Net::SecureStreamSocket socket(impl->socket());
        if (!socket.havePeerCertificate()) return "";
        const Poco::Net::X509Certificate cert = socket.peerCertificate();
        agb = cert.subjectName(Poco::Net::X509Certificate::NID_SERIAL_NUMBER);
        refusal = check.refusal(const_cast<X509*>(cert.certificate()));
    } catch (const Poco::Exception&) {
        return "";
    }
    if (refusal.empty()) return agb;
    std::cerr << "client certificate refused (AGB " << agb << "): " << refusal << std::endl;
    throw ValidationError("CLIENT_CERTIFICATE_REQUIRED",
                          "Your client certificate is refused (" + refusal +
                              "); use a valid client certificate issued to your AGB code.",
                          "");
}

}  // namespace zc::http
