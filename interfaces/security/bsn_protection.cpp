#include "bsn_protection.hpp"

#include <stdexcept>

#include "aes_gcm.hpp"
#include "crypto.hpp"

namespace zc::security {
namespace {

void requireKeys(const app::AppConfig& config) {
    if (config.bsn_key.size() != kAesKeyBytes || config.bsn_hmac_key.empty()) {
        throw std::runtime_error("the BSN keys are not configured (security.bsn_key_file)");
    }
}

}  // namespace

std::string bsnLookupHash(const app::AppConfig& config, const std::string& bsn) {
    requireKeys(config);
    return hmacSha256Hex(config.bsn_hmac_key, bsn);
}

std::string encryptBsn(const app::AppConfig& config, const std::string& bsn) {
    requireKeys(config);
    return encryptAesGcm(config.bsn_key, bsn);
}

std::string decryptBsn(const app::AppConfig& config, const std::string& stored) {
    requireKeys(config);
    return decryptAesGcm(config.bsn_key, stored);
}

}  // namespace zc::security
