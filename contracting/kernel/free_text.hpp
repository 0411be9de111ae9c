#pragma once
// The one rule for text people type (names, reasons, labels, descriptions): well-formed UTF-8
// without characters that hide or disguise what is shown. Refused: NUL and the other control
// characters (C0 except tab, line feed and carriage return; DEL; C1), the bidirectional
// overrides and isolates (U+202A..U+202E, U+2066..U+2069, which can make a name read
// backwards), and a value of only white space.
#include <optional>
#include <string>
#include <string_view>

namespace zc {

// Why `text` is not acceptable free text, or nothing. The empty string is acceptable (whether
// a field may be empty is the field's rule).
std::optional<std::string> freeTextProblem(std::string_view text);

}  // namespace zc
