#pragma once
// A scratch database filled through the command line as an installation would be: `migrate`,
// then `load-demo --no-activity` (the demo region: contracts, clients, allocations, budgets, a
// budget-financed contract with its advance schedule, users; audit rows for all of it), with BSN
// keys of its own.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "db_test_env.hpp"

namespace zc::dbtest {

class DemoDatabase {
  public:
    // Without: `load-demo --no-activity`, the tests' demo; With: `load-demo` as command 1 runs it
    // (declarations, reviews, payment runs, a request: the demo's recent work).
    enum class Activity { Without, With };
    // Throws std::runtime_error with the command's output when migrate or load-demo fails.
    explicit DemoDatabase(Activity activity = Activity::Without);

    const std::string& name() const { return scratch_.name(); }
    db::Connection& db() { return *db_; }
    // ZC_SECURITY_BSN_KEY_FILE and ZC_SECURITY_BSN_HMAC_KEY_FILE of this database's keys.
    const std::map<std::string, std::string>& keys() const { return keys_; }
    // `zorgcontract args...` against this database (runCli with the keys).
    CommandResult cli(const std::vector<std::string>& args) const;

  private:
    TempDir dir_;
    ScratchDatabase scratch_;
    std::map<std::string, std::string> keys_;
    std::unique_ptr<db::Connection> db_;
};

// Runs each command line at the same time (one thread each) against database `db_name`; the
// results in the order of `commands`.
std::vector<CommandResult> runCliAtOnce(const std::vector<std::vector<std::string>>& commands,
                                        const std::string& db_name,
                                        const std::map<std::string, std::string>& extra_env);

// 64 random hex digits: a key file's content.
std::string randomHexKey();

}  // namespace zc::dbtest
