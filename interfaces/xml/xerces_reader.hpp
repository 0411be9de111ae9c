#pragma once
// Private to interfaces/xml: the hardened Xerces SAX2 reader shared by parseAndValidate (whole
// tree) and streamValidate (one record at a time). See stack-notes.md, "Xerces-C++ 3.2.4,
// hardened", for why each setting is there.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>
#include <xercesc/sax2/SAX2XMLReader.hpp>
#include <xercesc/util/SecurityManager.hpp>

#include "interfaces/xml/xml_document.hpp"

namespace zc::xml::detail {

// A DOCTYPE could only ever declare entities, so none are needed in a well-behaved message;
// the DOCTYPE itself is refused, this limit is a second line of defence.
inline constexpr XMLSize_t kEntityExpansionLimit = 16;
// Only the first few validation or syntax errors are kept: Xerces stops at the first one
// anyway (validation errors are fatal), this bounds memory if that ever changes.
inline constexpr std::size_t kMaxProblems = 20;

// Thrown from our handlers (or input streams) to stop Xerces at once; carries the reason code.
struct Abort {
    Problem problem;
};

// `s` without surrounding spaces, tabs and line breaks.
std::string trimmed(const std::string& s);

// The problem for a Xerces error or fatal error.
Problem problemOf(const char* code, const xercesc::SAXParseException& e);

// Copies the attributes of a start tag into `element`; their values together count against
// `limits.max_text_bytes` (XML_TEXT_TOO_LONG, thrown as Abort at `line`/`column`).
void copyAttributes(const xercesc::Attributes& attributes, const Limits& limits, int line,
                    int column, Element& element);

struct ReaderDeleter {
    void operator()(xercesc::SAX2XMLReader* reader) const { delete reader; }
};
using ReaderPtr = std::unique_ptr<xercesc::SAX2XMLReader, ReaderDeleter>;

// A reader on the set's locked pool with `handler` as content, error, entity and lexical
// handler; DOCTYPE refusal is the handler's job (throw Abort from startDTD/resolveEntity).
// With `validate` false it only checks well-formedness (used to probe the root namespace).
ReaderPtr makeReader(const SchemaSet& schemas, xercesc::DefaultHandler& handler,
                     xercesc::SecurityManager& security, bool validate);

// Runs `parse` and maps what stops Xerces (Abort, out of memory, XMLException, SAXException)
// to one problem; nullopt when `parse` returned normally. Other exceptions propagate.
std::optional<Problem> guardedParse(const std::function<void()>& parse);

// Xerces reports "no grammar found" for the root before the content handler sees it. When
// `problems` starts with such an XSD_INVALID (reported before the root element started), a
// non-validating pass over `prefix` (the document, or at least its first bytes up to the root
// start tag) finds out whether the root namespace is the cause and then replaces the problems
// with XML_UNKNOWN_NAMESPACE.
void explainRootFailure(const SchemaSet& schemas, std::string_view prefix, const Limits& limits,
                        std::vector<Problem>& problems);

}  // namespace zc::xml::detail
