#pragma once
// A provider's statement (rekeningoverzicht) in JSON: its page of lines and payments with the
// period's totals, written straight into the answer's text (JsonObjectWriter; issue 17).
#include <string>

#include "invoicing/app/provider_statements.hpp"

namespace zc::http {

void appendStatementJson(const invoicing::ProviderStatement& s, std::string& out);

}  // namespace zc::http
