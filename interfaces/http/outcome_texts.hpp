#pragma once
// What the outcome registry (contracting/kernel/outcome_codes.hpp) generates: docs/errors.md,
// the table of every code with its HTTP status and texts, and interfaces/web/js/error_texts.js,
// the web application's generic error texts. `zorgcontract outcome-codes markdown|js` prints
// them (scripts/generate-outcome-texts.sh writes both files); a unit test checks that the
// committed files equal what the registry generates.
#include <string>

namespace zc::http {

std::string outcomeCodesMarkdown();
std::string outcomeCodesJavaScript();

}  // namespace zc::http
