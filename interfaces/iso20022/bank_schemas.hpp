#pragma once
// Our ISO 20022 XSDs (pain.001 and camt.053), loaded once at start-up and shared by the camt.053
// import and the pain.001 check.
#include <filesystem>

#include "interfaces/xml/xml_document.hpp"

namespace zc::iso20022 {

// Loads the XSDs from `dir` (interfaces/xml/schemas/iso20022).
void setBankSchemas(const std::filesystem::path& dir);
// The loaded XSDs; std::runtime_error before setBankSchemas.
const xml::SchemaSet& bankSchemas();

}  // namespace zc::iso20022
