#include "csv_field.hpp"

namespace zc::http {

std::string csvField(const std::string& s) {
    std::string value = s;
    if (!value.empty() && std::string("=+-@\t\r").find(value.front()) != std::string::npos) {
        value.insert(value.begin(), '\'');
    }
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace zc::http
