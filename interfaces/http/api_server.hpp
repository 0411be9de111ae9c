#pragma once
// The HTTPS server (POCO Net/NetSSL on OpenSSL 3, TLS 1.2 minimum). Every request: size limit,
// route match, authentication (session bearer token or provider API key), role check against the
// route table, JSON parse, use case, error mapping. GET /health reports the schema version and
// whether the database answers (503 when it does not); GET /metrics the Prometheus metrics
// (metrics_endpoint.hpp). Every answer carries X-Request-Id (request_trace.hpp).
#include <memory>
#include <string>

#include "api_request.hpp"
#include "contracting/kernel/civil_date.hpp"
#include "interfaces/mysql/connection_pool.hpp"

namespace zc::security {
class ClientCertificateCheck;
}

namespace zc::http {

class Listeners;
class AddressAllowList;
struct MetricsSources;

struct ServerConfig {
    std::string host = "127.0.0.1";
    int port = 8443;
    std::string cert_file;
    std::string key_file;
    std::string ca_file;
    // The certificate revocation list of the client certificates' CA (tls.client_crl): re-read
    // when the file changes; "" = none. See interfaces/security/client_certificates.hpp.
    std::string client_crl_file;
    std::size_t max_body_bytes = 1 << 20;          // JSON requests
    std::size_t max_xml_bytes = 10 * 1024 * 1024;  // iWmo messages
    // A WMO323 declaration on the message endpoints: bodies from 1 MiB on are spooled to a
    // private temporary file and streamed from there, so this may be large.
    std::size_t max_declaration_bytes = 512 * 1024 * 1024;
    // Worker threads: each open connection holds one while it is served, so this is larger
    // than max_connections_per_address (one address cannot take them all).
    int threads = 128;
    // The whole request header (TLS handshake included) must arrive within this time, counted
    // from accept and, on a kept-alive connection, from the end of the previous answer (plus the
    // same time for keep-alive idleness).
    int header_timeout_seconds = 5;
    // Connections from one peer address at once; more are closed at accept.
    int max_connections_per_address = 32;
    // Connections in all (served and queued); more are closed at accept.
    int max_connections = 4096;
    // The web application's files (interfaces/web); every path outside /api/ and /health is
    // served from here. Empty: no web application.
    std::string web_root;
    // Who may scrape GET /metrics (metrics.allow): addresses and networks, e.g.
    // "127.0.0.1, ::1, 10.0.0.0/8"; others get 404. Empty: nobody. metrics_endpoint.hpp.
    std::string metrics_allow = "127.0.0.1, ::1";
};

class ApiServer {
  public:
    ApiServer(ServerConfig config, db::ConnectionPool& pool, const Clock& clock,
              const app::AppConfig& app_config);
    ~ApiServer();
    void start();
    void stop();
    int port() const;

  private:
    ServerConfig config_;
    db::ConnectionPool& pool_;
    const Clock& clock_;
    const app::AppConfig& app_config_;
    std::unique_ptr<security::ClientCertificateCheck> certificates_;
    std::unique_ptr<AddressAllowList> metrics_allow_;
    std::unique_ptr<MetricsSources> metrics_sources_;
    std::unique_ptr<Listeners> server_;
};

}  // namespace zc::http
