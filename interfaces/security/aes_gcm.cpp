#include "interfaces/security/aes_gcm.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <stdexcept>

#include "interfaces/security/crypto.hpp"

namespace zc::security {
namespace {

// Secrets encrypted here are short (a BSN); the cap bounds the work on hostile stored values.
constexpr std::size_t kMaxPlaintextBytes = 64 * 1024;
// A message body (a WMO325 of a national-scale declaration) can be hundreds of MiB; its base64
// (base64, one third larger) must stay below INT_MAX for OpenSSL's int lengths and below the
// database's max_allowed_packet of 1 GiB.
constexpr std::size_t kMaxBodyBytes = std::size_t{700} << 20;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx newContext() {
    CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!ctx) throw std::runtime_error("EVP_CIPHER_CTX_new failed");
    return ctx;
}

void requireKey(const std::vector<unsigned char>& key) {
    if (key.size() != kAesKeyBytes) {
        throw std::invalid_argument("AES-256-GCM needs a 32-byte key");
    }
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string encodeCapped(const unsigned char* data, std::size_t n, std::size_t cap) {
    if (n > cap) throw std::invalid_argument("base64 input too large");
    std::string out(4 * ((n + 2) / 3), '\0');
    const int written =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(n));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

std::vector<unsigned char> decodeCapped(std::string_view text, std::size_t cap) {
    if (text.size() % 4 != 0 || text.size() > std::min<std::size_t>(cap, INT_MAX)) {
        throw std::runtime_error("malformed base64 value");
    }
    std::vector<unsigned char> out(text.size() / 4 * 3);
    const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
    if (n < 0) throw std::runtime_error("malformed base64 value");
    // EVP_DecodeBlock counts the padding as zero bytes; drop them.
    std::size_t size = static_cast<std::size_t>(n);
    if (!text.empty() && text.back() == '=') --size;
    if (text.size() >= 2 && text[text.size() - 2] == '=') --size;
    out.resize(size);
    return out;
}

}  // namespace

std::string base64Encode(const unsigned char* data, std::size_t n) {
    return encodeCapped(data, n, kMaxPlaintextBytes * 2);
}

std::vector<unsigned char> base64Decode(std::string_view text) {
    return decodeCapped(text, kMaxPlaintextBytes * 3);
}

std::vector<unsigned char> keyFromHex(std::string_view hex) {
    if (hex.size() != 2 * kAesKeyBytes) {
        throw std::invalid_argument("a key is 64 hexadecimal characters");
    }
    std::vector<unsigned char> out;
    out.reserve(kAesKeyBytes);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int hi = hexValue(hex[i]);
        const int lo = hexValue(hex[i + 1]);
        if (hi < 0 || lo < 0) throw std::invalid_argument("a key is 64 hexadecimal characters");
        out.push_back(static_cast<unsigned char>(hi * 16 + lo));
    }
    return out;
}

namespace {

std::string encryptCapped(const std::vector<unsigned char>& key32, std::string_view plaintext,
                          std::size_t cap) {
    requireKey(key32);
    if (plaintext.size() > cap) throw std::invalid_argument("plaintext too large");
    const auto nonce = randomBytes(kGcmNonceBytes);
    std::vector<unsigned char> out(kGcmNonceBytes + plaintext.size() + kGcmTagBytes);
    std::copy(nonce.begin(), nonce.end(), out.begin());
    auto ctx = newContext();
    int len = 0;
    if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kGcmNonceBytes, nullptr) != 1 ||
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key32.data(), nonce.data()) != 1 ||
        EVP_EncryptUpdate(ctx.get(), out.data() + kGcmNonceBytes, &len,
                          reinterpret_cast<const unsigned char*>(plaintext.data()),
                          static_cast<int>(plaintext.size())) != 1) {
        throw std::runtime_error("AES-GCM encryption failed");
    }
    int final_len = 0;
    if (EVP_EncryptFinal_ex(ctx.get(), out.data() + kGcmNonceBytes + len, &final_len) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagBytes,
                            out.data() + kGcmNonceBytes + plaintext.size()) != 1) {
        throw std::runtime_error("AES-GCM encryption failed");
    }
    return encodeCapped(out.data(), out.size(), cap * 2);
}

std::string decryptCapped(const std::vector<unsigned char>& key32, std::string_view stored,
                          std::size_t cap) {
    requireKey(key32);
    const auto raw = decodeCapped(stored, cap * 3);
    if (raw.size() < kGcmNonceBytes + kGcmTagBytes) {
        throw std::runtime_error("encrypted value too short");
    }
    const std::size_t cipher_len = raw.size() - kGcmNonceBytes - kGcmTagBytes;
    std::string plain(cipher_len, '\0');
    std::vector<unsigned char> tag(raw.end() - kGcmTagBytes, raw.end());
    auto ctx = newContext();
    int len = 0;
    if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kGcmNonceBytes, nullptr) != 1 ||
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key32.data(), raw.data()) != 1 ||
        EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &len,
                          raw.data() + kGcmNonceBytes, static_cast<int>(cipher_len)) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagBytes, tag.data()) != 1) {
        throw std::runtime_error("AES-GCM decryption failed");
    }
    int final_len = 0;
    // The tag is checked here: altered data, another key or another nonce fail.
    if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + len,
                            &final_len) != 1) {
        throw std::runtime_error("AES-GCM tag does not verify (altered data or wrong key)");
    }
    return plain;
}

}  // namespace

std::string encryptAesGcm(const std::vector<unsigned char>& key32, std::string_view plaintext) {
    return encryptCapped(key32, plaintext, kMaxPlaintextBytes);
}

std::string decryptAesGcm(const std::vector<unsigned char>& key32, std::string_view stored) {
    return decryptCapped(key32, stored, kMaxPlaintextBytes);
}

std::string encryptAesGcmBody(const std::vector<unsigned char>& key32, std::string_view body) {
    return encryptCapped(key32, body, kMaxBodyBytes);
}

std::string decryptAesGcmBody(const std::vector<unsigned char>& key32, std::string_view stored) {
    return decryptCapped(key32, stored, kMaxBodyBytes);
}

}  // namespace zc::security
