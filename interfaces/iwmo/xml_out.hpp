#pragma once
// The pretty-printing XML writer of the iWmo messages we write (WMO323 in the tests and benches,
// WMO325) and the element groups the messages share. Internal to interfaces/iwmo.
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/xml/xml_document.hpp"

namespace zc::iwmo {
struct Prestatie;
}

namespace zc::iwmo::detail {

// A pretty-printing XML writer straight onto an ostream (no document kept in memory). Lines
// end with CR/LF, as OP192 asks of what is sent.
class Out {
  public:
    static constexpr const char* kEol = "\r\n";

    // `depth`: indentation level of the first element written.
    explicit Out(std::ostream& out, int depth = 0) : out_(out), depth_(depth) {}

    void declaration() { out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" << kEol; }
    void root(const std::string& name, const std::string& prefix, const std::string& ns) {
        out_ << '<' << name << " xmlns:" << prefix << "=\"" << xml::escapeText(ns)
             << "\" xmlns:iwmo=\"" << kBasisNamespace << "\">" << kEol;
        ++depth_;
    }
    void open(const std::string& name) {
        indent();
        out_ << '<' << name << '>' << kEol;
        ++depth_;
    }
    void close(const std::string& name) {
        --depth_;
        indent();
        out_ << "</" << name << '>' << kEol;
    }
    void leaf(const std::string& name, std::string_view value) {
        indent();
        out_ << '<' << name << '>' << xml::escapeText(value) << "</" << name << '>' << kEol;
    }

  private:
    void indent() {
        for (int i = 0; i < depth_; ++i) out_ << "  ";
    }
    std::ostream& out_;
    int depth_;
};

std::string dc(bool credit);
void writeAmount(Out& o, const std::string& name, const char* amount_name, std::int64_t cents,
                 bool credit);
void writeSignedTotal(Out& o, const std::string& name, std::int64_t signed_cents);
void writePeriod(Out& o, const std::string& name, Date begin, Date end);
void writeIdentification(Out& o, const std::string& name, const std::string& id, Date d);
void writeXsdVersion(Out& o, const std::string& name, const std::string& basis,
                     const std::string& bericht);
// The prestatie fields shared by 323 and 325 (prefix p: "wmo323" / "wmo325").
void writePrestatieFields(Out& o, const std::string& p, const Prestatie& x);
void writeRetourCodes(Out& o, const std::string& p, const std::vector<std::string>& codes);

}  // namespace zc::iwmo::detail
