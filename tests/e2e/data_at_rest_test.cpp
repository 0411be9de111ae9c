// Issue 14 (#2), BSNs at rest: after messages with a known test BSN went out (a WMO301 in the
// outbox) and in (a WMO307 answered by a WMO308 that repeats the client, a WMO323 answered by a
// WMO325), neither a dump of the whole database, nor the server's log, nor the database's own
// files, nor the spool folder shows those BSNs or the client's surname in clear (the surname is
// allowed only in its client row, where staff look a client up, and in the audit rows of changes
// to that client). The provider still downloads
// the exact message, the message log still lists it, an upload killed half-way leaves no
// readable file, and a leftover of an older version is gone after start-up.
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/ServerSocket.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "e2e/declarations.hpp"
#include "e2e/iwmo_messages.hpp"
#include "e2e/session.hpp"
#include "interfaces/iwmo/declaration.hpp"
#include "interfaces/mysql/connection.hpp"

extern char** environ;

namespace zc::e2e {
namespace {

namespace fs = std::filesystem;
using test::jsonArray;
using test::jsonObject;
using test::Response;

constexpr const char* kMunicipality = "0193";
constexpr const char* kBirthDate = "1958-11-23";
constexpr const char* kDemoBsn = "999900006";  // the demo client of declarations.hpp

std::string day(int offset) { return formatDate(addDays(parseDate(todayText()), offset)); }

std::string readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// 9 digits starting with 6 that pass the elfproef.
std::string elfproefBsn() {
    for (;;) {
        const std::string digits = "6" + uniqueDigits(7);
        int sum = 0;
        for (int i = 0; i < 8; ++i) sum += (9 - i) * (digits[static_cast<std::size_t>(i)] - '0');
        if (sum % 11 <= 9) return digits + std::to_string(sum % 11);
    }
}

// A surname no other test uses ("Rustgeheim" and 8 letters).
std::string uniqueSurname() {
    std::string s = "Rustgeheim";
    for (const char d : uniqueDigits(8)) s += static_cast<char>('a' + (d - '0'));
    return s;
}

struct Provider {
    std::int64_t id = 0;
    std::string agb;
};

// A demo provider with an IB contract and a client certificate from the fixture.
Provider ibProvider() {
    const Response r =
        client().get("/api/v1/queries/eligible-providers?product=02A01&limit=1000&municipality=" +
                         std::string(kMunicipality),
                     as("cm.jansen"));
    EXPECT_EQ(r.status, 200) << r.describe();
    const auto a = r.array();
    for (std::size_t i = 0; i < a->size(); ++i) {
        const auto o = a->getObject(i);
        const std::string agb = o->getValue<std::string>("agb");
        if (fs::exists(test::testEnvDir() + "/tls/clients/" + agb + ".crt")) {
            return {o->getValue<std::int64_t>("provider_id"), agb};
        }
    }
    throw std::runtime_error("no demo provider with an IB contract and a certificate");
}

struct Person {
    std::int64_t id = 0;
    std::string bsn, surname;
    std::int64_t granted_ib = 0;
};

// A client with an address and a decision for 4 hours a week of IB, allocated to `provider`.
std::int64_t newAllocatedPerson(Person& p, const Provider& provider) {
    p.bsn = elfproefBsn();
    p.surname = uniqueSurname();
    const Response c = client().post("/api/v1/clients",
                                     jsonObject({{"bsn", p.bsn},
                                                 {"surname", p.surname},
                                                 {"initials", "R.G."},
                                                 {"birth_date", kBirthDate},
                                                 {"gender", "2"},
                                                 {"street", "Sassenstraat"},
                                                 {"house_number", "9"},
                                                 {"postcode", "8011PC"},
                                                 {"city", "Zwolle"},
                                                 {"municipality_code", kMunicipality}}),
                                     as("ao.bakker"));
    if (c.status != 201) throw std::runtime_error("client not created: " + c.describe());
    p.id = c.num("id");
    const Response d =
        client().post("/api/v1/clients/" + std::to_string(p.id) + "/decisions",
                      jsonObject({{"number", 100000000 + std::stoll(uniqueDigits(8))},
                                  {"decision_date", day(-30)},
                                  {"valid_from", day(-30)},
                                  {"valid_to", day(90)},
                                  {"products", jsonArray({jsonObject({{"product_code", "02A01"},
                                                                      {"volume", 4},
                                                                      {"unit", "hours"},
                                                                      {"frequency", "week"},
                                                                      {"financing", "ZIN"}})})}}),
                      as("ao.bakker"));
    if (d.status != 201) throw std::runtime_error("decision not created: " + d.describe());
    p.granted_ib = d.object()->getArray("products")->getObject(0)->getValue<std::int64_t>("id");
    const Response a = client().post("/api/v1/allocations",
                                     jsonObject({{"granted_product_id", p.granted_ib},
                                                 {"provider_id", provider.id},
                                                 {"start_date", day(-7)},
                                                 {"volume", 3}}),
                                     as("ao.bakker"));
    if (a.status != 201) throw std::runtime_error("allocation not created: " + a.describe());
    return a.num("number");
}

// The id of the provider's WMO301 for this client (its outbox lists, each message downloads).
std::int64_t wmo301Of(const test::HttpsClient& tls, const std::string& bsn, std::string* xml) {
    const Response list = newestOutbox(tls);
    EXPECT_EQ(list.status, 200) << list.describe();
    const auto a = list.array();
    for (std::size_t i = a->size(); i-- > 0;) {
        const auto o = a->getObject(i);
        if (o->getValue<std::string>("message_code") != "414") continue;
        const auto id = o->getValue<std::int64_t>("id");
        const Response m = tls.get("/api/v1/outbox/" + std::to_string(id));
        if (m.status == 200 && m.text.find(bsn) != std::string::npos) {
            *xml = m.text;
            return id;
        }
    }
    return 0;
}

// The whole database as `mariadb-dump` writes it (one INSERT per row), root over the socket.
std::string dumpDatabase() {
    const auto env = test::readEnvFile(test::testEnvDir() + "/db.env");
    const std::string out = test::testEnvDir() + "/data-at-rest-dump.sql";
    const std::string cmd =
        "mariadb-dump --no-defaults --socket='" + env.at("ZC_DB_ROOT_SOCKET") +
        "' -uroot --single-transaction --skip-extended-insert zorgcontract > '" + out + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    return readAll(out);
}

// The files under `dir` (recursively) that contain `needle`.
std::vector<std::string> filesContaining(const fs::path& dir, const std::string& needle) {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && readAll(it->path()).find(needle) != std::string::npos) {
            out.push_back(it->path().string());
        }
    }
    return out;
}

// The spool files ("zorgcontract-body-*") in the temporary folder that contain `needle`.
std::vector<std::string> spoolFilesContaining(const std::string& needle) {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(fs::temp_directory_path(), ec), end; !ec && it != end;
         it.increment(ec)) {
        if (it->path().filename().string().rfind("zorgcontract-body-", 0) != 0) continue;
        if (readAll(it->path()).find(needle) != std::string::npos) {
            out.push_back(it->path().string());
        }
    }
    return out;
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += "\n  " + x;
    return s;
}

// The WMO323 of the demo provider with one line at a wrong tariff: its WMO325 repeats the
// demo client's BSN.
void declareWithARejectedLine() {
    const std::string suffix = uniqueDigits(9);
    const std::int64_t tariff = ibTariffOn("2026-02-01");
    auto bad = prestatie("R" + suffix, 1, tariff - 100);
    bad.begin = parseDate("2026-01-01");
    bad.end_inclusive = parseDate("2026-01-31");
    const std::string xml =
        write323(headFor(suffix, bad.amount_cents, "2026-02", "2026-03-02"), {bad});
    const Response r = client().asProvider(kAgb).postXml("/api/v1/messages", xml);
    ASSERT_EQ(r.status, 200) << r.describe();
    ASSERT_NE(r.text.find(kDemoBsn), std::string::npos) << "the WMO325 repeats the BSN\n" << r.text;
}

TEST(DataAtRest, NoBsnOrSurnameInClearInADumpTheLogOrTheDatabaseFiles) {
    const Provider prov = ibProvider();
    Person person;
    const std::int64_t number = newAllocatedPerson(person, prov);
    const auto tls = test::HttpsClient::fromTestEnv().asProvider(prov.agb);
    std::string xml;
    const std::int64_t out_id = wmo301Of(tls, person.bsn, &xml);
    ASSERT_NE(out_id, 0) << "no WMO301 for the new client in the outbox of " << prov.agb;
    ASSERT_NE(xml.find(person.surname), std::string::npos) << xml;

    // The provider downloads exactly what is stored (opened with the server's key), again.
    db::Connection root(test::rootDbConfig());
    const std::string stored =
        root.queryOne("SELECT xml FROM outbox_messages WHERE id = ?", {out_id})->str(0);
    EXPECT_EQ(stored.find(person.bsn), std::string::npos) << "the WMO301 is stored in clear";
    EXPECT_EQ(test::openStoredBody(stored), xml);
    EXPECT_EQ(tls.get("/api/v1/outbox/" + std::to_string(out_id)).text, xml);
    // The message log still lists it.
    const Response log =
        client().get("/api/v1/message-log?client_id=" + std::to_string(person.id), as("cm.jansen"));
    ASSERT_EQ(log.status, 200) << log.describe();
    EXPECT_NE(log.text.find("\"414\""), std::string::npos) << log.text;

    // In: a stop without a start, refused by a WMO308 that repeats the client.
    const iwmo::Client block{person.bsn, kBirthDate, "2", person.surname, "RG"};
    const Response stop = tls.postXml(
        "/api/v1/messages",
        iwmo::wmo307({prov.agb, kMunicipality, iwmo::uniqueIdentificatie("D"), todayText()}, block,
                     {{number, "02", "02A01", day(-7), day(-3), "19", todayText()}}));
    ASSERT_EQ(stop.status, 200) << stop.describe();
    ASSERT_NE(stop.text.find(person.bsn), std::string::npos) << stop.text;
    declareWithARejectedLine();

    const std::string dump = dumpDatabase();
    ASSERT_NE(dump.find("INSERT INTO `outbox_messages`"), std::string::npos) << "an empty dump";
    for (const std::string& bsn : {person.bsn, std::string(kDemoBsn)}) {
        EXPECT_EQ(dump.find(bsn), std::string::npos)
            << "BSN " << bsn << " in clear in the dump: ..."
            << dump.substr(dump.find(bsn) - std::min<std::size_t>(dump.find(bsn), 300), 400);
    }
    std::istringstream lines(dump);
    for (std::string line; std::getline(lines, line);) {
        // Allowed: the client's own row, and the audit rows of changes to the client (staff's
        // record of who changed the client; the BSN there is masked).
        if (line.rfind("INSERT INTO `clients` VALUES", 0) == 0) continue;
        if (line.rfind("INSERT INTO `audit_log` VALUES", 0) == 0 &&
            line.find(",'client','") != std::string::npos) {
            continue;
        }
        EXPECT_EQ(line.find(person.surname), std::string::npos)
            << "the surname outside its client row: " << line.substr(0, 600);
    }
    for (const std::string& bsn : {person.bsn, std::string(kDemoBsn)}) {
        EXPECT_EQ(readAll(test::testEnvDir() + "/server.log").find(bsn), std::string::npos)
            << "BSN " << bsn << " in the server's log";
        EXPECT_EQ(joined(filesContaining(test::testEnvDir() + "/db", bsn)), "")
            << "BSN " << bsn << " in clear in these files of the database";
        EXPECT_EQ(joined(spoolFilesContaining(bsn)), "")
            << "BSN " << bsn << " in these spool files";
    }
}

// An upload killed half-way: while the server is still reading a large body (spooled to disk),
// no file in the temporary folder shows the BSN it carries.
TEST(DataAtRest, AnUploadInProgressLeavesNoReadableSpoolFile) {
    const std::string bsn = elfproefBsn();
    const auto env = test::serverEnv();
    const std::string dir = test::testEnvDir() + "/tls/clients/";
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::CLIENT_USE, dir + std::string(kAgb) + ".key",
        dir + std::string(kAgb) + ".crt", env.ca_file, Poco::Net::Context::VERIFY_STRICT, 9, false);
    Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(env.port),
                                          context);
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/messages",
                               Poco::Net::HTTPMessage::HTTP_1_1);
    req.setContentType("application/xml");
    req.setContentLength(8 << 20);
    std::ostream& body = session.sendRequest(req);
    body << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<wmo323:Bericht xmlns:wmo323=\""
         << iwmo::messageNamespace("wmo323") << "\"><wmo323:Bsn>" << bsn << "</wmo323:Bsn>"
         << std::string(3 << 20, ' ');
    body.flush();
    std::vector<std::string> found;
    for (int i = 0; i < 20 && found.empty(); ++i) {  // the server writes as the bytes arrive
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        found = spoolFilesContaining(bsn);
    }
    EXPECT_EQ(joined(found), "") << "a half-received body lies readable on disk";
    session.abort();
}

// A second server on the fixture's database and keys, with its own temporary folder.
class SecondServer {
  public:
    explicit SecondServer(const fs::path& tmpdir) : log_(tmpdir.parent_path() / "server.log") {
        const auto db = test::readEnvFile(test::testEnvDir() + "/db.env");
        const std::string tls = test::testEnvDir() + "/tls/";
        std::vector<std::string> env;
        for (char** e = environ; *e; ++e) {
            const std::string v(*e);
            if (v.rfind("ZC_", 0) != 0 && v.rfind("TMPDIR=", 0) != 0) env.push_back(v);
        }
        for (const auto& [k, v] : db) env.push_back(k + "=" + v);
        Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
        env.push_back("ZC_SERVER_PORT=" + std::to_string(probe.address().port()));
        probe.close();
        for (const char* f : {"TLS_CERT_FILE=server.crt", "TLS_KEY_FILE=server.key",
                              "TLS_CA_FILE=ca.crt", "TLS_CLIENT_CRL=client.crl"}) {
            const std::string kv(f);
            env.push_back("ZC_" + kv.substr(0, kv.find('=') + 1) + tls +
                          kv.substr(kv.find('=') + 1));
        }
        env.push_back("ZC_SECURITY_BSN_KEY_FILE=" + test::testEnvDir() + "/bsn.key");
        env.push_back("ZC_SECURITY_BSN_HMAC_KEY_FILE=" + test::testEnvDir() + "/bsn-hmac.key");
        env.push_back("ZC_SECURITY_AUDIT_KEY_FILE=" + test::testEnvDir() + "/audit.key");
        env.push_back("ZC_AUDIT_CHECKPOINT_FILE=" + test::testEnvDir() + "/audit-checkpoints.log");
        env.push_back("ZC_DB_POOL_SIZE=2");
        env.push_back("TMPDIR=" + tmpdir.string());
        std::vector<std::string> args = {
            test::serverBinary(), "--config",
            (iwmo::sourceRoot() / "config/zorgcontract.properties").string(), "serve"};
        start(args, env);
    }
    ~SecondServer() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            int status = 0;
            ::waitpid(pid_, &status, 0);
        }
    }
    SecondServer(const SecondServer&) = delete;
    SecondServer& operator=(const SecondServer&) = delete;
    // True once the log says it listens (within `seconds`).
    bool listening(int seconds) const {
        for (int i = 0; i < seconds * 10; ++i) {
            if (readAll(log_).find("listening") != std::string::npos) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    }
    std::string log() const { return readAll(log_); }

  private:
    void start(std::vector<std::string>& args, std::vector<std::string>& env) {
        std::vector<char*> argv, envp;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        for (auto& e : env) envp.push_back(e.data());
        envp.push_back(nullptr);
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            std::FILE* f = std::fopen(log_.c_str(), "w");
            if (f) {
                ::dup2(fileno(f), 1);
                ::dup2(fileno(f), 2);
            }
            ::execve(argv[0], argv.data(), envp.data());
            ::_exit(127);
        }
    }
    fs::path log_;
    pid_t pid_ = -1;
};

// A named spool file an older version left when it was killed mid-upload (with BSNs in it) is
// gone once the server has started.
TEST(DataAtRest, ALeftoverSpoolFileIsGoneAfterStartUp) {
    const fs::path base = fs::path(test::testEnvDir()) / ("data-at-rest-" + uniqueDigits(8));
    const fs::path tmpdir = base / "tmp";
    fs::create_directories(tmpdir);
    const fs::path leftover = tmpdir / "zorgcontract-body-Xk3v9Q";
    std::ofstream(leftover) << "<wmo323:Bsn>" << kDemoBsn << "</wmo323:Bsn>";
    // Killed ten minutes ago (a body still being written by a live process is left alone).
    fs::last_write_time(leftover, fs::file_time_type::clock::now() - std::chrono::minutes(10));
    {
        SecondServer server(tmpdir);
        ASSERT_TRUE(server.listening(60)) << server.log();
        EXPECT_FALSE(fs::exists(leftover)) << "the leftover spool file survived the start-up\n"
                                           << server.log();
    }
    fs::remove_all(base);
}

}  // namespace
}  // namespace zc::e2e
