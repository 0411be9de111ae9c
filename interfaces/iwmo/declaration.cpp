#include "declaration.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "contracting/kernel/errors.hpp"
#include "message_kinds.hpp"

namespace zc::iwmo {

std::int64_t netCents(const std::vector<Prestatie>& prestaties) {
    std::int64_t sum = 0;
    for (const auto& p : prestaties) sum += signedCents(p.amount_cents, p.credit);
    return sum;
}

void setTotal(DeclarationHead& head, std::int64_t signed_cents) {
    head.total_credit = signed_cents < 0;
    head.total_cents = signed_cents < 0 ? -signed_cents : signed_cents;
}

namespace {

std::atomic<std::size_t> g_declaration_max_bytes{std::size_t{1} << 30};

}  // namespace

void setDeclarationMaxBytes(std::size_t bytes) { g_declaration_max_bytes = bytes; }

xml::Limits declarationLimits() {
    xml::Limits l;
    l.max_bytes = g_declaration_max_bytes;
    l.max_depth = 16;
    l.max_elements = std::max<std::size_t>(100'000'000, l.max_bytes / 8);
    l.max_text_bytes = 64 * 1024;
    return l;
}

const xml::StreamOptions& wmo323Records() {
    static const xml::StreamOptions options{{
        "Bericht/Header",
        "Bericht/Declaratie/DeclaratieNummer",
        "Bericht/Declaratie/DeclaratiePeriode",
        "Bericht/Declaratie/DeclaratieDagtekening",
        "Bericht/Declaratie/TotaalIngediendBedrag",
        "Bericht/Declaratie/Clienten/Client/Bsn",
        "Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie",
    }};
    return options;
}

// ---- reading ----

namespace {

[[noreturn]] void outOfRange(const xml::Element& e, const std::string& what) {
    throw xml::StreamStop{{"DECLARATION_VALUE_OUT_OF_RANGE",
                           what + " '" + e.text + "' in " + e.name +
                               " cannot be "
                               "processed",
                           e.line, e.column}};
}

const xml::Element& need(const xml::Element& parent, std::string_view path) {
    const xml::Element* e = parent.find(path);
    // The schema guarantees these; a missing one means the schema set is not ours.
    if (e == nullptr) {
        throw xml::StreamStop{{"XSD_INVALID",
                               parent.name + " has no " + std::string(path) +
                                   " (schema set does not match the WMO323 structure)",
                               parent.line, parent.column}};
    }
    return *e;
}

Date dateOf(const xml::Element& e) {
    const std::optional<Date> d = tryParseDate(e.text);
    if (!d) outOfRange(e, "date");
    return *d;
}

std::int64_t numberOf(const xml::Element& e) {
    std::string_view text = e.text;
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) outOfRange(e, "number");
    return value;
}

bool isCredit(const xml::Element& e) { return e.text == "C"; }

// Turns the WMO323 records into the head and prestaties.
class DeclarationSink final : public xml::ElementSink {
  public:
    DeclarationSink(const DeclarationReader::HeadCallback& on_head,
                    const DeclarationReader::PrestatieCallback& on_prestatie)
        : on_head_(on_head), on_prestatie_(on_prestatie) {}

    void onElement(const xml::Element& e, const std::vector<std::string>& path) override {
        if (path.size() == 2) {  // Bericht/Header
            if (e.ns != kindByName("wmo323").ns()) {
                throw xml::StreamStop{
                    {"MESSAGE_NOT_WMO323",
                     "expected a WMO323 declaration, got a message in '" + e.ns + "'", e.line,
                     e.column}};
            }
            head_.afzender = need(e, "Afzender").text;
            head_.ontvanger = need(e, "Ontvanger").text;
            head_.identificatie = need(e, "BerichtIdentificatie/Identificatie").text;
            head_.dagtekening = dateOf(need(e, "BerichtIdentificatie/Dagtekening"));
            head_.xsd_basis = need(e, "XsdVersie/BasisschemaXsdVersie").text;
            head_.xsd_bericht = need(e, "XsdVersie/BerichtXsdVersie").text;
        } else if (e.name == "DeclaratieNummer") {
            head_.declaratie_nummer = e.text;
        } else if (e.name == "DeclaratiePeriode") {
            head_.period_begin = dateOf(need(e, "Begindatum"));
            head_.period_end_inclusive = dateOf(need(e, "Einddatum"));
        } else if (e.name == "DeclaratieDagtekening") {
            head_.declaratie_dagtekening = dateOf(e);
        } else if (e.name == "TotaalIngediendBedrag") {
            head_.total_cents = numberOf(need(e, "TotaalBedrag"));
            head_.total_credit = isCredit(need(e, "DebetCredit"));
        } else if (e.name == "Bsn") {
            deliverHead();
            bsn_ = e.text;
        } else if (e.name == "Prestatie") {
            deliverHead();
            on_prestatie_(prestatie(e));
            ++count_;
        }
    }

    std::size_t count() const { return count_; }

  private:
    void deliverHead() {
        if (head_delivered_) return;
        head_delivered_ = true;
        on_head_(head_);
    }

    Prestatie prestatie(const xml::Element& e) const {
        Prestatie p{};
        p.bsn = bsn_;
        p.reference = need(e, "ProductReferentie/ReferentieNummer").text;
        if (const auto* previous = e.find("ProductReferentie/VorigReferentieNummer")) {
            p.previous_reference = previous->text;
        }
        p.allocation_number = need(e, "ToewijzingNummer").text;
        p.category = need(e, "ProductCategorie").text;
        p.product_code = need(e, "ProductCode").text;
        p.begin = dateOf(need(e, "ProductPeriode/Begindatum"));
        p.end_inclusive = dateOf(need(e, "ProductPeriode/Einddatum"));
        p.volume = numberOf(need(e, "GeleverdVolume"));
        p.unit_code = need(e, "Eenheid").text;
        if (const auto* tariff = e.child("ProductTarief")) p.tariff_cents = numberOf(*tariff);
        p.amount_cents = numberOf(need(e, "IngediendBedrag/Bedrag"));
        p.credit = isCredit(need(e, "IngediendBedrag/DebetCredit"));
        p.line = e.line;
        return p;
    }

    const DeclarationReader::HeadCallback& on_head_;
    const DeclarationReader::PrestatieCallback& on_prestatie_;
    DeclarationHead head_{};
    bool head_delivered_ = false;
    std::string bsn_;
    std::size_t count_ = 0;
};

}  // namespace

Problems DeclarationReader::run(const Run& parse, const HeadCallback& on_head,
                                const PrestatieCallback& on_prestatie) {
    bytes_ = 0;
    prestaties_ = 0;
    DeclarationSink sink(on_head, on_prestatie);
    xml::StreamResult result = parse(sink);
    bytes_ = result.bytes;
    prestaties_ = sink.count();
    return std::move(result.problems);
}

Problems DeclarationReader::read(const xml::SchemaSet& schemas, const DeclarationSource& source,
                                 const xml::Limits& limits, const HeadCallback& on_head,
                                 const PrestatieCallback& on_prestatie) {
    if (source.kind == DeclarationSource::Kind::Text) {
        return readText(schemas, source.value, limits, on_head, on_prestatie);
    }
    return readFile(schemas, source.value, limits, on_head, on_prestatie);
}

Problems DeclarationReader::readFile(const xml::SchemaSet& schemas,
                                     const std::filesystem::path& file, const xml::Limits& limits,
                                     const HeadCallback& on_head,
                                     const PrestatieCallback& on_prestatie) {
    return run(
        [&](xml::ElementSink& sink) {
            return xml::streamValidateFile(schemas, file, limits, wmo323Records(), sink);
        },
        on_head, on_prestatie);
}

Problems DeclarationReader::readText(const xml::SchemaSet& schemas, std::string_view text,
                                     const xml::Limits& limits, const HeadCallback& on_head,
                                     const PrestatieCallback& on_prestatie) {
    return run(
        [&](xml::ElementSink& sink) {
            return xml::streamValidate(schemas, text, limits, wmo323Records(), sink);
        },
        on_head, on_prestatie);
}

Problems DeclarationReader::readStream(const xml::SchemaSet& schemas, std::istream& in,
                                       const xml::Limits& limits, const HeadCallback& on_head,
                                       const PrestatieCallback& on_prestatie) {
    return run(
        [&](xml::ElementSink& sink) {
            return xml::streamValidate(schemas, in, limits, wmo323Records(), sink);
        },
        on_head, on_prestatie);
}

// ---- writing ----

namespace {

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

std::string dc(bool credit) { return credit ? "C" : "D"; }

void writeAmount(Out& o, const std::string& name, const char* amount_name, std::int64_t cents,
                 bool credit) {
    o.open(name);
    o.leaf(std::string("iwmo:") + amount_name, std::to_string(cents));
    o.leaf("iwmo:DebetCredit", dc(credit));
    o.close(name);
}

void writeSignedTotal(Out& o, const std::string& name, std::int64_t signed_cents) {
    writeAmount(o, name, "TotaalBedrag", signed_cents < 0 ? -signed_cents : signed_cents,
                signed_cents < 0);
}

void writePeriod(Out& o, const std::string& name, Date begin, Date end) {
    o.open(name);
    o.leaf("iwmo:Begindatum", formatDate(begin));
    o.leaf("iwmo:Einddatum", formatDate(end));
    o.close(name);
}

void writeIdentification(Out& o, const std::string& name, const std::string& id, Date d) {
    o.open(name);
    o.leaf("iwmo:Identificatie", id);
    o.leaf("iwmo:Dagtekening", formatDate(d));
    o.close(name);
}

void writeXsdVersion(Out& o, const std::string& name, const std::string& basis,
                     const std::string& bericht) {
    o.open(name);
    o.leaf("iwmo:BasisschemaXsdVersie", basis);
    o.leaf("iwmo:BerichtXsdVersie", bericht);
    o.close(name);
}

// The prestatie fields shared by 323 and 325 (prefix p: "wmo323" / "wmo325").
void writePrestatieFields(Out& o, const std::string& p, const Prestatie& x) {
    o.open(p + ":ProductReferentie");
    o.leaf("iwmo:ReferentieNummer", x.reference);
    if (x.previous_reference) o.leaf("iwmo:VorigReferentieNummer", *x.previous_reference);
    o.close(p + ":ProductReferentie");
    o.leaf(p + ":ToewijzingNummer", x.allocation_number);
    o.leaf(p + ":ProductCategorie", x.category);
    o.leaf(p + ":ProductCode", x.product_code);
    writePeriod(o, p + ":ProductPeriode", x.begin, x.end_inclusive);
    o.leaf(p + ":GeleverdVolume", std::to_string(x.volume));
    o.leaf(p + ":Eenheid", x.unit_code);
    if (x.tariff_cents) o.leaf(p + ":ProductTarief", std::to_string(*x.tariff_cents));
    writeAmount(o, p + ":IngediendBedrag", "Bedrag", x.amount_cents, x.credit);
}

void writeRetourCodes(Out& o, const std::string& p, const std::vector<std::string>& codes) {
    o.open(p + ":RetourCodes");
    for (const auto& c : codes) o.leaf(p + ":RetourCode", c);
    o.close(p + ":RetourCodes");
}

}  // namespace

Wmo323Writer::Wmo323Writer(std::ostream& out, const DeclarationHead& head) : out_(out) {
    const MessageKind& kind = kindByName("wmo323");
    Out o(out_);
    o.declaration();
    o.root("wmo323:Bericht", "wmo323", kind.ns());
    o.open("wmo323:Header");
    o.leaf("wmo323:BerichtCode", kind.code);
    o.leaf("wmo323:BerichtVersie", "3");
    o.leaf("wmo323:BerichtSubversie", "2");
    o.leaf("wmo323:Afzender", head.afzender);
    o.leaf("wmo323:Ontvanger", head.ontvanger);
    writeIdentification(o, "wmo323:BerichtIdentificatie", head.identificatie, head.dagtekening);
    writeXsdVersion(o, "wmo323:XsdVersie",
                    head.xsd_basis.empty() ? kBasisschemaXsdVersie : head.xsd_basis,
                    head.xsd_bericht.empty() ? kBerichtXsdVersie : head.xsd_bericht);
    o.close("wmo323:Header");
    o.open("wmo323:Declaratie");
    o.leaf("wmo323:DeclaratieNummer", head.declaratie_nummer);
    writePeriod(o, "wmo323:DeclaratiePeriode", head.period_begin, head.period_end_inclusive);
    o.leaf("wmo323:DeclaratieDagtekening", formatDate(head.declaratie_dagtekening));
    writeAmount(o, "wmo323:TotaalIngediendBedrag", "TotaalBedrag", head.total_cents,
                head.total_credit);
    o.open("wmo323:Clienten");
}

// Depths: Bericht 0, Declaratie 1, Clienten 2, Client 3, Prestaties 4, Prestatie 5.
void Wmo323Writer::add(const Prestatie& p) {
    if (finished_) throw std::logic_error("Wmo323Writer: add after finish");
    if (!any_ || p.bsn != current_bsn_) {
        if (any_) {
            Out(out_, 5).close("wmo323:Prestaties");
            Out(out_, 4).close("wmo323:Client");
        }
        Out o(out_, 3);
        o.open("wmo323:Client");
        o.leaf("wmo323:Bsn", p.bsn);
        o.open("wmo323:Prestaties");
        current_bsn_ = p.bsn;
        any_ = true;
    }
    Out o(out_, 5);
    o.open("wmo323:Prestatie");
    writePrestatieFields(o, "wmo323", p);
    o.close("wmo323:Prestatie");
}

void Wmo323Writer::finish() {
    if (finished_) return;
    if (!any_) throw std::logic_error("Wmo323Writer: a WMO323 needs at least one prestatie");
    finished_ = true;
    Out(out_, 5).close("wmo323:Prestaties");
    Out(out_, 4).close("wmo323:Client");
    Out(out_, 3).close("wmo323:Clienten");
    Out(out_, 2).close("wmo323:Declaratie");
    Out(out_, 1).close("wmo323:Bericht");
}

void writeWmo323(std::ostream& out, const DeclarationHead& head,
                 const std::vector<Prestatie>& prestaties) {
    Wmo323Writer w(out, head);
    for (const auto& p : prestaties) w.add(p);
    w.finish();
}

Wmo325Header answerHeader(const DeclarationHead& head, std::string identificatie,
                          Date dagtekening) {
    Wmo325Header h;
    h.afzender = head.ontvanger;
    h.ontvanger = head.afzender;
    h.identificatie = std::move(identificatie);
    h.dagtekening = dagtekening;
    h.declaratie_identificatie = head.identificatie;
    h.declaratie_dagtekening = head.dagtekening;
    h.xsd_basis_declaratie = head.xsd_basis;
    h.xsd_bericht_declaratie = head.xsd_bericht;
    return h;
}

namespace {
bool rejectedAsAWhole(const DeclarationAnswer& a) {
    return a.technical_rejection || !a.header_codes.empty() || !a.declaration_codes.empty();
}
}  // namespace

std::int64_t awardedCents(const DeclarationAnswer& a) {
    if (rejectedAsAWhole(a)) return 0;
    std::int64_t rejected = 0;
    for (const auto& r : a.rejected) {
        rejected += signedCents(r.prestatie.amount_cents, r.prestatie.credit);
    }
    return a.submitted_cents - rejected;
}

namespace {

// The WMO325's Header: our identification, the declaration's, and the header's retour codes
// (0001 for a technical rejection, else 0200 unless the answer names others).
void writeWmo325Header(Out& o, const std::string& p, const MessageKind& kind, const Wmo325Header& h,
                       const DeclarationAnswer& a) {
    o.open("wmo325:Header");
    o.leaf("wmo325:BerichtCode", kind.code);
    o.leaf("wmo325:BerichtVersie", "3");
    o.leaf("wmo325:BerichtSubversie", "2");
    o.leaf("wmo325:Afzender", h.afzender);
    o.leaf("wmo325:Ontvanger", h.ontvanger);
    writeIdentification(o, "wmo325:BerichtIdentificatie", h.identificatie, h.dagtekening);
    writeXsdVersion(o, "wmo325:XsdVersie", kBasisschemaXsdVersie, kBerichtXsdVersie);
    writeIdentification(o, "wmo325:DeclaratieIdentificatie", h.declaratie_identificatie,
                        h.declaratie_dagtekening);
    if (!h.xslt_versie.empty()) o.leaf("wmo325:XsltVersie", h.xslt_versie);
    writeXsdVersion(o, "wmo325:XsdVersieDeclaratie", h.xsd_basis_declaratie,
                    h.xsd_bericht_declaratie);
    std::vector<std::string> header_codes = a.header_codes;
    if (header_codes.empty()) header_codes = {a.technical_rejection ? "0001" : "0200"};
    writeRetourCodes(o, p, header_codes);
    o.close("wmo325:Header");
}

using ClientGroups = std::vector<std::pair<std::size_t, const RejectedPrestatie*>>;

// The rejected prestaties grouped per client in order of first appearance, stable within a
// client. Every client-level code must belong to a client with a rejected prestatie.
ClientGroups groupedPerClient(const DeclarationAnswer& a) {
    std::unordered_map<std::string, std::size_t> client_order;
    ClientGroups order;
    order.reserve(a.rejected.size());
    for (const auto& r : a.rejected) {
        const auto [it, fresh] = client_order.try_emplace(r.prestatie.bsn, client_order.size());
        order.emplace_back(it->second, &r);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [bsn, codes] : a.client_codes) {
        if (!client_order.count(bsn)) {
            throw std::invalid_argument("WMO325: client " + bsn +
                                        " has a client-level code but no rejected prestatie");
        }
    }
    return order;
}

// One Client of the groups from order[i] on, with its rejected prestaties; returns the index
// after them.
std::size_t writeWmo325Client(Out& o, const std::string& p, const DeclarationAnswer& a,
                              const ClientGroups& order, std::size_t i) {
    const std::string& bsn = order[i].second->prestatie.bsn;
    const auto client_code = a.client_codes.find(bsn);
    const bool client_rejected = client_code != a.client_codes.end();
    o.open("wmo325:Client");
    o.leaf("wmo325:Bsn", bsn);
    o.open("wmo325:Prestaties");
    for (; i < order.size() && order[i].second->prestatie.bsn == bsn; ++i) {
        const RejectedPrestatie& r = *order[i].second;
        if (r.codes.empty() && !client_rejected) {
            throw std::invalid_argument("WMO325: rejected prestatie " + r.prestatie.reference +
                                        " has no retour code");
        }
        o.open("wmo325:Prestatie");
        writePrestatieFields(o, p, r.prestatie);
        writeRetourCodes(o, p, r.codes.empty() ? std::vector<std::string>{"0233"} : r.codes);
        o.close("wmo325:Prestatie");
    }
    o.close("wmo325:Prestaties");
    writeRetourCodes(o, p,
                     client_rejected && !client_code->second.empty()
                         ? client_code->second
                         : std::vector<std::string>{"0200"});
    o.close("wmo325:Client");
    return i;
}

// The DeclaratieAntwoord: totals, the rejected prestaties per client (unless the declaration
// is rejected as a whole) and the declaration's retour codes.
void writeWmo325Answer(Out& o, const std::string& p, const DeclarationAnswer& a) {
    o.open("wmo325:DeclaratieAntwoord");
    o.leaf("wmo325:DeclaratieNummer", a.declaratie_nummer);
    writeSignedTotal(o, "wmo325:TotaalIngediendBedrag", a.submitted_cents);
    writeSignedTotal(o, "wmo325:TotaalToegekendBedrag", awardedCents(a));
    const bool whole = rejectedAsAWhole(a);
    if (!whole && !a.rejected.empty()) {
        const ClientGroups order = groupedPerClient(a);
        o.open("wmo325:Clienten");
        for (std::size_t i = 0; i < order.size();) i = writeWmo325Client(o, p, a, order, i);
        o.close("wmo325:Clienten");
    }
    std::vector<std::string> codes = a.declaration_codes;
    if (codes.empty()) {
        if (whole) {
            codes = {"0233"};
        } else {
            codes = {a.rejected.empty() ? "8001" : "0200"};
        }
    }
    writeRetourCodes(o, p, codes);
    o.close("wmo325:DeclaratieAntwoord");
}

}  // namespace

void writeWmo325(std::ostream& out, const Wmo325Header& h, const DeclarationAnswer& a) {
    const MessageKind& kind = kindByName("wmo325");
    const std::string p = "wmo325";
    Out o(out);
    o.declaration();
    o.root("wmo325:Bericht", p, kind.ns());
    writeWmo325Header(o, p, kind, h, a);
    if (!a.technical_rejection) writeWmo325Answer(o, p, a);
    o.close("wmo325:Bericht");
}

namespace {

// An output buffer appending to a string reserved up front: a WMO325 of thousands of rejected
// prestaties is written without the doubling copies of an ostringstream.
class AppendBuffer final : public std::streambuf {
  public:
    explicit AppendBuffer(std::string& out) : out_(out) {}

  protected:
    int_type overflow(int_type c) override {
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            out_.push_back(traits_type::to_char_type(c));
        }
        return traits_type::not_eof(c);
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        out_.append(s, static_cast<std::size_t>(n));
        return n;
    }

  private:
    std::string& out_;
};

// About what one rejected prestatie takes in a WMO325 (1.3 KB), with room to spare.
constexpr std::size_t kWmo325BytesPerLine = 1536;

}  // namespace

std::string buildWmo325(const Wmo325Header& h, const DeclarationAnswer& a) {
    std::string xml;
    xml.reserve(4096 + a.rejected.size() * kWmo325BytesPerLine);
    AppendBuffer buffer(xml);
    std::ostream out(&buffer);
    writeWmo325(out, h, a);
    return xml;
}

}  // namespace zc::iwmo
