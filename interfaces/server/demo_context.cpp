#include "demo_context.hpp"

namespace zc::server::demo {

using app::Actor;
using app::RequestContext;
using app::Role;

Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

Actor adminActor() { return {Role::Admin, 0, 0, "demo:admin"}; }
Actor managerActor() { return {Role::ContractManager, 0, 0, "demo:cm.jansen"}; }
Actor accessOfficerActor() { return {Role::AccessOfficer, 0, 0, "demo:ao.bakker"}; }
Actor providerActor(const ProviderRef& p) { return {Role::Provider, 0, p.id, "provider:" + p.agb}; }

Poco::JSON::Object::Ptr object(std::initializer_list<Field> fields) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    for (const auto& [key, value] : fields) o->set(key, value);
    return o;
}

Poco::JSON::Array::Ptr list(std::initializer_list<Poco::Dynamic::Var> items) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& v : items) a->add(v);
    return a;
}

Poco::JSON::Object::Ptr call(Demo& d, UseCase use_case, const Actor& actor,
                             Poco::JSON::Object::Ptr body, const std::string& id) {
    std::map<std::string, std::string> path;
    if (!id.empty()) path["id"] = id;
    return callWithPath(d, use_case, actor, std::move(path), body);
}

Poco::JSON::Object::Ptr callWithPath(Demo& d, UseCase use_case, const Actor& actor,
                                     std::map<std::string, std::string> path,
                                     Poco::JSON::Object::Ptr body) {
    RequestContext ctx{d.db, actor, "demo", d.clock, d.config};
    http::ApiRequest req;
    req.path = std::move(path);
    req.body = body;
    return use_case(ctx, req).body.extract<Poco::JSON::Object::Ptr>();
}

std::int64_t idOf(Poco::JSON::Object::Ptr o) { return o->getValue<std::int64_t>("id"); }

// ISO 13616 check digits are 98 - (BBAN + "NL00" as a number) mod 97, with letters read as
// 10..35.
std::string dutchIban(std::string_view bank, std::string_view account) {
    const std::string rearranged = std::string(bank) + std::string(account) + "NL00";
    int rest = 0;
    for (char c : rearranged) {
        if (c >= '0' && c <= '9') {
            rest = (rest * 10 + (c - '0')) % 97;
        } else {
            rest = (rest * 100 + (c - 'A' + 10)) % 97;
        }
    }
    const int check = 98 - rest;
    const std::string digits = std::string(check < 10 ? "0" : "") + std::to_string(check);
    return "NL" + digits + std::string(bank) + std::string(account);
}

}  // namespace zc::server::demo
