#pragma once
// One text field of a CSV export (RFC 4180), safe to open in a spreadsheet.
#include <string>

namespace zc::http {

// A field with a comma, quote or line break is quoted, quotes doubled. A value that a spreadsheet
// would take for a formula (starting with =, +, -, @, a tab or a carriage return) is neutralised
// with a leading apostrophe ("=SUM(A1)" becomes "'=SUM(A1)"), so an exported name or note never
// runs as a formula. For text only: numbers (amounts in cents may be negative) are written as
// they are.
std::string csvField(const std::string& s);

}  // namespace zc::http
