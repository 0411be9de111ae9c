#pragma once
// A message body sealed while it is read (message_protection.hpp): the stream gives exactly the
// text sealMessageBody gives ("zcenc1:" and base64 of nonce | AES-256-GCM ciphertext | tag),
// reading the plain body 48 KiB at a time, so that a body of any size is stored encrypted
// (bound to a statement as a long text) without being held in memory twice or at all.
#include <istream>
#include <memory>
#include <string_view>
#include <vector>

namespace zc::security {

// `plain` must outlive the returned stream. Throws std::invalid_argument without a 32-byte key.
std::unique_ptr<std::istream> sealingStream(const std::vector<unsigned char>& key32,
                                            std::string_view prefix, std::istream& plain);

}  // namespace zc::security
