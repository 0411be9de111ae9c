#pragma once
// WMO323 declarations (aanbieder -> gemeente) and our WMO325 answers (gemeente -> aanbieder).
//
// Reading: DeclarationReader streams a WMO323 of any size through xml::streamValidate (hardened,
// schema-validated, one record at a time, flat memory) and delivers the head once and then every
// prestatie. Writing: Wmo323Writer / writeWmo323 generate 323 files (tests, benchmarks);
// writeWmo325 / buildWmo325 stream the answer, which lists only the rejected prestaties.
// Amounts are integer euro cents; a *_credit flag or `credit` carries the DebetCredit.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "interfaces/xml/stream_reader.hpp"
#include "interfaces/xml/xml_document.hpp"

namespace zc::iwmo {

using Problems = std::vector<xml::Problem>;

// One WMO323 Prestatie (with the Bsn of its Client).
struct Prestatie {
    std::string bsn;
    std::string reference;                          // ProductReferentie/ReferentieNummer
    std::optional<std::string> previous_reference;  // VorigReferentieNummer (credits)
    std::string allocation_number;                  // ToewijzingNummer, as written
    std::string category;                           // ProductCategorie
    std::string product_code;                       // ProductCode
    Date begin;                                     // ProductPeriode/Begindatum
    Date end_inclusive;                             // ProductPeriode/Einddatum
    std::int64_t volume;                            // GeleverdVolume
    std::string unit_code;                          // Eenheid
    std::optional<std::int64_t> tariff_cents;       // ProductTarief (absent for Eenheid 83)
    std::int64_t amount_cents;                      // IngediendBedrag/Bedrag (never negative)
    bool credit;                                    // IngediendBedrag/DebetCredit == "C"
    int line;  // line of the <Prestatie> start tag in the 323 (0 when not read from XML)
};

// Header and Declaratie of a WMO323, without the clients.
struct DeclarationHead {
    std::string afzender, ontvanger, identificatie;  // AGB, gemeentecode, BerichtIdentificatie
    Date dagtekening;                                // BerichtIdentificatie/Dagtekening
    std::string declaratie_nummer;
    Date period_begin, period_end_inclusive;  // DeclaratiePeriode
    Date declaratie_dagtekening;
    std::int64_t total_cents;            // TotaalIngediendBedrag/TotaalBedrag (never negative)
    bool total_credit;                   // its DebetCredit == "C"
    std::string xsd_basis, xsd_bericht;  // XsdVersie
};

// Signed cents: debit positive, credit negative.
inline std::int64_t signedCents(std::int64_t cents, bool credit) { return credit ? -cents : cents; }
// D minus C over all prestaties (what TotaalIngediendBedrag must say, TR358).
std::int64_t netCents(const std::vector<Prestatie>& prestaties);
// Sets total_cents/total_credit from a signed amount (zero is D, CS325).
void setTotal(DeclarationHead& head, std::int64_t signed_cents);

// Limits for large declaration files: the configured size (limits.max_declaration_bytes, set
// at start-up; 1 GiB until then), elements in proportion to it (at least 100 million, one per
// 8 bytes), depth 16, 64 KiB text.
xml::Limits declarationLimits();
void setDeclarationMaxBytes(std::size_t bytes);

// The records streamed out of a WMO323 (for xml::streamValidate): the Header, the simple
// children of the Declaratie, each Client's Bsn and each Prestatie.
const xml::StreamOptions& wmo323Records();

// Where a WMO323 comes from: XML text in memory, or a file, streamed (e.g. a large HTTP body
// spooled to disk). Said explicitly, never guessed from the content: a body must never be taken
// for a path on the server.
struct DeclarationSource {
    enum class Kind { Text, File };
    Kind kind = Kind::Text;
    std::string value;  // the XML text, or the file's path

    static DeclarationSource text(std::string xml) { return {Kind::Text, std::move(xml)}; }
    static DeclarationSource file(std::string path) { return {Kind::File, std::move(path)}; }
};

// Reads WMO323 declarations with xml::streamValidate. Besides the xml:: codes, read() returns
//   XML_UNREADABLE        the file cannot be opened
//   MESSAGE_NOT_WMO323    valid, but another message than a WMO323
//   DECLARATION_VALUE_OUT_OF_RANGE  a date outside 1900..2999 or a number we cannot hold
// on_head is called once, before the first prestatie; on_prestatie for each prestatie in
// document order. Both are provisional until read() returns no problems (a document can still
// turn out invalid after them): stage what they deliver and keep it only on success. An
// exception thrown by a callback propagates; throwing xml::StreamStop ends the read with
// that problem instead.
class DeclarationReader {
  public:
    using HeadCallback = std::function<void(const DeclarationHead&)>;
    using PrestatieCallback = std::function<void(const Prestatie&)>;

    // Reads the text or the file that `source` names.
    Problems read(const xml::SchemaSet& schemas, const DeclarationSource& source,
                  const xml::Limits& limits, const HeadCallback& on_head,
                  const PrestatieCallback& on_prestatie);
    Problems readFile(const xml::SchemaSet& schemas, const std::filesystem::path& file,
                      const xml::Limits& limits, const HeadCallback& on_head,
                      const PrestatieCallback& on_prestatie);
    Problems readText(const xml::SchemaSet& schemas, std::string_view xml,
                      const xml::Limits& limits, const HeadCallback& on_head,
                      const PrestatieCallback& on_prestatie);
    Problems readStream(const xml::SchemaSet& schemas, std::istream& in, const xml::Limits& limits,
                        const HeadCallback& on_head, const PrestatieCallback& on_prestatie);

    // Of the last read: bytes consumed and prestaties delivered.
    std::size_t bytes() const { return bytes_; }
    std::size_t prestaties() const { return prestaties_; }

  private:
    using Run = std::function<xml::StreamResult(xml::ElementSink&)>;
    Problems run(const Run& parse, const HeadCallback& on_head,
                 const PrestatieCallback& on_prestatie);
    std::size_t bytes_ = 0;
    std::size_t prestaties_ = 0;
};

// Writes a WMO323 (pretty-printed, UTF-8) to a stream, prestatie by prestatie: consecutive
// prestaties with the same bsn share one Client. The head's total is written as given (see
// setTotal/netCents). finish() closes the document; at least one prestatie is required.
class Wmo323Writer {
  public:
    Wmo323Writer(std::ostream& out, const DeclarationHead& head);
    void add(const Prestatie& p);
    void finish();

  private:
    std::ostream& out_;
    std::string current_bsn_;
    bool any_ = false;
    bool finished_ = false;
};
void writeWmo323(std::ostream& out, const DeclarationHead& head,
                 const std::vector<Prestatie>& prestaties);

// ---- WMO325 ----

struct Wmo325Header {
    std::string afzender;       // our gemeentecode (the 323's Ontvanger)
    std::string ontvanger;      // the provider's AGB (the 323's Afzender)
    std::string identificatie;  // BerichtIdentificatie of this 325, ours
    Date dagtekening;
    std::string declaratie_identificatie;  // DeclaratieIdentificatie: the 323's identification
    Date declaratie_dagtekening;
    std::string xsd_basis_declaratie;  // XsdVersieDeclaratie: echo of the 323's XsdVersie
    std::string xsd_bericht_declaratie;
    std::string xslt_versie;  // XsltVersie, empty when no official XSLT was used
};
// The 325 header answering `head`.
Wmo325Header answerHeader(const DeclarationHead& head, std::string identificatie, Date dagtekening);

struct RejectedPrestatie {
    Prestatie prestatie;
    std::vector<std::string> codes;  // empty only under a client-level code (then 0233)
};

// The verdict on one 323 (docs/iwmo-3.2.md section 9):
//  - technical_rejection: a level-2 (XSLT) error; the 325 has only the Header, with 0001 (or
//    header_codes when given), and no DeclaratieAntwoord.
//  - header_codes / declaration_codes: a level-3/4 error on the Header or the Declaratie
//    rejects everything: TotaalToegekendBedrag 0; the DeclaratieAntwoord carries
//    declaration_codes (0233 "not assessed" for a header-only error) and no Clienten.
//  - otherwise per prestatie: `rejected` lists the rejected ones (any order; grouped per client
//    in order of first appearance), each Client gets RetourCodes 0200 or its client_codes;
//    TotaalToegekendBedrag = submitted - rejected (D minus C, TR342), DeclaratieAntwoord
//    8001 when nothing was rejected (then no Clienten), else 0200; Header 0200.
struct DeclarationAnswer {
    bool technical_rejection = false;
    std::vector<std::string> header_codes;
    std::string declaratie_nummer;
    std::int64_t submitted_cents = 0;  // signed: the 323's TotaalIngediendBedrag
    std::vector<std::string> declaration_codes;
    std::map<std::string, std::vector<std::string>> client_codes;  // bsn -> codes
    std::vector<RejectedPrestatie> rejected;
};

// Signed awarded total as the 325 states it (0 when the declaration is rejected as a whole).
std::int64_t awardedCents(const DeclarationAnswer& a);

// Streams the WMO325 (UTF-8); linear in the number of rejected prestaties (plus one sort of
// pointers to group them). Throws std::invalid_argument for a rejected prestatie without codes
// outside a client with a client-level code.
void writeWmo325(std::ostream& out, const Wmo325Header& h, const DeclarationAnswer& a);
std::string buildWmo325(const Wmo325Header& h, const DeclarationAnswer& a);

// A WMO325 whose rejected prestaties are too many to hold (a national-scale declaration): each
// is written to `scratch` as it comes, with 16 bytes kept to group it per client (in order of
// first appearance, as writeWmo325 does); finish() then writes the whole answer to `out`. Only
// for answers without client-level codes (those built from what is stored).
class Wmo325Spool {
  public:
    // `scratch`: empty, positioned at its start.
    explicit Wmo325Spool(std::iostream& scratch) : scratch_(scratch) {}
    // Throws std::invalid_argument for a prestatie without codes.
    void add(const RejectedPrestatie& r);
    // `a` gives everything but the rejected prestaties (its `rejected` stays empty).
    void finish(std::ostream& out, const Wmo325Header& h, const DeclarationAnswer& a);

  private:
    struct Entry {
        std::uint32_t client;  // order of first appearance
        std::uint32_t length;
        std::uint64_t offset;  // in scratch
    };
    void writeClients(std::ostream& out);
    std::iostream& scratch_;
    std::vector<Entry> entries_;
    std::vector<std::string> bsns_;  // by client
    std::unordered_map<std::string, std::uint32_t> clients_;
    std::uint64_t written_ = 0;
    std::int64_t rejected_cents_ = 0;  // signed: D − C
};

}  // namespace zc::iwmo
