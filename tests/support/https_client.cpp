#include "https_client.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "interfaces/security/aes_gcm.hpp"
#include "interfaces/security/message_protection.hpp"

namespace zc::test {
namespace {

constexpr int kTimeoutSeconds = 30;

void initialiseSslOnce() {
    static std::once_flag once;
    std::call_once(once, [] { Poco::Net::initializeSSL(); });
}

Poco::Dynamic::Var parseJson(const std::string& text) {
    if (text.empty()) return {};
    try {
        Poco::JSON::Parser parser;
        return parser.parse(text);
    } catch (const Poco::Exception&) {
        return {};
    }
}

std::string required(const std::map<std::string, std::string>& env, const std::string& key,
                     const std::string& file) {
    auto it = env.find(key);
    if (it == env.end()) throw std::runtime_error(file + " has no " + key);
    return it->second;
}

// The build tree holding the running test binary (<build>/tests/<binary>).
std::filesystem::path buildDir() {
    return std::filesystem::read_symlink("/proc/self/exe").parent_path().parent_path();
}

}  // namespace

bool Response::isObject() const {
    return !json.isEmpty() && json.type() == typeid(Poco::JSON::Object::Ptr);
}

bool Response::isArray() const {
    return !json.isEmpty() && json.type() == typeid(Poco::JSON::Array::Ptr);
}

Poco::JSON::Object::Ptr Response::object() const {
    if (!isObject()) throw std::runtime_error("not a JSON object: " + describe());
    return json.extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr Response::array() const {
    if (!isArray()) throw std::runtime_error("not a JSON array: " + describe());
    return json.extract<Poco::JSON::Array::Ptr>();
}

std::string Response::code() const { return isObject() ? str("code") : std::string(); }

std::string Response::field() const { return isObject() ? str("field") : std::string(); }

std::string Response::str(const std::string& key) const {
    if (!isObject()) return {};
    auto o = object();
    if (!o->has(key) || o->isNull(key)) return {};
    return o->get(key).convert<std::string>();
}

std::int64_t Response::num(const std::string& key) const {
    auto o = object();
    if (!o->has(key) || o->isNull(key)) throw std::runtime_error("no " + key + " in " + describe());
    return o->get(key).convert<std::int64_t>();
}

std::string Response::describe() const {
    return "HTTP " + std::to_string(status) + ": " + text.substr(0, 2000);
}

std::map<std::string, std::string> readEnvFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::map<std::string, std::string> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        out[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return out;
}

std::string testEnvDir() {
    if (const char* dir = std::getenv("ZC_TESTENV"); dir && *dir) return dir;
    // Run by hand from the build tree: <build>/tests/<test binary> and <build>/testenv.
    const auto fallback = buildDir() / "testenv";
    if (std::filesystem::is_directory(fallback)) return fallback.string();
    throw std::runtime_error("ZC_TESTENV is not set (run the tests via ctest)");
}

std::string serverBinary() {
    if (const char* binary = std::getenv("ZC_BINARY"); binary && *binary) return binary;
    const auto fallback = buildDir() / "interfaces" / "zorgcontract";
    if (std::filesystem::exists(fallback)) return fallback.string();
    throw std::runtime_error("ZC_BINARY is not set (run the tests via ctest)");
}

ServerEnv serverEnv() {
    const std::string file = testEnvDir() + "/server.env";
    const auto env = readEnvFile(file);
    ServerEnv s;
    s.url = required(env, "ZC_SERVER_URL", file);
    s.port = std::stoi(required(env, "ZC_SERVER_PORT", file));
    s.ca_file = required(env, "ZC_TLS_CA_FILE", file);
    return s;
}

db::DbConfig appDbConfig() {
    const std::string file = testEnvDir() + "/db.env";
    const auto env = readEnvFile(file);
    db::DbConfig c;
    c.host = required(env, "ZC_DB_HOST", file);
    c.port = std::stoi(required(env, "ZC_DB_PORT", file));
    c.name = required(env, "ZC_DB_NAME", file);
    c.user = required(env, "ZC_DB_USER", file);
    c.password = required(env, "ZC_DB_PASSWORD", file);
    return c;
}

std::string openStoredBody(const std::string& stored) {
    static const app::AppConfig config = [] {
        app::AppConfig c;
        std::ifstream in(testEnvDir() + "/bsn.key");
        std::string hex;
        std::getline(in, hex);
        c.bsn_key = security::keyFromHex(hex);
        return c;
    }();
    return security::openMessageBody(config, stored);
}

db::DbConfig rootDbConfig() {
    const std::string file = testEnvDir() + "/db.env";
    const auto env = readEnvFile(file);
    db::DbConfig c;
    c.socket = required(env, "ZC_DB_ROOT_SOCKET", file);
    c.name = required(env, "ZC_DB_NAME", file);
    c.user = "root";
    return c;
}

std::string jsonText(const Poco::Dynamic::Var& v) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(v, out);
    return out.str();
}

Poco::JSON::Object::Ptr jsonObject(
    std::initializer_list<std::pair<std::string, Poco::Dynamic::Var>> fields) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    for (const auto& [k, v] : fields) o->set(k, v);
    return o;
}

Poco::JSON::Array::Ptr jsonArray(std::initializer_list<Poco::Dynamic::Var> items) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& v : items) a->add(v);
    return a;
}

HttpsClient::HttpsClient(std::string host, int port, std::string ca_file)
    : host_(std::move(host)), port_(port), ca_file_(std::move(ca_file)) {
    initialiseSslOnce();
}

HttpsClient HttpsClient::fromTestEnv() {
    const auto env = serverEnv();
    return HttpsClient("127.0.0.1", env.port, env.ca_file);
}

Response HttpsClient::request(const std::string& method, const std::string& path,
                              const std::optional<std::string>& body,
                              const Headers& headers) const {
    // Only the private CA is trusted: no default CA store, strict verification.
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::CLIENT_USE, key_file_, cert_file_, ca_file_,
                               Poco::Net::Context::VERIFY_STRICT, 9, false);
    Poco::Net::HTTPSClientSession session(host_, static_cast<Poco::UInt16>(port_), context);
    session.setTimeout(Poco::Timespan(kTimeoutSeconds, 0));
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [k, v] : headers) req.set(k, v);
    if (body) {
        if (!req.has("Content-Type")) req.setContentType("application/json");
        req.setContentLength(static_cast<std::streamsize>(body->size()));
        session.sendRequest(req) << *body;
    } else {
        session.sendRequest(req);
    }
    Poco::Net::HTTPResponse res;
    std::istream& in = session.receiveResponse(res);
    Response out;
    out.status = static_cast<int>(res.getStatus());
    out.reason = res.getReason();
    for (const auto& [k, v] : res) out.headers.emplace_back(k, v);
    Poco::StreamCopier::copyToString(in, out.text);
    out.json = parseJson(out.text);
    return out;
}

std::string Response::header(const std::string& name) const {
    for (const auto& [k, v] : headers) {
        if (Poco::icompare(k, name) == 0) return v;
    }
    return "";
}

Response HttpsClient::get(const std::string& path, const Headers& headers) const {
    return request("GET", path, std::nullopt, headers);
}

Response HttpsClient::post(const std::string& path, const Poco::Dynamic::Var& json,
                           const Headers& headers) const {
    return request("POST", path, jsonText(json), headers);
}

HttpsClient HttpsClient::withClientCertificate(std::string cert_file, std::string key_file) const {
    HttpsClient copy = *this;
    copy.cert_file_ = std::move(cert_file);
    copy.key_file_ = std::move(key_file);
    return copy;
}

HttpsClient HttpsClient::asProvider(const std::string& agb) const {
    const std::string dir = testEnvDir() + "/tls/clients/";
    return withClientCertificate(dir + agb + ".crt", dir + agb + ".key");
}

Response HttpsClient::postXml(const std::string& path, const std::string& xml) const {
    return request("POST", path, xml, {{"Content-Type", "application/xml"}});
}

}  // namespace zc::test
