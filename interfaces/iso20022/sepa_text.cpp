#include "interfaces/iso20022/sepa_text.hpp"

#include <array>
#include <optional>

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/utf8.hpp"

namespace zc::iso20022 {
namespace {

// What replaces a character we cannot transliterate. '?' is in the SEPA set and makes the loss
// visible to the reader of the bank statement.
constexpr char kUnknown = '?';

// U+00C0..U+017F (Latin-1 Supplement letters and Latin Extended-A) without diacritics. Generated
// from the Unicode decompositions; letters without one are spelled out (Æ AE, Ø O, ß ss, Þ TH,
// Ð D, Ł L, Ĳ IJ, Œ OE, ŉ 'n, ſ s); × and ÷ become x and /.
constexpr std::array<const char*, 0x180 - 0xC0> kLatin = {
    "A", "A", "A",  "A",  "A", "A", "AE", "C", "E", "E",  "E", "E", "I", "I", "I",  "I",   // C0
    "D", "N", "O",  "O",  "O", "O", "O",  "x", "O", "U",  "U", "U", "U", "Y", "TH", "ss",  // D0
    "a", "a", "a",  "a",  "a", "a", "ae", "c", "e", "e",  "e", "e", "i", "i", "i",  "i",   // E0
    "d", "n", "o",  "o",  "o", "o", "o",  "/", "o", "u",  "u", "u", "u", "y", "th", "y",   // F0
    "A", "a", "A",  "a",  "A", "a", "C",  "c", "C", "c",  "C", "c", "C", "c", "D",  "d",   // 100
    "D", "d", "E",  "e",  "E", "e", "E",  "e", "E", "e",  "E", "e", "G", "g", "G",  "g",   // 110
    "G", "g", "G",  "g",  "H", "h", "H",  "h", "I", "i",  "I", "i", "I", "i", "I",  "i",   // 120
    "I", "i", "IJ", "ij", "J", "j", "K",  "k", "q", "L",  "l", "L", "l", "L", "l",  "L",   // 130
    "l", "L", "l",  "N",  "n", "N", "n",  "N", "n", "'n", "N", "n", "O", "o", "O",  "o",   // 140
    "O", "o", "OE", "oe", "R", "r", "R",  "r", "R", "r",  "S", "s", "S", "s", "S",  "s",   // 150
    "S", "s", "T",  "t",  "T", "t", "T",  "t", "U", "u",  "U", "u", "U", "u", "U",  "u",   // 160
    "U", "u", "U",  "u",  "W", "w", "Y",  "y", "Y", "Z",  "z", "Z", "z", "Z", "z",  "s",   // 170
};

bool isWhitespace(char32_t c) {
    return c == '\t' || c == '\n' || c == '\r' || c == ' ' || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

// Characters that carry nothing visible: controls, the soft hyphen, combining marks, zero-width
// characters and the byte-order mark.
bool isDropped(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0xAD || (c >= 0x300 && c <= 0x36F) ||
           (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF;
}

// The replacement of an ASCII character outside the SEPA set.
const char* asciiReplacement(char c) {
    switch (c) {
        case '&':
            return "+";
        case '"':
        case '`':
            return "'";
        case '<':
        case '[':
        case '{':
            return "(";
        case '>':
        case ']':
        case '}':
            return ")";
        case '_':
            return "-";
        case ';':
            return ",";
        case '!':
            return ".";
        case '\\':
        case '|':
            return "/";
        default:
            return "?";
    }
}

// The replacement of a non-ASCII, non-whitespace, not dropped character.
std::string_view unicodeReplacement(char32_t c) {
    if (c >= 0xC0 && c < 0x180) return kLatin[c - 0xC0];
    switch (c) {
        case 0xAB:    // «
        case 0xBB:    // »
        case 0xB4:    // acute accent
        case 0x2018:  // ‘
        case 0x2019:  // ’
        case 0x201A:  // ‚
        case 0x201B:  // ‛
        case 0x201C:  // “
        case 0x201D:  // ”
        case 0x201E:  // „
        case 0x2032:  // ′
        case 0x2039:  // ‹
        case 0x203A:  // ›
            return "'";
        case 0x2010:  // hyphen
        case 0x2011:  // non-breaking hyphen
        case 0x2012:  // figure dash
        case 0x2013:  // –
        case 0x2014:  // —
        case 0x2015:  // horizontal bar
        case 0x2212:  // minus sign
            return "-";
        case 0xB7:    // middle dot
        case 0x2022:  // bullet
            return ".";
        case 0x2026:  // …
            return "...";
        case 0x20AC:  // €
            return "EUR";
        default:
            return std::string_view(&kUnknown, 1);
    }
}

// Appends `piece` to `out`, turning whitespace into at most one space between words.
void appendCollapsed(std::string& out, std::string_view piece) {
    for (char c : piece) {
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out += c;
    }
}

void trimTrailingSpace(std::string& s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
}

}  // namespace

bool isSepaChar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    switch (c) {
        case '/':
        case '-':
        case '?':
        case ':':
        case '(':
        case ')':
        case '.':
        case ',':
        case '\'':
        case '+':
        case ' ':
            return true;
        default:
            return false;
    }
}

std::string toSepaText(std::string_view utf8, std::size_t max_chars, std::string_view field) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        const std::optional<char32_t> decoded = decodeUtf8(utf8, i);
        if (!decoded) {
            throw ValidationError("SEPA_INVALID_UTF8", "Text is not valid UTF-8.",
                                  std::string(field));
        }
        const char32_t c = *decoded;
        if (isWhitespace(c)) {
            appendCollapsed(out, " ");
        } else if (isDropped(c)) {
            continue;
        } else if (c < 0x80) {
            const char ascii = static_cast<char>(c);
            appendCollapsed(
                out, isSepaChar(ascii) ? std::string_view(&ascii, 1) : asciiReplacement(ascii));
        } else {
            appendCollapsed(out, unicodeReplacement(c));
        }
    }
    if (out.size() > max_chars) out.resize(max_chars);
    trimTrailingSpace(out);
    return out;
}

bool isSepaIdentifier(std::string_view id) {
    if (id.empty() || id.size() > kMaxSepaIdentifierChars) return false;
    if (id.front() == '/' || id.back() == '/' || id.find("//") != std::string_view::npos) {
        return false;
    }
    for (char c : id) {
        if (!isSepaChar(c)) return false;
    }
    return true;
}

}  // namespace zc::iso20022
