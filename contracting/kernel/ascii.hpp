#pragma once
// ASCII character tests for parsing external codes and numbers (locale-independent, unlike
// <cctype>).
#include <string_view>

namespace zc::ascii {

constexpr bool isDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }

constexpr bool allDigits(std::string_view s) {
    for (char c : s) {
        if (!isDigit(c)) return false;
    }
    return true;
}

}  // namespace zc::ascii
