#include "retour_verdicts.hpp"

#include "contracting/kernel/errors.hpp"
#include "contracting/store/inbox_store.hpp"

namespace zc::contracting {

std::string recordVerdict(app::RequestContext& ctx, const RegisteredMessage& m,
                          const std::string& original_code, const std::string& identificatie,
                          const std::set<std::string>& codes) {
    std::string joined;
    for (const auto& c : codes) joined += (joined.empty() ? "" : ",") + c;
    const auto n = recordRetourOnOutbox(ctx.db, original_code, identificatie, m.provider_id, joined,
                                        app::timestamp(ctx.clock));
    if (n == 0) {
        throw ValidationError("UNKNOWN_ORIGINAL",
                              "No message " + identificatie + " of type " + original_code +
                                  " was sent to you; a retour must repeat its identification.",
                              "");
    }
    return codes.count("0001") ? "retour_rejects" : "retour_accepts";
}

}  // namespace zc::contracting
