#pragma once
// Password storage: PBKDF2-HMAC-SHA256 with a 16-byte random salt and a 32-byte key, encoded as
// "pbkdf2-sha256$<iterations>$<salt base64url>$<key base64url>".
#include <string>
#include <string_view>

namespace zc::security {

inline constexpr int kMinPbkdf2Iterations = 210000;

// Throws std::invalid_argument when iterations < kMinPbkdf2Iterations or > 10,000,000 (a bound so
// a stored string cannot make verification run for minutes).
std::string hashPassword(std::string_view password, int iterations = kMinPbkdf2Iterations);
// Recomputes with the stored salt and iterations; constant-time compare. False for a malformed
// stored string or iterations outside the range hashPassword accepts; never throws.
bool verifyPassword(std::string_view password, std::string_view stored);

// Password policy for staff: at least 12 characters, at most 128, counted as Unicode code points
// of the UTF-8 input. Returns an empty string when acceptable, else the reason as a sentence for
// the user ("Password must be at least 12 characters.").
std::string passwordPolicyViolation(std::string_view password);

}  // namespace zc::security
