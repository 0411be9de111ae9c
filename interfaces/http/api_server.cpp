#include "api_server.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/X509Certificate.h>
#include <Poco/URI.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>

#include "billing/app/operations_gauges.hpp"
#include "connection_guard.hpp"
#include "contracting/app/provider_queries.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "error_mapping.hpp"
#include "ggk_endpoint.hpp"
#include "interfaces/iwmo/chain/ggk_settings.hpp"
#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "interfaces/security/authentication.hpp"
#include "interfaces/security/client_certificates.hpp"
#include "json_input.hpp"
#include "json_text.hpp"
#include "metrics_endpoint.hpp"
#include "refusal_audit.hpp"
#include "request_trace.hpp"
#include "routes.hpp"
#include "spooled_body.hpp"
#include "static_files.hpp"
#include "tls_context.hpp"

namespace zc::http {
namespace {

using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

// The web application's session cookie: HttpOnly (out of reach of scripts), Secure, sent only to
// this origin (__Host-) and never along with requests started by other sites (SameSite=Strict).
constexpr const char* kSessionCookie = "__Host-zc_session";
// The header the web application sends with every request made with its cookie. Another site
// cannot add it to a request without a CORS preflight, which this server never grants.
constexpr const char* kCsrfHeader = "X-ZC-Web";
constexpr const char* kGgkPath = iwmo::kGgkEndpointPath;

void setSessionCookie(HTTPServerResponse& res, const std::optional<std::string>& token,
                      int max_age_seconds) {
    if (!token) return;
    const bool clear = token->empty();
    res.add("Set-Cookie", std::string(kSessionCookie) + "=" + *token +
                              "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=" +
                              std::to_string(clear ? 0 : max_age_seconds));
}

// The headers and the body through one stream buffer: a small answer leaves in one write (one
// system call, TLS record and TCP segment) instead of two, a larger one in 4 kB writes as before.
// Nothing of the body for a HEAD request. POCO's sendBuffer takes the length as an int.
void sendWhole(HTTPServerResponse& res, const std::string& body) {
    if (body.size() <= static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        res.sendBuffer(body.data(), body.size());
        return;
    }
    res.setContentLength64(static_cast<Poco::Int64>(body.size()));
    res.send() << body;
}

void send(HTTPServerResponse& res, int status, const Poco::Dynamic::Var& body) {
    // setStatusAndReason: setStatus alone leaves POCO's reason phrase at "OK" (e.g. "422 OK").
    res.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    res.setContentType("application/json; charset=utf-8");
    res.set("Cache-Control", "no-store");
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Strict-Transport-Security", "max-age=31536000");
    sendWhole(res, jsonText(body));
}

void sendRaw(HTTPServerResponse& res, const ApiResponse& answer) {
    res.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
    res.setContentType(answer.content_type);
    res.set("Cache-Control", answer.cache_control.empty() ? "no-store" : answer.cache_control);
    if (!answer.attachment.empty()) {
        res.set("Content-Disposition", "attachment; filename=\"" + answer.attachment + "\"");
    }
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Strict-Transport-Security", "max-age=31536000");
    if (answer.raw_file) {
        // Streamed from the file: an answer of any size is never held in memory.
        std::ifstream in(answer.raw_file->path(), std::ios::binary);
        if (!in) throw std::runtime_error("cannot read the answer's temporary file");
        res.setContentLength64(static_cast<Poco::Int64>(answer.raw_file->size()));
        std::ostream& out = res.send();
        out << in.rdbuf();
        return;
    }
    sendWhole(res, answer.raw);
}

void sendError(HTTPServerResponse& res, const ErrorReply& e) { send(res, e.status, errorBody(e)); }

[[noreturn]] void bodyTooLarge(std::size_t limit) {
    throw ValidationError("BODY_TOO_LARGE",
                          "The request body is larger than " + std::to_string(limit) + " bytes.",
                          "");
}

// Bodies of the message endpoints from this size on are spooled to disk.
constexpr Poco::Int64 kSpoolBytes = 1 << 20;

// The message endpoints (XML over mutual TLS) take WMO323 declarations of any size: their large
// bodies are spooled, with the declaration limit.
bool spoolable(const Route& route, HTTPServerRequest& req) {
    if (!route.spool_declarations) return false;
    if (req.hasContentLength()) return req.getContentLength64() >= kSpoolBytes;
    return req.getChunkedTransferEncoding();
}

std::string readBody(HTTPServerRequest& req, std::size_t limit) {
    if (req.hasContentLength() && req.getContentLength64() > static_cast<Poco::Int64>(limit)) {
        throw ValidationError(
            "BODY_TOO_LARGE",
            "The request body is larger than " + std::to_string(limit) + " bytes.", "");
    }
    // Without a length or chunked encoding there is no body (do not wait for the peer to close).
    if (!req.hasContentLength() && !req.getChunkedTransferEncoding()) return {};
    std::string body;
    char buf[8192];
    auto& in = req.stream();
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        body.append(buf, static_cast<std::size_t>(in.gcount()));
        if (body.size() > limit) {
            throw ValidationError(
                "BODY_TOO_LARGE",
                "The request body is larger than " + std::to_string(limit) + " bytes.", "");
        }
    }
    return body;
}

bool wantsCookieSession(const Poco::JSON::Object::Ptr& body) {
    const auto v = body->get("session");
    return v.isString() && v.toString() == "cookie";
}

class HealthHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit HealthHandler(db::ConnectionPool& pool) : pool_(pool) {}
    void handleRequest(HTTPServerRequest&, HTTPServerResponse& res) override {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        bool db_ok = false;
        int version = 0;
        try {
            auto lease = pool_.acquire(std::chrono::milliseconds(2000));
            db_ok = lease->ping();
            if (db_ok) version = db::schemaVersion(*lease);
        } catch (const std::exception&) {
            db_ok = false;
        }
        o->set("status", db_ok ? "ok" : "degraded");
        o->set("database", db_ok ? "ok" : "unavailable");
        o->set("schema_version", version);
        o->set("service", "zorgcontract");
        send(res, db_ok ? 200 : 503, o);
    }

  private:
    db::ConnectionPool& pool_;
};

// A body announced both by Content-Length and as chunked could be read two ways (the root of
// request smuggling behind a proxy): refused, and the connection closed.
class AmbiguousLengthHandler : public Poco::Net::HTTPRequestHandler {
  public:
    void handleRequest(HTTPServerRequest&, HTTPServerResponse& res) override {
        res.setKeepAlive(false);
        sendError(res, {400, "MALFORMED_REQUEST",
                        "Send either Content-Length or Transfer-Encoding: chunked, not both.", ""});
    }
};

// What every request handler works with; the server owns all of it and outlives the handlers.
struct Services {
    const ServerConfig& config;
    db::ConnectionPool& pool;
    const Clock& clock;
    const app::AppConfig& app_config;
    security::ClientCertificateCheck& certificates;
    const MetricsSources& metrics;
};

class ApiHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit ApiHandler(const Services& s) : s_(s) {}

    void handleRequest(HTTPServerRequest& req, HTTPServerResponse& res) override {
        try {
            handle(req, res);
        } catch (...) {
            sendError(res, classifyCurrentException());
        }
    }

  private:
    void handle(HTTPServerRequest& req, HTTPServerResponse& res) {
        Poco::URI uri;
        ApiRequest api;
        try {
            uri = Poco::URI(req.getURI());
            for (const auto& [k, v] : uri.getQueryParameters()) api.query[k] = v;
        } catch (const Poco::SyntaxException&) {
            throw ValidationError("MALFORMED_REQUEST",
                                  "The address has a malformed percent-encoding (% must be "
                                  "followed by two hexadecimal digits).",
                                  "");
        }
        bool path_exists = false;
        const Route* route = matchRoute(req.getMethod(), uri.getPath(), api.path, path_exists);
        if (!route) {
            if (path_exists) {
                throw ValidationError("METHOD_NOT_ALLOWED", "This method is not allowed here.", "");
            }
            throw ValidationError("NOT_FOUND", "No such endpoint: " + uri.getPath(), "");
        }
        traceRoute(*route);
        const std::size_t limit =
            !route->xml_body ? s_.config.max_body_bytes
            : route->spool_declarations
                ? std::max(s_.config.max_xml_bytes, s_.config.max_declaration_bytes)
                : s_.config.max_xml_bytes;
        if (req.hasContentLength() && req.getContentLength64() > static_cast<Poco::Int64>(limit)) {
            bodyTooLarge(limit);
        }
        auto lease = s_.pool.acquire();
        RequestContext ctx{
            *lease, {}, req.clientAddress().host().toString(), s_.clock, s_.app_config};
        ctx.actor.name = "anonymous";
        ApiResponse answer;
        try {
            answer = authenticateAndHandle(req, *route, ctx, api, limit);
        } catch (const ValidationError& e) {
            auditRefusal(ctx, refused(req, *route, api), e);
            throw;
        }
        setSessionCookie(res, answer.session_cookie, s_.app_config.session_hours * 3600);
        if (answer.total_count) res.set("X-Total-Count", std::to_string(*answer.total_count));
        if (!answer.content_type.empty()) {
            sendRaw(res, answer);
        } else {
            send(res, answer.status, answer.body);
        }
    }

    ApiResponse authenticateAndHandle(HTTPServerRequest& req, const Route& route,
                                      RequestContext& ctx, ApiRequest& api, std::size_t limit) {
        // Who is calling is settled before the body is read, so an anonymous client cannot make
        // a worker hold a large body.
        authenticate(req, route, ctx, api);
        traceActor(ctx.actor);
        std::optional<SpooledBody> spooled;
        if (spoolable(route, req)) {
            spooled.emplace(req, s_.config.max_xml_bytes, s_.config.max_declaration_bytes);
            api.body_file = spooled->path();
            api.body = new Poco::JSON::Object;
        } else if (route.xml_body) {
            api.raw_body =
                readBody(req, route.spool_declarations ? s_.config.max_xml_bytes : limit);
            api.body = new Poco::JSON::Object;
        } else {
            api.body = parseBody(readBody(req, limit));
        }
        if (wantsCookieSession(api.body) && !hasCsrfHeader(req)) csrfRefused();
        return handleInScope(route, ctx, api);
    }

    // A refusal for scope (staff_scope.hpp) is recorded once the use case's transaction has
    // rolled back, in its own transaction, so the "access.denied" row survives.
    static ApiResponse handleInScope(const Route& route, RequestContext& ctx,
                                     const ApiRequest& api) {
        try {
            return route.handler(ctx, api);
        } catch (const app::OutOfScope& e) {
            security::appendAuditStandalone(
                ctx, {"access.denied", e.objectType(), e.objectId(), "denied", std::nullopt,
                      security::AuditRecord()
                          .set("endpoint", route.method + " " + route.pattern)
                          .set("reason", "out_of_scope")
                          .json()});
            throw;
        }
    }

    void authenticate(HTTPServerRequest& req, const Route& route, RequestContext& ctx,
                      ApiRequest& api) {
        if (route.access == Access::Public) return;
        if (route.client_certificate) {
            api.client_agb = clientCertificateAgb(req, s_.certificates);
            if (!api.client_agb.empty()) {
                authenticateCertificate(ctx, api);
                return;
            }
        }
        const std::string auth = req.get("Authorization", "");
        const std::string key = req.get("X-Api-Key", "");
        const std::string cookie = sessionCookie(req);
        bool mfa_pending = false;
        if (auth.rfind("Bearer ", 0) == 0 || (key.empty() && !cookie.empty())) {
            const bool from_cookie = auth.rfind("Bearer ", 0) != 0;
            if (from_cookie && req.getMethod() != "GET" && !hasCsrfHeader(req)) csrfRefused();
            api.bearer_token = from_cookie ? cookie : auth.substr(7);
            auto a = security::authenticateSession(ctx.db, s_.clock, api.bearer_token,
                                                   s_.app_config.session_idle_minutes);
            if (!a) unauthenticated();
            ctx.actor = a->actor;
            mfa_pending = a->mfa_pending;
        } else if (!key.empty()) {
            auto a = security::authenticateApiKey(ctx.db, key);
            if (!a) unauthenticated();
            ctx.actor = *a;
        } else {
            unauthenticated();
        }
        if (mfa_pending && !route.allowed_before_mfa) {
            throw ValidationError("MFA_SETUP_REQUIRED",
                                  "Your role requires a second factor: enrol it first via "
                                  "/api/v1/auth/totp/enrol and /api/v1/auth/totp/confirm.",
                                  "");
        }
        if (!roleAllowed(route, ctx.actor.role)) {
            throw ValidationError(
                "FORBIDDEN", "Your role (" + app::roleName(ctx.actor.role) + ") may not do this.",
                "");
        }
        if (route.client_certificate) {
            throw ValidationError("CLIENT_CERTIFICATE_REQUIRED",
                                  "Messages and the outbox need mutual TLS with a client "
                                  "certificate issued to your AGB code; an API key is not enough.",
                                  "");
        }
    }

    // What the refusal audit (refusal_audit.hpp) needs to know of a refused request.
    static RefusedRequest refused(HTTPServerRequest& req, const Route& route,
                                  const ApiRequest& api) {
        RefusedRequest r{route.method + " " + route.pattern,
                         api.path,
                         {"", req.get("X-Api-Key", "")},
                         api.client_agb};
        const std::string auth = req.get("Authorization", "");
        if (auth.rfind("Bearer ", 0) == 0) {
            r.presented.session_token = auth.substr(7);
        } else if (r.presented.api_key.empty()) {
            r.presented.session_token = sessionCookie(req);
        }
        return r;
    }

    static std::string sessionCookie(HTTPServerRequest& req) {
        Poco::Net::NameValueCollection cookies;
        req.getCookies(cookies);
        return cookies.get(kSessionCookie, "");
    }

    static bool hasCsrfHeader(HTTPServerRequest& req) { return req.get(kCsrfHeader, "") == "1"; }

    [[noreturn]] static void csrfRefused() {
        throw ValidationError("CSRF_HEADER_MISSING",
                              std::string("A request made with the session cookie must carry the "
                                          "header ") +
                                  kCsrfHeader + ": 1.",
                              "");
    }

    // Providers' message traffic: the verified client certificate names the AGB code.
    static void authenticateCertificate(RequestContext& ctx, ApiRequest& api) {
        ctx.actor.provider_id = contracting::knownProviderId(ctx.db, api.client_agb);
        ctx.actor.role = app::Role::Provider;
        ctx.actor.name = "provider:" + api.client_agb;
    }

    [[noreturn]] static void unauthenticated() {
        throw ValidationError("UNAUTHENTICATED",
                              "Log in first (Authorization: Bearer <token>) or send a provider "
                              "API key (X-Api-Key).",
                              "");
    }

    const Services s_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit Factory(const Services& s) : s_(s) {}

    // Every handler is observed (request_trace.hpp): request id, metrics, log lines.
    Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest& req) override {
        db::ensureThreadInit();
        if (req.hasContentLength() && req.getChunkedTransferEncoding()) {
            return observed(new AmbiguousLengthHandler, ServerSlot::Unmatched);
        }
        const std::string& uri = req.getURI();
        const std::string path = uri.substr(0, uri.find_first_of("?#"));
        if (path == "/health") return observed(new HealthHandler(s_.pool), ServerSlot::Health);
        if (path == "/metrics") {
            return observed(new MetricsHandler(s_.metrics), ServerSlot::Metrics);
        }
        // Under /api/ (and /api itself) only the API answers, in JSON, also for unknown paths.
        // The GGk's SOAP endpoint (issue 16): SOAP faults, not the API's JSON errors.
        if (path == kGgkPath) {
            return observed(new GgkHandler(s_.pool, s_.clock, s_.app_config, s_.certificates),
                            ServerSlot::Ggk);
        }
        const bool api = path == "/api" || path.rfind("/api/", 0) == 0;
        if (!api && looksLikeMetricsPath(path)) {
            return observed(new NotFoundHandler, ServerSlot::Unmatched);
        }
        if (!api && !s_.config.web_root.empty()) {
            return observed(new StaticFileHandler(s_.config.web_root), ServerSlot::Static);
        }
        return observed(new ApiHandler(s_), ServerSlot::Unmatched);
    }

  private:
    const Services s_;
};

// GET /metrics: the pool's use, and the database gauges in one short read per context.
PoolGauges poolGauges(db::ConnectionPool& pool) {
    const auto u = pool.usage();
    return {u.in_use, u.open, u.max};
}

WorkGauges workGauges(db::ConnectionPool& pool, const Clock& clock, const app::AppConfig& config) {
    auto lease = pool.acquire(std::chrono::milliseconds(1000));
    RequestContext ctx{*lease, {}, "metrics", clock, config};
    ctx.actor.name = "metrics";
    return {contracting::readOperationsGauges(ctx), billing::readOverdueReviews(ctx)};
}

}  // namespace

ApiServer::ApiServer(ServerConfig config, db::ConnectionPool& pool, const Clock& clock,
                     const app::AppConfig& app_config)
    : config_(std::move(config)), pool_(pool), clock_(clock), app_config_(app_config) {}

ApiServer::~ApiServer() { stop(); }

void ApiServer::start() {
    Poco::Net::Context::Ptr context = serverTlsContext(config_);
    certificates_ = std::make_unique<security::ClientCertificateCheck>(config_.ca_file,
                                                                       config_.client_crl_file);
    // Browsers resume TLS sessions on their next connection; with client certificates requested
    // OpenSSL refuses a resumption unless the session id context is set (which this does).
    context->enableSessionCache(true, "zorgcontract");
    metrics_allow_ = std::make_unique<AddressAllowList>(config_.metrics_allow);
    metrics_sources_ = std::make_unique<MetricsSources>(
        MetricsSources{*metrics_allow_, [this] { return poolGauges(pool_); },
                       [this] { return workGauges(pool_, clock_, app_config_); }});
    // The listeners bound header time, connections per address and workers (connection_guard).
    server_ = std::make_unique<Listeners>(config_, context,
                                          new Factory(Services{config_, pool_, clock_, app_config_,
                                                               *certificates_, *metrics_sources_}));
}

void ApiServer::stop() {
    if (server_) {
        server_->stop();
        server_.reset();
    }
}

int ApiServer::port() const { return server_ ? server_->port() : config_.port; }

}  // namespace zc::http
