#pragma once
// Contracting's published queries on providers: the one provider-by-AGB look-up, used by the
// client-certificate log-in, the message intake and provider registration.
#include <cstdint>
#include <optional>
#include <string>

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// The provider with this AGB code, or nothing.
std::optional<std::int64_t> providerIdByAgb(db::Connection& db, const std::string& agb);
// As above; UNKNOWN_AGB (403) when there is none.
std::int64_t knownProviderId(db::Connection& db, const std::string& agb);
// The AGB code of a provider known to exist (an invariant: throws std::logic_error otherwise).
std::string providerAgb(db::Connection& db, std::int64_t provider_id);

}  // namespace zc::contracting
