#include "billing/domain/verdict_text.hpp"

#include <utility>

namespace zc::billing::verdict_text {

Verdict reject(Reason r, std::string message) {
    return Verdict{r, reasonCode(r), false, std::move(message), std::nullopt};
}

Verdict review(Reason r, std::string message) {
    return Verdict{r, reasonCode(r), true, std::move(message), std::nullopt};
}

std::string describe(const Period& p) {
    if (!p.end) return "from " + formatDate(p.begin);
    if (!p.isValid()) return formatDate(p.begin) + " with an end before its start";
    return formatDate(p.begin) + " to " + formatDate(addDays(*p.end, -1));
}

std::string decimal(__int128 value) {
    if (value == 0) return "0";
    const bool negative = value < 0;
    std::string digits;
    for (; value != 0; value /= 10) {
        const int digit = static_cast<int>(value % 10);
        digits.insert(digits.begin(), static_cast<char>('0' + (negative ? -digit : digit)));
    }
    return negative ? "-" + digits : digits;
}

std::string spokenUnit(Unit u) {
    std::string name = unitName(u);
    for (char& c : name) {
        if (c == '_') c = ' ';
    }
    return name;
}

}  // namespace zc::billing::verdict_text
