// The command line as an operator meets it (issue 15, Operations): --help and --version answer
// on standard output without a configuration, an unknown command is said plainly, and a
// database that cannot be reached is named (where, which database, which user, which
// configuration file), never with its password.
#include <Poco/Net/ServerSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "db_test_env.hpp"

namespace zc {
namespace {

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs the binary with `args` and `env` on top of this process's environment; standard output
// and standard error apart.
Run run(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {}) {
    Poco::Process::Env e(env.begin(), env.end());
    Poco::Pipe out;
    Poco::Pipe err;
    auto handle = Poco::Process::launch(dbtest::binary().string(), args,
                                        dbtest::sourceRoot().string(), nullptr, &out, &err, e);
    Poco::PipeInputStream out_in(out);
    Poco::PipeInputStream err_in(err);
    Run r;
    r.out.assign(std::istreambuf_iterator<char>(out_in), std::istreambuf_iterator<char>());
    r.err.assign(std::istreambuf_iterator<char>(err_in), std::istreambuf_iterator<char>());
    r.exit_code = handle.wait();
    return r;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

const std::string kMissingConfig = "/nonexistent/zorgcontract.properties";

TEST(Cli, HelpPrintsTheUsageOnStandardOutputWithoutAConfiguration) {
    for (const std::string word : {"--help", "help", "-h"}) {
        const auto r = run({"--config", kMissingConfig, word});
        EXPECT_EQ(r.exit_code, 0) << word << ": " << r.err;
        EXPECT_TRUE(contains(r.out, "usage: zorgcontract")) << word << ": " << r.out;
        for (const std::string command : {"serve", "migrate", "answer-overdue", "post-advances",
                                          "verify-audit", "check-ledger"}) {
            EXPECT_TRUE(contains(r.out, "  " + command)) << word << " lists " << command;
        }
        EXPECT_EQ(r.err, "") << word;
    }
}

TEST(Cli, VersionPrintsTheProjectVersion) {
    const auto r = run({"--config", kMissingConfig, "--version"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, std::string("zorgcontract ") + ZC_PROJECT_VERSION + "\n");
}

TEST(Cli, AnUnknownCommandIsSaidPlainlyWithAHintToHelp) {
    const auto r = run({"--config", kMissingConfig, "migrat"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(contains(r.err, "unknown command \"migrat\"")) << r.err;
    EXPECT_TRUE(contains(r.err, "--help")) << r.err;
    EXPECT_FALSE(contains(r.err, "configuration file not found")) << "no configuration needed";
    // Without any command the usage goes to standard error, as a mistake.
    const auto none = run({"--config", kMissingConfig});
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_TRUE(contains(none.err, "usage: zorgcontract")) << none.err;
}

TEST(Cli, AKnownCommandWithWrongArgumentsSaysWhichCommand) {
    const auto r = run(
        {"--config", (dbtest::sourceRoot() / "config/zorgcontract.properties").string(),
         "post-advances", "--date"},
        {{"ZC_DB_PASSWORD", "x"}, {"ZC_SECURITY_AUDIT_KEY_FILE", dbtest::auditKeyFile().string()}});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(contains(r.err, "wrong arguments for \"post-advances\"")) << r.err;
    EXPECT_TRUE(contains(r.err, "usage: zorgcontract")) << r.err;
}

// A port nothing listens on: bound by this process, then released.
int closedPort() {
    Poco::Net::ServerSocket socket(0);
    const int port = socket.address().port();
    socket.close();
    return port;
}

std::map<std::string, std::string> unreachableDatabase(const std::string& password) {
    return {{"ZC_DB_HOST", "127.0.0.1"},
            {"ZC_DB_PORT", std::to_string(closedPort())},
            {"ZC_DB_SOCKET", ""},
            {"ZC_DB_NAME", "zc_cli_test_db"},
            {"ZC_DB_USER", "zc_cli_test_user"},
            {"ZC_DB_PASSWORD", password},
            {"ZC_SECURITY_AUDIT_KEY_FILE", dbtest::auditKeyFile().string()}};
}

TEST(Cli, ADatabaseThatCannotBeReachedIsNamedWithoutItsPassword) {
    const std::string password = "geheim-wachtwoord-4711";
    auto env = unreachableDatabase(password);
    const std::string config = (dbtest::sourceRoot() / "config/zorgcontract.properties").string();
    const auto r = run({"--config", config, "check-ledger"}, env);
    EXPECT_EQ(r.exit_code, 1);
    const std::string text = r.out + r.err;
    EXPECT_TRUE(contains(r.err, "127.0.0.1 port " + env["ZC_DB_PORT"])) << r.err;
    EXPECT_TRUE(contains(r.err, "zc_cli_test_db")) << r.err;
    EXPECT_TRUE(contains(r.err, "zc_cli_test_user")) << r.err;
    EXPECT_TRUE(contains(r.err, config)) << r.err;
    EXPECT_TRUE(contains(r.err, "ZC_DB_PORT")) << "the overriding variable is named: " << r.err;
    EXPECT_FALSE(contains(text, password)) << text;
}

TEST(Cli, ADatabaseSocketThatCannotBeReachedIsNamed) {
    auto env = unreachableDatabase("x");
    env["ZC_DB_SOCKET"] = "/nonexistent/zc-cli-test.sock";
    const auto r = run(
        {"--config", (dbtest::sourceRoot() / "config/zorgcontract.properties").string(), "migrate"},
        env);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err, "socket /nonexistent/zc-cli-test.sock")) << r.err;
    EXPECT_TRUE(contains(r.err, "zc_cli_test_db")) << r.err;
}

}  // namespace
}  // namespace zc
