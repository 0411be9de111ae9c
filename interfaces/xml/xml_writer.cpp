#include <stdexcept>
#include <string>

#include "contracting/kernel/utf8.hpp"
#include "interfaces/xml/xml_document.hpp"

namespace zc::xml {

namespace {

// The code point at `i` (advancing `i`); throws for malformed UTF-8.
char32_t codePointAt(std::string_view s, std::size_t& i) {
    const auto c = decodeUtf8(s, i);
    if (!c) throw std::invalid_argument("escapeText: invalid UTF-8");
    return *c;
}

// XML 1.0 Char production.
bool isXmlChar(char32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

}  // namespace

std::string escapeText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const char32_t c = codePointAt(text, i);
        if (!isXmlChar(c)) {
            throw std::invalid_argument("escapeText: code point " +
                                        std::to_string(static_cast<unsigned long>(c)) +
                                        " is not allowed in XML 1.0");
        }
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                out.append(text.substr(start, i - start));
        }
    }
    return out;
}

XmlWriter::XmlWriter() = default;

void XmlWriter::endStartTag() {
    if (start_tag_open_) {
        out_ += '>';
        start_tag_open_ = false;
    }
}

XmlWriter& XmlWriter::open(std::string_view qualified_name) {
    endStartTag();
    out_ += '<';
    out_ += qualified_name;
    open_.emplace_back(qualified_name);
    start_tag_open_ = true;
    return *this;
}

XmlWriter& XmlWriter::attribute(std::string_view name, std::string_view value) {
    if (!start_tag_open_) throw std::logic_error("XmlWriter: attribute outside a start tag");
    out_ += ' ';
    out_ += name;
    out_ += "=\"";
    out_ += escapeText(value);
    out_ += '"';
    return *this;
}

XmlWriter& XmlWriter::text(std::string_view value) {
    if (open_.empty()) throw std::logic_error("XmlWriter: text outside an element");
    endStartTag();
    out_ += escapeText(value);
    return *this;
}

XmlWriter& XmlWriter::close() {
    if (open_.empty()) throw std::logic_error("XmlWriter: close without an open element");
    if (start_tag_open_) {
        out_ += "/>";
        start_tag_open_ = false;
    } else {
        out_ += "</";
        out_ += open_.back();
        out_ += '>';
    }
    open_.pop_back();
    return *this;
}

XmlWriter& XmlWriter::leaf(std::string_view qualified_name, std::string_view value) {
    return open(qualified_name).text(value).close();
}

std::string XmlWriter::finish() {
    while (!open_.empty()) close();
    std::string document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    document += out_;
    out_.clear();
    return document;
}

}  // namespace zc::xml
