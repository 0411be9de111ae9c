#include "provider_queries.hpp"

#include "contracting/kernel/errors.hpp"
#include "contracting/store/provider_store.hpp"

namespace zc::contracting {

std::optional<std::int64_t> providerIdByAgb(db::Connection& db, const std::string& agb) {
    return findProviderIdByAgb(db, agb);
}

std::int64_t knownProviderId(db::Connection& db, const std::string& agb) {
    const auto id = findProviderIdByAgb(db, agb);
    if (!id) {
        throw ValidationError("UNKNOWN_AGB", "AGB " + agb + " is not a known provider.", "");
    }
    return *id;
}

}  // namespace zc::contracting
