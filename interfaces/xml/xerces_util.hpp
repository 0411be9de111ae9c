#pragma once
// Private helpers for the Xerces wrapper: one-time initialisation and UTF-8 <-> XMLCh conversion.
#include <string>
#include <string_view>
#include <xercesc/util/XercesDefs.hpp>

namespace zc::xml::detail {

// Initialises Xerces once per process (thread-safe). Terminate is never called: grammar pools
// and readers may live until exit, and the OS reclaims the memory.
void ensureXercesInitialised();

// UTF-16 (XMLCh) to UTF-8; nullptr gives "".
std::string toUtf8(const XMLCh* text);
std::string toUtf8(const XMLCh* text, XMLSize_t length);
// Appends the UTF-8 form of `length` UTF-16 units to `out`.
void appendUtf8(std::string& out, const XMLCh* text, XMLSize_t length);

// Whether the prolog (what comes before the root element: a BOM, white space, the XML
// declaration, processing instructions and comments) holds a DOCTYPE. Xerces reports a DOCTYPE
// without an internal subset or external identifier to no handler, so it is looked for here.
bool prologHasDoctype(std::string_view xml);

// UTF-8 to a null-terminated XMLCh string.
std::u16string toXmlCh(std::string_view utf8);

}  // namespace zc::xml::detail
