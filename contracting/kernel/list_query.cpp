#include "list_query.hpp"

#include "free_text.hpp"

namespace zc::app {

std::optional<std::string> searchProblem(std::string_view q) {
    if (q.empty()) return std::nullopt;
    if (auto problem = freeTextProblem(q)) return problem;
    std::size_t chars = 0;
    for (const unsigned char c : q) chars += (c & 0xC0) != 0x80;  // count lead bytes
    if (chars > kMaxSearchChars) {
        return "at most " + std::to_string(kMaxSearchChars) + " characters";
    }
    return std::nullopt;
}

bool parseSort(std::string_view text, ListQuery& out) {
    const bool descending = !text.empty() && text.front() == '-';
    if (descending) text.remove_prefix(1);
    if (text.empty() || text.size() > 40) return false;
    for (const char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok) return false;
    }
    out.sort = std::string(text);
    out.descending = descending;
    return true;
}

}  // namespace zc::app
