#pragma once
// Checks of real answers against the served OpenAPI document (GET /api/v1/openapi.json) for the
// e2e tests tests/e2e/openapi_test.cpp and openapi_flows_test.cpp.
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <string>
#include <vector>

#include "support/https_client.hpp"

namespace zc::e2e {

// The document as the server serves it (fetched once per process).
const Poco::JSON::Object::Ptr& servedOpenApi();

// The answer conforms to what the document says `method pattern` ("/contracts/{id}") answers
// with the answer's status and media type (JSON: its schema).
void expectConforms(const std::string& method, const std::string& pattern, const test::Response& r);

// GET/POST /api/v1 + `pattern` with its placeholders filled by `values` in order, checked with
// expectConforms; a GET must also answer 200.
test::Response checkedGet(const std::string& pattern, const test::Headers& who,
                          const std::vector<std::string>& values = {},
                          const std::string& query = "");
test::Response checkedPost(const std::string& pattern, const Poco::Dynamic::Var& body,
                           const test::Headers& who, const std::vector<std::string>& values = {});

// The "id" (or `key`) of a list's first item as text, "" when the list is empty.
std::string firstId(const test::Response& list, const std::string& key = "id");
// The id of the provider with this AGB code.
std::int64_t providerIdOf(const std::string& agb);

}  // namespace zc::e2e
