#include "context.hpp"

#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "contracting/kernel/errors.hpp"

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

std::int64_t ApiRequest::pathId(const std::string& name) const {
    const std::string& s = path.at(name);
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v <= 0) {
        throw ValidationError("NOT_FOUND", "No " + name + " '" + s + "' exists.", name);
    }
    return v;
}

std::string ApiRequest::rawHead(std::size_t n) const {
    if (body_file.empty()) return raw_body.substr(0, n);
    std::ifstream in(body_file, std::ios::binary);
    std::string head(n, '\0');
    in.read(head.data(), static_cast<std::streamsize>(n));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head;
}

std::string ApiRequest::rawText() const {
    if (body_file.empty()) return raw_body;
    std::ifstream in(body_file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string ApiRequest::queryValue(const std::string& name) const {
    const auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
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

std::string timestamp(const Clock& clock) { return timestampPlus(clock, std::chrono::seconds(0)); }

}  // namespace zc::app
