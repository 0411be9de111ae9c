#pragma once
// A municipality's debtor accounts (debtor_accounts): the accounts its payment runs pay from,
// one of them its default. An IBAN belongs to one municipality only. Prepared statements in the
// caller's transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::invoicing {

struct DebtorAccountRow {
    std::int64_t id = 0;
    std::string municipality_code;
    std::string iban;  // normalised
    std::optional<std::string> bic;
    std::string name;                  // the pain.001 debtor name
    std::optional<std::string> label;  // finance's own name for it, e.g. "Beschermd wonen"
    bool is_default = false;
    bool active = true;
};

// The municipality's accounts, the default first, then by id.
std::vector<DebtorAccountRow> debtorAccounts(db::Connection& db, const std::string& code);
// A page of them in that order, and how many the municipality has.
app::ListPage<DebtorAccountRow> debtorAccountPage(db::Connection& db, const std::string& code,
                                                  std::int64_t limit, std::int64_t offset);

// The municipality that holds the IBAN as a debtor account; nothing when none does.
std::optional<std::string> debtorAccountHolder(db::Connection& db, const std::string& iban);

// Records `account` for its municipality, or updates the one with its IBAN (bic, name, label,
// active again); when `make_default` it becomes the municipality's only default, and
// municipalities.debtor_* (still read by older tooling) follows it. Returns the account's id.
// The caller checks first that the IBAN is not another municipality's.
std::int64_t saveDebtorAccount(db::Connection& db, const DebtorAccountRow& account,
                               bool make_default);

}  // namespace zc::invoicing
