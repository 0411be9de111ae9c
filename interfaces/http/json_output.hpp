#pragma once
// Small helpers for building JSON answers.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "contracting/kernel/list_query.hpp"
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

// A paged list's query (issue 15): the page, `q` (trimmed; at most 100 characters of free text)
// and `sort` ("column" or "-column"); INVALID_QUERY with the parameter as field otherwise.
// Whether the sort column is one of the list's is the list's store's to say.
app::ListQuery listQueryFrom(const std::map<std::string, std::string>& query);
// A list filter's id (e.g. ?provider_id=): 0 when absent or empty, INVALID_QUERY when it is not
// a positive whole number of at most 18 digits.
std::int64_t queryIdParam(const std::map<std::string, std::string>& query, const std::string& key);

}  // namespace zc::http
