#pragma once
// Authenticated encryption of small secrets at rest (the BSN of a client) with AES-256-GCM on
// OpenSSL EVP. Thread-safe. The stored form is base64 (RFC 4648, with padding) of
// nonce (12 random bytes) | ciphertext | tag (16 bytes); a fresh nonce per call, so encrypting
// the same text twice gives different results.
#include <string>
#include <string_view>
#include <vector>

namespace zc::security {

inline constexpr std::size_t kAesKeyBytes = 32;
inline constexpr std::size_t kGcmNonceBytes = 12;
inline constexpr std::size_t kGcmTagBytes = 16;

// Throws std::invalid_argument when the key is not 32 bytes; std::runtime_error when OpenSSL
// fails.
std::string encryptAesGcm(const std::vector<unsigned char>& key32, std::string_view plaintext);
// Throws std::runtime_error when `stored` is no such value or its tag does not verify (altered
// data or another key); std::invalid_argument when the key is not 32 bytes.
std::string decryptAesGcm(const std::vector<unsigned char>& key32, std::string_view stored);

// The same cipher for a message body (an iWmo message of up to 700 MiB): the same stored form,
// without the 64 KiB cap of a small secret.
std::string encryptAesGcmBody(const std::vector<unsigned char>& key32, std::string_view body);
std::string decryptAesGcmBody(const std::vector<unsigned char>& key32, std::string_view stored);

// Standard base64 with padding; decode throws std::runtime_error on malformed input.
std::string base64Encode(const unsigned char* data, std::size_t n);
std::vector<unsigned char> base64Decode(std::string_view text);

// 64 hexadecimal characters → 32 bytes. Throws std::invalid_argument otherwise.
std::vector<unsigned char> keyFromHex(std::string_view hex);

}  // namespace zc::security
