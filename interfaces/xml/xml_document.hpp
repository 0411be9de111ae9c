#pragma once
// Hardened XML intake on Xerces-C++ 3.2 (SAX2): schema validation against a grammar pool loaded
// once, DOCTYPE refused, no external entities or schema locations followed, limits on size,
// depth, element count and text length; the validated document becomes a small element tree
// (iWmo messages are small; the large WMO323 files of issue 4 get a streaming handler instead).
// All functions are thread-safe; a SchemaSet is immutable after construction.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zc::xml {

// One element: namespace URI, local name, its text (concatenated character data, trimmed of
// surrounding whitespace), child elements in document order and its attributes (local name and
// value, in document order; namespace declarations are not attributes).
struct Element {
    std::string ns;
    std::string name;
    std::string text;
    std::vector<Element> children;
    int line = 0;
    int column = 0;
    std::vector<std::pair<std::string, std::string>> attributes;

    // First child with this local name, or nullptr.
    const Element* child(std::string_view local_name) const;
    // All children with this local name.
    std::vector<const Element*> all(std::string_view local_name) const;
    // Text of the first child with this local name, or "" when absent.
    std::string childText(std::string_view local_name) const;
    // Value of the attribute with this local name, or "" when absent.
    std::string attribute(std::string_view local_name) const;
    // Follows a path of local names ("Header/BerichtIdentificatie/Identificatie"), or nullptr.
    const Element* find(std::string_view path) const;
};

struct Limits {
    std::size_t max_bytes = 10 * 1024 * 1024;
    std::size_t max_depth = 64;
    std::size_t max_elements = 100000;
    std::size_t max_text_bytes = 64 * 1024;  // per element
};

// Reason codes (registered in contracting/kernel/outcome_codes.hpp, listed in docs/errors.md):
//   XML_TOO_LARGE, XML_TOO_DEEP, XML_TOO_MANY_ELEMENTS, XML_TEXT_TOO_LONG  limits exceeded
//   XML_DOCTYPE            a DOCTYPE / DTD is present (refused before any entity is expanded)
//   XML_MALFORMED          not well-formed XML, or not UTF-8
//   XML_UNKNOWN_NAMESPACE  the root element's namespace has no schema in the set
//   XSD_INVALID            not valid against the schema
struct Problem {
    std::string code;
    std::string message;
    int line = 0;
    int column = 0;
};

struct ParseResult {
    std::optional<Element> root;  // set only when there are no problems
    std::vector<Problem> problems;
    bool ok() const { return problems.empty() && root.has_value(); }
};

// The XSDs of one folder (all *.xsd), loaded once into a locked grammar pool.
class SchemaSet {
  public:
    // Throws std::runtime_error naming the file when a schema does not load.
    explicit SchemaSet(const std::filesystem::path& dir);
    ~SchemaSet();
    SchemaSet(const SchemaSet&) = delete;
    SchemaSet& operator=(const SchemaSet&) = delete;

    // Target namespaces of the loaded schemas.
    const std::vector<std::string>& namespaces() const;

    struct Impl;
    const Impl& impl() const { return *impl_; }

  private:
    std::unique_ptr<Impl> impl_;
};

// Parses and validates `xml` against `schemas` within `limits`; never throws for bad input.
ParseResult parseAndValidate(const SchemaSet& schemas, std::string_view xml,
                             const Limits& limits = {});

// Writes XML text: escapes &, <, >, " and '; refuses characters not allowed in XML 1.0.
std::string escapeText(std::string_view text);

// A small streaming writer for the messages we emit. Namespace declarations are given by the
// caller on the root element; elements take a prefix ("wmo301:Header", "iwmo:Identificatie").
class XmlWriter {
  public:
    XmlWriter();
    XmlWriter& open(std::string_view qualified_name);
    // Attribute on the element just opened (before any child or text), e.g. xmlns:iwmo.
    XmlWriter& attribute(std::string_view name, std::string_view value);
    XmlWriter& text(std::string_view value);
    XmlWriter& close();
    // <name>value</name>
    XmlWriter& leaf(std::string_view qualified_name, std::string_view value);
    // Closes what is open and returns the document (with the XML declaration, UTF-8).
    std::string finish();

  private:
    void endStartTag();
    std::string out_;
    std::vector<std::string> open_;
    bool start_tag_open_ = false;
};

}  // namespace zc::xml
