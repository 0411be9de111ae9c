#pragma once
// Small helpers for building JSON answers.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "contracting/kernel/request_context.hpp"

namespace zc::http {

inline Poco::JSON::Object::Ptr newObject() { return new Poco::JSON::Object; }
inline Poco::JSON::Array::Ptr newArray() { return new Poco::JSON::Array; }

// The value as compact JSON (keys sorted), e.g. an answer for the audit trail.
std::string toJson(const Poco::Dynamic::Var& v);

// Sets `key` to the string, or JSON null when absent.
void setOptional(Poco::JSON::Object::Ptr o, const std::string& key,
                 const std::optional<std::string>& v);
void setOptionalInt(Poco::JSON::Object::Ptr o, const std::string& key,
                    const std::optional<std::int64_t>& v);

// isoTimestamp: the kernel's (contracting/kernel/request_context.hpp).
using app::isoTimestamp;

// Page limits for list endpoints: ?limit= (default 100, at most 1000) and ?offset=.
struct Page {
    std::int64_t limit = 100;
    std::int64_t offset = 0;
};
Page pageFrom(const std::map<std::string, std::string>& query);

}  // namespace zc::http
