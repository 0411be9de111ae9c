#include "interfaces/security/message_protection.hpp"

#include "interfaces/security/aes_gcm.hpp"

namespace zc::security {

std::string sealMessageBody(const app::AppConfig& config, std::string_view body) {
    return std::string(kSealedBodyPrefix) + encryptAesGcmBody(config.bsn_key, body);
}

std::string openMessageBody(const app::AppConfig& config, std::string_view stored) {
    if (!isSealedMessageBody(stored)) return std::string(stored);
    return decryptAesGcmBody(config.bsn_key, stored.substr(kSealedBodyPrefix.size()));
}

bool isSealedMessageBody(std::string_view stored) {
    return stored.substr(0, kSealedBodyPrefix.size()) == kSealedBodyPrefix;
}

}  // namespace zc::security
