// The GGk double's server half: mutual TLS on 127.0.0.1, every POST read, checked, recorded,
// kept as an artifact and answered as the test queued.
#include "tests/ggk/support/ggk_double.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/X509Certificate.h>
#include <Poco/StreamCopier.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <iostream>
#include <mutex>
#include <regex>

#include "tests/ggk/support/ggk_double_impl.hpp"

namespace zc::test {
namespace {

using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

struct Answer {
    int status = 200;
    std::string body;
};

Poco::Net::Context::Ptr serverContext(const std::string& tls_dir) {
    // VERIFY_STRICT: a client without a certificate, or with one of another CA, is refused in
    // the handshake (Digikoppeling's two-sided TLS).
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_SERVER_USE, tls_dir + "/server.key", tls_dir + "/server.crt",
        tls_dir + "/ca.crt", Poco::Net::Context::VERIFY_STRICT, 9, false,
        "HIGH:!aNULL:!MD5:!RC4:!3DES");
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    // POCO's extended verification would match the client's certificate against the client's
    // address as if it were a server's host name; the chain check stays OpenSSL's.
    context->enableExtendedCertificateVerification(false);
    return context;
}

std::string clientSerial(HTTPServerRequest& req) {
    auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&req);
    if (!impl) return "";
    try {
        Poco::Net::SecureStreamSocket socket(impl->socket());
        if (!socket.havePeerCertificate()) return "";
        return socket.peerCertificate().subjectName(Poco::Net::X509Certificate::NID_SERIAL_NUMBER);
    } catch (const Poco::Exception&) {
        return "";
    }
}

std::optional<iwmo::GgkSystem> senderOf(const std::optional<iwmo::GgkSoapMessage>& m) {
    if (m && m->envelope) return m->envelope->zender;
    if (m && m->answer) return m->answer->zender;
    return std::nullopt;
}

// The referentienummer an answer names: the message's, or for an unreadable one whatever
// looks like it in the text.
std::string crossReference(const ReceivedEnvelope& r) {
    if (r.message) return referenceOf(*r.message);
    static const std::regex reference(":referentienummer>([^<]{1,40})<");
    std::smatch m;
    if (std::regex_search(r.body, m, reference)) return m[1].str();
    return "onbekend";
}

Answer fo03(const GgkDouble::Impl& d, const ReceivedEnvelope& r, const iwmo::StufFault& f) {
    return {500, iwmo::soapFo03Fault(d.answerHeader(senderOf(r.message), crossReference(r)), f)};
}

// Bv03 for a readable Di01, Du01 or Fo01; a Fo03 for anything else, as the GGk would.
Answer bv03(const GgkDouble::Impl& d, const ReceivedEnvelope& r) {
    if (!r.message) {
        const std::string first = r.problems.empty() ? "" : r.problems.front();
        return fo03(d, r, {"StUF055", true, iwmo::chainErrorText("StUF055"), first});
    }
    if (soapActionOf(r.message->kind).empty())
        return fo03(d, r, {"StUF025", true, "Berichtcode niet ondersteund", ""});
    return {200, iwmo::soapEnvelope(
                     iwmo::stufBv03(d.answerHeader(senderOf(r.message), crossReference(r))))};
}

std::string label(Behaviour b, const Answer& a) {
    switch (b) {
        case Behaviour::Hang:
            return "hang";
        case Behaviour::Drop:
            return "drop";
        default:
            return a.status == 200 ? "Bv03" : "Fo03";
    }
}

void send(HTTPServerResponse& res, const Answer& a) {
    try {
        res.setStatus(static_cast<HTTPServerResponse::HTTPStatus>(a.status));
        res.setContentType("text/xml; charset=utf-8");
        res.setContentLength(static_cast<std::streamsize>(a.body.size()));
        res.send() << a.body;
    } catch (const Poco::Exception&) {
        // The caller gave up (a hang past its time-out): nothing to answer.
    }
}

// Closes the connection under the TLS layer: the caller sees it end without any answer.
void drop(HTTPServerRequest& req) {
    if (auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&req))
        ::shutdown(impl->socket().impl()->sockfd(), SHUT_RDWR);
}

ReceivedEnvelope inspect(const GgkDouble::Impl& d, HTTPServerRequest& req, int seq) {
    ReceivedEnvelope r;
    r.seq = seq;
    r.path = req.getURI();
    r.soap_action = req.get("SOAPAction", "");
    Poco::StreamCopier::copyToString(req.stream(), r.body);
    r.client_serial = clientSerial(req);
    const auto read = iwmo::readGgkSoap(d.schemas, r.body);
    r.message = read.message;
    r.problems = postProblems(read, r.soap_action, req.getContentType());
    r.official_problems = officialProblems(
        r.body, "ggk-double-" + std::to_string(::getpid()) + "-" + std::to_string(seq));
    return r;
}

Behaviour nextBehaviour(GgkDouble::Impl& d) {
    std::lock_guard lock(d.mutex);
    if (d.behaviours.empty()) return Behaviour::Bv03;
    const Behaviour b = d.behaviours.front();
    d.behaviours.pop_front();
    return b;
}

Answer answerFor(GgkDouble::Impl& d, Behaviour b, const ReceivedEnvelope& r) {
    if (b != Behaviour::Fo03) return bv03(d, r);
    std::lock_guard lock(d.mutex);
    return fo03(d, r, d.fo03);
}

void hang(GgkDouble::Impl& d) {
    std::unique_lock lock(d.mutex);
    d.changed.wait_for(lock, std::chrono::milliseconds(d.hang_millis), [&] { return d.stopping; });
}

void serve(GgkDouble::Impl& d, HTTPServerRequest& req, HTTPServerResponse& res) {
    if (req.getMethod() != "POST") {
        send(res, {405, ""});
        return;
    }
    ReceivedEnvelope r = inspect(d, req, d.artifacts.next());
    const Behaviour b = nextBehaviour(d);
    const Answer answer = answerFor(d, b, r);
    r.answered = label(b, answer);
    d.artifacts.keep(r.seq, "in", r.message, r.body);
    {
        std::lock_guard lock(d.mutex);
        d.received.push_back(r);
    }
    d.changed.notify_all();
    if (b == Behaviour::Drop) return drop(req);
    if (b == Behaviour::Hang) hang(d);
    send(res, answer);
}

class PostHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit PostHandler(GgkDouble::Impl& d) : d_(d) {}
    void handleRequest(HTTPServerRequest& req, HTTPServerResponse& res) override {
        // A fault of the double itself must show, not pass for a dropped connection.
        try {
            serve(d_, req, res);
        } catch (const Poco::Exception& e) {
            std::cerr << "GGk double: " << e.displayText() << std::endl;
            send(res, {599, "GGk double: " + e.displayText()});
        } catch (const std::exception& e) {
            std::cerr << "GGk double: " << e.what() << std::endl;
            send(res, {599, std::string("GGk double: ") + e.what()});
        }
    }

  private:
    GgkDouble::Impl& d_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit HandlerFactory(GgkDouble::Impl& d) : d_(d) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
        return new PostHandler(d_);
    }

  private:
    GgkDouble::Impl& d_;
};

Poco::Net::HTTPServerParams::Ptr serverParams() {
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    // One post per connection (as the GGk's callers do), and a short idle limit, so that
    // stopping never waits long for a connection thread.
    params->setKeepAlive(false);
    params->setTimeout(Poco::Timespan(5, 0));
    params->setMaxThreads(16);
    params->setMaxQueued(64);
    return params;
}

}  // namespace

GgkDouble::Impl::Impl(GgkDoubleOptions o)
    : options(std::move(o)),
      schemas(std::string(ZC_SOURCE_ROOT) + "/interfaces/xml/schemas/ggk-2.1"),
      artifacts(options.artifacts_dir),
      fo03{"StUF058", false, "Proces voor afhandelen bericht geeft fout", "GGk-testdubbel"},
      pool(2, 16) {}

iwmo::StufAnswerHeader GgkDouble::Impl::answerHeader(const std::optional<iwmo::GgkSystem>& to,
                                                     const std::string& cross) const {
    return {{options.oin, "GGk", ""},
            to.value_or(iwmo::GgkSystem{"", "onbekend", ""}),
            iwmo::newReferentienummer(),
            iwmo::ggkTijdstip(std::chrono::system_clock::now()),
            cross};
}

GgkDouble::GgkDouble(GgkDoubleOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
    // A caller that gave up must not kill the process when the answer is written.
    std::signal(SIGPIPE, SIG_IGN);
    static std::once_flag ssl;
    std::call_once(ssl, [] { Poco::Net::initializeSSL(); });
    // SO_REUSEADDR for a quick restart on the same port, but not SO_REUSEPORT: a second
    // double on a port in use fails here instead of sharing the connections.
    Poco::Net::SecureServerSocket socket(serverContext(impl_->options.tls_dir));
    socket.bind(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(impl_->options.port)), true,
        false);
    socket.listen(64);
    impl_->server = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(*impl_), impl_->pool,
                                                            socket, serverParams());
    impl_->server->start();
}

GgkDouble::~GgkDouble() {
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stopping = true;
    }
    impl_->changed.notify_all();
    impl_->server->stop();
    impl_->pool.joinAll();
}

void GgkDouble::queue(Behaviour b, int times) {
    std::lock_guard lock(impl_->mutex);
    for (int i = 0; i < times; ++i) impl_->behaviours.push_back(b);
}

void GgkDouble::setHangMillis(int millis) {
    std::lock_guard lock(impl_->mutex);
    impl_->hang_millis = millis;
}

void GgkDouble::setFo03Code(const std::string& code, bool client) {
    std::lock_guard lock(impl_->mutex);
    impl_->fo03.code = code;
    impl_->fo03.client = client;
}

std::vector<ReceivedEnvelope> GgkDouble::received() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->received;
}

bool GgkDouble::waitFor(const std::function<bool(const std::vector<ReceivedEnvelope>&)>& ready,
                        std::chrono::milliseconds timeout) const {
    std::unique_lock lock(impl_->mutex);
    return impl_->changed.wait_for(lock, timeout, [&] { return ready(impl_->received); });
}

const GgkDoubleOptions& GgkDouble::options() const { return impl_->options; }

std::string ggkKindName(iwmo::GgkSoapKind kind) {
    switch (kind) {
        case iwmo::GgkSoapKind::Di01:
            return "Di01";
        case iwmo::GgkSoapKind::Du01:
            return "Du01";
        case iwmo::GgkSoapKind::Fo01:
            return "Fo01";
        case iwmo::GgkSoapKind::Bv03:
            return "Bv03";
        case iwmo::GgkSoapKind::Fo03:
            return "Fo03";
    }
    return "unknown";
}

}  // namespace zc::test
