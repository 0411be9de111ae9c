#include "codes.hpp"

#include <array>
#include <utility>

#include "ascii.hpp"
#include "errors.hpp"

namespace zc {
namespace {

constexpr std::size_t kAgbLength = 8;
constexpr std::size_t kKvkLength = 8;
constexpr std::size_t kMunicipalityCodeLength = 4;
constexpr std::size_t kProductCategoryLength = 2;
constexpr int kMaxProductCategory = 18;
constexpr std::size_t kProductCodeLength = 5;
constexpr std::size_t kMinIbanLength = 15;
constexpr std::size_t kMaxIbanLength = 34;
// Longer input cannot be an IBAN even with spaces every four characters; the cap bounds the work.
constexpr std::size_t kMaxIbanInputLength = 2 * kMaxIbanLength;

// IBAN lengths of the countries we are most likely to pay into (ISO 13616 registry).
// Other countries only get the generic 15..34 length check.
constexpr std::array<std::pair<std::string_view, std::size_t>, 33> kIbanLengths{{
    {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28}, {"CZ", 24}, {"DE", 22},
    {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FR", 27}, {"GB", 22}, {"GR", 27},
    {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IS", 26}, {"IT", 27}, {"LI", 21}, {"LT", 20},
    {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MT", 31}, {"NL", 18}, {"NO", 15}, {"PL", 28},
    {"PT", 25}, {"RO", 24}, {"SE", 24}, {"SI", 19}, {"SK", 24},
}};

using ascii::isDigit;
using ascii::isUpper;

bool isDigits(std::string_view s, std::size_t length) {
    if (s.size() != length) return false;
    for (char c : s) {
        if (!isDigit(c)) return false;
    }
    return true;
}

std::string normaliseIban(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == ' ') continue;
        out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return out;
}

bool hasIbanShape(const std::string& iban) {
    if (iban.size() < kMinIbanLength || iban.size() > kMaxIbanLength) return false;
    if (!isUpper(iban[0]) || !isUpper(iban[1]) || !isDigit(iban[2]) || !isDigit(iban[3])) {
        return false;
    }
    for (char c : iban) {
        if (!isDigit(c) && !isUpper(c)) return false;
    }
    std::string_view country = std::string_view(iban).substr(0, 2);
    for (const auto& [code, length] : kIbanLengths) {
        if (code == country) return iban.size() == length;
    }
    return true;
}

// ISO 13616: move the first four characters to the end, read letters as 10..35 and the
// result must be 1 modulo 97. Computed piecewise so no big number is ever built.
bool hasValidIbanChecksum(const std::string& iban) {
    std::string rearranged = iban.substr(4) + iban.substr(0, 4);
    unsigned remainder = 0;
    for (char c : rearranged) {
        if (isDigit(c)) {
            remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % 97;
        } else {
            remainder = (remainder * 100 + static_cast<unsigned>(c - 'A' + 10)) % 97;
        }
    }
    return remainder == 1;
}

}  // namespace

AgbCode AgbCode::parse(std::string_view text, std::string_view field) {
    if (!isDigits(text, kAgbLength)) {
        throw ValidationError("INVALID_AGB", "AGB code must be exactly 8 digits.",
                              std::string(field));
    }
    return AgbCode(std::string(text));
}

KvkNumber KvkNumber::parse(std::string_view text, std::string_view field) {
    if (!isDigits(text, kKvkLength)) {
        throw ValidationError("INVALID_KVK", "KvK number must be exactly 8 digits.",
                              std::string(field));
    }
    return KvkNumber(std::string(text));
}

Iban Iban::parse(std::string_view text, std::string_view field) {
    if (text.size() <= kMaxIbanInputLength) {
        std::string iban = normaliseIban(text);
        if (hasIbanShape(iban) && hasValidIbanChecksum(iban)) return Iban(std::move(iban));
    }
    throw ValidationError("INVALID_IBAN",
                          "IBAN is not valid: check the country code, the length and every "
                          "digit, for example NL91ABNA0417164300.",
                          std::string(field));
}

MunicipalityCode MunicipalityCode::parse(std::string_view text, std::string_view field) {
    if (!isDigits(text, kMunicipalityCodeLength)) {
        throw ValidationError("INVALID_MUNICIPALITY_CODE",
                              "Municipality code must be exactly 4 digits, for example 0363.",
                              std::string(field));
    }
    return MunicipalityCode(std::string(text));
}

ProductCategory ProductCategory::parse(std::string_view text, std::string_view field) {
    bool ok = isDigits(text, kProductCategoryLength);
    if (ok) {
        int value = (text[0] - '0') * 10 + (text[1] - '0');
        ok = value >= 1 && value <= kMaxProductCategory;
    }
    if (!ok) {
        throw ValidationError("INVALID_PRODUCT_CATEGORY",
                              "Product category must be two digits from 01 to 18.",
                              std::string(field));
    }
    return ProductCategory(std::string(text));
}

ProductCode ProductCode::parse(std::string_view text, std::string_view field) {
    bool ok = text.size() == kProductCodeLength;
    for (char c : text) ok = ok && (isDigit(c) || isUpper(c));
    if (!ok) {
        throw ValidationError("INVALID_PRODUCT_CODE",
                              "Product code must be exactly 5 characters, each an upper-case "
                              "letter A-Z or a digit, for example 02A01.",
                              std::string(field));
    }
    return ProductCode(std::string(text));
}

}  // namespace zc
