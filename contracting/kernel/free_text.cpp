#include "contracting/kernel/free_text.hpp"

#include "contracting/kernel/utf8.hpp"

namespace zc {
namespace {

bool isControl(char32_t c) {
    if (c == '\t' || c == '\n' || c == '\r') return false;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

bool isBidiControl(char32_t c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

std::optional<std::string> freeTextProblem(std::string_view text) {
    bool blank = true;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = decodeUtf8(text, i);
        if (!c) return "is not valid UTF-8";
        if (isControl(*c)) return "contains a control character";
        if (isBidiControl(*c)) return "contains a bidirectional override";
        if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r' && *c != 0xA0) blank = false;
    }
    if (!text.empty() && blank) return "is only white space";
    return std::nullopt;
}

}  // namespace zc
