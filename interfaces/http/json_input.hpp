#pragma once
// Reading request bodies: each getter throws ValidationError naming the field, so every endpoint
// answers bad input with {"code","message","field"} and writes nothing.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/money.hpp"

namespace zc::http {

// MISSING_FIELD when absent or null (or, when required, only white space); INVALID_FIELD when of
// another type, too long, or not acceptable free text (zc::freeTextProblem: control characters,
// bidirectional overrides, only white space).
std::string requiredString(Poco::JSON::Object::Ptr o, const std::string& field,
                           std::size_t max_len = 200);
std::optional<std::string> optionalString(Poco::JSON::Object::Ptr o, const std::string& field,
                                          std::size_t max_len = 200);
std::int64_t requiredInt(Poco::JSON::Object::Ptr o, const std::string& field);
std::optional<std::int64_t> optionalInt(Poco::JSON::Object::Ptr o, const std::string& field);
bool optionalBool(Poco::JSON::Object::Ptr o, const std::string& field, bool fallback);
Date requiredDate(Poco::JSON::Object::Ptr o, const std::string& field);
std::optional<Date> optionalDate(Poco::JSON::Object::Ptr o, const std::string& field);
// Money as integer cents in "<name>_cents" (e.g. "tariff_cents"); must be a JSON integer.
Money requiredCents(Poco::JSON::Object::Ptr o, const std::string& field);
Poco::JSON::Array::Ptr requiredArray(Poco::JSON::Object::Ptr o, const std::string& field,
                                     std::size_t max_items = 1000);
Poco::JSON::Array::Ptr optionalArray(Poco::JSON::Object::Ptr o, const std::string& field,
                                     std::size_t max_items = 1000);
Poco::JSON::Object::Ptr objectAt(Poco::JSON::Array::Ptr a, std::size_t i, const std::string& field);
std::vector<std::string> stringArray(Poco::JSON::Object::Ptr o, const std::string& field,
                                     std::size_t max_items = 1000);
std::vector<std::int64_t> intArray(Poco::JSON::Object::Ptr o, const std::string& field,
                                   std::size_t max_items = 1000);

// A request body as every JSON handler gets it: an empty object for an empty (white space)
// body, INVALID_FIELD for an integer beyond 64 bits (below), INVALID_JSON when it is not a JSON
// object.
Poco::JSON::Object::Ptr parseBody(const std::string& text);

// INVALID_FIELD (naming the field) when the JSON text holds a whole number beyond 64 bits, such
// as 2^64: the parser would wrap it (to 0), so it is refused before parsing.
void refuseOutOfRangeIntegers(std::string_view json);

// Errors for lookups.
[[noreturn]] void notFound(const std::string& what, const std::string& field = {});

}  // namespace zc::http
