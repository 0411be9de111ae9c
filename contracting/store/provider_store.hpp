#pragma once
// Providers (zorgaanbieders) in the database.
#include <cstdint>
#include <optional>
#include <string>

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// The provider with this AGB code, or nothing.
std::optional<std::int64_t> findProviderIdByAgb(db::Connection& db, const std::string& agb);

}  // namespace zc::contracting
