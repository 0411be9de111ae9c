#include "declaration.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "contracting/kernel/errors.hpp"
#include "message_kinds.hpp"
#include "xml_out.hpp"

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

using namespace detail;

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

}  // namespace zc::iwmo
