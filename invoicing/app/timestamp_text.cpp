#include "timestamp_text.hpp"

namespace zc::invoicing {

std::string isoTimestampText(const std::string& t) {
    if (t.size() < 19) return t;
    return t.substr(0, 10) + "T" + t.substr(11, 8) + "Z";
}

}  // namespace zc::invoicing
