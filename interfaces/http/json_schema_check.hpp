#pragma once
// A check of a JSON value against the subset of JSON Schema 2020-12 that the OpenAPI document
// uses (openapi_notation.hpp): type (also a list with "null"), properties, required,
// additionalProperties false, items, enum, format date, anyOf and $ref into the document's
// components. The e2e test checks real answers with it, so a handler that adds or drops a field
// fails until the document says so.
#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace zc::http::openapi {

// What does not conform ("$.lines[0].status: expected string"); empty when `value` conforms.
std::vector<std::string> schemaProblems(const Poco::Dynamic::Var& value,
                                        const Poco::JSON::Object::Ptr& schema,
                                        const Poco::JSON::Object::Ptr& document);

}  // namespace zc::http::openapi
