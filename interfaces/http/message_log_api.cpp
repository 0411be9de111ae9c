#include "message_log_api.hpp"

#include "contracting/app/message_log.hpp"
#include "contracting/kernel/errors.hpp"
#include "json_input.hpp"
#include "json_output.hpp"

namespace zc::http {
namespace {

// A numeric query parameter, 0 when absent; INVALID_QUERY when it is not a number.
std::int64_t optionalQueryId(const ApiRequest& req, const std::string& name) {
    const std::string text = req.queryValue(name);
    if (text.empty()) return 0;
    if (text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
        throw ValidationError("INVALID_QUERY", "Query parameter '" + name + "' must be an id.",
                              name);
    }
    return std::stoll(text);
}

}  // namespace

ApiResponse messageLog(RequestContext& ctx, const ApiRequest& req) {
    contracting::MessageLogFilter f;
    f.agb = req.queryValue("agb");
    f.client_id = optionalQueryId(req, "client_id");
    const auto page = pageFrom(req.query);
    f.limit = page.limit;
    f.offset = page.offset;
    const auto list = contracting::messageLog(ctx, f);
    auto out = newArray();
    for (const auto& m : list.items) {
        auto o = newObject();
        o->set("direction", m.direction);
        o->set("message_code", m.message_code);
        o->set("identificatie", m.identificatie);
        o->set("provider_agb", m.provider_agb);
        o->set("at", isoTimestamp(m.at));
        o->set("outcome", m.outcome);
        setOptional(o, "retour", m.retour);
        setOptional(o, "chain_reference", m.chain_reference);
        setOptional(o, "chain_state", m.chain_state);
        setOptional(o, "chain_fault", m.chain_fault);
        out->add(o);
    }
    return pagedAnswer(out, list.total);
}

}  // namespace zc::http
