#pragma once
// The API's form of a stored timestamp, for the audit rows the use cases write.
#include <string>

namespace zc::invoicing {

// "YYYY-MM-DD HH:MM:SS.ffffff" -> "YYYY-MM-DDTHH:MM:SSZ", as the API and the audit rows show it.
std::string isoTimestampText(const std::string& db_timestamp);

}  // namespace zc::invoicing
