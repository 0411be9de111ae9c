// The GGk test double itself (issue 16), driven by a client of our own that presents a
// certificate issued by the test CA like the GGk's callers do: a Bv03 names the envelope it
// acknowledges, a queued Fo03 is a SOAP Fault, a hang outlasts the caller's time-out, a drop
// ends the connection without an answer, a caller without a certificate is refused in the
// handshake, every envelope is kept as an artifact, and a body that breaks the official XSD is
// recorded as such.
#include "tests/ggk/support/ggk_double.hpp"

#include <Poco/Exception.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/ggk/support/ggk_caller.hpp"
#include "tests/support/https_client.hpp"
#include "tests/support/test_pki.hpp"

namespace zc::test {
namespace {

using namespace std::chrono_literals;

const std::string kCallerOin = "00000009876543210000";

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

using Answer = CallerAnswer;

class GgkDoubleTest : public ::testing::Test {
  protected:
    void SetUp() override {
        options_ = GgkDoubleOptions::fromTestEnv();
        if (options_.artifacts_dir.empty())
            options_.artifacts_dir =
                (std::filesystem::temp_directory_path() / "zc-ggk-artifacts").string();
        const std::string dir = options_.tls_dir + "/ggk-selftest";
        std::filesystem::create_directories(dir);
        caller_ = issueClientCertificate(options_.tls_dir, dir, "caller", kCallerOin);
        ggk_ = std::make_unique<GgkDouble>(options_);
        payload_ = readFile(std::string(ZC_SOURCE_ROOT) + "/tests/data/iwmo/wmo323.xml");
    }

    // POSTs `soap` to the double as the GGk's callers do; with_certificate false: no client
    // certificate. Network and TLS failures throw Poco::Exception.
    Answer post(const std::string& action, const std::string& soap,
                std::chrono::seconds timeout = 30s, bool with_certificate = true) const {
        return callGgkDouble(options_.port, options_.tls_dir + "/ca.crt",
                             with_certificate ? std::optional(caller_) : std::nullopt, action, soap,
                             timeout);
    }

    BuiltEnvelope di01() const { return ggk_->di01(payload_, "WMO323", "73000101", "0193"); }

    bool waitForCount(std::size_t n) const {
        return ggk_->waitFor([n](const auto& all) { return all.size() >= n; }, 10s);
    }

    GgkDoubleOptions options_;
    IssuedCertificate caller_;
    std::unique_ptr<GgkDouble> ggk_;
    std::string payload_;
};

TEST_F(GgkDoubleTest, ABv03NamesTheEnvelopeItAcknowledges) {
    const BuiltEnvelope sent = di01();
    const Answer answer = post(kGgkDi01Action, sent.soap);
    ASSERT_EQ(answer.status, 200) << answer.body;
    const auto bv03 = answer.read();
    ASSERT_TRUE(bv03) << answer.body;
    EXPECT_EQ(bv03->kind, iwmo::GgkSoapKind::Bv03);
    EXPECT_EQ(bv03->answer->cross_refnummer, sent.referentienummer);
    EXPECT_EQ(bv03->answer->zender.organisatie, options_.oin);
    EXPECT_EQ(bv03->answer->ontvanger.organisatie, "73000101");

    const auto received = ggk_->received();
    ASSERT_EQ(received.size(), 1u);
    const ReceivedEnvelope& r = received.front();
    EXPECT_GT(r.seq, 0);
    EXPECT_EQ(r.path, kGgkEndpointPath);
    EXPECT_EQ(r.soap_action, std::string("\"") + kGgkDi01Action + "\"");
    EXPECT_EQ(r.body, sent.soap);
    EXPECT_EQ(r.client_serial, kCallerOin);
    ASSERT_TRUE(r.message);
    EXPECT_EQ(r.message->kind, iwmo::GgkSoapKind::Di01);
    EXPECT_EQ(r.message->envelope->referentienummer, sent.referentienummer);
    EXPECT_EQ(r.message->envelope->payload, payload_);
    EXPECT_TRUE(r.problems.empty()) << r.problems.front();
    EXPECT_EQ(r.official_problems, "");
    EXPECT_EQ(r.answered, "Bv03");
}

TEST_F(GgkDoubleTest, AFo01IsAcknowledgedWithItsOwnReferentienummer) {
    const BuiltEnvelope sent = di01();
    post(kGgkDi01Action, sent.soap);
    const BuiltEnvelope fo01 =
        ggk_->fo01(sent.referentienummer, "IB210", "Ontvangende organisatie onbekend", "0193");
    const Answer answer = post(kGgkFo01Action, fo01.soap);
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.read()->answer->cross_refnummer, fo01.referentienummer);
    const ReceivedEnvelope r = ggk_->received().back();
    ASSERT_TRUE(r.message);
    EXPECT_EQ(r.message->kind, iwmo::GgkSoapKind::Fo01);
    EXPECT_EQ(r.message->fault->code, "IB210");
    EXPECT_EQ(r.message->answer->zender.organisatie, "IB");
    EXPECT_EQ(r.message->answer->cross_refnummer, sent.referentienummer);
    EXPECT_EQ(r.official_problems, "") << "a Fo01 validates against stuf0301.xsd";
    EXPECT_TRUE(r.problems.empty()) << r.problems.front();
}

TEST_F(GgkDoubleTest, AWrongSoapActionIsNamedAmongTheProblems) {
    post(kGgkDu01Action, di01().soap);
    const auto r = ggk_->received().front();
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_NE(r.problems.front().find("SOAPAction"), std::string::npos) << r.problems.front();
}

TEST_F(GgkDoubleTest, AQueuedFo03IsASoapFaultThenBv03Again) {
    ggk_->queue(Behaviour::Fo03);
    const BuiltEnvelope sent = di01();
    const Answer fault = post(kGgkDi01Action, sent.soap);
    EXPECT_EQ(fault.status, 500);
    EXPECT_NE(fault.body.find("<soap:Fault>"), std::string::npos) << fault.body;
    const auto fo03 = fault.read();
    ASSERT_TRUE(fo03) << fault.body;
    EXPECT_EQ(fo03->kind, iwmo::GgkSoapKind::Fo03);
    EXPECT_EQ(fo03->fault->code, "StUF058");
    EXPECT_FALSE(fo03->fault->client);
    EXPECT_EQ(fo03->answer->cross_refnummer, sent.referentienummer);
    EXPECT_EQ(ggk_->received().front().answered, "Fo03");

    EXPECT_EQ(post(kGgkDi01Action, di01().soap).status, 200) << "the queue held one Fo03";
    ggk_->setFo03Code("StUF052", true);
    ggk_->queue(Behaviour::Fo03);
    const auto other = post(kGgkDi01Action, di01().soap).read();
    ASSERT_TRUE(other);
    EXPECT_EQ(other->fault->code, "StUF052");
    EXPECT_TRUE(other->fault->client);
}

TEST_F(GgkDoubleTest, AHangOutlastsTheCallersTimeoutIsRecordedAndStopsPromptly) {
    ggk_->setHangMillis(30000);
    ggk_->queue(Behaviour::Hang);
    const BuiltEnvelope sent = di01();
    const auto start = std::chrono::steady_clock::now();
    EXPECT_THROW(post(kGgkDi01Action, sent.soap, 1s), Poco::Exception);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    ASSERT_TRUE(waitForCount(1));
    EXPECT_EQ(ggk_->received().front().answered, "hang");
    EXPECT_EQ(ggk_->received().front().message->envelope->referentienummer, sent.referentienummer);
    // The next post is answered while the first still hangs.
    EXPECT_EQ(post(kGgkDi01Action, di01().soap).status, 200);
    const auto stop = std::chrono::steady_clock::now();
    ggk_.reset();
    EXPECT_LT(std::chrono::steady_clock::now() - stop, 3s) << "the hang is cut short";
}

TEST_F(GgkDoubleTest, ADropEndsTheConnectionWithoutAnAnswer) {
    ggk_->queue(Behaviour::Drop);
    const BuiltEnvelope sent = di01();
    EXPECT_THROW(post(kGgkDi01Action, sent.soap, 10s), Poco::Exception);
    ASSERT_TRUE(waitForCount(1));
    const auto r = ggk_->received().front();
    EXPECT_EQ(r.answered, "drop");
    ASSERT_TRUE(r.message) << "the whole body was read";
    EXPECT_EQ(r.message->envelope->referentienummer, sent.referentienummer);
    EXPECT_EQ(post(kGgkDi01Action, di01().soap).status, 200) << "the double still serves";
}

TEST_F(GgkDoubleTest, ACallerWithoutAClientCertificateIsRefusedInTheHandshake) {
    EXPECT_THROW(post(kGgkDi01Action, di01().soap, 10s, false), Poco::Exception);
    EXPECT_FALSE(ggk_->waitFor([](const auto& all) { return !all.empty(); }, 1s));
    EXPECT_TRUE(ggk_->received().empty());
    EXPECT_EQ(post(kGgkDi01Action, di01().soap).status, 200) << "with one it is served";
}

TEST_F(GgkDoubleTest, ASecondDoubleOnTheSamePortIsRefused) {
    EXPECT_THROW(GgkDouble second(options_), Poco::Exception);
    EXPECT_EQ(post(kGgkDi01Action, di01().soap).status, 200) << "the first still serves";
}

TEST_F(GgkDoubleTest, EveryEnvelopeReceivedAndPostedIsKeptAsAnArtifact) {
    const BuiltEnvelope in = di01();
    post(kGgkDi01Action, in.soap);
    const auto r = ggk_->received().front();
    const auto in_file = std::filesystem::path(options_.artifacts_dir) /
                         (std::to_string(r.seq) + "-in-Di01-" + in.referentienummer + ".xml");
    ASSERT_TRUE(std::filesystem::exists(in_file)) << in_file;
    EXPECT_EQ(readFile(in_file), in.soap);

    // A second double delivers to this one as the GGk delivers to our server.
    GgkDoubleOptions peer_options = options_;
    peer_options.port = options_.port + 1;
    peer_options.oin = "00000001111111111000";
    peer_options.server_url = "https://127.0.0.1:" + std::to_string(options_.port);
    peer_options.server_ca = options_.tls_dir + "/ca.crt";
    GgkDouble peer(peer_options);
    const BuiltEnvelope out =
        peer.du01(payload_, "WMO325", "73000101", "0193", in.referentienummer);
    const PostResult result = peer.post(kGgkDu01Action, out.soap);
    EXPECT_EQ(result.status, 200) << result.body;
    ASSERT_TRUE(result.answer) << result.body;
    EXPECT_EQ(result.answer->answer->cross_refnummer, out.referentienummer);
    const auto delivered = ggk_->received().back();
    EXPECT_EQ(delivered.client_serial, peer_options.oin) << "the GGk's certificate names its OIN";
    EXPECT_TRUE(delivered.problems.empty()) << delivered.problems.front();
    EXPECT_EQ(delivered.official_problems, "");

    bool kept = false;
    for (const auto& entry : std::filesystem::directory_iterator(options_.artifacts_dir)) {
        const std::string name = entry.path().filename().string();
        if (name.find("-out-Du01-" + out.referentienummer + ".xml") != std::string::npos) {
            kept = readFile(entry.path()) == out.soap;
        }
    }
    EXPECT_TRUE(kept) << "the posted Du01 is in " << options_.artifacts_dir;
}

TEST_F(GgkDoubleTest, ABodyThatBreaksTheOfficialSchemaIsRecordedAsSuch) {
    std::string broken = di01().soap;
    broken.replace(broken.find("<GGK:functieVersie>0003"), 23, "<GGK:functieVersie>3");
    const Answer answer = post(kGgkDi01Action, broken);
    EXPECT_EQ(answer.status, 500) << "the GGk refuses what it cannot read";
    EXPECT_EQ(answer.read()->fault->code, "StUF055");
    const auto r = ggk_->received().front();
    EXPECT_FALSE(r.message);
    EXPECT_FALSE(r.problems.empty());
    EXPECT_NE(r.official_problems, "");
    EXPECT_NE(r.official_problems.find("functieVersie"), std::string::npos) << r.official_problems;
    const auto file = std::filesystem::path(options_.artifacts_dir) /
                      (std::to_string(r.seq) + "-in-Di01-invalid.xml");
    EXPECT_TRUE(std::filesystem::exists(file)) << file;
}

}  // namespace
}  // namespace zc::test
