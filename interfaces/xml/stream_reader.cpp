#include "interfaces/xml/stream_reader.hpp"

#include <algorithm>
#include <fstream>
#include <system_error>
#include <unordered_map>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/sax/InputSource.hpp>
#include <xercesc/sax/Locator.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/util/BinInputStream.hpp>
#include <xercesc/util/XMLUni.hpp>

#include "interfaces/xml/xerces_reader.hpp"
#include "interfaces/xml/xerces_util.hpp"

namespace zc::xml {

using namespace xercesc;
using detail::Abort;
using detail::toUtf8;

namespace {

// How much of the start of a stream is kept to find out, after a failure at the root,
// whether the root namespace was the cause (see detail::explainRootFailure).
constexpr std::size_t kPrefixBytes = 64 * 1024;
constexpr std::size_t kChunkBytes = 64 * 1024;

Problem tooLarge(std::size_t limit) {
    return Problem{"XML_TOO_LARGE",
                   "document exceeds the limit of " + std::to_string(limit) + " bytes", 0, 0};
}

// Reads an std::istream in chunks, counting the bytes against the limit and keeping the first
// kPrefixBytes.
class CountingStream final : public BinInputStream {
  public:
    CountingStream(std::istream& in, std::size_t max_bytes, std::size_t& count, std::string& prefix)
        : in_(in), max_bytes_(max_bytes), count_(count), prefix_(prefix) {}

    XMLFilePos curPos() const override { return count_; }

    XMLSize_t readBytes(XMLByte* const to_fill, const XMLSize_t max_to_read) override {
        if (!in_) return 0;
        in_.read(reinterpret_cast<char*>(to_fill),
                 static_cast<std::streamsize>(std::min<XMLSize_t>(max_to_read, kChunkBytes)));
        const auto got = static_cast<std::size_t>(in_.gcount());
        if (got > max_bytes_ - std::min(count_, max_bytes_)) throw Abort{tooLarge(max_bytes_)};
        if (prefix_.size() < kPrefixBytes) {
            prefix_.append(reinterpret_cast<const char*>(to_fill),
                           std::min(got, kPrefixBytes - prefix_.size()));
        }
        count_ += got;
        return got;
    }

    const XMLCh* getContentType() const override { return nullptr; }

  private:
    std::istream& in_;
    const std::size_t max_bytes_;
    std::size_t& count_;
    std::string& prefix_;
};

class StreamSource final : public InputSource {
  public:
    StreamSource(std::istream& in, std::size_t max_bytes, std::size_t& count, std::string& prefix)
        : InputSource("stream"), in_(in), max_bytes_(max_bytes), count_(count), prefix_(prefix) {}
    BinInputStream* makeStream() const override {
        return new CountingStream(in_, max_bytes_, count_, prefix_);
    }

  private:
    std::istream& in_;
    const std::size_t max_bytes_;
    std::size_t& count_;
    std::string& prefix_;
};

using Pattern = std::vector<std::string>;

std::vector<Pattern> compile(const std::vector<std::string>& paths) {
    std::vector<Pattern> out;
    for (const std::string& path : paths) {
        Pattern p;
        std::size_t at = 0;
        while (at <= path.size()) {
            const std::size_t slash = path.find('/', at);
            const std::size_t end = slash == std::string::npos ? path.size() : slash;
            if (end > at) p.push_back(path.substr(at, end - at));
            at = end + 1;
        }
        if (!p.empty()) out.push_back(std::move(p));
    }
    return out;
}

bool isXmlSpace(XMLCh c) { return c == 0x20 || c == 0x9 || c == 0xA || c == 0xD; }

// Element names and namespace URIs in UTF-8. Xerces hands them out of its string pools, the
// same pointer for the same name throughout a parse, so each is converted once; the UTF-16 text
// is compared as well, so that a pointer reused for another name can never give a wrong one.
class NameCache {
  public:
    const std::string& operator()(const XMLCh* name) {
        if (entries_.size() > kMaxEntries) entries_.clear();
        Entry& e = entries_[name];
        if (e.utf16.empty() || !XMLString::equals(e.utf16.c_str(), name)) {
            e.utf16 = name;
            e.utf8 = toUtf8(name);
        }
        return e.utf8;
    }

  private:
    static constexpr std::size_t kMaxEntries = 4096;
    struct Entry {
        std::basic_string<XMLCh> utf16;
        std::string utf8;
    };
    std::unordered_map<const XMLCh*, Entry> entries_;
};

// The streaming SAX handler: limits, DOCTYPE refusal, errors, and one record at a time.
class StreamHandler final : public DefaultHandler {
  public:
    // `prefix`: the start of the document read so far (it holds the prolog once the root
    // element starts).
    StreamHandler(const std::vector<std::string>& namespaces, const Limits& limits,
                  const std::vector<Pattern>& patterns, ElementSink& sink, StreamResult& result,
                  std::function<std::string_view()> prefix)
        : namespaces_(namespaces),
          limits_(limits),
          patterns_(patterns),
          sink_(sink),
          result_(result),
          prefix_(std::move(prefix)) {}

    void setDocumentLocator(const Locator* locator) override { locator_ = locator; }

    void startElement(const XMLCh* uri, const XMLCh* local_name, const XMLCh*,
                      const Attributes& attributes) override {
        if (!root_started_) {
            root_started_ = true;
            // A bare DOCTYPE reaches no handler (xerces_util.hpp prologHasDoctype).
            if (detail::prologHasDoctype(prefix_()))
                abort("XML_DOCTYPE", "a DOCTYPE is not allowed");
            const std::string ns = toUtf8(uri);
            if (std::find(namespaces_.begin(), namespaces_.end(), ns) == namespaces_.end()) {
                abort("XML_UNKNOWN_NAMESPACE",
                      "root element namespace '" + ns + "' has no schema in the set");
            }
        }
        if (path_.size() + 1 > limits_.max_depth) {
            abort("XML_TOO_DEEP", "nesting deeper than " + std::to_string(limits_.max_depth));
        }
        if (++result_.elements > limits_.max_elements) {
            abort("XML_TOO_MANY_ELEMENTS",
                  "more than " + std::to_string(limits_.max_elements) + " elements");
        }
        path_.push_back(names_(local_name));
        text_sizes_.push_back(0);
        if (!building_.empty() || isRecord()) {
            Element element;
            if (building_.empty()) element.ns = names_(uri);  // the record itself only
            element.name = path_.back();
            element.line = line();
            element.column = column();
            detail::copyAttributes(attributes, limits_, element.line, element.column, element);
            building_.push_back(std::move(element));
        }
    }

    void endElement(const XMLCh*, const XMLCh*, const XMLCh*) override {
        if (!building_.empty()) {
            Element element = std::move(building_.back());
            building_.pop_back();
            element.text = detail::trimmed(element.text);
            if (!building_.empty()) {
                building_.back().children.push_back(std::move(element));
            } else if (problems_.empty()) {
                ++result_.records;
                sink_.onElement(element, path_);
            }
        }
        path_.pop_back();
        text_sizes_.pop_back();
    }

    void characters(const XMLCh* chars, const XMLSize_t length) override {
        if (path_.empty()) return;
        std::size_t& size = text_sizes_.back();
        if (building_.empty()) {
            // Not kept: only count, and not the whitespace between child elements (a Clienten
            // element of 100,000 clients has megabytes of it).
            for (XMLSize_t i = 0; i < length; ++i) {
                if (!isXmlSpace(chars[i])) ++size;
            }
            if (size > limits_.max_text_bytes) textTooLong();
            return;
        }
        // A UTF-16 unit never becomes fewer UTF-8 bytes, so the length is checked first.
        if (size + length > limits_.max_text_bytes) textTooLong();
        std::string& text = building_.back().text;
        detail::appendUtf8(text, chars, length);
        size = text.size();
        if (size > limits_.max_text_bytes) textTooLong();
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
    std::vector<Problem>& problems() { return problems_; }

  private:
    bool isRecord() const {
        for (const Pattern& p : patterns_) {
            if (p.size() != path_.size()) continue;
            bool match = true;
            for (std::size_t i = 0; match && i < p.size(); ++i) {
                match = p[i] == "*" || p[i] == path_[i];
            }
            if (match) return true;
        }
        return false;
    }

    [[noreturn]] void textTooLong() {
        abort("XML_TEXT_TOO_LONG",
              "element text longer than " + std::to_string(limits_.max_text_bytes) + " bytes");
    }

    [[noreturn]] void abort(std::string code, std::string message) {
        throw Abort{Problem{std::move(code), std::move(message), line(), column()}};
    }

    void record(const char* code, const SAXParseException& e) {
        if (problems_.size() >= detail::kMaxProblems) return;
        problems_.push_back(detail::problemOf(code, e));
    }

    int line() const { return locator_ ? static_cast<int>(locator_->getLineNumber()) : 0; }
    int column() const { return locator_ ? static_cast<int>(locator_->getColumnNumber()) : 0; }

    const std::vector<std::string>& namespaces_;
    const Limits& limits_;
    const std::vector<Pattern>& patterns_;
    ElementSink& sink_;
    StreamResult& result_;
    std::function<std::string_view()> prefix_;
    const Locator* locator_ = nullptr;
    bool root_started_ = false;
    std::vector<std::string> path_;
    std::vector<std::size_t> text_sizes_;  // per open element: text bytes seen (see characters)
    std::vector<Element> building_;        // the open elements of the current record
    NameCache names_;
    std::vector<Problem> problems_;
};

// Parses `source` with a fresh hardened validating reader. `prefix` returns the start of the
// document (for explaining a failure at the root).
StreamResult run(const SchemaSet& schemas, const Limits& limits, const StreamOptions& options,
                 ElementSink& sink, const std::function<void(SAX2XMLReader&)>& parse,
                 const std::function<std::string_view()>& prefix,
                 const std::function<std::size_t()>& bytes) {
    StreamResult result;
    detail::ensureXercesInitialised();
    const std::vector<Pattern> patterns = compile(options.record_paths);
    StreamHandler handler(schemas.namespaces(), limits, patterns, sink, result, prefix);
    SecurityManager security;
    security.setEntityExpansionLimit(detail::kEntityExpansionLimit);
    detail::ReaderPtr reader = detail::makeReader(schemas, handler, security, true);
    try {
        if (auto stopped = detail::guardedParse([&] { parse(*reader); })) {
            result.problems = {std::move(*stopped)};
            result.bytes = bytes();
            return result;
        }
    } catch (StreamStop& stop) {
        result.problems = {std::move(stop.problem)};
        result.bytes = bytes();
        return result;
    }
    result.bytes = bytes();
    result.problems = std::move(handler.problems());
    if (!handler.rootStarted()) {
        detail::explainRootFailure(schemas, prefix(), limits, result.problems);
    }
    if (result.problems.empty() && !handler.rootStarted()) {
        result.problems.push_back({"XML_MALFORMED", "no root element", 0, 0});
    }
    return result;
}

}  // namespace

StreamResult streamValidate(const SchemaSet& schemas, std::string_view xml, const Limits& limits,
                            const StreamOptions& options, ElementSink& sink) {
    if (xml.size() > limits.max_bytes) {
        StreamResult result;
        result.problems = {tooLarge(limits.max_bytes)};
        return result;
    }
    return run(
        schemas, limits, options, sink,
        [&](SAX2XMLReader& reader) {
            MemBufInputSource source(reinterpret_cast<const XMLByte*>(xml.data()), xml.size(),
                                     "message", false);
            // Messages are UTF-8 by contract; a declaration claiming otherwise is not honoured.
            source.setEncoding(XMLUni::fgUTF8EncodingString);
            reader.parse(source);
        },
        [&] { return xml; }, [&] { return xml.size(); });
}

StreamResult streamValidate(const SchemaSet& schemas, std::istream& in, const Limits& limits,
                            const StreamOptions& options, ElementSink& sink) {
    std::size_t count = 0;
    std::string prefix;
    return run(
        schemas, limits, options, sink,
        [&](SAX2XMLReader& reader) {
            StreamSource source(in, limits.max_bytes, count, prefix);
            source.setEncoding(XMLUni::fgUTF8EncodingString);
            reader.parse(source);
        },
        [&] { return std::string_view(prefix); }, [&] { return count; });
}

StreamResult streamValidateFile(const SchemaSet& schemas, const std::filesystem::path& file,
                                const Limits& limits, const StreamOptions& options,
                                ElementSink& sink) {
    StreamResult result;
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    std::ifstream in;
    if (!ec) in.open(file, std::ios::binary);
    if (ec || !in) {
        result.problems = {{"XML_UNREADABLE", "cannot read " + file.string(), 0, 0}};
        return result;
    }
    if (size > limits.max_bytes) {
        result.problems = {tooLarge(limits.max_bytes)};
        return result;
    }
    return streamValidate(schemas, in, limits, options, sink);
}

}  // namespace zc::xml
