#include "interfaces/xml/xml_document.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/framework/XMLGrammarPoolImpl.hpp>
#include <xercesc/sax/EntityResolver.hpp>
#include <xercesc/sax/Locator.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>
#include <xercesc/sax2/SAX2XMLReader.hpp>
#include <xercesc/sax2/XMLReaderFactory.hpp>
#include <xercesc/util/OutOfMemoryException.hpp>
#include <xercesc/util/SecurityManager.hpp>
#include <xercesc/util/XMLException.hpp>
#include <xercesc/util/XMLUni.hpp>
#include <xercesc/validators/common/Grammar.hpp>
#include <xercesc/validators/datatype/DatatypeValidatorFactory.hpp>
#include <xercesc/validators/schema/ComplexTypeInfo.hpp>
#include <xercesc/validators/schema/SchemaElementDecl.hpp>
#include <xercesc/validators/schema/SchemaGrammar.hpp>

#include "interfaces/xml/xerces_reader.hpp"
#include "interfaces/xml/xerces_util.hpp"

namespace zc::xml {

using namespace xercesc;
using detail::Abort;
using detail::kEntityExpansionLimit;
using detail::kMaxProblems;
using detail::ReaderPtr;
using detail::toUtf8;
using detail::toXmlCh;
using detail::trimmed;

namespace {

const XMLCh* X(const std::u16string& s) { return reinterpret_cast<const XMLCh*>(s.c_str()); }

// Thrown by a namespace probe once the root element has been seen.
struct RootSeen {
    std::string ns;
};

// Every SAX callback we need: tree building with limits, DOCTYPE and entity refusal, errors.
class Handler final : public DefaultHandler {
  public:
    // A probe only reports the root element's namespace (by throwing RootSeen).
    Handler(const std::vector<std::string>& namespaces, const Limits& limits, bool probe = false)
        : namespaces_(namespaces), limits_(limits), probe_(probe) {}

    void setDocumentLocator(const Locator* locator) override { locator_ = locator; }

    void startElement(const XMLCh* uri, const XMLCh* local_name, const XMLCh*,
                      const Attributes& attributes) override {
        if (!root_started_) {
            root_started_ = true;
            std::string ns = toUtf8(uri);
            if (probe_) throw RootSeen{std::move(ns)};
            if (std::find(namespaces_.begin(), namespaces_.end(), ns) == namespaces_.end()) {
                abort("XML_UNKNOWN_NAMESPACE",
                      "root element namespace '" + ns + "' has no schema in the set");
            }
        }
        if (stack_.size() + 1 > limits_.max_depth) {
            abort("XML_TOO_DEEP", "nesting deeper than " + std::to_string(limits_.max_depth));
        }
        if (++element_count_ > limits_.max_elements) {
            abort("XML_TOO_MANY_ELEMENTS",
                  "more than " + std::to_string(limits_.max_elements) + " elements");
        }
        Element element;
        element.ns = toUtf8(uri);
        element.name = toUtf8(local_name);
        element.line = line();
        element.column = column();
        detail::copyAttributes(attributes, limits_, element.line, element.column, element);
        stack_.push_back(std::move(element));
    }

    void endElement(const XMLCh*, const XMLCh*, const XMLCh*) override {
        Element element = std::move(stack_.back());
        stack_.pop_back();
        element.text = trimmed(element.text);
        if (stack_.empty()) {
            root_ = std::move(element);
        } else {
            stack_.back().children.push_back(std::move(element));
        }
    }

    void characters(const XMLCh* chars, const XMLSize_t length) override {
        if (stack_.empty()) return;
        std::string& text = stack_.back().text;
        // A UTF-16 unit never becomes fewer UTF-8 bytes, so the length is checked first.
        const std::string chunk =
            text.size() + length > limits_.max_text_bytes ? std::string() : toUtf8(chars, length);
        if (text.size() + length > limits_.max_text_bytes ||
            text.size() + chunk.size() > limits_.max_text_bytes) {
            abort("XML_TEXT_TOO_LONG",
                  "element text longer than " + std::to_string(limits_.max_text_bytes) + " bytes");
        }
        text += chunk;
    }

    void startDTD(const XMLCh*, const XMLCh*, const XMLCh*) override {
        abort("XML_DOCTYPE", "a DOCTYPE is not allowed");
    }

    InputSource* resolveEntity(const XMLCh*, const XMLCh* system_id) override {
        abort("XML_DOCTYPE", "external entity refused: " + toUtf8(system_id));
    }

    void warning(const SAXParseException&) override {}
    void error(const SAXParseException& e) override { record("XSD_INVALID", e); }
    void fatalError(const SAXParseException& e) override { record("XML_MALFORMED", e); }

    bool rootStarted() const { return root_started_; }
    std::optional<Element>& root() { return root_; }
    std::vector<Problem>& problems() { return problems_; }

  private:
    [[noreturn]] void abort(std::string code, std::string message) {
        throw Abort{Problem{std::move(code), std::move(message), line(), column()}};
    }

    void record(const char* code, const SAXParseException& e) {
        if (problems_.size() >= kMaxProblems) return;
        problems_.push_back(detail::problemOf(code, e));
    }

    int line() const { return locator_ ? static_cast<int>(locator_->getLineNumber()) : 0; }
    int column() const { return locator_ ? static_cast<int>(locator_->getColumnNumber()) : 0; }

    const std::vector<std::string>& namespaces_;
    const Limits& limits_;
    const bool probe_;
    const Locator* locator_ = nullptr;
    bool root_started_ = false;
    std::size_t element_count_ = 0;
    std::vector<Element> stack_;
    std::optional<Element> root_;
    std::vector<Problem> problems_;
};

// Collects the problems of one schema file while it is loaded.
class LoadErrors final : public DefaultHandler {
  public:
    void warning(const SAXParseException&) override {}
    void error(const SAXParseException& e) override { add(e); }
    void fatalError(const SAXParseException& e) override { add(e); }
    const std::string& text() const { return text_; }

  private:
    void add(const SAXParseException& e) {
        text_ += " line " + std::to_string(e.getLineNumber()) + ": " + toUtf8(e.getMessage());
    }
    std::string text_;
};

}  // namespace

struct SchemaSet::Impl {
    std::unique_ptr<XMLGrammarPoolImpl> pool;
    std::vector<std::string> namespaces;
};

namespace {

void loadSchemaFile(XMLGrammarPoolImpl& pool, const std::filesystem::path& file) {
    ReaderPtr reader(XMLReaderFactory::createXMLReader(XMLPlatformUtils::fgMemoryManager, &pool));
    reader->setFeature(XMLUni::fgSAX2CoreNameSpaces, true);
    reader->setFeature(XMLUni::fgXercesSchema, true);
    reader->setFeature(XMLUni::fgXercesSchemaFullChecking, true);
    reader->setFeature(XMLUni::fgXercesHandleMultipleImports, true);
    reader->setFeature(XMLUni::fgXercesUseCachedGrammarInParse, true);
    reader->setFeature(XMLUni::fgXercesLoadExternalDTD, false);
    LoadErrors errors;
    reader->setErrorHandler(&errors);
    Grammar* grammar = nullptr;
    try {
        const std::u16string path = toXmlCh(file.string());
        grammar = reader->loadGrammar(X(path), Grammar::SchemaGrammarType, true);
    } catch (const XMLException& e) {
        throw std::runtime_error("schema " + file.string() + ": " + toUtf8(e.getMessage()));
    } catch (const SAXException& e) {
        throw std::runtime_error("schema " + file.string() + ": " + toUtf8(e.getMessage()));
    }
    if (grammar == nullptr || !errors.text().empty()) {
        throw std::runtime_error("schema " + file.string() + " does not load:" + errors.text());
    }
}

// Xerces compiles a pattern facet's regular expression lazily, on its first match, and that
// first compilation is not thread-safe: two threads validating at once could see a valid value
// refused. Matching every pattern once here, before the pool is shared, compiles them all.
void compilePatterns(XMLGrammarPoolImpl& pool) {
    // Probes of several character classes, long enough to reach every part of a pattern.
    const std::u16string probes[] = {u"x", u"Ab cd 12\u00e9-.,/", u"12345678", u"0", u"NL"};
    RefHashTableOfEnumerator<Grammar> grammars = pool.getGrammarEnumerator();
    while (grammars.hasMoreElements()) {
        Grammar& grammar = grammars.nextElement();
        if (grammar.getGrammarType() != Grammar::SchemaGrammarType) continue;
        auto* registry = static_cast<SchemaGrammar&>(grammar).getDatatypeRegistry();
        DVHashTable* table = registry ? registry->getUserDefinedRegistry() : nullptr;
        if (!table) continue;
        RefHashTableOfEnumerator<DatatypeValidator> validators(table, false,
                                                               XMLPlatformUtils::fgMemoryManager);
        while (validators.hasMoreElements()) {
            DatatypeValidator& v = validators.nextElement();
            // Validating any value runs the pattern match (and so compiles it); the probe's
            // verdict does not matter.
            for (const auto& probe : probes) {
                try {
                    v.validate(X(probe), nullptr, XMLPlatformUtils::fgMemoryManager);
                } catch (...) {
                }
            }
        }
    }
}

// Xerces also builds a complex type's content model (and its printable form, used in error
// messages) lazily, on the first element of that type, in the shared grammar: two threads meeting
// a type first at once both build it and one model is lost (found by the ASan build). Building
// every model here, before the pool is shared, leaves the parses nothing to write into it.
void buildContentModels(XMLGrammarPoolImpl& pool) {
    RefHashTableOfEnumerator<Grammar> grammars = pool.getGrammarEnumerator();
    while (grammars.hasMoreElements()) {
        Grammar& grammar = grammars.nextElement();
        if (grammar.getGrammarType() != Grammar::SchemaGrammarType) continue;
        auto& schema = static_cast<SchemaGrammar&>(grammar);
        if (RefHashTableOf<ComplexTypeInfo>* types = schema.getComplexTypeRegistry()) {
            RefHashTableOfEnumerator<ComplexTypeInfo> each(types, false,
                                                           XMLPlatformUtils::fgMemoryManager);
            while (each.hasMoreElements()) {
                ComplexTypeInfo& type = each.nextElement();
                type.getContentModel();
                type.getFormattedContentModel();
            }
        }
        RefHash3KeysIdPoolEnumerator<SchemaElementDecl> elements = schema.getElemEnumerator();
        while (elements.hasMoreElements()) {
            SchemaElementDecl& element = elements.nextElement();
            element.getContentModel();
            element.getFormattedContentModel();
        }
    }
}

}  // namespace

SchemaSet::SchemaSet(const std::filesystem::path& dir) : impl_(std::make_unique<Impl>()) {
    detail::ensureXercesInitialised();
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".xsd") {
            files.push_back(entry.path());
        }
    }
    if (files.empty()) throw std::runtime_error("no *.xsd in " + dir.string());
    // Sorted for a deterministic load order; imports already in the pool are reused.
    std::sort(files.begin(), files.end());
    impl_->pool = std::make_unique<XMLGrammarPoolImpl>(XMLPlatformUtils::fgMemoryManager);
    for (const auto& file : files) loadSchemaFile(*impl_->pool, file);
    impl_->pool->lockPool();
    compilePatterns(*impl_->pool);
    buildContentModels(*impl_->pool);

    RefHashTableOfEnumerator<Grammar> grammars = impl_->pool->getGrammarEnumerator();
    while (grammars.hasMoreElements()) {
        Grammar& grammar = grammars.nextElement();
        if (grammar.getGrammarType() != Grammar::SchemaGrammarType) continue;
        std::string ns = toUtf8(grammar.getTargetNamespace());
        if (std::find(impl_->namespaces.begin(), impl_->namespaces.end(), ns) ==
            impl_->namespaces.end()) {
            impl_->namespaces.push_back(std::move(ns));
        }
    }
    std::sort(impl_->namespaces.begin(), impl_->namespaces.end());
}

SchemaSet::~SchemaSet() = default;

const std::vector<std::string>& SchemaSet::namespaces() const { return impl_->namespaces; }

namespace detail {

std::string trimmed(const std::string& s) {
    constexpr std::string_view kSpace = " \t\n\r";
    const std::size_t begin = s.find_first_not_of(kSpace);
    if (begin == std::string::npos) return {};
    return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

void copyAttributes(const Attributes& attributes, const Limits& limits, int line, int column,
                    Element& element) {
    std::size_t bytes = 0;
    for (XMLSize_t i = 0; i < attributes.getLength(); ++i) {
        std::string value = toUtf8(attributes.getValue(i));
        bytes += value.size();
        if (bytes > limits.max_text_bytes) {
            throw Abort{Problem{
                "XML_TEXT_TOO_LONG",
                "attribute values longer than " + std::to_string(limits.max_text_bytes) + " bytes",
                line, column}};
        }
        element.attributes.emplace_back(toUtf8(attributes.getLocalName(i)), std::move(value));
    }
}

Problem problemOf(const char* code, const SAXParseException& e) {
    return Problem{code, toUtf8(e.getMessage()), static_cast<int>(e.getLineNumber()),
                   static_cast<int>(e.getColumnNumber())};
}

// A validating reader on the set's locked pool, hardened as described in stack-notes.md.
ReaderPtr makeReader(const SchemaSet& schemas, DefaultHandler& handler, SecurityManager& security,
                     bool validate) {
    ReaderPtr reader(XMLReaderFactory::createXMLReader(XMLPlatformUtils::fgMemoryManager,
                                                       schemas.impl().pool.get()));
    reader->setFeature(XMLUni::fgSAX2CoreValidation, validate);
    reader->setFeature(XMLUni::fgSAX2CoreNameSpaces, true);
    reader->setFeature(XMLUni::fgXercesDynamic, false);
    reader->setFeature(XMLUni::fgXercesSchema, validate);
    reader->setFeature(XMLUni::fgXercesSchemaFullChecking, false);
    reader->setFeature(XMLUni::fgXercesUseCachedGrammarInParse, true);
    reader->setFeature(XMLUni::fgXercesLoadSchema, false);
    reader->setFeature(XMLUni::fgXercesLoadExternalDTD, false);
    reader->setFeature(XMLUni::fgXercesDisableDefaultEntityResolution, true);
    reader->setFeature(XMLUni::fgXercesValidationErrorAsFatal, true);
    reader->setProperty(XMLUni::fgXercesSecurityManager, &security);
    reader->setContentHandler(&handler);
    reader->setErrorHandler(&handler);
    reader->setEntityResolver(&handler);
    reader->setLexicalHandler(&handler);
    return reader;
}

std::optional<Problem> guardedParse(const std::function<void()>& parse) {
    try {
        parse();
    } catch (const Abort& abort) {
        return abort.problem;
    } catch (const OutOfMemoryException&) {
        return Problem{"XML_TOO_LARGE", "out of memory while parsing", 0, 0};
    } catch (const XMLException& e) {
        return Problem{"XML_MALFORMED", toUtf8(e.getMessage()), static_cast<int>(e.getSrcLine()),
                       0};
    } catch (const SAXException& e) {
        return Problem{"XML_MALFORMED", toUtf8(e.getMessage()), 0, 0};
    }
    return std::nullopt;
}

}  // namespace detail

namespace {

void parseWith(const SchemaSet& schemas, Handler& handler, std::string_view xml, bool validate) {
    SecurityManager security;
    security.setEntityExpansionLimit(kEntityExpansionLimit);
    ReaderPtr reader = detail::makeReader(schemas, handler, security, validate);
    MemBufInputSource source(reinterpret_cast<const XMLByte*>(xml.data()), xml.size(), "message",
                             false);
    // Messages are UTF-8 by contract; a declaration claiming otherwise is not honoured.
    source.setEncoding(XMLUni::fgUTF8EncodingString);
    reader->parse(source);
}

// Xerces reports "no grammar found" for the root before the content handler sees it, so when
// validation failed before the root element was reported, a non-validating pass finds out
// whether the namespace is the cause. Runs only on that failure path.
std::optional<std::string> rootNamespace(const SchemaSet& schemas, std::string_view xml,
                                         const Limits& limits) {
    Handler probe(schemas.namespaces(), limits, true);
    try {
        parseWith(schemas, probe, xml, false);
    } catch (const RootSeen& seen) {
        return seen.ns;
    } catch (...) {
        // Anything else means the probe did not reach the root; keep the original problem.
    }
    return std::nullopt;
}

}  // namespace

void detail::explainRootFailure(const SchemaSet& schemas, std::string_view prefix,
                                const Limits& limits, std::vector<Problem>& problems) {
    if (problems.empty() || problems.front().code != "XSD_INVALID") return;
    const std::optional<std::string> ns = rootNamespace(schemas, prefix, limits);
    const auto& known = schemas.namespaces();
    if (ns && std::find(known.begin(), known.end(), *ns) == known.end()) {
        problems = {{"XML_UNKNOWN_NAMESPACE",
                     "root element namespace '" + *ns + "' has no schema in the set",
                     problems.front().line, problems.front().column}};
    }
}

ParseResult parseAndValidate(const SchemaSet& schemas, std::string_view xml, const Limits& limits) {
    ParseResult result;
    if (xml.size() > limits.max_bytes) {
        result.problems.push_back({"XML_TOO_LARGE",
                                   "document of " + std::to_string(xml.size()) +
                                       " bytes exceeds the limit of " +
                                       std::to_string(limits.max_bytes),
                                   0, 0});
        return result;
    }
    if (detail::prologHasDoctype(xml)) {
        result.problems.push_back({"XML_DOCTYPE", "a DOCTYPE is not allowed", 1, 1});
        return result;
    }
    detail::ensureXercesInitialised();
    Handler handler(schemas.namespaces(), limits);
    if (auto stopped = detail::guardedParse([&] { parseWith(schemas, handler, xml, true); })) {
        result.problems = {std::move(*stopped)};
        return result;
    }
    result.problems = std::move(handler.problems());
    if (!handler.rootStarted()) detail::explainRootFailure(schemas, xml, limits, result.problems);
    if (result.problems.empty()) {
        if (!handler.root().has_value()) {
            result.problems.push_back({"XML_MALFORMED", "no root element", 0, 0});
        } else {
            result.root = std::move(handler.root());
        }
    }
    return result;
}

const Element* Element::child(std::string_view local_name) const {
    for (const Element& c : children) {
        if (c.name == local_name) return &c;
    }
    return nullptr;
}

std::vector<const Element*> Element::all(std::string_view local_name) const {
    std::vector<const Element*> out;
    for (const Element& c : children) {
        if (c.name == local_name) out.push_back(&c);
    }
    return out;
}

std::string Element::attribute(std::string_view local_name) const {
    for (const auto& [name, value] : attributes) {
        if (name == local_name) return value;
    }
    return {};
}

std::string Element::childText(std::string_view local_name) const {
    const Element* c = child(local_name);
    return c ? c->text : std::string();
}

const Element* Element::find(std::string_view path) const {
    const Element* current = this;
    while (current != nullptr && !path.empty()) {
        const std::size_t slash = path.find('/');
        current = current->child(path.substr(0, slash));
        path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    }
    return current;
}

}  // namespace zc::xml
