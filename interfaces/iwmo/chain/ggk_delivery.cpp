#include "ggk_delivery.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "interfaces/iwmo/chain/ggk_envelopes.hpp"
#include "interfaces/iwmo/ggk_soap.hpp"

namespace zc::iwmo {
namespace {

using contracting::AttemptOutcome;
using contracting::AttemptResult;

struct PostOutcome {
    int status = 0;     // 0: no answer (connection, TLS or time-out)
    std::string body;   // the answer, at most kMaxAnswer bytes
    std::string error;  // why there was no answer
};

constexpr std::streamsize kMaxAnswer = 1 << 20;

// Only the configured CAs are trusted (ggk.ca_file: PKIoverheid's in production); our client
// certificate carries our OIN.
Poco::Net::Context::Ptr clientContext(const GgkSettings& s) {
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::CLIENT_USE, s.client_key_file, s.client_cert_file, s.ca_file,
        Poco::Net::Context::VERIFY_STRICT, 9, false, "HIGH:!aNULL:!MD5:!RC4:!3DES");
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    return context;
}

// The attempt's time limit, whole: POCO's socket time-outs were not honoured while TLS waited
// for an answer (a peer that read the envelope and stayed silent held the sender for as long as
// it liked), so a watchdog shuts the connection down when the limit passes; the blocked read
// then fails.
class Watchdog {
  public:
    Watchdog(Poco::Net::HTTPSClientSession& session, std::chrono::milliseconds limit)
        : session_(session), thread_([this, limit] { watch(limit); }) {}
    ~Watchdog() {
        {
            std::lock_guard lock(mutex_);
            done_ = true;
        }
        changed_.notify_all();
        thread_.join();
    }
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;
    bool fired() const { return fired_; }

  private:
    void watch(std::chrono::milliseconds limit) {
        std::unique_lock lock(mutex_);
        if (changed_.wait_for(lock, limit, [this] { return done_; })) return;
        fired_ = true;
        const auto fd = session_.socket().impl()->sockfd();
        if (fd != POCO_INVALID_SOCKET) ::shutdown(fd, SHUT_RDWR);
    }

    Poco::Net::HTTPSClientSession& session_;
    std::mutex mutex_;
    std::condition_variable changed_;
    bool done_ = false;
    std::atomic<bool> fired_{false};
    std::thread thread_;
};

PostOutcome exchange(Poco::Net::HTTPSClientSession& session, const Poco::URI& uri,
                     const std::string& action, const std::string& text) {
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery(),
                               Poco::Net::HTTPMessage::HTTP_1_1);
    req.setContentType("text/xml; charset=utf-8");
    req.set("SOAPAction", "\"" + action + "\"");
    req.setContentLength(static_cast<std::streamsize>(text.size()));
    session.sendRequest(req) << text;
    Poco::Net::HTTPResponse res;
    std::istream& in = session.receiveResponse(res);
    PostOutcome out{static_cast<int>(res.getStatus()), {}, {}};
    out.body.resize(static_cast<std::size_t>(kMaxAnswer));
    in.read(out.body.data(), kMaxAnswer);
    out.body.resize(static_cast<std::size_t>(in.gcount()));
    return out;
}

PostOutcome post(const GgkSettings& s, const std::string& action, const std::string& text) {
    try {
        const Poco::URI uri(s.url);
        Poco::Net::HTTPSClientSession session(uri.getHost(), uri.getPort(), clientContext(s));
        session.setTimeout(
            Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(s.timeout_ms) * 1000));
        Watchdog watchdog(session, std::chrono::milliseconds(s.timeout_ms));
        try {
            return exchange(session, uri, action, text);
        } catch (const Poco::Exception&) {
            if (!watchdog.fired()) throw;
            return {0, {}, "no answer within " + std::to_string(s.timeout_ms) + " ms"};
        }
    } catch (const Poco::Exception& e) {
        return {0, {}, e.displayText()};
    } catch (const std::exception& e) {
        return {0, {}, e.what()};
    }
}

// The envelope's text: stored, or built now from its outbox message and kept.
std::string envelopeText(app::RequestContext& ctx, const contracting::ChainEnvelopeRow& row,
                         std::string& kind) {
    if (row.envelope) return contracting::openEnvelope(ctx, *row.envelope);
    const auto src = contracting::chainEnvelopeSource(ctx, row);
    kind = src.cross_refnummer ? "Du01" : "Di01";
    const std::string text = soapMessageEnvelope(
        {row.referentienummer, src.municipality, src.provider_agb, row.functie.value_or(""),
         src.payload, src.cross_refnummer, ctx.clock.now()});
    return contracting::keepBuiltEnvelope(ctx, row.id, text, src.cross_refnummer, kind);
}

void attempt(app::RequestContext& ctx, const GgkSettings& s,
             const contracting::ChainEnvelopeRow& row) {
    std::string kind = row.kind;
    AttemptResult r;
    try {
        const std::string text = envelopeText(ctx, row, kind);
        const auto out = post(s, soapActionOf(kind), text);
        r = out.status == 0 ? AttemptResult{AttemptOutcome::Retry, "", out.error}
                            : attemptResultOf(out.status, out.body);
    } catch (const std::invalid_argument& e) {
        // The envelope cannot be written (a value breaks the specification): no retry helps.
        r = {AttemptOutcome::Failed, "ENVELOPE_INVALID", e.what()};
    }
    if (r.outcome == AttemptOutcome::Retry && row.attempts >= s.max_attempts) {
        r = {AttemptOutcome::Failed, "DELIVERY_FAILED",
             "No Bv03 after " + std::to_string(row.attempts) + " attempts; the last: " + r.text};
    }
    contracting::recordAttempt(ctx, row.id, r, backOff(s, row.attempts));
}

}  // namespace

AttemptResult attemptResultOf(int http_status, const std::string& body) {
    const auto read = readGgkSoap(ggkSchemas(), body);
    if (read.ok() && read.message->kind == GgkSoapKind::Bv03 && http_status == 200) {
        return {AttemptOutcome::Delivered, "", ""};
    }
    if (read.ok() && read.message->kind == GgkSoapKind::Fo03 && read.message->fault) {
        const auto& f = *read.message->fault;
        std::string text = f.omschrijving + (f.details.empty() ? "" : " — " + f.details);
        if (f.client) return {AttemptOutcome::Failed, f.code, text};
        return {AttemptOutcome::Retry, f.code, "Fo03 " + f.code + ": " + text};
    }
    return {AttemptOutcome::Retry, "",
            "HTTP " + std::to_string(http_status) + " without a Bv03 or Fo03"};
}

std::chrono::milliseconds backOff(const GgkSettings& s, int attempts) {
    std::int64_t wait = std::max(1, s.retry_initial_ms);
    for (int i = 1; i < attempts && wait < s.retry_max_ms; ++i) wait *= 2;
    return std::chrono::milliseconds(std::min<std::int64_t>(wait, s.retry_max_ms));
}

int deliverDue(app::RequestContext& ctx, int limit) {
    const auto s = ggkSettings();
    if (s.url.empty()) return 0;
    // A lease outlives one attempt; a service that died holding it ends it at its restart.
    const auto lease = std::chrono::seconds(2 * s.timeout_ms / 1000 + 10);
    const auto rows = contracting::leaseDueEnvelopes(ctx, limit, lease);
    for (const auto& row : rows) attempt(ctx, s, row);
    return static_cast<int>(rows.size());
}

}  // namespace zc::iwmo
