#include "db/demo_database.hpp"

#include <random>
#include <stdexcept>
#include <thread>

namespace zc::dbtest {
namespace {

void require(const CommandResult& r, const std::string& what) {
    if (r.exit_code != 0) throw std::runtime_error(what + " failed: " + r.output);
}

}  // namespace

DemoDatabase::DemoDatabase(Activity activity) {
    writeFile(dir_.path() / "bsn.key", randomHexKey() + "\n");
    writeFile(dir_.path() / "bsn-hmac.key", randomHexKey() + "\n");
    keys_ = {{"ZC_SECURITY_BSN_KEY_FILE", (dir_.path() / "bsn.key").string()},
             {"ZC_SECURITY_BSN_HMAC_KEY_FILE", (dir_.path() / "bsn-hmac.key").string()}};
    require(cli({"migrate"}), "migrate");
    if (activity == Activity::With) {
        require(cli({"load-demo"}), "load-demo");
    } else {
        require(cli({"load-demo", "--no-activity"}), "load-demo --no-activity");
    }
    db_ = scratch_.connect();
}

CommandResult DemoDatabase::cli(const std::vector<std::string>& args) const {
    return runCli(args, scratch_.name(), keys_);
}

std::vector<CommandResult> runCliAtOnce(const std::vector<std::vector<std::string>>& commands,
                                        const std::string& db_name,
                                        const std::map<std::string, std::string>& extra_env) {
    std::vector<CommandResult> results(commands.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < commands.size(); ++i) {
        threads.emplace_back([&, i] { results[i] = runCli(commands[i], db_name, extra_env); });
    }
    for (auto& t : threads) t.join();
    return results;
}

std::string randomHexKey() {
    std::random_device rd;
    std::uniform_int_distribution<int> nibble(0, 15);
    std::string out;
    for (int i = 0; i < 64; ++i) out += "0123456789abcdef"[nibble(rd)];
    return out;
}

}  // namespace zc::dbtest
