#pragma once
// The JSON text of an answer: byte for byte what Poco::JSON::Stringifier::condense writes for
// the same value (members in key order, control characters as \u00XX or JSON's short forms),
// written straight into one string instead of through an ostream a character at a time with a
// string conversion per number (issue 17: the stringifier was the largest part of the server's
// CPU for a page of declaration lines).
#include <Poco/Dynamic/Var.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zc::http {

// Appends the value's JSON text to `out`. A value of a type the JSON answers do not use (a
// floating-point number, say) is written by Poco's stringifier, so the text is always Poco's.
void appendJson(const Poco::Dynamic::Var& value, std::string& out);

inline std::string jsonText(const Poco::Dynamic::Var& value) {
    std::string out;
    appendJson(value, out);
    return out;
}

// Writes `rows` as a JSON array into `out`, each row by `append(row, out)`.
template <class Rows, class Append>
void appendJsonArray(const Rows& rows, Append append, std::string& out) {
    out += '[';
    bool first = true;
    for (const auto& row : rows) {
        if (!first) out += ',';
        first = false;
        append(row, out);
    }
    out += ']';
}

// Writes one JSON object straight into `out`, member by member, for answers of many rows (a page
// of declaration lines), where building them as Poco objects first cost more than writing them
// (issue 17). The members must come in key order, Poco's: the text is then byte for byte
// appendJson's of the same object. The order is checked; the keys must outlive the writer (they
// are literals). An absent optional is written as null, as the Poco answers set it.
class JsonObjectWriter {
  public:
    explicit JsonObjectWriter(std::string& out) : out_(out) { out_ += '{'; }
    JsonObjectWriter(const JsonObjectWriter&) = delete;
    JsonObjectWriter& operator=(const JsonObjectWriter&) = delete;

    JsonObjectWriter& text(std::string_view key, std::string_view value);
    JsonObjectWriter& optionalText(std::string_view key, const std::optional<std::string>& value);
    JsonObjectWriter& integer(std::string_view key, std::int64_t value);
    JsonObjectWriter& optionalInteger(std::string_view key,
                                      const std::optional<std::int64_t>& value);
    JsonObjectWriter& boolean(std::string_view key, bool value);
    JsonObjectWriter& null(std::string_view key);
    // Writes the key; the caller then appends the member's value to the returned text.
    std::string& nested(std::string_view key);
    // Writes the closing brace; nothing may be added after it.
    void close() { out_ += '}'; }

  private:
    void key(std::string_view k);
    std::string& out_;
    std::string_view last_;
    bool first_ = true;
};

}  // namespace zc::http
