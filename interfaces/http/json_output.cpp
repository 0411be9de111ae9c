#include "json_output.hpp"

#include <charconv>

#include "contracting/kernel/errors.hpp"
#include "json_text.hpp"

namespace zc::http {

std::string toJson(const Poco::Dynamic::Var& v) { return jsonText(v); }

void setOptional(Poco::JSON::Object::Ptr o, const std::string& key,
                 const std::optional<std::string>& v) {
    if (v) {
        o->set(key, *v);
    } else {
        o->set(key, Poco::Dynamic::Var());
    }
}

void setOptionalInt(Poco::JSON::Object::Ptr o, const std::string& key,
                    const std::optional<std::int64_t>& v) {
    if (v) {
        o->set(key, *v);
    } else {
        o->set(key, Poco::Dynamic::Var());
    }
}

namespace {
std::int64_t queryNumber(const std::map<std::string, std::string>& q, const std::string& key,
                         std::int64_t fallback, std::int64_t min, std::int64_t max) {
    auto it = q.find(key);
    if (it == q.end()) return fallback;
    std::int64_t v = 0;
    const auto& s = it->second;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < min || v > max) {
        throw ValidationError("INVALID_QUERY",
                              "Query parameter '" + key + "' must be a whole number from " +
                                  std::to_string(min) + " to " + std::to_string(max) + ".",
                              key);
    }
    return v;
}
}  // namespace

Page pageFrom(const std::map<std::string, std::string>& query) {
    Page p;
    p.limit = queryNumber(query, "limit", 100, 1, 1000);
    p.offset = queryNumber(query, "offset", 0, 0, 1'000'000'000);
    return p;
}

namespace {
std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}
}  // namespace

std::int64_t queryIdParam(const std::map<std::string, std::string>& query, const std::string& key) {
    const auto it = query.find(key);
    if (it == query.end() || it->second.empty()) return 0;
    return queryNumber(query, key, 0, 1, 999'999'999'999'999'999);
}

app::ListQuery listQueryFrom(const std::map<std::string, std::string>& query) {
    const auto page = pageFrom(query);
    app::ListQuery q;
    q.limit = page.limit;
    q.offset = page.offset;
    if (const auto it = query.find("q"); it != query.end()) {
        q.search = trimmed(it->second);
        if (const auto problem = app::searchProblem(q.search)) {
            throw ValidationError("INVALID_QUERY", "Query parameter 'q': " + *problem + ".", "q");
        }
    }
    if (const auto it = query.find("sort"); it != query.end() && !it->second.empty()) {
        if (!app::parseSort(it->second, q)) {
            throw ValidationError("INVALID_QUERY",
                                  "Query parameter 'sort' is a column name, with '-' before it "
                                  "for descending.",
                                  "sort");
        }
    }
    return q;
}

}  // namespace zc::http
