#pragma once
// The municipality's side of the GGk chain as configured (ggk.* in zorgcontract.properties;
// docs/iwmo.md, "The chain through the GGk"), and the envelope schemas: set once at start-up,
// read by the receiving endpoint, the outbox and the sender.
#include <memory>
#include <string>

#include "interfaces/xml/xml_document.hpp"

namespace zc::iwmo {

struct GgkSettings {
    // The GGk's OntvangAsynchroon endpoint (Digikoppeling, https); "" = nothing is sent.
    std::string url;
    // The GGk's OIN (20 digits): the subject serialNumber of the certificate it connects with.
    // "" = the endpoint refuses every delivery.
    std::string oin;
    // Our sending application's name without its version (stuurgegevens.zender.applicatie) and
    // its version and subversion (parameters.applicatieVersie/-Subversie, 4 digits each).
    std::string application = "zorgcontract";
    std::string application_version = "0001";
    std::string application_subversion = "0000";
    // Our PKIoverheid-style client certificate (subject serialNumber = our OIN) and key, and
    // the CAs that the GGk's server certificate must chain to.
    std::string client_cert_file, client_key_file, ca_file;
    int timeout_ms = 30000;        // one delivery attempt
    int retry_initial_ms = 30000;  // the first back-off; it doubles per attempt
    int retry_max_ms = 3600000;    // up to this
    int max_attempts = 60;         // then the envelope is failed (DELIVERY_FAILED)
    int poll_ms = 1000;            // how often the sender looks for due envelopes
};

void setGgkSettings(GgkSettings s);
GgkSettings ggkSettings();

// Our envelope schemas (interfaces/xml/schemas/ggk-2.1); throws before setGgkSchemas.
void setGgkSchemas(std::shared_ptr<const xml::SchemaSet> schemas);
const xml::SchemaSet& ggkSchemas();

// The soapActions of ggk0310_OntvangAsynchroon.wsdl.
inline constexpr const char* kSoapActionDi01 =
    "http://www.stufstandaarden.nl/sectormodel/ggk/0210/ggk_Di01";
inline constexpr const char* kSoapActionDu01 =
    "http://www.stufstandaarden.nl/sectormodel/ggk/0210/ggk_Du01";
inline constexpr const char* kSoapActionFo01 = "http://www.egem.nl/StUF/StUF0301/Fo01";
// Where the GGk delivers to us.
inline constexpr const char* kGgkEndpointPath = "/ggk0310/OntvangAsynchroon";

}  // namespace zc::iwmo
