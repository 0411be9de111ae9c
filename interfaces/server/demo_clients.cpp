#include "demo_clients.hpp"

#include <array>

#include "interfaces/http/allocations_api.hpp"
#include "interfaces/http/clients_api.hpp"

namespace zc::server::demo {
namespace {

struct ClientSeed {
    const char* bsn;  // fictional, passes the elfproef
    const char* surname;
    const char* prefix;
    const char* given_names;
    const char* initials;
    const char* birth_date;
    const char* gender;
    const char* street;
    const char* house_number;
    const char* postcode;
    const char* city;
    const char* municipality_code;  // the client's municipality (woonplaats)
    const char* team;               // the social team the client belongs to (with its district)
    const char* product;
    std::int64_t volume;
    const char* unit;
    const char* frequency;
    const char* financing;
    std::int64_t pgb_budget_cents;  // 0 for care in kind
    int provider;                   // index into kProviders; -1: no allocation (PGB)
};

// Zwolle's clients first (the first allocation, Jansen's, is the one the payment tests declare
// on). Yilmaz lives in Kampen and gets household help from Kampen and Beschermd Wonen, which the
// region placed with Zwolle, from one provider: two allocations, two payers. Smit stays last (the
// reassessment below).
// clang-format off
constexpr std::array<ClientSeed, 9> kClientSeeds{{
    {"999900006", "Jansen", "", "Hendrik Jan", "H.J.", "1948-03-12", "1", "Assendorperstraat", "12",
     "8012DE", "Zwolle", kCentral, "Sociaal wijkteam Assendorp", "02A01", 4, "hours", "week", "ZIN",
     0, 0},
    {"999900018", "Vries", "de", "Maria", "M.", "1937-11-02", "2", "Diezerstraat", "88a", "8011RK",
     "Zwolle", kCentral, "Sociaal wijkteam Binnenstad-Diezerpoort", "01A01", 3, "hours", "week",
     "ZIN", 0, 1},
    {"999900031", "Bakker", "", "Fleur", "F.", "1991-06-23", "2", "Thomas a Kempisstraat", "5",
     "8021BC", "Zwolle", kCentral, "Sociaal wijkteam Oost", "02A01", 40, "hours", "month", "ZIN",
     0, 2},
    {"999900031", "Bakker", "", "Fleur", "F.", "1991-06-23", "2", "Thomas a Kempisstraat", "5",
     "8021BC", "Zwolle", kCentral, "Sociaal wijkteam Oost", "01A02", 100, "hours", "total", "PGB",
     250'000, -1},
    {"999900043", "Yilmaz", "", "Emre", "E.", "1979-01-30", "1", "Broederstraat", "18", "8261GS",
     "Kampen", "0166", "Sociaal team Brunnepe", "01A01", 3, "hours", "week", "ZIN", 0,
     kHouseholdHelpAndBw},
    {"999900043", "Yilmaz", "", "Emre", "E.", "1979-01-30", "1", "Broederstraat", "18", "8261GS",
     "Kampen", "0166", "Sociaal team Brunnepe", "15A01", 31, "days_24h", "month", "ZIN", 0,
     kHouseholdHelpAndBw},
    {"999900067", "Visser", "", "Cornelis", "C.", "1962-04-09", "1", "Burgwal", "61", "8261EP",
     "Kampen", "0166", "Sociaal team Kampen-Noord", "02A01", 6, "hours", "week", "ZIN", 0, 0},
    {"999900079", "Dijkstra", "", "Anna", "A.", "1944-12-01", "2", "Prinsenstraat", "7", "7721JA",
     "Dalfsen", "0148", "Sociaal team Dalfsen", "01A01", 2, "hours", "week", "ZIN", 0, 9},
    {"999900055", "Smit", "van der", "Johanna", "J.", "1955-08-17", "2", "Stadshagenallee", "44",
     "8043XA", "Zwolle", kCentral, "Sociaal wijkteam Stadshagen", "01A01", 3, "hours", "week",
     "ZIN", 0, 0},
}};
// clang-format on

}  // namespace

// Seven clients in Zwolle, Kampen and Dalfsen with a decision for this year each (one with a PGB
// next to care in kind) and allocations to demo providers; the last client gets more hours from
// tomorrow on (a new allocation after the first, OP033x1). Real clock.
void loadClients(Demo& d, int current_year) {
    if (current_year >= kTermEndYear) return;  // the demo contracts have ended
    d.clock.release();
    const std::string from = formatDate(ymd(current_year, 1, 1));
    const std::string to = formatDate(ymd(current_year + 1, 1, 1));
    std::map<std::string, std::int64_t> client_ids;
    std::int64_t decision_number = static_cast<std::int64_t>(current_year) * 10000;
    std::int64_t last_allocation = 0;
    for (const auto& c : kClientSeeds) {
        if (!client_ids.count(c.bsn)) {
            auto client = call(d, http::createClient, accessOfficerActor(),
                               object({{"bsn", c.bsn},
                                       {"surname", c.surname},
                                       {"prefix", c.prefix},
                                       {"given_names", c.given_names},
                                       {"initials", c.initials},
                                       {"birth_date", c.birth_date},
                                       {"gender", c.gender},
                                       {"street", c.street},
                                       {"house_number", c.house_number},
                                       {"postcode", c.postcode},
                                       {"city", c.city},
                                       {"municipality_code", c.municipality_code},
                                       {"team_id", d.teams.at(c.team)}}));
            client_ids[c.bsn] = idOf(client);
        }
        auto grant = object({{"product_code", c.product},
                             {"volume", c.volume},
                             {"unit", c.unit},
                             {"frequency", c.frequency},
                             {"financing", c.financing}});
        if (c.pgb_budget_cents > 0) grant->set("pgb_budget_cents", c.pgb_budget_cents);
        auto decision = callWithPath(d, http::createDecision, accessOfficerActor(),
                                     {{"id", std::to_string(client_ids[c.bsn])}},
                                     object({{"number", ++decision_number},
                                             {"decision_date", from},
                                             {"valid_from", from},
                                             {"valid_to", to},
                                             {"products", list({grant})}}));
        if (c.provider < 0) continue;
        const auto granted = decision->getArray("products")->getObject(0);
        auto allocation =
            call(d, http::queueingWmo301<http::createAllocation>, accessOfficerActor(),
                 object({{"granted_product_id", idOf(granted)},
                         {"provider_id", d.providers[static_cast<std::size_t>(c.provider)].id},
                         {"start_date", from},
                         {"volume", c.volume > 2 ? c.volume - 1 : c.volume}}));
        last_allocation = allocation->getValue<std::int64_t>("number");
        d.allocations.push_back({last_allocation, c.bsn, c.provider, c.product,
                                 allocation->getValue<std::string>("paying_municipality_code"),
                                 allocation->getValue<std::int64_t>("volume"), c.frequency});
    }
    // Reassessment (RedenWijziging 04): the last client gets the full granted volume from tomorrow
    // on — a new allocation after the first one, as a weekly volume changes (OP033x1).
    const Date tomorrow = addDays(d.clock.today(), 1);
    if (tomorrow >= ymd(current_year + 1, 1, 1)) return;
    callWithPath(d, http::queueingWmo301<http::changeAllocation>, accessOfficerActor(),
                 {{"number", std::to_string(last_allocation)}},
                 object({{"volume", kClientSeeds.back().volume},
                         {"reason_code", "04"},
                         {"effective_date", formatDate(tomorrow)}}));
}

}  // namespace zc::server::demo
