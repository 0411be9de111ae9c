#include "json_log_line.hpp"

#include <cstdio>
#include <ctime>

namespace zc::obs {

std::string jsonEscaped(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size() + 8);
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    out += "\\u00";
                    out += kHex[c >> 4];
                    out += kHex[c & 0xf];
                } else {
                    out += ch;
                }
        }
    }
    return out;
}

std::string utcMillis(std::chrono::system_clock::time_point t) {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[80];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms % 1000));
    return buf;
}

std::string thousandths(std::int64_t micro_units) {
    const bool negative = micro_units < 0;
    const std::uint64_t v = negative ? 0 - static_cast<std::uint64_t>(micro_units)
                                     : static_cast<std::uint64_t>(micro_units);
    std::string frac = std::to_string(v % 1000);
    frac.insert(0, 3 - frac.size(), '0');
    return (negative ? "-" : "") + std::to_string(v / 1000) + "." + frac;
}

void JsonLogLine::key(std::string_view k) {
    if (text_.size() > 1) text_ += ',';
    text_ += '"';
    text_ += jsonEscaped(k);
    text_ += "\":";
}

JsonLogLine& JsonLogLine::add(std::string_view k, std::string_view value) {
    key(k);
    text_ += '"';
    text_ += jsonEscaped(value);
    text_ += '"';
    return *this;
}

JsonLogLine& JsonLogLine::add(std::string_view k, std::int64_t value) {
    key(k);
    text_ += std::to_string(value);
    return *this;
}

JsonLogLine& JsonLogLine::addNumber(std::string_view k, std::string_view number) {
    key(k);
    text_ += number;
    return *this;
}

}  // namespace zc::obs
