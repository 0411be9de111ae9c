#include "interfaces/xml/xerces_util.hpp"

#include <mutex>
#include <xercesc/util/PlatformUtils.hpp>
#include <xercesc/util/TransService.hpp>

namespace zc::xml::detail {

using namespace xercesc;

void ensureXercesInitialised() {
    static std::once_flag once;
    std::call_once(once, [] { XMLPlatformUtils::Initialize(); });
}

std::string toUtf8(const XMLCh* text) {
    if (text == nullptr) return {};
    return toUtf8(text, XMLString::stringLen(text));
}

std::string toUtf8(const XMLCh* text, XMLSize_t length) {
    std::string out;
    appendUtf8(out, text, length);
    return out;
}

void appendUtf8(std::string& out, const XMLCh* text, XMLSize_t length) {
    if (text == nullptr || length == 0) return;
    // XMLCh is UTF-16; convert by hand so no transcoder (and no local code page) is involved.
    // Most text is ASCII: that prefix is copied in one go.
    XMLSize_t ascii = 0;
    while (ascii < length && text[ascii] < 0x80) ++ascii;
    const std::size_t at = out.size();
    out.resize(at + ascii);
    char* to = out.data() + at;
    for (XMLSize_t i = 0; i < ascii; ++i) to[i] = static_cast<char>(text[i]);
    if (ascii == length) return;
    out.reserve(out.size() + (length - ascii) * 3);
    for (XMLSize_t i = ascii; i < length; ++i) {
        char32_t c = text[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < length && text[i + 1] >= 0xDC00 &&
            text[i + 1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
            ++i;
        }
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
}

std::u16string toXmlCh(std::string_view utf8) {
    // Only used for our own ASCII/UTF-8 strings (paths, feature names); invalid bytes map to
    // U+FFFD.
    std::u16string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        char32_t c = 0xFFFD;
        std::size_t n = 1;
        if (b < 0x80) {
            c = b;
        } else if ((b & 0xE0) == 0xC0 && i + 1 < utf8.size()) {
            c = ((b & 0x1F) << 6) | (utf8[i + 1] & 0x3F);
            n = 2;
        } else if ((b & 0xF0) == 0xE0 && i + 2 < utf8.size()) {
            c = ((b & 0x0F) << 12) | ((utf8[i + 1] & 0x3F) << 6) | (utf8[i + 2] & 0x3F);
            n = 3;
        } else if ((b & 0xF8) == 0xF0 && i + 3 < utf8.size()) {
            c = ((b & 0x07) << 18) | ((utf8[i + 1] & 0x3F) << 12) | ((utf8[i + 2] & 0x3F) << 6) |
                (utf8[i + 3] & 0x3F);
            n = 4;
        }
        i += n;
        if (c >= 0x10000) {
            c -= 0x10000;
            out += static_cast<char16_t>(0xD800 + (c >> 10));
            out += static_cast<char16_t>(0xDC00 + (c & 0x3FF));
        } else {
            out += static_cast<char16_t>(c);
        }
    }
    return out;
}

bool prologHasDoctype(std::string_view xml) {
    std::size_t at = xml.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    for (;;) {
        at = xml.find_first_not_of(" \t\r\n", at);
        if (at == std::string_view::npos) return false;
        const std::string_view rest = xml.substr(at);
        if (rest.rfind("<!DOCTYPE", 0) == 0) return true;
        const bool pi = rest.rfind("<?", 0) == 0;
        const bool comment = rest.rfind("<!--", 0) == 0;
        if (!pi && !comment) return false;
        const std::size_t end = xml.find(pi ? "?>" : "-->", at + 2);
        if (end == std::string_view::npos) return false;
        at = end + (pi ? 2 : 3);
    }
}

}  // namespace zc::xml::detail
