#include "request_context.hpp"

#include <cstdio>

namespace zc::app {

std::string roleName(Role r) {
    switch (r) {
        case Role::Admin:
            return "admin";
        case Role::ContractManager:
            return "contract_manager";
        case Role::AccessOfficer:
            return "access_officer";
        case Role::Finance:
            return "finance";
        case Role::BudgetHolder:
            return "budget_holder";
        case Role::Auditor:
            return "auditor";
        case Role::Provider:
            return "provider";
    }
    return "unknown";
}

std::optional<Role> parseRole(std::string_view s) {
    for (Role r : {Role::Admin, Role::ContractManager, Role::AccessOfficer, Role::Finance,
                   Role::BudgetHolder, Role::Auditor, Role::Provider}) {
        if (roleName(r) == s) return r;
    }
    return std::nullopt;
}

std::string timestampPlus(const Clock& clock, std::chrono::seconds delta) {
    using namespace std::chrono;
    const auto t = clock.now() + delta;
    const auto day = floor<days>(t);
    const year_month_day ymd(day);
    const hh_mm_ss hms(duration_cast<microseconds>(t - day));
    char buf[40];
    std::snprintf(
        buf, sizeof buf, "%04d-%02u-%02u %02ld:%02ld:%02ld.%06ld", static_cast<int>(ymd.year()),
        static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
        static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
        static_cast<long>(hms.seconds().count()), static_cast<long>(hms.subseconds().count()));
    return buf;
}

std::string isoTimestamp(const std::string& t) {
    if (t.size() < 19) return t;
    return t.substr(0, 10) + "T" + t.substr(11, 8) + "Z";
}

std::string timestamp(const Clock& clock) { return timestampPlus(clock, std::chrono::seconds(0)); }

}  // namespace zc::app
