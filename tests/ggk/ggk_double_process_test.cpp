// zc_ggk_double, the double as a process for shell scripts (issue 16): it logs every post at
// once (before answering), hangs the first N posts when told, and stops promptly on SIGTERM
// even while a post hangs.
#include <Poco/Exception.h>
#include <Poco/Net/StreamSocket.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/ggk/support/ggk_caller.hpp"
#include "tests/ggk/support/ggk_double.hpp"

extern char** environ;

namespace zc::test {
namespace {

using namespace std::chrono_literals;

std::vector<std::string> lines(const std::string& file) {
    std::ifstream in(file);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

pid_t spawn(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return 0;
    return pid;
}

bool listening(int port, std::chrono::milliseconds within) {
    const auto end = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < end) {
        try {
            Poco::Net::StreamSocket probe(Poco::Net::SocketAddress("127.0.0.1", port));
            return true;
        } catch (const Poco::Exception&) {
            std::this_thread::sleep_for(50ms);
        }
    }
    return false;
}

// The exit status of `pid` when it ends within `within`; -1 when it does not (then killed).
int exitStatus(pid_t pid, std::chrono::milliseconds within) {
    const auto end = std::chrono::steady_clock::now() + within;
    int status = 0;
    while (std::chrono::steady_clock::now() < end) {
        if (waitpid(pid, &status, WNOHANG) == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : -2;
        std::this_thread::sleep_for(20ms);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -1;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TEST(GgkDoubleProcess, LogsEachPostAtOnceHangsTheFirstAndStopsOnSigterm) {
    const GgkDoubleOptions options = GgkDoubleOptions::fromTestEnv();
    const std::string log = (std::filesystem::temp_directory_path() /
                             ("zc-ggk-double-" + std::to_string(getpid()) + ".log"))
                                .string();
    std::filesystem::remove(log);
    const std::string dir = options.tls_dir + "/ggk-selftest";
    std::filesystem::create_directories(dir);
    const auto caller =
        issueClientCertificate(options.tls_dir, dir, "caller", "00000009876543210000");
    const pid_t pid = spawn({ZC_GGK_DOUBLE_BINARY, "--port", std::to_string(options.port),
                             "--tls-dir", options.tls_dir, "--oin", options.oin, "--log", log,
                             "--hang-first", "1", "--hang-ms", "30000"});
    ASSERT_GT(pid, 0);
    ASSERT_TRUE(listening(options.port, 10s));

    const std::string payload =
        readFile(std::string(ZC_SOURCE_ROOT) + "/tests/data/iwmo/wmo305.xml");
    const BuiltEnvelope first = providerDi01(payload, "WMO305", "73000101", "0193");
    const std::string ca = options.tls_dir + "/ca.crt";
    EXPECT_THROW(callGgkDouble(options.port, ca, caller, kGgkDi01Action, first.soap, 1s),
                 Poco::Exception);
    ASSERT_EQ(lines(log).size(), 1u) << "the hanging post is logged before any answer";
    const BuiltEnvelope second = providerDi01(payload, "WMO305", "73000101", "0193");
    EXPECT_EQ(callGgkDouble(options.port, ca, caller, kGgkDi01Action, second.soap).status, 200);

    const auto stop = std::chrono::steady_clock::now();
    kill(pid, SIGTERM);
    EXPECT_EQ(exitStatus(pid, 5s), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - stop, 3s) << "the hang does not hold it up";
    const auto logged = lines(log);
    ASSERT_EQ(logged.size(), 2u);
    EXPECT_NE(logged[0].find(" Di01 " + first.referentienummer + " WMO305 hang ok"),
              std::string::npos)
        << logged[0];
    EXPECT_NE(logged[1].find(" Di01 " + second.referentienummer + " WMO305 Bv03 ok"),
              std::string::npos)
        << logged[1];
    std::filesystem::remove(log);
}

}  // namespace
}  // namespace zc::test
