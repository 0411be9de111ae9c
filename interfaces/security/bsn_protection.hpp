#pragma once
// Citizens' BSNs at rest: AES-256-GCM encrypted in the clients table and found again through an
// HMAC-SHA256 look-up hash, both with keys from the configuration (never in the repository).
// Every function throws when the keys are not configured (security.bsn_key_file).
#include <string>

#include "contracting/kernel/request_context.hpp"

namespace zc::security {

// The look-up hash (hex) of a BSN: equal BSNs give equal hashes, nothing else is revealed.
std::string bsnLookupHash(const app::AppConfig& config, const std::string& bsn);
// The stored (encrypted) form of a BSN, and back.
std::string encryptBsn(const app::AppConfig& config, const std::string& bsn);
std::string decryptBsn(const app::AppConfig& config, const std::string& stored);

}  // namespace zc::security
