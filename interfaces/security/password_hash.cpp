#include "interfaces/security/password_hash.hpp"

#include <openssl/evp.h>

#include <array>
#include <charconv>
#include <climits>
#include <exception>
#include <optional>
#include <stdexcept>
#include <vector>

#include "interfaces/security/crypto.hpp"

namespace zc::security {

namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kKeyBytes = 32;

// A stored string with absurd iterations would tie up a request thread for minutes; about 50x
// the minimum is far beyond any planned increase.
constexpr int kMaxPbkdf2Iterations = 10'000'000;

constexpr std::size_t kMinPasswordChars = 12;
constexpr std::size_t kMaxPasswordChars = 128;

using Key = std::array<unsigned char, kKeyBytes>;

Key deriveKey(std::string_view password, const std::vector<unsigned char>& salt, int iterations) {
    if (password.size() > static_cast<std::size_t>(INT_MAX)) {
        throw std::invalid_argument("password is too long");
    }
    Key key{};
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                          static_cast<int>(salt.size()), iterations, EVP_sha256(),
                          static_cast<int>(key.size()), key.data()) != 1) {
        throw std::runtime_error("PKCS5_PBKDF2_HMAC failed");
    }
    return key;
}

int base64UrlValue(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

// Decodes unpadded base64url. Returns nullopt for foreign characters or an impossible length;
// callers re-encode to reject non-canonical trailing bits.
std::optional<std::vector<unsigned char>> base64UrlDecode(std::string_view text) {
    if (text.size() % 4 == 1) return std::nullopt;
    std::vector<unsigned char> out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        const int value = base64UrlValue(c);
        if (value < 0) return std::nullopt;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<unsigned char>((buffer >> bits) & 0xff));
        }
    }
    return out;
}

// Accepts only plain decimal digits: no sign, no spaces, no leading zero, no overflow.
std::optional<int> parseIterations(std::string_view text) {
    if (text.empty() || text.size() > 9 || text.front() == '0') return std::nullopt;
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

struct StoredHash {
    int iterations;
    std::vector<unsigned char> salt;
    std::string_view key_text;
};

std::optional<StoredHash> parseStored(std::string_view stored) {
    std::array<std::string_view, 4> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::size_t end = i + 1 < parts.size() ? stored.find('$', start) : stored.size();
        if (end == std::string_view::npos) return std::nullopt;
        parts[i] = stored.substr(start, end - start);
        start = end + 1;
    }
    if (parts[0] != kScheme || parts[3].find('$') != std::string_view::npos) return std::nullopt;

    const std::optional<int> iterations = parseIterations(parts[1]);
    if (!iterations || *iterations < kMinPbkdf2Iterations || *iterations > kMaxPbkdf2Iterations) {
        return std::nullopt;
    }
    std::optional<std::vector<unsigned char>> salt = base64UrlDecode(parts[2]);
    if (!salt || salt->size() != kSaltBytes ||
        base64UrlEncode(salt->data(), salt->size()) != parts[2]) {
        return std::nullopt;
    }
    return StoredHash{*iterations, std::move(*salt), parts[3]};
}

// Characters are counted as Unicode code points of the UTF-8 input, so "é" counts once; bytes
// that continue a multi-byte sequence (10xxxxxx) are skipped.
std::size_t countCodePoints(std::string_view text) {
    std::size_t count = 0;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++count;
    }
    return count;
}

}  // namespace

std::string hashPassword(std::string_view password, int iterations) {
    if (iterations < kMinPbkdf2Iterations || iterations > kMaxPbkdf2Iterations) {
        throw std::invalid_argument("PBKDF2 iterations out of range");
    }
    const std::vector<unsigned char> salt = randomBytes(kSaltBytes);
    const Key key = deriveKey(password, salt, iterations);
    std::string out(kScheme);
    out += '$';
    out += std::to_string(iterations);
    out += '$';
    out += base64UrlEncode(salt.data(), salt.size());
    out += '$';
    out += base64UrlEncode(key.data(), key.size());
    return out;
}

bool verifyPassword(std::string_view password, std::string_view stored) {
    try {
        const std::optional<StoredHash> parsed = parseStored(stored);
        if (!parsed) return false;
        const Key key = deriveKey(password, parsed->salt, parsed->iterations);
        // Comparing the canonical encodings also refuses a key with altered padding bits.
        return constantTimeEquals(base64UrlEncode(key.data(), key.size()), parsed->key_text);
    } catch (const std::exception&) {
        // A login answers yes or no; an OpenSSL failure must not turn into a yes or a crash.
        return false;
    }
}

std::string passwordPolicyViolation(std::string_view password) {
    const std::size_t chars = countCodePoints(password);
    if (chars < kMinPasswordChars) return "Password must be at least 12 characters.";
    if (chars > kMaxPasswordChars) return "Password must be at most 128 characters.";
    return "";
}

}  // namespace zc::security
