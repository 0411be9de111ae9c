#pragma once
// The GGk test double (issue 16): plays the Gemeentelijk Gegevensknooppunt of
// ggk0310_OntvangAsynchroon.wsdl for the `ggk` e2e tier. It serves the WSDL's operations
// (ggk_Di01, ggk_Du01, Fo01) over HTTPS with mutual TLS (Digikoppeling: the client certificate
// must chain to the test CA; its subject serialNumber is the sender's OIN), records every post,
// answers each one as the test queued (Bv03, a SOAP Fault with a Fo03, a hang past the caller's
// time-out, or a dropped connection), and delivers envelopes to our server as the GGk does.
// Every envelope received and posted is kept in the artifacts folder.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "interfaces/iwmo/chain/ggk_settings.hpp"
#include "interfaces/iwmo/ggk_soap.hpp"

namespace zc::test {

// The SOAPAction of each operation of ggk0310_OntvangAsynchroon.wsdl, and the path of our
// server's GGk endpoint: the server's own (interfaces/iwmo/chain/ggk_settings.hpp).
using iwmo::kGgkEndpointPath;
inline constexpr const char* kGgkDi01Action = iwmo::kSoapActionDi01;
inline constexpr const char* kGgkDu01Action = iwmo::kSoapActionDu01;
inline constexpr const char* kGgkFo01Action = iwmo::kSoapActionFo01;
// The port of the double when server.env names none (ZC_GGK_DOUBLE_PORT).
inline constexpr int kDefaultGgkDoublePort = 18643;
// The GGk's OIN when server.env names none (ZC_GGK_OIN): 20 digits.
inline constexpr const char* kDefaultGgkOin = "00000001234567890000";

struct GgkDoubleOptions {
    int port = kDefaultGgkDoublePort;
    std::string tls_dir;        // server.crt, server.key, ca.crt (and ca.key to issue ours)
    std::string oin;            // the GGk's OIN: zender of its answers and its certificate
    std::string artifacts_dir;  // where the .xml files go; "" writes none
    // Where post() delivers: "" = server.env's ZC_SERVER_URL and ZC_TLS_CA_FILE.
    std::string server_url;
    std::string server_ca;

    // The test environment's: port ZC_GGK_DOUBLE_PORT and OIN ZC_GGK_OIN of
    // $ZC_TESTENV/server.env when present (else the defaults above), tls_dir $ZC_TESTENV/tls,
    // artifacts $ZC_ARTIFACTS/ggk (none when ZC_ARTIFACTS is unset).
    static GgkDoubleOptions fromTestEnv();
};

// What the double does with the next post.
enum class Behaviour {
    Bv03,  // HTTP 200 with a StUF Bv03 (the default)
    Fo03,  // HTTP 500 with a SOAP Fault holding a StUF Fo03
    Hang,  // read the body, wait hang-millis, then answer Bv03 (the caller has given up)
    Drop,  // read the body, then close the connection without any answer
};

struct ReceivedEnvelope {
    int seq = 0;  // the artifact's sequence number (increasing over the artifacts folder)
    std::string path, soap_action, body;
    std::string client_serial;  // the peer certificate's subject serialNumber: the sender's OIN
    std::optional<iwmo::GgkSoapMessage> message;  // read with our schemas (ggk-2.1)
    // What was wrong: our schemas' problems ("CODE: message"), a SOAPAction that does not name
    // the body's operation, a Content-Type other than text/xml.
    std::vector<std::string> problems;
    // "" when the SOAP body's element validates against the official XSD (xmllint):
    // ggk0310_msg.xsd for Di01/Du01, stuf0301.xsd for Fo01; else xmllint's words.
    std::string official_problems;
    std::string answered;  // "Bv03", "Fo03", "hang", "drop"
};

struct PostResult {
    int status = 0;
    std::string body;
    std::optional<iwmo::GgkSoapMessage> answer;  // a Bv03 or a Fo03, when readable
};

// An envelope built to post, with its referentienummer.
struct BuiltEnvelope {
    std::string soap;
    std::string referentienummer;
};

class GgkDouble {
  public:
    // Starts serving on 127.0.0.1:port; throws Poco::Exception when the port is taken.
    explicit GgkDouble(GgkDoubleOptions options);
    // Stops promptly: a hanging answer is cut short, every connection thread is joined.
    ~GgkDouble();
    GgkDouble(const GgkDouble&) = delete;
    GgkDouble& operator=(const GgkDouble&) = delete;

    // The next `times` posts get `b`; after the queue is empty, Bv03.
    void queue(Behaviour b, int times = 1);
    void setHangMillis(int millis);  // default 5000
    // The Fo03's code (default "StUF058", plek server) and whether the fault is the client's.
    void setFo03Code(const std::string& code, bool client = false);

    std::vector<ReceivedEnvelope> received() const;
    // Waits until `ready(received())` holds or `timeout` passes; returns whether it holds.
    // `ready` runs under the double's lock: it must not call the double.
    bool waitFor(const std::function<bool(const std::vector<ReceivedEnvelope>&)>& ready,
                 std::chrono::milliseconds timeout) const;

    // The GGk delivering to the municipality: POSTs `soap_text` to the server's GGk endpoint
    // with the GGk's client certificate and SOAPAction "<soap_action>". Network and TLS
    // failures throw Poco::Exception.
    PostResult post(const std::string& soap_action, const std::string& soap_text);

    // A ggk_Di01 from a provider (AGB) to a municipality (CBS code) carrying `payload`
    // (iWmo 3.2: functieVersie 0003, functieSubversie 0002), with a new referentienummer.
    BuiltEnvelope di01(const std::string& payload, const std::string& functie,
                       const std::string& from_agb, const std::string& to_municipality) const;
    // A ggk_Du01 (retour) answering the Di01 `cross_refnummer`.
    BuiltEnvelope du01(const std::string& payload, const std::string& functie,
                       const std::string& from_agb, const std::string& to_municipality,
                       const std::string& cross_refnummer) const;
    // A StUF Fo01 from the chain about our envelope `cross_refnummer` (code: a chain error
    // code such as "IB210"; zender: the code's sender, e.g. "IB", else the GGk's OIN).
    BuiltEnvelope fo01(const std::string& cross_refnummer, const std::string& code,
                       const std::string& text, const std::string& to_municipality) const;

    const GgkDoubleOptions& options() const;

    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
};

// The builders of GgkDouble::di01 and du01, for callers without a double of their own.
BuiltEnvelope providerDi01(const std::string& payload, const std::string& functie,
                           const std::string& from_agb, const std::string& to_municipality);
BuiltEnvelope providerDu01(const std::string& payload, const std::string& functie,
                           const std::string& from_agb, const std::string& to_municipality,
                           const std::string& cross_refnummer);

// "Di01", "Du01", "Fo01", "Bv03", "Fo03".
std::string ggkKindName(iwmo::GgkSoapKind kind);

}  // namespace zc::test
