#pragma once
// Burgerservicenummer (BSN): the Dutch citizen service number of a client. Exactly 9 digits
// that pass the elfproef (9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 mod 11); all zeros is refused.
// A Bsn is personal data: log and show it only as masked(); store it only encrypted.
#include <string>
#include <string_view>

namespace zc {

class Bsn {
  public:
    // Throws ValidationError{"INVALID_BSN"} naming `field` unless `text` is a valid BSN.
    static Bsn parse(std::string_view text, std::string_view field = "bsn");
    // True when `text` is 9 digits passing the elfproef (never throws).
    static bool isValid(std::string_view text);

    const std::string& str() const { return value_; }
    // "*****6789": the last four digits only.
    std::string masked() const;
    bool operator==(const Bsn&) const = default;

  private:
    explicit Bsn(std::string v) : value_(std::move(v)) {}
    std::string value_;
};

// Masks any stored BSN text the same way as Bsn::masked() (for values read back from storage).
std::string maskBsn(std::string_view bsn);

}  // namespace zc
