#pragma once
// The compact notation in which the API's request and answer shapes are written
// (openapi_shapes_*.cpp), turned into JSON Schema 2020-12 as OpenAPI 3.1 uses it.
//
//   type   := base ['?'] ['"description"']     '?' = may also be null
//   base   := str | int | num | bool | date | time | cents | any | obj
//           | '{' [field {',' field}] [',' '*'] '}'   an object; '*' = more keys allowed
//           | '[' type ']'                             an array of type
//           | '@' Name                                 components/schemas/Name
//           | '(' word {'|' word} ')'                  one of these strings
//   field  := name ['~'] ':' type                      '~' = the key may be absent
//
// date is YYYY-MM-DD (format date); time a UTC time stamp as text; cents an integer amount in
// euro cents. An object of an answer is closed (additionalProperties false) unless it ends in
// '*'; an object of a request is open (the server ignores keys it does not read).
#include <Poco/JSON/Object.h>

#include <string_view>

namespace zc::http::openapi {

// The schema of `notation`; std::invalid_argument naming the position when it does not parse.
Poco::JSON::Object::Ptr schemaOf(std::string_view notation, bool closed_objects);

}  // namespace zc::http::openapi
