// /health over TLS, the TLS policy of the listener (no plain HTTP, no TLS 1.1), and a 503 when
// the database is gone (against a second server process of this test's own).
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/StreamCopier.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "e2e/session.hpp"
#include "interfaces/mysql/connection_pool.hpp"

namespace zc::e2e {
namespace {

using test::HttpsClient;
using test::Response;

// The project root, as CMake configured it.
std::filesystem::path sourceRoot() { return std::filesystem::path(ZC_SOURCE_ROOT); }

// GET /health with a client limited to exactly one TLS version (min = max = `version`), with
// OpenSSL's security level lowered so that the client itself is able to offer old versions.
int healthStatusWithTlsVersion(int version) {
    const auto env = test::serverEnv();
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::CLIENT_USE, "", "", env.ca_file,
                               Poco::Net::Context::VERIFY_STRICT, 9, false, "ALL:@SECLEVEL=0");
    SSL_CTX* ssl = context->sslContext();
    SSL_CTX_set_security_level(ssl, 0);
    SSL_CTX_set_min_proto_version(ssl, version);
    SSL_CTX_set_max_proto_version(ssl, version);
    Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(env.port),
                                          context);
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest req("GET", "/health", Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(req);
    Poco::Net::HTTPResponse res;
    std::string text;
    Poco::StreamCopier::copyToString(session.receiveResponse(res), text);
    return static_cast<int>(res.getStatus());
}

TEST(Health, AnswersOkOverTlsWithSchemaVersionAndDatabase) {
    const Response r = client().get("/health");
    ASSERT_EQ(r.status, 200) << r.describe();
    EXPECT_EQ(r.str("status"), "ok");
    EXPECT_EQ(r.str("database"), "ok");
    EXPECT_GE(r.num("schema_version"), 3);
}

TEST(Health, RefusesPlainHttpOnTheTlsPort) {
    const auto env = test::serverEnv();
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(env.port));
    session.setTimeout(Poco::Timespan(5, 0));
    bool answered_ok = false;
    try {
        Poco::Net::HTTPRequest req("GET", "/health", Poco::Net::HTTPMessage::HTTP_1_1);
        session.sendRequest(req);
        Poco::Net::HTTPResponse res;
        std::string text;
        Poco::StreamCopier::copyToString(session.receiveResponse(res), text);
        answered_ok = res.getStatus() == Poco::Net::HTTPResponse::HTTP_OK ||
                      text.find("\"ok\"") != std::string::npos;
    } catch (const Poco::Exception&) {
        answered_ok = false;
    }
    EXPECT_FALSE(answered_ok) << "the server answered a plain HTTP request";
}

TEST(Health, AcceptsTls12) { EXPECT_EQ(healthStatusWithTlsVersion(TLS1_2_VERSION), 200); }

TEST(Health, RefusesTls11Handshake) {
    std::string failure;
    try {
        const int status = healthStatusWithTlsVersion(TLS1_1_VERSION);
        failure = "none: HTTP " + std::to_string(status);
    } catch (const Poco::Exception& e) {
        failure = e.displayText();
    }
    EXPECT_EQ(failure.rfind("none", 0), std::string::npos)
        << "a TLS 1.1 handshake succeeded (" << failure << ")";
    // The refusal must come from the server (a protocol_version alert), not from a client
    // unable to offer TLS 1.1.
    EXPECT_EQ(failure.find("no protocols available"), std::string::npos) << failure;
    EXPECT_NE(failure.find("protocol version"), std::string::npos) << failure;
}

// A second `zorgcontract serve` on its own port, scratch database and database account.
class ScratchServer {
  public:
    // On a free port, or on `port` when given.
    explicit ScratchServer(int port = 0) : suffix_(uniqueDigits(8)) {
        db::ensureThreadInit();
        db_name_ = "zc_health_" + suffix_;
        db_user_ = "zc_health_" + suffix_;
        const std::string password = "pw" + uniqueDigits(12);
        db::Connection root(test::rootDbConfig());
        root.execute("CREATE DATABASE " + db_name_ +
                     " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        root.execute("CREATE USER '" + db_user_ + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'");
        root.execute("GRANT ALL PRIVILEGES ON " + db_name_ + ".* TO '" + db_user_ +
                     "'@'127.0.0.1'");
        port_ = port ? port : freePort();
        start(password);
    }

    ~ScratchServer() {
        stop();
        try {
            db::Connection root(test::rootDbConfig());
            root.execute("DROP DATABASE IF EXISTS " + db_name_);
            root.execute("DROP USER IF EXISTS '" + db_user_ + "'@'127.0.0.1'");
        } catch (const std::exception&) {
        }
    }

    HttpsClient client() const {
        return HttpsClient("127.0.0.1", port_, test::serverEnv().ca_file);
    }

    // Waits until /health answers 200 (the server migrates its empty database first).
    bool waitHealthy(std::chrono::seconds limit) const {
        const auto until = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < until) {
            if (!running()) return false;
            try {
                if (client().get("/health").status == 200) return true;
            } catch (const Poco::Exception&) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
        return false;
    }

    // Drops the server's database account and ends its open connections.
    void takeDatabaseAway() const {
        db::Connection root(test::rootDbConfig());
        root.execute("DROP USER '" + db_user_ + "'@'127.0.0.1'");
        for (const auto& row : root.query(
                 "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?", {db_user_})) {
            try {
                root.execute("KILL CONNECTION " + std::to_string(row.i64(0)));
            } catch (const db::DbError&) {
                // The connection ended by itself meanwhile.
            }
        }
    }

    // True when the server process ended within `limit`.
    bool exitedWithin(std::chrono::seconds limit) const {
        const auto until = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < until) {
            if (!running()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    }

    std::string log() const {
        std::ifstream in(logPath());
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

  private:
    static int freePort() {
        Poco::Net::ServerSocket s(Poco::Net::SocketAddress("127.0.0.1", 0));
        const int port = s.address().port();
        s.close();
        return port;
    }

    std::string logPath() const {
        return test::testEnvDir() + "/health-server-" + suffix_ + ".log";
    }

    void start(const std::string& password) {
        const std::string binary = test::serverBinary();
        const auto db = test::appDbConfig();
        const std::string tls = test::testEnvDir() + "/tls/";
        std::vector<std::string> env;
        for (char** e = environ; *e; ++e) {
            if (std::string(*e).rfind("ZC_", 0) != 0) env.emplace_back(*e);
        }
        env.push_back("ZC_SERVER_PORT=" + std::to_string(port_));
        env.push_back("ZC_TLS_CERT_FILE=" + tls + "server.crt");
        env.push_back("ZC_TLS_KEY_FILE=" + tls + "server.key");
        env.push_back("ZC_TLS_CA_FILE=" + tls + "ca.crt");
        // The BSN keys the fixture generated (testenv.sh server-start); serve refuses without.
        env.push_back("ZC_SECURITY_BSN_KEY_FILE=" + test::testEnvDir() + "/bsn.key");
        env.push_back("ZC_SECURITY_BSN_HMAC_KEY_FILE=" + test::testEnvDir() + "/bsn-hmac.key");
        env.push_back("ZC_SECURITY_AUDIT_KEY_FILE=" + test::testEnvDir() + "/audit.key");
        env.push_back("ZC_AUDIT_CHECKPOINT_FILE=" + test::testEnvDir() + "/audit-checkpoints.log");
        env.push_back("ZC_DB_HOST=" + db.host);
        env.push_back("ZC_DB_PORT=" + std::to_string(db.port));
        env.push_back("ZC_DB_SOCKET=");
        env.push_back("ZC_DB_NAME=" + db_name_);
        env.push_back("ZC_DB_USER=" + db_user_);
        env.push_back("ZC_DB_PASSWORD=" + password);
        env.push_back("ZC_DB_POOL_SIZE=2");
        std::vector<char*> envp;
        for (auto& e : env) envp.push_back(e.data());
        envp.push_back(nullptr);
        const std::string config = (sourceRoot() / "config/zorgcontract.properties").string();
        std::vector<std::string> args = {binary, "--config", config, "serve"};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        const std::string log_path = logPath();
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            if (fd >= 0) {
                ::dup2(fd, 1);
                ::dup2(fd, 2);
            }
            ::execve(argv[0], argv.data(), envp.data());
            ::_exit(127);
        }
    }

    bool running() const {
        int status = 0;
        return pid_ > 0 && ::waitpid(pid_, &status, WNOHANG) == 0;
    }

    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        for (int i = 0; i < 50; ++i) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) != 0) {
                pid_ = 0;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = 0;
    }

    std::string suffix_;
    std::string db_name_;
    std::string db_user_;
    int port_ = 0;
    pid_t pid_ = 0;
};

TEST(Health, Answers503WhenTheDatabaseIsUnavailable) {
    ScratchServer server;
    ASSERT_TRUE(server.waitHealthy(std::chrono::seconds(40))) << server.log();
    const Response up = server.client().get("/health");
    ASSERT_EQ(up.status, 200) << up.describe();
    EXPECT_EQ(up.str("database"), "ok");

    server.takeDatabaseAway();
    const Response down = server.client().get("/health");
    EXPECT_EQ(down.status, 503) << down.describe();
    EXPECT_EQ(down.str("database"), "unavailable");
    EXPECT_NE(down.str("status"), "ok");
}

TEST(Health, ASecondServerOnATakenPortFailsToStartInsteadOfSharingIt) {
    // With SO_REUSEPORT both would listen and each would answer some of the other's requests.
    ScratchServer second(test::serverEnv().port);
    EXPECT_TRUE(second.exitedWithin(std::chrono::seconds(40))) << second.log();
    EXPECT_NE(second.log().find("in use"), std::string::npos) << second.log();
}

}  // namespace
}  // namespace zc::e2e
