#include "interfaces/security/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <climits>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

namespace zc::security {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr char kBase64UrlAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// A token is 256 bits so that guessing one is as hard as breaking SHA-256.
constexpr std::size_t kTokenBytes = 32;

// Returns the 5-bit value of a base32 character, or -1 when it is not one (case-insensitive).
int base32Value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= '2' && c <= '7') return c - '2' + 26;
    return -1;
}

// OpenSSL takes lengths as int; larger inputs would be truncated silently.
int checkedInt(std::size_t n, const char* what) {
    if (n > static_cast<std::size_t>(INT_MAX)) {
        throw std::invalid_argument(std::string(what) + " is too large");
    }
    return static_cast<int>(n);
}

}  // namespace

std::vector<unsigned char> randomBytes(std::size_t n) {
    std::vector<unsigned char> out(n);
    if (n == 0) return out;
    if (RAND_bytes(out.data(), checkedInt(n, "random byte count")) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
    return out;
}

std::string newUuidV4() {
    auto b = randomBytes(16);
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // variant 10xx
    const std::string hex = toHex(b.data(), b.size());
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string toHex(const unsigned char* data, std::size_t n) {
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(kHexDigits[data[i] >> 4]);
        out.push_back(kHexDigits[data[i] & 0x0f]);
    }
    return out;
}

std::string base64UrlEncode(const unsigned char* data, std::size_t n) {
    std::string out;
    out.reserve((n * 4 + 2) / 3);
    std::size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        const std::uint32_t v =
            (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8) | data[i + 2];
        out.push_back(kBase64UrlAlphabet[(v >> 18) & 0x3f]);
        out.push_back(kBase64UrlAlphabet[(v >> 12) & 0x3f]);
        out.push_back(kBase64UrlAlphabet[(v >> 6) & 0x3f]);
        out.push_back(kBase64UrlAlphabet[v & 0x3f]);
    }
    const std::size_t rest = n - i;
    if (rest == 1) {
        const std::uint32_t v = std::uint32_t{data[i]} << 16;
        out.push_back(kBase64UrlAlphabet[(v >> 18) & 0x3f]);
        out.push_back(kBase64UrlAlphabet[(v >> 12) & 0x3f]);
    } else if (rest == 2) {
        const std::uint32_t v = (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8);
        out.push_back(kBase64UrlAlphabet[(v >> 18) & 0x3f]);
        out.push_back(kBase64UrlAlphabet[(v >> 12) & 0x3f]);
        out.push_back(kBase64UrlAlphabet[(v >> 6) & 0x3f]);
    }
    return out;
}

std::string base32Encode(const std::vector<unsigned char>& data) {
    std::string out;
    out.reserve((data.size() * 8 + 4) / 5);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char byte : data) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.push_back(kBase32Alphabet[(buffer >> bits) & 0x1f]);
        }
    }
    if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 0x1f]);
    return out;
}

std::vector<unsigned char> base32Decode(std::string_view text) {
    std::vector<unsigned char> out;
    out.reserve(text.size() * 5 / 8);
    std::uint32_t buffer = 0;
    int bits = 0;
    std::size_t symbols = 0;
    for (char c : text) {
        // Authenticator apps show secrets in groups and with padding; both carry no data.
        if (c == '=' || c == ' ') continue;
        const int value = base32Value(c);
        if (value < 0) throw std::invalid_argument("invalid base32 character");
        buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
        bits += 5;
        ++symbols;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<unsigned char>((buffer >> bits) & 0xff));
        }
    }
    // Encoding produces 0, 2, 4, 5 or 7 symbols after the last full 8-symbol group; 1, 3 or 6
    // leftover symbols cannot come from any byte string.
    const std::size_t tail = symbols % 8;
    if (tail == 1 || tail == 3 || tail == 6) {
        throw std::invalid_argument("invalid base32 length");
    }
    return out;
}

std::string sha256Hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("EVP_Digest(SHA-256) failed");
    }
    return toHex(digest, length);
}

namespace {

std::vector<unsigned char> hmac(const EVP_MD* md, const unsigned char* key, std::size_t key_len,
                                std::string_view data) {
    // HMAC() rejects a null key pointer even with length 0; an empty key is legal HMAC input.
    static const unsigned char kNoKey = 0;
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (HMAC(md, key_len == 0 ? &kNoKey : key, checkedInt(key_len, "HMAC key"),
             reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac,
             &length) == nullptr) {
        throw std::runtime_error("HMAC failed");
    }
    return std::vector<unsigned char>(mac, mac + length);
}

}  // namespace

std::vector<unsigned char> hmacSha1(const std::vector<unsigned char>& key, std::string_view data) {
    return hmac(EVP_sha1(), key.data(), key.size(), data);
}

std::string hmacSha256Hex(std::string_view key, std::string_view data) {
    const std::vector<unsigned char> mac =
        hmac(EVP_sha256(), reinterpret_cast<const unsigned char*>(key.data()), key.size(), data);
    return toHex(mac.data(), mac.size());
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
    // The length is not secret (tokens and digests have fixed lengths); the content is.
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string newToken(std::string_view prefix) {
    const std::vector<unsigned char> bytes = randomBytes(kTokenBytes);
    std::string token(prefix);
    token += base64UrlEncode(bytes.data(), bytes.size());
    return token;
}

std::string sha256HexOfFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!md || EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 initialisation failed");
    }
    std::vector<char> buf(1 << 16);
    while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0) {
        EVP_DigestUpdate(md.get(), buf.data(), static_cast<std::size_t>(in.gcount()));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(md.get(), digest, &n);
    return toHex(digest, n);
}

}  // namespace zc::security
