#pragma once
// Text for SEPA payment files. SEPA's basic Latin character set is a-z A-Z 0-9 / - ? : ( ) . , '
// + and space; anything else needs a bilateral agreement with the bank, so we never send it.
#include <cstddef>
#include <string>
#include <string_view>

namespace zc::iso20022 {

// Maximum lengths (characters) of the SEPA fields we write.
inline constexpr std::size_t kMaxSepaNameChars = 70;         // Nm
inline constexpr std::size_t kMaxSepaRemittanceChars = 140;  // RmtInf/Ustrd
inline constexpr std::size_t kMaxSepaIdentifierChars = 35;   // MsgId, PmtInfId, EndToEndId

// True for the characters of the SEPA basic Latin set.
bool isSepaChar(char c);

// Free text (a name, a remittance line) in the SEPA character set, at most `max_chars` long.
// Transliterates: letters with diacritics lose them (é -> e, ë -> e, ç -> c), ligatures and
// special letters are spelled out (ĳ -> ij, ß -> ss, æ -> ae, ø -> o), & -> +, " and typographic
// quotes -> ', < [ { -> (, > ] } -> ), _ -> -, ; -> ,, dashes -> -, € -> EUR, … -> ...;
// combining marks, control characters and zero-width characters are dropped; any whitespace
// becomes a space, runs of spaces become one and the ends are trimmed; every other character
// becomes '?'. Then truncated to `max_chars` (trailing spaces trimmed again). The result can be
// empty. Deterministic and locale-independent.
// Throws ValidationError{"SEPA_INVALID_UTF8"} naming `field` when `utf8` is not valid UTF-8.
std::string toSepaText(std::string_view utf8, std::size_t max_chars, std::string_view field);

// True when `id` may be sent as-is as a SEPA identifier (MsgId, PmtInfId, EndToEndId): 1 to 35
// characters of the SEPA set, not starting or ending with '/' and without "//". Identifiers are
// never transliterated or truncated: that could make two of them equal.
bool isSepaIdentifier(std::string_view id);

}  // namespace zc::iso20022
