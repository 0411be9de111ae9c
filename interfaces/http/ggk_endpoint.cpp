#include "ggk_endpoint.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <exception>
#include <string>

#include "contracting/kernel/errors.hpp"
#include "interfaces/iwmo/chain/ggk_receiver.hpp"
#include "interfaces/iwmo/stuf_answers.hpp"
#include "interfaces/security/client_certificates.hpp"
#include "interfaces/security/crypto.hpp"
#include "request_trace.hpp"
#include "tls_context.hpp"

namespace zc::http {
namespace {

// The envelope's limit (StUF-GGk §3.2: 25 MB) and a little for the SOAP around it.
constexpr std::size_t kMaxSoapBytes = 25 * 1000 * 1000 + 64 * 1024;

void sendSoap(Poco::Net::HTTPServerResponse& res, const iwmo::GgkHttpAnswer& a) {
    res.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(a.status));
    res.setContentType("text/xml; charset=utf-8");
    res.set("Cache-Control", "no-store");
    res.set("X-Content-Type-Options", "nosniff");
    res.setContentLength(static_cast<std::streamsize>(a.body.size()));
    res.send() << a.body;
}

// A refusal before the envelope is read (method, size, certificate): a Fo03 whose header names
// no envelope.
iwmo::GgkHttpAnswer refusal(const Clock& clock, const std::string& code, bool client,
                            const std::string& details) {
    iwmo::StufAnswerHeader h{{"", "zorgcontract", ""},
                             {"", "GGk", ""},
                             security::newUuidV4(),
                             iwmo::ggkTijdstip(clock.now()),
                             "onbekend"};
    std::string text = iwmo::stufErrorText(code);
    return {500, iwmo::soapFo03Fault(h, {code, client, text, details})};
}

std::string readBody(Poco::Net::HTTPServerRequest& req) {
    std::string body;
    if (!req.hasContentLength() && !req.getChunkedTransferEncoding()) return body;
    std::istream& in = req.stream();
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        body.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (body.size() > kMaxSoapBytes) throw std::length_error("envelope too large");
    }
    return body;
}

}  // namespace

void GgkHandler::handleRequest(Poco::Net::HTTPServerRequest& req,
                               Poco::Net::HTTPServerResponse& res) {
    if (req.getMethod() != "POST") {
        sendSoap(res, refusal(clock_, "StUF025", false, "Only POST is served here."));
        return;
    }
    if (req.hasContentLength() &&
        req.getContentLength64() > static_cast<Poco::Int64>(kMaxSoapBytes)) {
        res.setKeepAlive(false);
        sendSoap(res, refusal(clock_, "StUF055", true, "The envelope is larger than 25 MB."));
        return;
    }
    try {
        const std::string serial = clientCertificateAgb(req, certificates_);
        const std::string body = readBody(req);
        auto lease = pool_.acquire();
        app::RequestContext ctx{*lease, {}, req.clientAddress().host().toString(), clock_, config_};
        ctx.actor.name = "ggk:" + serial;
        sendSoap(res, iwmo::receiveFromGgk(ctx, serial, body));
    } catch (const ValidationError& e) {  // a revoked certificate
        sendSoap(res, refusal(clock_, "StUF052", true, e.what()));
    } catch (const std::length_error&) {
        res.setKeepAlive(false);
        sendSoap(res, refusal(clock_, "StUF055", true, "The envelope is larger than 25 MB."));
    } catch (const std::exception& e) {  // the database away: the GGk delivers again later
        sendSoap(res, refusal(clock_, "StUF046", false, e.what()));
    }
}

}  // namespace zc::http
