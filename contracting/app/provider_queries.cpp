#include "provider_queries.hpp"

#include <stdexcept>

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

std::string providerAgb(db::Connection& db, std::int64_t provider_id) {
    auto agb = findProviderAgb(db, provider_id);
    if (!agb) throw std::logic_error("provider " + std::to_string(provider_id) + " does not exist");
    return std::move(*agb);
}

}  // namespace zc::contracting
