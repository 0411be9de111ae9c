#include "interfaces/security/message_protection.hpp"

#include "interfaces/security/aes_gcm.hpp"
#include "interfaces/security/sealing_stream.hpp"

namespace zc::security {

std::string sealMessageBody(const app::AppConfig& config, std::string_view body) {
    return std::string(kSealedBodyPrefix) + encryptAesGcmBody(config.bsn_key, body);
}

std::unique_ptr<std::istream> sealMessageBodyStream(const app::AppConfig& config,
                                                    std::istream& body) {
    return sealingStream(config.bsn_key, kSealedBodyPrefix, body);
}

std::string openMessageBody(const app::AppConfig& config, std::string_view stored) {
    if (!isSealedMessageBody(stored)) return std::string(stored);
    return decryptAesGcmBody(config.bsn_key, stored.substr(kSealedBodyPrefix.size()));
}

bool isSealedMessageBody(std::string_view stored) {
    return stored.substr(0, kSealedBodyPrefix.size()) == kSealedBodyPrefix;
}

}  // namespace zc::security
