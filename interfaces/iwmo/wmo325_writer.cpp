#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "interfaces/iwmo/declaration.hpp"
#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/iwmo/xml_out.hpp"

namespace zc::iwmo {

using namespace detail;

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

void Wmo325Spool::add(const RejectedPrestatie& r) {
    if (r.codes.empty()) {
        throw std::invalid_argument("WMO325: rejected prestatie " + r.prestatie.reference +
                                    " has no retour code");
    }
    const auto [it, fresh] =
        clients_.try_emplace(r.prestatie.bsn, static_cast<std::uint32_t>(bsns_.size()));
    if (fresh) bsns_.push_back(r.prestatie.bsn);
    std::ostringstream text;
    Out o(text, 5);  // Bericht, DeclaratieAntwoord, Clienten, Client, Prestaties
    o.open("wmo325:Prestatie");
    writePrestatieFields(o, "wmo325", r.prestatie);
    writeRetourCodes(o, "wmo325", r.codes);
    o.close("wmo325:Prestatie");
    const std::string fragment = text.str();
    // Appended in order (nothing is read before finish()): no seek, no flush per prestatie.
    scratch_.write(fragment.data(), static_cast<std::streamsize>(fragment.size()));
    if (!scratch_) throw std::runtime_error("WMO325: cannot write the scratch file");
    entries_.push_back({it->second, static_cast<std::uint32_t>(fragment.size()), written_});
    written_ += fragment.size();
    rejected_cents_ += signedCents(r.prestatie.amount_cents, r.prestatie.credit);
}

// The Clienten: per client its prestaties copied from the scratch file, in the order added.
void Wmo325Spool::writeClients(std::ostream& out) {
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](const Entry& x, const Entry& y) { return x.client < y.client; });
    scratch_.flush();
    Out o(out, 2);
    o.open("wmo325:Clienten");
    std::string buffer;
    for (std::size_t i = 0; i < entries_.size();) {
        const std::uint32_t client = entries_[i].client;
        Out c(out, 3);
        c.open("wmo325:Client");
        c.leaf("wmo325:Bsn", bsns_[client]);
        c.open("wmo325:Prestaties");
        for (; i < entries_.size() && entries_[i].client == client; ++i) {
            buffer.resize(entries_[i].length);
            scratch_.seekg(static_cast<std::streamoff>(entries_[i].offset));
            scratch_.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            if (!scratch_) throw std::runtime_error("WMO325: cannot read the scratch file");
            out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        }
        c.close("wmo325:Prestaties");
        writeRetourCodes(c, "wmo325", {"0200"});
        c.close("wmo325:Client");
    }
    o.close("wmo325:Clienten");
}

void Wmo325Spool::finish(std::ostream& out, const Wmo325Header& h, const DeclarationAnswer& a) {
    const MessageKind& kind = kindByName("wmo325");
    const std::string p = "wmo325";
    Out o(out);
    o.declaration();
    o.root("wmo325:Bericht", p, kind.ns());
    writeWmo325Header(o, p, kind, h, a);
    if (!a.technical_rejection) {
        const bool whole = rejectedAsAWhole(a);
        o.open("wmo325:DeclaratieAntwoord");
        o.leaf("wmo325:DeclaratieNummer", a.declaratie_nummer);
        writeSignedTotal(o, "wmo325:TotaalIngediendBedrag", a.submitted_cents);
        writeSignedTotal(o, "wmo325:TotaalToegekendBedrag",
                         whole ? 0 : a.submitted_cents - rejected_cents_);
        if (!whole && !entries_.empty()) writeClients(out);
        std::vector<std::string> codes = a.declaration_codes;
        if (codes.empty()) codes = {whole ? "0233" : entries_.empty() ? "8001" : "0200"};
        writeRetourCodes(o, p, codes);
        o.close("wmo325:DeclaratieAntwoord");
    }
    o.close("wmo325:Bericht");
    if (!out) throw std::runtime_error("WMO325: cannot write the answer");
}

}  // namespace zc::iwmo
