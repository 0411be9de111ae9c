#include "api_request.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

#include "contracting/kernel/errors.hpp"

namespace zc::http {

std::int64_t ApiRequest::pathId(const std::string& name) const {
    const std::string& s = path.at(name);
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v <= 0) {
        throw ValidationError("NOT_FOUND", "No " + name + " '" + s + "' exists.", name);
    }
    return v;
}

std::string ApiRequest::rawHead(std::size_t n) const {
    if (body_file.empty()) return raw_body.substr(0, n);
    std::ifstream in(body_file, std::ios::binary);
    std::string head(n, '\0');
    in.read(head.data(), static_cast<std::streamsize>(n));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head;
}

std::string ApiRequest::rawText() const {
    if (body_file.empty()) return raw_body;
    std::ifstream in(body_file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string ApiRequest::queryValue(const std::string& name) const {
    const auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
}

}  // namespace zc::http
