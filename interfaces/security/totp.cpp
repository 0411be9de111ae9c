#include "interfaces/security/totp.hpp"

#include <array>
#include <stdexcept>

#include "interfaces/security/crypto.hpp"

namespace zc::security {

namespace {

constexpr std::int64_t kStepSeconds = 30;
constexpr int kCodeDigits = 6;
constexpr int kMaxDigits = 9;             // 10^9 still fits the 31-bit truncated value's int range.
constexpr std::size_t kSecretBytes = 20;  // 160 bits, the HMAC-SHA1 output size (RFC 4226 4).
constexpr std::string_view kIssuer = "zorgcontract";

bool isSixDigitCode(std::string_view code) {
    if (code.size() != static_cast<std::size_t>(kCodeDigits)) return false;
    for (char c : code) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

// RFC 3986 percent-encoding: only unreserved characters stay as they are, so ':' '@' '?' '&'
// and '/' in an account name cannot break up the label or the query.
std::string percentEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
        if (unreserved) {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 0x0f]);
        }
    }
    return out;
}

}  // namespace

std::string hotp(const std::vector<unsigned char>& secret, std::uint64_t counter, int digits) {
    if (secret.empty()) throw std::invalid_argument("HOTP secret is empty");
    if (digits < 1 || digits > kMaxDigits) throw std::invalid_argument("HOTP digits out of range");

    std::array<char, 8> message{};
    for (int i = 7; i >= 0; --i) {
        message[static_cast<std::size_t>(i)] = static_cast<char>(counter & 0xff);
        counter >>= 8;
    }
    const std::vector<unsigned char> mac =
        hmacSha1(secret, std::string_view(message.data(), message.size()));

    // Dynamic truncation (RFC 4226 5.3): the low nibble of the last byte picks 4 bytes, of which
    // the top bit is dropped to avoid signed/unsigned ambiguity.
    const std::size_t offset = mac.back() & 0x0f;
    const std::uint32_t binary = (std::uint32_t{mac[offset]} & 0x7f) << 24 |
                                 std::uint32_t{mac[offset + 1]} << 16 |
                                 std::uint32_t{mac[offset + 2]} << 8 | mac[offset + 3];
    std::uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i) modulus *= 10;

    std::string code = std::to_string(binary % modulus);
    code.insert(0, static_cast<std::size_t>(digits) - code.size(), '0');
    return code;
}

std::string totpAt(const std::vector<unsigned char>& secret, std::int64_t unix_seconds,
                   int digits) {
    if (unix_seconds < 0) throw std::invalid_argument("TOTP time before the epoch");
    return hotp(secret, static_cast<std::uint64_t>(unix_seconds / kStepSeconds), digits);
}

std::optional<std::int64_t> verifyTotp(const std::vector<unsigned char>& secret,
                                       std::string_view code, std::int64_t unix_seconds,
                                       std::int64_t last_used_step) {
    if (!isSixDigitCode(code) || unix_seconds < 0) return std::nullopt;
    const std::int64_t current = unix_seconds / kStepSeconds;
    for (const std::int64_t step : {current - 1, current, current + 1}) {
        // Refusing used steps makes a code single-use even within its window.
        if (step < 0 || step <= last_used_step) continue;
        const std::string expected = hotp(secret, static_cast<std::uint64_t>(step), kCodeDigits);
        if (constantTimeEquals(expected, code)) return step;
    }
    return std::nullopt;
}

std::string newTotpSecret() { return base32Encode(randomBytes(kSecretBytes)); }

std::string totpUri(std::string_view account, std::string_view base32_secret) {
    std::string uri = "otpauth://totp/";
    uri += kIssuer;
    uri += ':';
    uri += percentEncode(account);
    uri += "?secret=";
    uri += percentEncode(base32_secret);
    uri += "&issuer=";
    uri += kIssuer;
    uri += "&algorithm=SHA1&digits=6&period=30";
    return uri;
}

}  // namespace zc::security
