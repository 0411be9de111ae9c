#pragma once
// The back-fill of issue 14 (#2): message bodies stored in clear before the encryption (outbox
// XML, inbox retours) are encrypted with the BSN key at start-up (`serve`, and `migrate` when
// the key is there). The key lives outside the database, so no SQL migration can do this. Runs
// in batches, one transaction each; a body already encrypted is left alone, so running it again
// (or after a crash half-way) is harmless.
#include <cstdint>

#include "contracting/kernel/request_context.hpp"

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// Encrypts every body still in clear; returns how many it encrypted. Throws when the BSN key is
// not configured.
std::int64_t sealStoredMessageBodies(db::Connection& db, const app::AppConfig& config);

}  // namespace zc::contracting
