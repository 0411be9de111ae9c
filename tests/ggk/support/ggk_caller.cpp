#include "tests/ggk/support/ggk_caller.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>

#include "tests/ggk/support/ggk_double.hpp"

namespace zc::test {

std::optional<iwmo::GgkSoapMessage> CallerAnswer::read() const {
    static const xml::SchemaSet schemas(std::string(ZC_SOURCE_ROOT) +
                                        "/interfaces/xml/schemas/ggk-2.1");
    return iwmo::readGgkSoap(schemas, body).message;
}

CallerAnswer callGgkDouble(int port, const std::string& ca_file,
                           const std::optional<IssuedCertificate>& certificate,
                           const std::string& soap_action, const std::string& soap,
                           std::chrono::seconds timeout) {
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::CLIENT_USE, certificate ? certificate->key_file : "",
        certificate ? certificate->cert_file : "", ca_file, Poco::Net::Context::VERIFY_STRICT, 9,
        false);
    Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port), context);
    session.setTimeout(Poco::Timespan(static_cast<long>(timeout.count()), 0));
    Poco::Net::HTTPRequest req("POST", kGgkEndpointPath, Poco::Net::HTTPMessage::HTTP_1_1);
    req.setContentType("text/xml; charset=utf-8");
    req.set("SOAPAction", "\"" + soap_action + "\"");
    req.setContentLength(static_cast<std::streamsize>(soap.size()));
    session.sendRequest(req) << soap;
    Poco::Net::HTTPResponse res;
    std::istream& in = session.receiveResponse(res);
    CallerAnswer out;
    out.status = static_cast<int>(res.getStatus());
    Poco::StreamCopier::copyToString(in, out.body);
    return out;
}

}  // namespace zc::test
