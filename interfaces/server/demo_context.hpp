#pragma once
// What the demo loaders (demo_data, demo_region, demo_staff, demo_clients) share: the demo's
// simulated clock, its state (the connection, the providers and contracts made so far) and the
// helpers that run a use case through the HTTP adapters as a demo actor. Internal to the server.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/request_context.hpp"
#include "demo_data.hpp"
#include "interfaces/http/api_request.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::server::demo {

inline constexpr const char* kCentral = "0193";  // Zwolle, the region's central municipality
inline constexpr int kTermEndYear = 2029;  // open and continuation terms end on 1 January 2029
// The demo provider (index into the providers, Thuiszorg IJsseldelta) with both a household-help
// contract (open procedure) and a Beschermd Wonen contract (continuation) with Zwolle.
inline constexpr int kHouseholdHelpAndBw = 1;

// A clock the loader moves to the day each step of the history happens on. It never runs ahead
// of the system clock, and after release() it is the system clock.
class DemoClock : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override {
        const auto real = std::chrono::system_clock::now();
        return fixed_ ? std::min(*fixed_, real) : real;
    }
    void set(Date d, int hour = 9) { fixed_ = std::chrono::sys_days(d) + std::chrono::hours(hour); }
    void release() { fixed_.reset(); }

  private:
    std::optional<std::chrono::system_clock::time_point> fixed_;
};

struct ProviderRef {
    std::int64_t id = 0;
    std::string agb;
    std::string name;
    std::vector<std::int64_t> contracts;
};

// An allocation the demo made, with what a provider knows of it (for the demo's declarations).
struct DemoAllocation {
    std::int64_t number = 0;
    std::string bsn;
    int provider = 0;  // index into Demo::providers
    std::string product_code;
    std::string paying_municipality;
    std::int64_t volume = 0;
    std::string frequency;  // "week", "month", "total"
};

struct Demo {
    db::Connection& db;
    const app::AppConfig& config;
    DemoClock clock;
    std::vector<ProviderRef> providers;
    std::int64_t open_procedure = 0;
    std::int64_t lot_ib = 0;
    std::int64_t lot_hh = 0;
    std::vector<std::int64_t> requirements;
    std::vector<std::int64_t> bw_contracts;
    DemoSummary summary;
    std::map<std::string, std::int64_t> teams = {};  // social team name -> id
    std::vector<DemoAllocation> allocations = {};    // this year's, in the order made
};

using UseCase = http::ApiResponse (*)(app::RequestContext&, const http::ApiRequest&);
using Field = std::pair<const char*, Poco::Dynamic::Var>;

Date ymd(int y, unsigned m, unsigned d);

app::Actor adminActor();
app::Actor managerActor();
app::Actor accessOfficerActor();
app::Actor providerActor(const ProviderRef& p);

Poco::JSON::Object::Ptr object(std::initializer_list<Field> fields);
Poco::JSON::Array::Ptr list(std::initializer_list<Poco::Dynamic::Var> items);

// Runs one use case as `actor` on the demo clock's current day; returns the answer's object.
Poco::JSON::Object::Ptr call(Demo& d, UseCase use_case, const app::Actor& actor,
                             Poco::JSON::Object::Ptr body, const std::string& id = {});
// The same with path parameters.
Poco::JSON::Object::Ptr callWithPath(Demo& d, UseCase use_case, const app::Actor& actor,
                                     std::map<std::string, std::string> path,
                                     Poco::JSON::Object::Ptr body);

std::int64_t idOf(Poco::JSON::Object::Ptr o);

// A Dutch IBAN of `bank` (four letters) and `account` (ten digits) with its check digits.
std::string dutchIban(std::string_view bank, std::string_view account);

}  // namespace zc::server::demo
