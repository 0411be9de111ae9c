#pragma once
// Cryptographic helpers on OpenSSL 3. All functions are thread-safe. Failures of OpenSSL
// itself throw std::runtime_error; bad input throws std::invalid_argument.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zc::security {

// `n` bytes from the OpenSSL CSPRNG (RAND_bytes).
std::vector<unsigned char> randomBytes(std::size_t n);

std::string toHex(const unsigned char* data, std::size_t n);            // lower case
std::string base64UrlEncode(const unsigned char* data, std::size_t n);  // no padding
std::string base32Encode(const std::vector<unsigned char>& data);       // RFC 4648, no padding
// Case-insensitive; ignores '=' and spaces. Throws std::invalid_argument for other characters or
// a length no encoding produces.
std::vector<unsigned char> base32Decode(std::string_view text);

std::string sha256Hex(std::string_view data);
// SHA-256 of a file's content, read in chunks (throws std::runtime_error when unreadable).
std::string sha256HexOfFile(const std::string& path);
std::vector<unsigned char> hmacSha1(const std::vector<unsigned char>& key, std::string_view data);
std::string hmacSha256Hex(std::string_view key, std::string_view data);

// Constant-time comparison of equal-length strings (false if lengths differ).
bool constantTimeEquals(std::string_view a, std::string_view b);

// Random opaque token: 32 bytes (256 bits) base64url-encoded, with a prefix ("zcs_" for
// sessions, "zck_" for provider API keys).
std::string newToken(std::string_view prefix);

// A random UUID version 4 (RFC 4122), lower case, from the CSPRNG: the StUF referentienummer of
// an envelope (issue 16).
std::string newUuidV4();

}  // namespace zc::security
