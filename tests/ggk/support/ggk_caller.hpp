#pragma once
// A caller of the GGk double for its own tests: POSTs a SOAP text as the GGk's callers do
// (Content-Type text/xml, a quoted SOAPAction), over TLS verified against the test CA, with or
// without a client certificate, with its own time-out.
#include <chrono>
#include <optional>
#include <string>

#include "interfaces/iwmo/ggk_soap.hpp"
#include "tests/support/test_pki.hpp"

namespace zc::test {

struct CallerAnswer {
    int status = 0;
    std::string body;
    // The answer read with our schemas (a Bv03 or a SOAP Fault with a Fo03), if readable.
    std::optional<iwmo::GgkSoapMessage> read() const;
};

// POSTs `soap` to https://127.0.0.1:`port` + kGgkEndpointPath. `certificate` std::nullopt: no
// client certificate. Network and TLS failures (and the time-out) throw Poco::Exception.
CallerAnswer callGgkDouble(int port, const std::string& ca_file,
                           const std::optional<IssuedCertificate>& certificate,
                           const std::string& soap_action, const std::string& soap,
                           std::chrono::seconds timeout = std::chrono::seconds(30));

}  // namespace zc::test
