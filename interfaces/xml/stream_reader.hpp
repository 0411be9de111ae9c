#pragma once
// Streaming, validating XML intake for large documents (WMO323 declarations of 100,000+
// prestaties). Same hardening and Problem codes as parseAndValidate (locked grammar pool,
// DOCTYPE refused, no external entities or schema locations, limits), but the SAX2 handler
// builds only one small subtree (a "record") at a time, hands it to an ElementSink when its end
// tag has been validated, and discards it: memory stays flat whatever the document size.
//
// Records are provisional: validation of the document as a whole ends with the root's end
// tag, so a sink that already received records must discard what it built when the result
// has problems (e.g. stage the records in a transaction and commit only on ok()).
#include <cstddef>
#include <filesystem>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "interfaces/xml/xml_document.hpp"

namespace zc::xml {

// Receives each completed record. `path` holds the local names from the root element down to
// and including `e` (so path.back() == e.name). `e` and `path` are valid during the call only.
// Only the record `e` carries its namespace URI (ns); in its subtree, which the schema has
// validated, ns is empty (converting a URI per element cost a tenth of a WMO323's parse).
class ElementSink {
  public:
    virtual ~ElementSink() = default;
    virtual void onElement(const Element& e, const std::vector<std::string>& path) = 0;
};

// An ElementSink calling a function.
class CallbackSink final : public ElementSink {
  public:
    using Callback = std::function<void(const Element&, const std::vector<std::string>&)>;
    explicit CallbackSink(Callback callback) : callback_(std::move(callback)) {}
    void onElement(const Element& e, const std::vector<std::string>& path) override {
        callback_(e, path);
    }

  private:
    Callback callback_;
};

// A sink may throw StreamStop to end the parse; streamValidate then returns its problem.
// Any other exception thrown by a sink propagates to the caller of streamValidate.
struct StreamStop {
    Problem problem;
};

struct StreamOptions {
    // Which elements are records: '/'-separated local-name paths from the root element, '*'
    // matching any one name, e.g. "Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie".
    // An element whose path matches is built with its whole subtree and delivered when it
    // ends; elements below a record are part of it; all other elements are validated and
    // counted against the limits but never kept.
    std::vector<std::string> record_paths;
};

struct StreamResult {
    std::vector<Problem> problems;  // empty when the whole document is valid
    std::size_t bytes = 0;          // bytes consumed from the input
    std::size_t elements = 0;       // elements seen
    std::size_t records = 0;        // records delivered to the sink
    bool ok() const { return problems.empty(); }
};

// Validates `xml` against `schemas` within `limits`, delivering records to `sink`. Never throws
// for bad input (see StreamStop for sink exceptions). Limits: max_bytes bounds the document
// size (for a file: its size up front, then the bytes actually read), max_elements the total
// element count of the document, max_depth and max_text_bytes (per element) as usual.
StreamResult streamValidate(const SchemaSet& schemas, std::string_view xml, const Limits& limits,
                            const StreamOptions& options, ElementSink& sink);
// The same for a stream, read in chunks of 64 KiB; max_bytes counts the bytes read.
StreamResult streamValidate(const SchemaSet& schemas, std::istream& in, const Limits& limits,
                            const StreamOptions& options, ElementSink& sink);
// The same for a file on disk; a missing or unreadable file gives XML_UNREADABLE, a file
// larger than max_bytes XML_TOO_LARGE before anything is parsed.
StreamResult streamValidateFile(const SchemaSet& schemas, const std::filesystem::path& file,
                                const Limits& limits, const StreamOptions& options,
                                ElementSink& sink);

}  // namespace zc::xml
