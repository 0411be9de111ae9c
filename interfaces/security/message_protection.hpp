#pragma once
// iWmo message bodies at rest (issue 14, #2): the XML of the outbox (WMO301, WMO319, WMO325) and
// the stored retours of the inbox carry BSNs, names, birth dates and addresses, so the database
// (and its redo log and dumps) holds them only encrypted with the clients' BSN key
// (security.bsn_key_file, AES-256-GCM, aes_gcm.hpp). The stored form is "zcenc1:" followed by
// the cipher's base64 text. A body is opened only to send or show it.
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "contracting/kernel/request_context.hpp"

namespace zc::security {

// What a sealed body starts with (the start-up back-fill selects on it).
inline constexpr std::string_view kSealedBodyPrefix = "zcenc1:";

// The stored form of `body`. Throws std::invalid_argument when the BSN key is not configured.
std::string sealMessageBody(const app::AppConfig& config, std::string_view body);
// The same stored form, given while `body` is read (interfaces/security/sealing_stream.hpp): for
// a body too large to hold in memory. `body` must outlive the stream.
std::unique_ptr<std::istream> sealMessageBodyStream(const app::AppConfig& config,
                                                    std::istream& body);
// The body again. A value without the prefix (a row from before the encryption that the
// start-up back-fill has not reached yet) is returned as it is. Throws std::runtime_error when
// a sealed value does not verify (altered, or another key).
std::string openMessageBody(const app::AppConfig& config, std::string_view stored);
bool isSealedMessageBody(std::string_view stored);

}  // namespace zc::security
