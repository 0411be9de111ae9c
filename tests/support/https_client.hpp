#pragma once
// A small HTTPS client for the end-to-end tests: one TLS connection per request, verified
// strictly against the project's private certificate authority only (no system CAs), and
// readers for the env files that the ctest fixtures write under $ZC_TESTENV.
#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "interfaces/mysql/connection.hpp"

namespace zc::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

// One answer of the server. `json` is empty when the body is no JSON.
struct Response {
    int status = 0;
    std::string reason;  // the status line's reason phrase, e.g. "Unprocessable Entity"
    Poco::Dynamic::Var json;
    std::string text;
    Headers headers;  // response headers in order (Set-Cookie may repeat)

    // The first header of that name (case-insensitive), "" when absent.
    std::string header(const std::string& name) const;
    bool isObject() const;
    bool isArray() const;
    Poco::JSON::Object::Ptr object() const;  // throws when the body is no JSON object
    Poco::JSON::Array::Ptr array() const;    // throws when the body is no JSON array
    // The error code of an error body {"code","message","field"}, "" otherwise.
    std::string code() const;
    std::string field() const;
    std::string str(const std::string& key) const;   // "" when absent or null
    std::int64_t num(const std::string& key) const;  // throws when absent
    // "HTTP <status>: <text>" for assertion messages.
    std::string describe() const;
};

// Reads KEY=VALUE lines (no quoting, '#' comments). Throws std::runtime_error when unreadable.
std::map<std::string, std::string> readEnvFile(const std::string& path);
// $ZC_TESTENV (else <build>/testenv beside the test binary); throws when neither exists.
std::string testEnvDir();
// $ZC_BINARY (else <build>/interfaces/zorgcontract): the server executable.
std::string serverBinary();
// The server's address and CA from $ZC_TESTENV/server.env.
struct ServerEnv {
    std::string url;
    int port = 0;
    std::string ca_file;
};
ServerEnv serverEnv();
// The application's database account from $ZC_TESTENV/db.env.
db::DbConfig appDbConfig();
// root over the unix socket (ZC_DB_ROOT_SOCKET), for counting rows and administering accounts.
db::DbConfig rootDbConfig();
// A message body as the database holds it (outbox XML, inbox retour), opened with the server's
// key $ZC_TESTENV/bsn.key (issue 14, #2: bodies are stored encrypted).
std::string openStoredBody(const std::string& stored);

// Serialises a JSON value compactly.
std::string jsonText(const Poco::Dynamic::Var& v);
// Builds a JSON object from key/value pairs: jsonObject({{"code", "02A01"}, {"n", 3}}).
Poco::JSON::Object::Ptr jsonObject(
    std::initializer_list<std::pair<std::string, Poco::Dynamic::Var>> fields);
Poco::JSON::Array::Ptr jsonArray(std::initializer_list<Poco::Dynamic::Var> items);

class HttpsClient {
  public:
    // Connects to host:port; the server certificate must chain to `ca_file` and name `host`.
    HttpsClient(std::string host, int port, std::string ca_file);
    // The fixture's server (127.0.0.1 and the port and CA of server.env).
    static HttpsClient fromTestEnv();

    // Sends `body` (raw text, usually JSON) with the given headers. Network and TLS failures
    // throw Poco::Exception; every HTTP status is returned.
    Response request(const std::string& method, const std::string& path,
                     const std::optional<std::string>& body = std::nullopt,
                     const Headers& headers = {}) const;
    Response get(const std::string& path, const Headers& headers = {}) const;
    Response post(const std::string& path, const Poco::Dynamic::Var& json,
                  const Headers& headers = {}) const;

    // The same client presenting a TLS client certificate (mutual TLS for iWmo messages).
    HttpsClient withClientCertificate(std::string cert_file, std::string key_file) const;
    // The fixture's client certificate of the provider with this AGB
    // ($ZC_TESTENV/tls/clients/<AGB>.crt/.key, issued by the server-start fixture).
    HttpsClient asProvider(const std::string& agb) const;
    // POSTs an XML document.
    Response postXml(const std::string& path, const std::string& xml) const;

    const std::string& host() const { return host_; }
    int port() const { return port_; }
    const std::string& caFile() const { return ca_file_; }

  private:
    std::string host_;
    int port_;
    std::string ca_file_;
    std::string cert_file_;
    std::string key_file_;
};

}  // namespace zc::test
