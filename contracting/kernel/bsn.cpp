#include "bsn.hpp"

#include "ascii.hpp"
#include "errors.hpp"

namespace zc {
namespace {

constexpr std::size_t kBsnLength = 9;
constexpr std::size_t kVisibleDigits = 4;
constexpr int kElfproefModulus = 11;

}  // namespace

bool Bsn::isValid(std::string_view text) {
    if (text.size() != kBsnLength || !ascii::allDigits(text)) return false;
    if (text == "000000000") return false;
    int sum = 0;
    // Weights 9..2 for the first eight digits; the check digit counts with weight -1.
    for (std::size_t i = 0; i + 1 < kBsnLength; ++i) {
        sum += static_cast<int>(kBsnLength - i) * (text[i] - '0');
    }
    sum -= text[kBsnLength - 1] - '0';
    return sum % kElfproefModulus == 0;
}

Bsn Bsn::parse(std::string_view text, std::string_view field) {
    if (!isValid(text)) {
        throw ValidationError("INVALID_BSN",
                              "A BSN is exactly 9 digits that pass the elfproef (11-test).",
                              std::string(field));
    }
    return Bsn(std::string(text));
}

std::string Bsn::masked() const { return maskBsn(value_); }

std::string maskBsn(std::string_view bsn) {
    if (bsn.size() <= kVisibleDigits) return std::string(bsn.size(), '*');
    return std::string(bsn.size() - kVisibleDigits, '*') +
           std::string(bsn.substr(bsn.size() - kVisibleDigits));
}

}  // namespace zc
