// Hostile and broken iWmo input over HTTPS with a provider's client certificate
// (POST /api/v1/messages): every case is refused with its reason code, nothing is stored, the
// server does not buffer huge bodies and keeps serving.
#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include "e2e/session.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/connection_pool.hpp"
#include "support/https_client.hpp"

namespace zc {
namespace {

using test::Response;

constexpr const char* kAgb = "73000101";
constexpr const char* kMunicipality = "0193";
constexpr const char* kMessages = "/api/v1/messages";

const test::HttpsClient& provider() {
    static const test::HttpsClient c = test::HttpsClient::fromTestEnv().asProvider(kAgb);
    return c;
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) {
        text.replace(at, from.size(), to);
    }
    return text;
}

std::string replaceOnce(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("sample lacks " + from);
    return text.replace(at, from.size(), to);
}

// A sample message as the demo provider sends it: Afzender = the certificate's AGB,
// Ontvanger = a municipality of the demo, a BerichtIdentificatie of its own.
std::string message(const std::string& stem) {
    static const std::filesystem::path samples =
        std::filesystem::path(ZC_SOURCE_ROOT) / "tests/data/iwmo";
    std::string xml = readFile(samples / (stem + ".xml"));
    xml = replaceOnce(xml, "Afzender>12345678<", std::string("Afzender>") + kAgb + "<");
    xml = replaceOnce(xml, "Ontvanger>0363<", std::string("Ontvanger>") + kMunicipality + "<");
    const auto open = xml.find("<iwmo:Identificatie>") + std::string("<iwmo:Identificatie>").size();
    const auto close = xml.find("</iwmo:Identificatie>", open);
    xml.replace(open, close - open, "HX" + e2e::uniqueDigits(10));
    return xml;
}

// A WMO305 that passes the in-message rules and is rejected on level 3 only (9019: the
// allocation number does not exist), so it changes nothing but its inbox row.
std::string wellFormed305() {
    std::string xml = message("wmo305");
    xml = replaceOnce(xml, "Dagtekening>2025-03-03<", "Dagtekening>" + e2e::todayText() + "<");
    xml = replaceOnce(xml, "ToewijzingNummer>100001<", "ToewijzingNummer>999999999<");
    return xml;
}

const std::string kWmo305Open =
    "<wmo305:Bericht xmlns:wmo305=\"http://www.istandaarden.nl/iwmo/3_2/wmo305/schema\" "
    "xmlns:iwmo=\"http://www.istandaarden.nl/iwmo/3_2/basisschema/schema\">";

std::map<std::string, std::int64_t> rowCounts() {
    db::ensureThreadInit();
    db::Connection root(test::rootDbConfig());
    std::map<std::string, std::int64_t> out;
    for (const char* table : {"inbox_messages", "care_starts", "allocation_requests",
                              "outbox_messages", "allocations"}) {
        out[table] = root.queryOne(std::string("SELECT COUNT(*) FROM ") + table)->i64(0);
    }
    return out;
}

std::int64_t serverPid() { return std::stoll(readFile(test::testEnvDir() + "/server.pid")); }

// A "Vm...:" line of the server's /proc status in kB.
std::int64_t serverStatusKb(const std::string& key) {
    std::ifstream in("/proc/" + std::to_string(serverPid()) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(key + ":", 0) == 0) return std::stoll(line.substr(key.size() + 1));
    }
    throw std::runtime_error("no " + key + " for the server process");
}

// Watches the server's memory while a request runs: samples VmRSS every 2 ms (a body read and
// freed again would not show in a single after-measurement) and, where the kernel allows it,
// resets and reads the peak (VmHWM) as well.
class ServerMemoryWatch {
  public:
    ServerMemoryWatch() : before_(serverStatusKb("VmRSS")), peak_(before_) {
        std::ofstream reset("/proc/" + std::to_string(serverPid()) + "/clear_refs");
        reset << "5";  // resets VmHWM to the current RSS (Linux >= 4.0)
        reset.flush();
        hwm_reset_ = static_cast<bool>(reset);
        sampler_ = std::thread([this] {
            while (!stop_) {
                try {
                    const auto rss = serverStatusKb("VmRSS");
                    if (rss > peak_) peak_ = rss;
                } catch (const std::exception&) {
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
        });
    }
    ~ServerMemoryWatch() { stop(); }

    // Growth in kB over the RSS before the request (the larger of sampled peak and VmHWM).
    std::int64_t growthKb() {
        stop();
        std::int64_t peak = peak_;
        if (hwm_reset_) peak = std::max(peak, serverStatusKb("VmHWM"));
        std::cout << "server VmRSS before " << before_ << " kB, peak " << peak << " kB"
                  << (hwm_reset_ ? " (sampled and VmHWM)" : " (sampled)") << "\n";
        return peak - before_;
    }

  private:
    void stop() {
        stop_ = true;
        if (sampler_.joinable()) sampler_.join();
    }
    std::int64_t before_;
    std::atomic<std::int64_t> peak_;
    bool hwm_reset_ = false;
    std::atomic<bool> stop_{false};
    std::thread sampler_;
};

class IwmoHostileInput : public ::testing::Test {
  protected:
    void SetUp() override {
        std::signal(SIGPIPE, SIG_IGN);  // a server that hangs up must not kill the test
        before_ = rowCounts();
    }

    // The database is unchanged apart from `inbox_rows` new inbox rows, and the server still
    // answers.
    void expectUnchangedAndServing(std::int64_t inbox_rows = 0) {
        auto after = rowCounts();
        auto expected = before_;
        expected["inbox_messages"] += inbox_rows;
        EXPECT_EQ(after, expected);
        const Response health = e2e::client().get("/health");
        EXPECT_EQ(health.status, 200) << health.describe();
    }

    static void expectRefused(const Response& r, const std::string& code) {
        EXPECT_EQ(r.status, 400) << r.describe();
        EXPECT_EQ(r.code(), code) << r.describe();
        EXPECT_EQ(r.text.find("Bericht>"), std::string::npos) << "no retour for " << code;
    }

    std::map<std::string, std::int64_t> before_;
};

TEST_F(IwmoHostileInput, ExternalEntityIsRefusedAsDoctypeWithoutLeakingAFile) {
    std::string xml = replaceOnce(wellFormed305(), "Achternaam>Jansen<", "Achternaam>&xxe;<");
    xml = replaceOnce(xml, "?>\n",
                      "?>\n<!DOCTYPE wmo305:Bericht [<!ENTITY xxe SYSTEM "
                      "\"file:///etc/passwd\">]>\n");
    const Response r = provider().postXml(kMessages, xml);
    expectRefused(r, "XML_DOCTYPE");
    EXPECT_EQ(r.text.find("root:"), std::string::npos) << r.text;
    expectUnchangedAndServing();
}

TEST_F(IwmoHostileInput, BillionLaughsIsRefusedQuickly) {
    std::string dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">";
    for (int i = 1; i <= 9; ++i) {
        dtd += "<!ENTITY lol" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k) {
            dtd += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
        }
        dtd += "\">";
    }
    dtd += "]>";
    const auto start = std::chrono::steady_clock::now();
    const Response r = provider().postXml(kMessages, dtd + kWmo305Open + "&lol9;</wmo305:Bericht>");
    const auto elapsed = std::chrono::steady_clock::now() - start;
    expectRefused(r, "XML_DOCTYPE");
    EXPECT_LT(elapsed, std::chrono::seconds(2));
    expectUnchangedAndServing();
}

TEST_F(IwmoHostileInput, QuadraticBlowupIsRefusedAsDoctype) {
    std::string xml =
        "<!DOCTYPE r [<!ENTITY a \"" + std::string(50000, 'a') + "\">]>" + kWmo305Open;
    for (int i = 0; i < 20000; ++i) xml += "&a;";
    xml += "</wmo305:Bericht>";
    const auto start = std::chrono::steady_clock::now();
    const Response r = provider().postXml(kMessages, xml);
    expectRefused(r, "XML_DOCTYPE");
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    expectUnchangedAndServing();
}

// 100 MB with a Content-Length: refused on the header, without reading (or keeping) the body.
TEST_F(IwmoHostileInput, HundredMegabytesWithContentLengthAreRefusedWithoutBuffering) {
    std::string huge = "<?xml version=\"1.0\"?>\n" + kWmo305Open;
    huge.resize(100 * 1024 * 1024, ' ');
    ServerMemoryWatch memory;
    const auto start = std::chrono::steady_clock::now();
    try {
        const Response r = provider().postXml(kMessages, huge);
        expectRefused(r, "BODY_TOO_LARGE");
    } catch (const Poco::Exception& e) {
        // The server may hang up while the body is still being sent: refused as well.
        std::cout << "connection closed by the server: " << e.displayText() << "\n";
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_LT(memory.growthKb(), 50 * 1024) << "the server buffered the body";
    EXPECT_LT(elapsed, std::chrono::seconds(20));
    expectUnchangedAndServing();
}

// 100 MB chunked (no Content-Length): the server stops reading at its limit.
TEST_F(IwmoHostileInput, HundredMegabytesChunkedAreRefusedWithoutBuffering) {
    const auto env = test::serverEnv();
    const std::string clients = test::testEnvDir() + "/tls/clients/";
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::CLIENT_USE, clients + kAgb + ".key", clients + kAgb + ".crt",
        env.ca_file, Poco::Net::Context::VERIFY_STRICT, 9, false);
    Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(env.port),
                                          context);
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, kMessages,
                               Poco::Net::HTTPMessage::HTTP_1_1);
    req.setContentType("application/xml");
    req.setChunkedTransferEncoding(true);

    ServerMemoryWatch memory;
    const auto start = std::chrono::steady_clock::now();
    std::size_t sent = 0;
    int status = 0;
    std::string answer;
    try {
        std::ostream& out = session.sendRequest(req);
        out << "<?xml version=\"1.0\"?>\n" << kWmo305Open;
        const std::string block(64 * 1024, ' ');
        while (sent < 100u * 1024 * 1024 && out.good()) {
            out.write(block.data(), static_cast<std::streamsize>(block.size()));
            sent += block.size();
        }
        if (out.good()) out.flush();
        Poco::Net::HTTPResponse res;
        std::istream& in = session.receiveResponse(res);
        status = static_cast<int>(res.getStatus());
        Poco::StreamCopier::copyToString(in, answer);
    } catch (const Poco::Exception& e) {
        std::cout << "connection closed by the server after " << sent / (1024 * 1024)
                  << " MB: " << e.displayText() << "\n";
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    std::cout << "sent " << sent / (1024 * 1024) << " MB; status " << status << " " << answer
              << "\n";
    EXPECT_LT(sent, 50u * 1024 * 1024) << "the server kept reading past its limit";
    if (status != 0) {
        EXPECT_EQ(status, 400);
        EXPECT_NE(answer.find("BODY_TOO_LARGE"), std::string::npos) << answer;
    }
    EXPECT_LT(memory.growthKb(), 50 * 1024) << "the server buffered the body";
    EXPECT_LT(elapsed, std::chrono::seconds(30));
    expectUnchangedAndServing();
}

TEST_F(IwmoHostileInput, TenThousandDeepNestingIsRefused) {
    std::string xml;
    for (int i = 0; i < 10000; ++i) xml += i == 0 ? kWmo305Open : "<wmo305:Bericht>";
    for (int i = 0; i < 10000; ++i) xml += "</wmo305:Bericht>";
    expectRefused(provider().postXml(kMessages, xml), "XML_TOO_DEEP");
    expectUnchangedAndServing();
}

TEST_F(IwmoHostileInput, InvalidUtf8IsMalformed) {
    const std::string xml =
        replaceOnce(wellFormed305(), "Achternaam>Jansen<", "Achternaam>Jan\xC3\x28sen\xFF<");
    expectRefused(provider().postXml(kMessages, xml), "XML_MALFORMED");
    expectUnchangedAndServing();
}

// OP192: iWmo messages are UTF-8 without a byte-order mark. One that starts with a BOM (UTF-8,
// or UTF-16 of either byte order) is not processable: 400 XML_BYTE_ORDER_MARK, no retour,
// nothing stored; also a WMO323 on its streaming path. Without the BOM the same 305 is processed.
TEST_F(IwmoHostileInput, ByteOrderMarkIsRefused) {
    const std::string xml = wellFormed305();
    for (const std::string bom : {"\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFF"}) {
        const Response r = provider().postXml(kMessages, bom + xml);
        expectRefused(r, "XML_BYTE_ORDER_MARK");
        EXPECT_NE(r.text.find("OP192"), std::string::npos) << r.describe();
    }
    expectRefused(provider().postXml(kMessages, "\xEF\xBB\xBF" + message("wmo323")),
                  "XML_BYTE_ORDER_MARK");
    expectRefused(
        provider().postXml("/api/v1/messages/dry-run", "\xEF\xBB\xBF" + message("wmo323")),
        "XML_BYTE_ORDER_MARK");
    expectUnchangedAndServing();

    const Response r = provider().postXml(kMessages, xml);
    EXPECT_EQ(r.status, 200) << r.describe();
    EXPECT_NE(r.text.find("<wmo306:Bericht"), std::string::npos) << r.describe();
    EXPECT_NE(r.text.find(">9019<"), std::string::npos)
        << "level 3 for an unknown allocation: " << r.text;
    expectUnchangedAndServing(1);  // the retour is stored for exactly-once
}

TEST_F(IwmoHostileInput, WrongReleaseNamespaceIsUnknown) {
    const std::string xml = replaceAll(wellFormed305(), "iwmo/3_2/", "iwmo/3_1/");
    expectRefused(provider().postXml(kMessages, xml), "XML_UNKNOWN_NAMESPACE");
    expectUnchangedAndServing();
}

TEST_F(IwmoHostileInput, UnknownBerichtCodeIsInvalid) {
    const std::string xml = replaceOnce(wellFormed305(), "BerichtCode>418<", "BerichtCode>999<");
    const Response r = provider().postXml(kMessages, xml);
    expectRefused(r, "XSD_INVALID");
    EXPECT_NE(r.text.find("line"), std::string::npos) << r.text;
    expectUnchangedAndServing();
}

TEST_F(IwmoHostileInput, ImpossibleDateIsInvalid) {
    std::string xml = wellFormed305();
    xml = replaceOnce(xml, "Dagtekening>" + e2e::todayText() + "<", "Dagtekening>2025-02-30<");
    expectRefused(provider().postXml(kMessages, xml), "XSD_INVALID");
    expectUnchangedAndServing();
}

TEST_F(IwmoHostileInput, BsnFailingTheElfproefGetsAHeaderOnly0001Retour) {
    const std::string xml = replaceOnce(wellFormed305(), "Bsn>999993653<", "Bsn>123456789<");
    const Response r = provider().postXml(kMessages, xml);
    EXPECT_EQ(r.status, 200) << r.describe();
    EXPECT_NE(r.text.find("<wmo306:Bericht"), std::string::npos) << r.text;
    EXPECT_NE(r.text.find("<wmo306:RetourCode>0001</wmo306:RetourCode>"), std::string::npos)
        << r.text;
    EXPECT_EQ(r.text.find("Client>"), std::string::npos) << "header only: " << r.text;
    EXPECT_EQ(r.text.find("123456789"), std::string::npos) << r.text;
    expectUnchangedAndServing(1);  // the 0001 retour is stored for exactly-once
}

}  // namespace
}  // namespace zc
