#pragma once
// Providers (zorgaanbieders) in the database, as named rows.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// A provider's record as the API shows it.
struct Provider {
    std::int64_t id = 0;
    std::string agb;
    std::string kvk;
    std::string name;
    std::string iban;
    std::string contact_name;
    std::string contact_email;
    std::string contact_phone;
    // An integrity block (payments are held): absent when the provider is not blocked.
    std::optional<std::string> blocked_reason;
    std::optional<std::string> blocked_at;
};

// The provider with this AGB code, or nothing.
std::optional<std::int64_t> findProviderIdByAgb(db::Connection& db, const std::string& agb);
// The AGB code of provider `id`, or nothing.
std::optional<std::string> findProviderAgb(db::Connection& db, std::int64_t id);

// Inserts a provider (id and block ignored); returns its new id.
std::int64_t insertProvider(db::Connection& db, const Provider& p);
// The provider, or nothing.
std::optional<Provider> findProvider(db::Connection& db, std::int64_t id);
// A page of providers, by id.
app::ListPage<Provider> providerPage(db::Connection& db, std::int64_t limit, std::int64_t offset);

}  // namespace zc::contracting
