#include "interfaces/security/sealing_stream.hpp"

#include <openssl/evp.h>

#include <stdexcept>
#include <string>

#include "interfaces/security/aes_gcm.hpp"
#include "interfaces/security/crypto.hpp"

namespace zc::security {
namespace {

constexpr std::size_t kChunk = 48 * 1024;  // a multiple of 3: whole base64 groups

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

// Encrypts and encodes on demand: the get area holds the base64 of the last chunk.
class SealingBuffer final : public std::streambuf {
  public:
    SealingBuffer(const std::vector<unsigned char>& key32, std::string_view prefix,
                  std::istream& plain)
        : plain_(plain), ctx_(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free) {
        if (key32.size() != kAesKeyBytes) {
            throw std::invalid_argument("AES-256-GCM needs a 32-byte key");
        }
        const auto nonce = randomBytes(kGcmNonceBytes);
        if (!ctx_ ||
            EVP_EncryptInit_ex(ctx_.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
            EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_GCM_SET_IVLEN, kGcmNonceBytes, nullptr) != 1 ||
            EVP_EncryptInit_ex(ctx_.get(), nullptr, nullptr, key32.data(), nonce.data()) != 1) {
            throw std::runtime_error("AES-GCM encryption failed");
        }
        out_.assign(prefix);
        raw_.assign(nonce.begin(), nonce.end());
        setg(out_.data(), out_.data(), out_.data() + out_.size());
    }

  protected:
    int_type underflow() override {
        while (gptr() == egptr()) {
            if (done_) return traits_type::eof();
            produce();
        }
        return traits_type::to_int_type(*gptr());
    }

  private:
    // Reads the next chunk of the body and encodes what whole base64 groups it completes.
    void produce() {
        std::string chunk(kChunk, '\0');
        plain_.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto got = static_cast<std::size_t>(plain_.gcount());
        if (plain_.bad()) throw std::runtime_error("cannot read the body to seal");
        const auto at = raw_.size();
        raw_.resize(at + got + kGcmTagBytes);
        int len = 0;
        if (got > 0 && EVP_EncryptUpdate(ctx_.get(), raw_.data() + at, &len,
                                         reinterpret_cast<const unsigned char*>(chunk.data()),
                                         static_cast<int>(got)) != 1) {
            throw std::runtime_error("AES-GCM encryption failed");
        }
        raw_.resize(at + static_cast<std::size_t>(len));
        const bool last = got < kChunk;
        if (last) finishCipher();
        encode(last);
    }

    void finishCipher() {
        unsigned char rest[32];
        int len = 0;
        unsigned char tag[kGcmTagBytes];
        if (EVP_EncryptFinal_ex(ctx_.get(), rest, &len) != 1 ||
            EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagBytes, tag) != 1) {
            throw std::runtime_error("AES-GCM encryption failed");
        }
        raw_.insert(raw_.end(), rest, rest + len);
        raw_.insert(raw_.end(), tag, tag + kGcmTagBytes);
    }

    void encode(bool last) {
        const std::size_t n = last ? raw_.size() : raw_.size() / 3 * 3;
        out_.assign(4 * ((n + 2) / 3), '\0');
        const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out_.data()),
                                            raw_.data(), static_cast<int>(n));
        out_.resize(static_cast<std::size_t>(written));
        raw_.erase(raw_.begin(), raw_.begin() + static_cast<std::ptrdiff_t>(n));
        done_ = last;
        setg(out_.data(), out_.data(), out_.data() + out_.size());
    }

    std::istream& plain_;
    CipherCtx ctx_;
    std::vector<unsigned char> raw_;  // nonce and ciphertext not yet encoded
    std::string out_;
    bool done_ = false;
};

class SealingStream final : public std::istream {
  public:
    SealingStream(const std::vector<unsigned char>& key32, std::string_view prefix,
                  std::istream& plain)
        : std::istream(nullptr), buffer_(key32, prefix, plain) {
        rdbuf(&buffer_);
    }

  private:
    SealingBuffer buffer_;
};

}  // namespace

std::unique_ptr<std::istream> sealingStream(const std::vector<unsigned char>& key32,
                                            std::string_view prefix, std::istream& plain) {
    return std::make_unique<SealingStream>(key32, prefix, plain);
}

}  // namespace zc::security
