#pragma once
// The JSON of a claim line (declaratieregel) as the declaration answers show it, written straight
// into a string (JsonObjectWriter): a page of 50 lines as Poco objects cost more than its query.
#include <string>
#include <vector>

#include "billing/app/declarations.hpp"

namespace zc::http {

// One line: its fields by name, `cap_figures` null unless a cap rule failed (9321, 9322).
void appendClaimLineJson(const billing::ClaimLineRow& line, std::string& out);
// The lines as a JSON array.
void appendClaimLinesJson(const std::vector<billing::ClaimLineRow>& lines, std::string& out);

}  // namespace zc::http
