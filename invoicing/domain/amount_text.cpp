#include "amount_text.hpp"

namespace zc::invoicing {
namespace {

// The magnitude as unsigned, so that the most negative value has one too.
std::uint64_t magnitudeOf(std::int64_t v) {
    return v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
}

std::string grouped(std::uint64_t magnitude) {
    std::string digits = std::to_string(magnitude);
    std::string out;
    out.reserve(digits.size() + digits.size() / 3);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string twoDigits(std::uint64_t v) {
    return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
}

}  // namespace

std::string formatAmount(Money amount) {
    const std::uint64_t magnitude = magnitudeOf(amount.cents());
    return (amount.cents() < 0 ? "-" : "") + grouped(magnitude / 100) + "." +
           twoDigits(magnitude % 100);
}

std::string formatCount(std::int64_t count) {
    return (count < 0 ? "-" : "") + grouped(magnitudeOf(count));
}

std::string formatPercentHundredths(std::int64_t hundredths) {
    const std::uint64_t magnitude = magnitudeOf(hundredths);
    return (hundredths < 0 ? "-" : "") + std::to_string(magnitude / 100) + "." +
           twoDigits(magnitude % 100) + " %";
}

}  // namespace zc::invoicing
