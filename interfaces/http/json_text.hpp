#pragma once
// The JSON text of an answer: byte for byte what Poco::JSON::Stringifier::condense writes for
// the same value (members in key order, control characters as \u00XX or JSON's short forms),
// written straight into one string instead of through an ostream a character at a time with a
// string conversion per number (issue 17: the stringifier was the largest part of the server's
// CPU for a page of declaration lines).
#include <Poco/Dynamic/Var.h>

#include <string>

namespace zc::http {

// Appends the value's JSON text to `out`. A value of a type the JSON answers do not use (a
// floating-point number, say) is written by Poco's stringifier, so the text is always Poco's.
void appendJson(const Poco::Dynamic::Var& value, std::string& out);

inline std::string jsonText(const Poco::Dynamic::Var& value) {
    std::string out;
    appendJson(value, out);
    return out;
}

}  // namespace zc::http
