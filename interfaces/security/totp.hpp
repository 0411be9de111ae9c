#pragma once
// Time-based one-time passwords (RFC 6238): HMAC-SHA1, 30-second steps, 6 digits.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zc::security {

// RFC 4226 HOTP value for `counter`, `digits` long (1..9), zero-padded. Throws
// std::invalid_argument for an empty secret or digits out of range.
std::string hotp(const std::vector<unsigned char>& secret, std::uint64_t counter, int digits = 6);
// Code for unix time `unix_seconds` (step 30 s, T0 = 0); invalid_argument before the epoch.
std::string totpAt(const std::vector<unsigned char>& secret, std::int64_t unix_seconds,
                   int digits = 6);

// Returns the matching time step when `code` equals the code of the step of `unix_seconds`
// or of one step before or after (clock drift). Steps <= `last_used_step` are refused so a code
// cannot be replayed. Non-6-digit codes never match.
std::optional<std::int64_t> verifyTotp(const std::vector<unsigned char>& secret,
                                       std::string_view code, std::int64_t unix_seconds,
                                       std::int64_t last_used_step);

// A new random 20-byte secret, base32-encoded (what authenticator apps expect).
std::string newTotpSecret();
// otpauth://totp/zorgcontract:<account>?secret=...&issuer=zorgcontract&algorithm=SHA1&digits=6
// &period=30, with account and secret percent-encoded (RFC 3986 unreserved characters kept).
std::string totpUri(std::string_view account, std::string_view base32_secret);

}  // namespace zc::security
