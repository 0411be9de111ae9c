#pragma once
// Strong types for external identifiers, validated on construction. Each parse() throws
// ValidationError with the given reason code, naming `field`.
#include <string>
#include <string_view>

namespace zc {

// AGB code of a care provider: exactly 8 digits. Code INVALID_AGB.
class AgbCode {
public:
    static AgbCode parse(std::string_view text, std::string_view field = "agb");
    const std::string& str() const { return value_; }
    bool operator==(const AgbCode&) const = default;

private:
    explicit AgbCode(std::string v) : value_(std::move(v)) {}
    std::string value_;
};

// Chamber of commerce (KvK) number: exactly 8 digits. Code INVALID_KVK.
class KvkNumber {
public:
    static KvkNumber parse(std::string_view text, std::string_view field = "kvk");
    const std::string& str() const { return value_; }

private:
    explicit KvkNumber(std::string v) : value_(std::move(v)) {}
    std::string value_;
};

// IBAN checked with ISO 13616 mod-97 and the country's length (NL = 18). Spaces are removed
// and letters upper-cased. Code INVALID_IBAN.
class Iban {
public:
    static Iban parse(std::string_view text, std::string_view field = "iban");
    const std::string& str() const { return value_; }  // normalised, e.g. "NL91ABNA0417164300"

private:
    explicit Iban(std::string v) : value_(std::move(v)) {}
    std::string value_;
};

// CBS municipality code: exactly 4 digits ("0193"). Code INVALID_MUNICIPALITY_CODE.
class MunicipalityCode {
public:
    static MunicipalityCode parse(std::string_view text, std::string_view field = "code");
    const std::string& str() const { return value_; }

private:
    explicit MunicipalityCode(std::string v) : value_(std::move(v)) {}
    std::string value_;
};

// iWmo product category (WMO020): "01".."18". Code INVALID_PRODUCT_CATEGORY.
class ProductCategory {
public:
    static ProductCategory parse(std::string_view text, std::string_view field = "category");
    const std::string& str() const { return value_; }

private:
    explicit ProductCategory(std::string v) : value_(std::move(v)) {}
    std::string value_;
};

// Product code: exactly 5 characters A-Z/0-9 ("02A01"). Code INVALID_PRODUCT_CODE.
class ProductCode {
public:
    static ProductCode parse(std::string_view text, std::string_view field = "code");
    const std::string& str() const { return value_; }

private:
    explicit ProductCode(std::string v) : value_(std::move(v)) {}
    std::string value_;
};

}  // namespace zc
