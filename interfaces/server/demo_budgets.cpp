#include "demo_budgets.hpp"

#include <array>

#include "contracting/kernel/errors.hpp"
#include "interfaces/http/budgets_api.hpp"

namespace zc::server::demo {
namespace {

struct BudgetSeed {
    const char* municipality_code;
    const char* category;   // product category
    const char* financing;  // ZIN or PGB
    const char* team;       // nullptr: the municipality as a whole
    std::int64_t amount_cents;
    const char* holder;  // the budget holder's user name; nullptr: none (only finance moves it)
    const char* name;
};

// Household help (01) and Beschermd Wonen (15, the region's, paid by Zwolle) in care in kind, the
// PGBs for household help, one team that keeps its own household-help budget, and Kampen's and
// Dalfsen's own. Zwolle's individual support (02) is left to the browser test that makes it.
constexpr std::array<BudgetSeed, 7> kBudgets{{
    {kCentral, "01", "ZIN", nullptr, 240'000'000, "bh.visser", "Huishoudelijke hulp Zwolle"},
    {kCentral, "01", "ZIN", "Sociaal wijkteam Stadshagen", 35'000'000, "bh.visser",
     "Huishoudelijke hulp wijkteam Stadshagen"},
    {kCentral, "01", "PGB", nullptr, 20'000'000, "bh.visser", "Pgb huishoudelijke hulp Zwolle"},
    {kCentral, "15", "ZIN", nullptr, 500'000'000, "bh.visser", "Beschermd wonen regio Zwolle"},
    {"0166", "01", "ZIN", nullptr, 60'000'000, "bh.kampen", "Huishoudelijke hulp Kampen"},
    {"0166", "02", "ZIN", nullptr, 40'000'000, "bh.kampen", "Begeleiding Kampen"},
    {"0148", "01", "ZIN", nullptr, 30'000'000, nullptr, "Huishoudelijke hulp Dalfsen"},
}};

}  // namespace

void loadBudgets(Demo& d, int current_year) {
    const app::Actor finance{app::Role::Finance, 0, 0, "demo:fin.devries"};
    for (const auto& b : kBudgets) {
        auto body = object({{"year", current_year},
                            {"municipality_code", b.municipality_code},
                            {"product_category", b.category},
                            {"financing_kind", b.financing},
                            {"amount_cents", b.amount_cents},
                            {"name", b.name}});
        if (b.team) body->set("team_id", d.teams.at(b.team));
        if (b.holder) {
            const auto holder =
                d.db.queryOne("SELECT id FROM users WHERE username = ?", {std::string(b.holder)});
            ZC_ASSERT(holder.has_value());
            body->set("budget_holder_user_id", holder->i64(0));
        }
        call(d, http::createBudget, finance, body);
    }
}

}  // namespace zc::server::demo
