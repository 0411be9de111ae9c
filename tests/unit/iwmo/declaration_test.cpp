// WMO323 declarations and WMO325 answers: our schemas against the official WMO323 XSD (and the
// iJw twin of the 325), the streaming reader (fields, flat memory on 100,000 prestaties,
// hostile input) and the 325 writer.
#include "interfaces/iwmo/declaration.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/xml/stream_reader.hpp"
#include "interfaces/xml/xml_document.hpp"

namespace zc::iwmo {
namespace {

using namespace std::chrono_literals;

const std::filesystem::path kSourceDir = ZC_SOURCE_DIR;
const std::filesystem::path kOurSchemas = kSourceDir / "interfaces/xml/schemas/iwmo-3.2";
const std::filesystem::path kOfficialSchemas = kSourceDir / "../shared/reference/iwmo-3.2";
const std::filesystem::path kIjwSchemas = kSourceDir / "../shared/reference/ijw-3.2";
const std::filesystem::path kSamples = kSourceDir / "tests/data/iwmo";

const xml::SchemaSet& ourSchemas() {
    static const xml::SchemaSet set(kOurSchemas);
    return set;
}

// The set in `dir`, or nullptr (with the reason printed) when `file` is absent there.
const xml::SchemaSet* referenceSchemas(const std::filesystem::path& dir, const std::string& file) {
    if (!std::filesystem::exists(dir / file)) {
        std::cout << "reference schema " << (dir / file)
                  << " absent; the check against it is skipped\n";
        return nullptr;
    }
    static std::map<std::filesystem::path, std::unique_ptr<xml::SchemaSet>> sets;
    auto& set = sets[dir];
    if (!set) set = std::make_unique<xml::SchemaSet>(dir);
    return set.get();
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << "cannot read " << path;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string describe(const std::vector<xml::Problem>& problems) {
    if (problems.empty()) return "OK";
    const auto& p = problems.front();
    return p.code + " " + p.message + " at line " + std::to_string(p.line) + ", column " +
           std::to_string(p.column);
}
std::string codeOf(const std::vector<xml::Problem>& problems) {
    return problems.empty() ? "OK" : problems.front().code;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) {
        text.replace(at, from.size(), to);
    }
    return text;
}

Date d(const char* text) { return parseDate(text); }

// Reads with a DeclarationReader into vectors.
struct Read {
    Problems problems;
    std::optional<DeclarationHead> head;
    std::vector<Prestatie> prestaties;
    bool head_first = true;
};

Read readAll(const std::string& file_or_text, const xml::Limits& limits = declarationLimits()) {
    Read r;
    DeclarationReader reader;
    // Test inputs are files unless they start with '<' (or a BOM).
    const bool text = !file_or_text.empty() &&
                      (file_or_text.front() == '<' || file_or_text.rfind("\xEF\xBB\xBF", 0) == 0 ||
                       file_or_text.front() == ' ' || file_or_text.front() == '\n');
    r.problems = reader.read(
        ourSchemas(),
        text ? DeclarationSource::text(file_or_text) : DeclarationSource::file(file_or_text),
        limits,
        [&](const DeclarationHead& h) {
            EXPECT_FALSE(r.head.has_value()) << "head delivered twice";
            r.head = h;
        },
        [&](const Prestatie& p) {
            if (!r.head) r.head_first = false;
            r.prestaties.push_back(p);
        });
    EXPECT_EQ(reader.prestaties(), r.prestaties.size());
    return r;
}

DeclarationHead sampleHead() {
    DeclarationHead h{};
    h.afzender = "12345678";
    h.ontvanger = "0363";
    h.identificatie = "BENCH-0001";
    h.dagtekening = d("2025-04-03");
    h.declaratie_nummer = "DEC202503B";
    h.period_begin = d("2025-03-01");
    h.period_end_inclusive = d("2025-03-31");
    h.declaratie_dagtekening = d("2025-04-02");
    h.xsd_basis = "1.0.0";
    h.xsd_bericht = "1.0.0";
    return h;
}

// Prestatie `i` of a generated file: every 10th a credit, every 7th in euro's (no tariff).
Prestatie generated(std::size_t i, std::size_t per_client) {
    Prestatie p{};
    const std::size_t client = i / per_client;
    // 9-digit BSN-shaped numbers (the elfproef is not a schema rule).
    p.bsn = std::to_string(100000000 + client);
    p.reference = "R" + std::to_string(i);
    if (i % 10 == 9) p.previous_reference = "OLD" + std::to_string(i);
    p.allocation_number = std::to_string(500000 + client);
    p.category = "02";
    p.product_code = "02A01";
    p.begin = d("2025-03-01");
    p.end_inclusive = d("2025-03-31");
    if (i % 7 == 3) {
        p.unit_code = "83";
        p.volume = 12345;
        p.amount_cents = 12345;
    } else {
        p.unit_code = "04";
        p.volume = static_cast<std::int64_t>(1 + i % 20);
        p.tariff_cents = 6500;
        p.amount_cents = p.volume * 6500;
    }
    p.credit = i % 10 == 9;
    return p;
}

// Writes a WMO323 of `count` prestaties to `file`; returns the signed total.
std::int64_t writeGenerated(const std::filesystem::path& file, std::size_t count,
                            std::size_t per_client) {
    std::int64_t total = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const Prestatie p = generated(i, per_client);
        total += signedCents(p.amount_cents, p.credit);
    }
    DeclarationHead head = sampleHead();
    setTotal(head, total);
    std::ofstream out(file, std::ios::binary);
    Wmo323Writer w(out, head);
    for (std::size_t i = 0; i < count; ++i) w.add(generated(i, per_client));
    w.finish();
    return total;
}

class TempFile {
  public:
    explicit TempFile(const std::string& name)
        : path_(std::filesystem::temp_directory_path() /
                (name + "-" + std::to_string(::getpid()) + ".xml")) {}
    ~TempFile() { std::filesystem::remove(path_); }
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

// kB from a "Name:   123 kB" line of /proc/self/status, or -1.
long statusKb(const std::string& name) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(name + ":", 0) == 0) return std::stol(line.substr(name.size() + 1));
    }
    return -1;
}

// Resets VmHWM to the current RSS (Linux >= 4.0); false when not possible.
bool resetPeakRss() {
    std::ofstream out("/proc/self/clear_refs");
    if (!out) return false;
    out << "5";
    out.flush();
    return static_cast<bool>(out);
}

// ---- schemas ----

TEST(Wmo323Schema, SampleIsValidAgainstOursAndTheOfficialXsd) {
    const std::string text = readFile(kSamples / "wmo323.xml");
    const auto ours = xml::parseAndValidate(ourSchemas(), text);
    EXPECT_TRUE(ours.ok()) << describe(ours.problems);
    if (const auto* official = referenceSchemas(kOfficialSchemas, "wmo323.xsd")) {
        const auto r = xml::parseAndValidate(*official, text);
        EXPECT_TRUE(r.ok()) << describe(r.problems);
    }
}

TEST(Wmo323Schema, GeneratedFileIsValidAgainstOursAndTheOfficialXsd) {
    std::ostringstream out;
    std::vector<Prestatie> prestaties;
    for (std::size_t i = 0; i < 30; ++i) prestaties.push_back(generated(i, 4));
    DeclarationHead head = sampleHead();
    setTotal(head, netCents(prestaties));
    writeWmo323(out, head, prestaties);
    const auto ours = xml::parseAndValidate(ourSchemas(), out.str());
    EXPECT_TRUE(ours.ok()) << describe(ours.problems) << "\n" << out.str();
    if (const auto* official = referenceSchemas(kOfficialSchemas, "wmo323.xsd")) {
        const auto r = xml::parseAndValidate(*official, out.str());
        EXPECT_TRUE(r.ok()) << describe(r.problems);
    }
}

TEST(Wmo323Schema, RefusesWhatTheStandardRefuses) {
    const std::string text = readFile(kSamples / "wmo323.xml");
    const std::vector<std::pair<std::string, std::string>> broken = {
        {"<wmo323:BerichtCode>484<", "<wmo323:BerichtCode>485<"},
        {"DEC202503A", "DEC-2025-03"},  // letters and digits only
        {"<iwmo:DebetCredit>D</iwmo:DebetCredit>\n    </wmo323:TotaalIngediendBedrag>",
         "<iwmo:DebetCredit>X</iwmo:DebetCredit>\n    </wmo323:TotaalIngediendBedrag>"},
        {"<wmo323:ProductCode>07D02</wmo323:ProductCode>", ""},  // mandatory (IV075)
        {"<iwmo:Bedrag>20000</iwmo:Bedrag>", "<iwmo:Bedrag>100000000</iwmo:Bedrag>"},
        {"<wmo323:Eenheid>83</wmo323:Eenheid>", "<wmo323:Eenheid>02</wmo323:Eenheid>"},
    };
    for (const auto& [from, to] : broken) {
        const std::string xml = replaced(text, from, to);
        ASSERT_NE(xml, text) << from;
        EXPECT_EQ(codeOf(xml::parseAndValidate(ourSchemas(), xml).problems), "XSD_INVALID")
            << from << " -> " << to;
        if (const auto* official = referenceSchemas(kOfficialSchemas, "wmo323.xsd")) {
            EXPECT_EQ(codeOf(xml::parseAndValidate(*official, xml).problems), "XSD_INVALID")
                << "official: " << from << " -> " << to;
        }
    }
}

TEST(MessageKinds, KnowTheDeclarationPair) {
    EXPECT_EQ(kindByName("wmo323").code, "484");
    EXPECT_TRUE(kindByName("wmo323").from_provider);
    EXPECT_EQ(kindByName("wmo323").retour_name, "");
    EXPECT_EQ(kindByName("wmo325").code, "485");
    EXPECT_FALSE(kindByName("wmo325").from_provider);
    const auto& ns = ourSchemas().namespaces();
    for (const char* msg : {"wmo323", "wmo325"}) {
        EXPECT_NE(std::find(ns.begin(), ns.end(), kindByName(msg).ns()), ns.end()) << msg;
        EXPECT_EQ(kindByNamespace(kindByName(msg).ns()), &kindByName(msg));
    }
}

// ---- reading ----

TEST(MessageKinds, TellADeclarationByItsNamespaceNearTheStart) {
    const std::string declaration = readFile(kSamples / "wmo323.xml");
    EXPECT_TRUE(looksLikeDeclaration(declaration));
    EXPECT_FALSE(looksLikeDeclaration(readFile(kSamples / "wmo305.xml")));
    // Only the start counts: the namespace after kSniffBytes of padding is not seen.
    EXPECT_FALSE(
        looksLikeDeclaration("<!--" + std::string(kSniffBytes, ' ') + "-->" + declaration));
}

TEST(DeclarationReader, DeliversTheHeadAndEveryPrestatie) {
    const Read r = readAll(readFile(kSamples / "wmo323.xml"));
    ASSERT_EQ(codeOf(r.problems), "OK") << describe(r.problems);
    ASSERT_TRUE(r.head.has_value());
    EXPECT_TRUE(r.head_first);
    const DeclarationHead& h = *r.head;
    EXPECT_EQ(h.afzender, "12345678");
    EXPECT_EQ(h.ontvanger, "0363");
    EXPECT_EQ(h.identificatie, "T-323-0001");
    EXPECT_EQ(h.dagtekening, d("2025-04-03"));
    EXPECT_EQ(h.declaratie_nummer, "DEC202503A");
    EXPECT_EQ(h.period_begin, d("2025-03-01"));
    EXPECT_EQ(h.period_end_inclusive, d("2025-03-31"));
    EXPECT_EQ(h.declaratie_dagtekening, d("2025-04-02"));
    EXPECT_EQ(h.total_cents, 98000);
    EXPECT_FALSE(h.total_credit);
    EXPECT_EQ(h.xsd_basis, "1.0.0");
    EXPECT_EQ(h.xsd_bericht, "1.0.0");

    ASSERT_EQ(r.prestaties.size(), 3u);
    const Prestatie& debit = r.prestaties[0];
    EXPECT_EQ(debit.bsn, "999993653");
    EXPECT_EQ(debit.reference, "PR-2025-03-0001");
    EXPECT_FALSE(debit.previous_reference.has_value());
    EXPECT_EQ(debit.allocation_number, "100234");
    EXPECT_EQ(debit.category, "02");
    EXPECT_EQ(debit.product_code, "02A01");
    EXPECT_EQ(debit.begin, d("2025-03-01"));
    EXPECT_EQ(debit.end_inclusive, d("2025-03-31"));
    EXPECT_EQ(debit.volume, 16);
    EXPECT_EQ(debit.unit_code, "04");
    EXPECT_EQ(debit.tariff_cents, std::optional<std::int64_t>(6500));
    EXPECT_EQ(debit.amount_cents, 104000);
    EXPECT_FALSE(debit.credit);
    EXPECT_EQ(debit.line, 33);

    const Prestatie& credit = r.prestaties[1];
    EXPECT_EQ(credit.bsn, "999993653");
    EXPECT_EQ(credit.previous_reference, std::optional<std::string>("PR-2025-02-0007"));
    EXPECT_EQ(credit.begin, d("2025-02-01"));
    EXPECT_EQ(credit.end_inclusive, d("2025-02-28"));
    EXPECT_EQ(credit.amount_cents, 26000);
    EXPECT_TRUE(credit.credit);

    const Prestatie& euros = r.prestaties[2];
    EXPECT_EQ(euros.bsn, "999990019");
    EXPECT_EQ(euros.unit_code, "83");
    EXPECT_FALSE(euros.tariff_cents.has_value());
    EXPECT_EQ(euros.volume, 20000);
    EXPECT_EQ(euros.amount_cents, 20000);
    EXPECT_FALSE(euros.credit);

    EXPECT_EQ(netCents(r.prestaties), signedCents(h.total_cents, h.total_credit));
}

TEST(DeclarationReader, ReadsAFileByPath) {
    const Read from_file = readAll((kSamples / "wmo323.xml").string());
    ASSERT_EQ(codeOf(from_file.problems), "OK") << describe(from_file.problems);
    EXPECT_EQ(from_file.prestaties.size(), 3u);
    EXPECT_EQ(codeOf(readAll((kSamples / "no-such-file.xml").string()).problems), "XML_UNREADABLE");
}

TEST(DeclarationReader, ReadsAStream) {
    std::istringstream in(readFile(kSamples / "wmo323.xml"));
    DeclarationReader reader;
    std::size_t n = 0;
    const Problems problems = reader.readStream(
        ourSchemas(), in, declarationLimits(), [](const DeclarationHead&) {},
        [&](const Prestatie&) { ++n; });
    EXPECT_EQ(codeOf(problems), "OK") << describe(problems);
    EXPECT_EQ(n, 3u);
    EXPECT_EQ(reader.bytes(), readFile(kSamples / "wmo323.xml").size());
}

TEST(DeclarationReader, RoundTripsGeneratedPrestaties) {
    std::vector<Prestatie> written;
    for (std::size_t i = 0; i < 25; ++i) written.push_back(generated(i, 6));
    DeclarationHead head = sampleHead();
    setTotal(head, -netCents(written) - 1);  // any value: the reader reports what is written
    std::ostringstream out;
    writeWmo323(out, head, written);
    const Read r = readAll(out.str());
    ASSERT_EQ(codeOf(r.problems), "OK") << describe(r.problems);
    EXPECT_TRUE(r.head->total_credit);
    EXPECT_EQ(signedCents(r.head->total_cents, r.head->total_credit), -netCents(written) - 1);
    ASSERT_EQ(r.prestaties.size(), written.size());
    for (std::size_t i = 0; i < written.size(); ++i) {
        const Prestatie& a = written[i];
        const Prestatie& b = r.prestaties[i];
        EXPECT_EQ(a.bsn, b.bsn);
        EXPECT_EQ(a.reference, b.reference);
        EXPECT_EQ(a.previous_reference, b.previous_reference);
        EXPECT_EQ(a.unit_code, b.unit_code);
        EXPECT_EQ(a.tariff_cents, b.tariff_cents);
        EXPECT_EQ(a.amount_cents, b.amount_cents);
        EXPECT_EQ(a.credit, b.credit);
        EXPECT_EQ(a.volume, b.volume);
        EXPECT_GT(b.line, 0);
    }
}

TEST(DeclarationReader, HundredThousandPrestatiesWithFlatMemory) {
#if defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "memory is measured without AddressSanitizer (its quarantine keeps freed "
                    "memory resident); the normal build runs this test";
#endif
    constexpr std::size_t kCount = 100000;
    const TempFile file("zc-wmo323-large");
    const std::int64_t total = writeGenerated(file.path(), kCount, 25);
    const auto size = std::filesystem::file_size(file.path());
    (void)ourSchemas();  // grammar pool loaded before measuring

    const long rss_before = statusKb("VmRSS");
    const long hwm_before = statusKb("VmHWM");
    const bool reset = resetPeakRss();
    const auto started = std::chrono::steady_clock::now();
    std::size_t count = 0;
    std::int64_t sum = 0;
    std::size_t heads = 0;
    std::set<std::string> clients;
    std::string last_bsn;
    DeclarationReader reader;
    const Problems problems = reader.read(
        ourSchemas(), DeclarationSource::file(file.path().string()), declarationLimits(),
        [&](const DeclarationHead& h) {
            ++heads;
            EXPECT_EQ(count, 0u);
            EXPECT_EQ(signedCents(h.total_cents, h.total_credit), total);
        },
        [&](const Prestatie& p) {
            ++count;
            sum += signedCents(p.amount_cents, p.credit);
            if (p.bsn != last_bsn) clients.insert(last_bsn = p.bsn);
        });
    const auto elapsed = std::chrono::steady_clock::now() - started;
    const long hwm_after = statusKb("VmHWM");
    ASSERT_EQ(codeOf(problems), "OK") << describe(problems);
    EXPECT_EQ(count, kCount);
    EXPECT_EQ(heads, 1u);
    EXPECT_EQ(sum, total);
    EXPECT_EQ(clients.size(), kCount / 25);
    EXPECT_EQ(reader.bytes(), size);

    // With the peak reset, growth = peak during the read - RSS before it; without, the growth
    // of the process-wide peak (an underestimate only if an earlier test peaked higher).
    const long growth_kb = reset ? hwm_after - rss_before : hwm_after - hwm_before;
    std::cout << "WMO323 " << kCount << " prestaties, " << size / 1024 << " KiB, read in "
              << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()
              << " ms; RSS before " << rss_before << " KiB, peak during read " << hwm_after
              << " KiB, growth " << growth_kb << " KiB"
              << (reset ? "" : " (VmHWM not resettable: process-wide peak difference)") << "\n";
    ASSERT_GE(rss_before, 0) << "/proc/self/status not readable";
    EXPECT_LT(growth_kb, 40 * 1024) << "memory grew with the document";
    EXPECT_GT(size, 40u * 1024 * 1024) << "the file is large enough to show growth";

    // The measurement itself can see growth: touching 64 MiB after a reset shows up.
    if (reset) {
        const long rss = statusKb("VmRSS");
        resetPeakRss();
        {
            std::vector<char> block(64 * 1024 * 1024, 1);
            for (std::size_t i = 0; i < block.size(); i += 4096) block[i] = static_cast<char>(i);
            EXPECT_NE(block[4096], 2);
        }
        const long probe_kb = statusKb("VmHWM") - rss;
        std::cout << "control: a 64 MiB allocation shows as " << probe_kb << " KiB of growth\n";
        EXPECT_GT(probe_kb, 60 * 1024);
    }
}

TEST(DeclarationReader, LimitsStillApply) {
    const std::string text = readFile(kSamples / "wmo323.xml");
    xml::Limits small = declarationLimits();
    small.max_bytes = 1000;
    EXPECT_EQ(codeOf(readAll(text, small).problems), "XML_TOO_LARGE");
    EXPECT_EQ(codeOf(readAll((kSamples / "wmo323.xml").string(), small).problems), "XML_TOO_LARGE");
    std::istringstream in(text);
    EXPECT_EQ(codeOf(DeclarationReader().readStream(
                  ourSchemas(), in, small, [](const DeclarationHead&) {}, [](const Prestatie&) {})),
              "XML_TOO_LARGE");
    xml::Limits few = declarationLimits();
    few.max_elements = 40;
    EXPECT_EQ(codeOf(readAll(text, few).problems), "XML_TOO_MANY_ELEMENTS");
    xml::Limits shallow = declarationLimits();
    shallow.max_depth = 6;
    EXPECT_EQ(codeOf(readAll(text, shallow).problems), "XML_TOO_DEEP");
    const std::string long_text =
        replaced(text, "PR-2025-03-0003", "PR" + std::string(70 * 1024, '1'));
    EXPECT_EQ(codeOf(readAll(long_text).problems), "XML_TEXT_TOO_LONG");
}

TEST(DeclarationReader, RefusesHostileInputInTheStreamingPath) {
    const std::string text = readFile(kSamples / "wmo323.xml");
    const std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    const std::string doctype =
        replaced(text, decl,
                 decl +
                     "<!DOCTYPE wmo323:Bericht [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
                     "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n");
    EXPECT_EQ(codeOf(readAll(doctype).problems), "XML_DOCTYPE");
    const std::string external =
        replaced(text, decl, decl + "<!DOCTYPE x SYSTEM \"http://example.invalid/x.dtd\">\n");
    EXPECT_EQ(codeOf(readAll(external).problems), "XML_DOCTYPE");
    // The same from a file.
    const TempFile file("zc-wmo323-doctype");
    std::ofstream(file.path(), std::ios::binary) << doctype;
    EXPECT_EQ(codeOf(readAll(file.path().string()).problems), "XML_DOCTYPE");

    // Wrong release in the namespace: unknown, also when streamed from a file.
    const std::string release = replaced(text, "iwmo/3_2/", "iwmo/3_1/");
    EXPECT_EQ(codeOf(readAll(release).problems), "XML_UNKNOWN_NAMESPACE");
    const TempFile file2("zc-wmo323-release");
    std::ofstream(file2.path(), std::ios::binary) << release;
    EXPECT_EQ(codeOf(readAll(file2.path().string()).problems), "XML_UNKNOWN_NAMESPACE");

    EXPECT_EQ(codeOf(readAll("<x").problems), "XML_MALFORMED");
    EXPECT_EQ(codeOf(readAll(replaced(text, "PR-2025-03-0003", "PR\xC3\x28")).problems),
              "XML_MALFORMED");
}

TEST(DeclarationReader, RefusesOtherMessages) {
    const Read r = readAll(readFile(kSamples / "wmo301.xml"));
    EXPECT_EQ(codeOf(r.problems), "MESSAGE_NOT_WMO323");
    EXPECT_FALSE(r.head.has_value());
    EXPECT_TRUE(r.prestaties.empty());
}

TEST(DeclarationReader, AnInvalidLaterPrestatieFailsTheWholeRead) {
    // Records before the error were delivered (they are provisional); the result says invalid.
    const std::string text =
        replaced(readFile(kSamples / "wmo323.xml"), "<wmo323:Eenheid>83</wmo323:Eenheid>",
                 "<wmo323:Eenheid>99</wmo323:Eenheid>");
    const Read r = readAll(text);
    EXPECT_EQ(codeOf(r.problems), "XSD_INVALID");
    EXPECT_EQ(r.prestaties.size(), 2u);
    EXPECT_GT(r.problems.front().line, 80);
}

TEST(DeclarationReader, OutOfRangeDatesAreReported) {
    const std::string text = replaced(readFile(kSamples / "wmo323.xml"),
                                      "<iwmo:Begindatum>2025-02-01", "<iwmo:Begindatum>0999-02-01");
    EXPECT_EQ(codeOf(readAll(text).problems), "DECLARATION_VALUE_OUT_OF_RANGE");
}

TEST(DeclarationReader, ACallbackExceptionPropagatesAndTheReaderStaysUsable) {
    const std::string text = readFile(kSamples / "wmo323.xml");
    DeclarationReader reader;
    EXPECT_THROW(reader.readText(
                     ourSchemas(), text, declarationLimits(), [](const DeclarationHead&) {},
                     [](const Prestatie&) { throw std::runtime_error("database gone"); }),
                 std::runtime_error);
    std::size_t n = 0;
    EXPECT_EQ(codeOf(reader.readText(
                  ourSchemas(), text, declarationLimits(), [](const DeclarationHead&) {},
                  [&](const Prestatie&) { ++n; })),
              "OK");
    EXPECT_EQ(n, 3u);
}

TEST(StreamValidate, DeliversOnlyTheConfiguredRecords) {
    std::vector<std::string> seen;
    xml::CallbackSink sink([&](const xml::Element& e, const std::vector<std::string>& path) {
        std::string joined;
        for (const auto& name : path) joined += (joined.empty() ? "" : "/") + name;
        seen.push_back(joined + "(" + std::to_string(e.children.size()) + ")");
    });
    const xml::StreamOptions options{{"Bericht/Header", "Bericht/*/Clienten/Client/Bsn"}};
    const auto result = xml::streamValidate(ourSchemas(), readFile(kSamples / "wmo323.xml"),
                                            xml::Limits{}, options, sink);
    EXPECT_TRUE(result.ok()) << describe(result.problems);
    EXPECT_EQ(seen, (std::vector<std::string>{"Bericht/Header(7)",
                                              "Bericht/Declaratie/Clienten/Client/Bsn(0)",
                                              "Bericht/Declaratie/Clienten/Client/Bsn(0)"}));
    EXPECT_EQ(result.records, 3u);
    EXPECT_GT(result.elements, 60u);
}

TEST(StreamValidate, ASinkCanStopTheParse) {
    int calls = 0;
    xml::CallbackSink sink([&](const xml::Element&, const std::vector<std::string>&) {
        ++calls;
        throw xml::StreamStop{{"ENOUGH", "stop", 1, 1}};
    });
    const auto result = xml::streamValidate(ourSchemas(), readFile(kSamples / "wmo323.xml"),
                                            xml::Limits{}, wmo323Records(), sink);
    EXPECT_EQ(codeOf(result.problems), "ENOUGH");
    EXPECT_EQ(calls, 1);
}

// A bare DOCTYPE (no subset, no identifier) reaches no Xerces handler: the streaming path
// refuses it before any record reaches the sink, from a string and from a stream.
TEST(StreamValidate, ABareDoctypeIsRefusedBeforeAnyRecord) {
    std::string text = readFile(kSamples / "wmo323.xml");
    text.insert(text.find("<wmo323:Bericht"), "<!DOCTYPE wmo323:Bericht>\n");
    int calls = 0;
    xml::CallbackSink sink([&](const xml::Element&, const std::vector<std::string>&) { ++calls; });
    EXPECT_EQ(
        codeOf(
            xml::streamValidate(ourSchemas(), text, xml::Limits{}, wmo323Records(), sink).problems),
        "XML_DOCTYPE");
    std::istringstream in(text);
    EXPECT_EQ(
        codeOf(
            xml::streamValidate(ourSchemas(), in, xml::Limits{}, wmo323Records(), sink).problems),
        "XML_DOCTYPE");
    EXPECT_EQ(calls, 0);
}

// ---- WMO325 ----

Wmo325Header header325() {
    Wmo325Header h;
    h.afzender = "0363";
    h.ontvanger = "12345678";
    h.identificatie = "A325-0001";
    h.dagtekening = d("2025-04-10");
    h.declaratie_identificatie = "T-323-0001";
    h.declaratie_dagtekening = d("2025-04-03");
    h.xsd_basis_declaratie = "1.0.0";
    h.xsd_bericht_declaratie = "1.0.0";
    return h;
}

std::vector<Prestatie> samplePrestaties() {
    const Read r = readAll(readFile(kSamples / "wmo323.xml"));
    EXPECT_EQ(codeOf(r.problems), "OK");
    return r.prestaties;
}

xml::Element mustValidate325(const std::string& text) {
    const auto r = xml::parseAndValidate(ourSchemas(), text);
    EXPECT_TRUE(r.ok()) << describe(r.problems) << "\n" << text;
    // The iJw twin (jw325.xsd) has the same shape: validate a namespace-rewritten copy.
    if (const auto* ijw = referenceSchemas(kIjwSchemas, "jw325.xsd")) {
        std::string twin = replaced(text, "iwmo/3_2/wmo325", "ijw/3_2/jw325");
        twin = replaced(twin, "iwmo/3_2/basisschema", "ijw/3_2/basisschema");
        twin = replaced(twin, "<wmo325:BerichtCode>485<", "<wmo325:BerichtCode>491<");
        // Jeugdwet has its own category list (31, 32, ...): only that code list differs.
        for (const char* wmo : {"02", "07"}) {
            twin = replaced(twin, std::string("<wmo325:ProductCategorie>") + wmo + "<",
                            "<wmo325:ProductCategorie>31<");
        }
        const auto t = xml::parseAndValidate(*ijw, twin);
        EXPECT_TRUE(t.ok()) << "against jw325.xsd: " << describe(t.problems);
    }
    return r.root.value_or(xml::Element{});
}

std::vector<std::string> codesAt(const xml::Element& e) {
    std::vector<std::string> out;
    if (const auto* codes = e.child("RetourCodes")) {
        for (const auto* c : codes->all("RetourCode")) out.push_back(c->text);
    }
    return out;
}

std::int64_t totalAt(const xml::Element& root, const std::string& name) {
    const auto* e = root.find("DeclaratieAntwoord/" + name);
    if (e == nullptr) return -1;
    const std::int64_t v = std::stoll(e->childText("TotaalBedrag"));
    return e->childText("DebetCredit") == "C" ? -v : v;
}

TEST(Wmo325Writer, FullyAwarded) {
    DeclarationAnswer a;
    a.declaratie_nummer = "DEC202503A";
    a.submitted_cents = 98000;
    const xml::Element root = mustValidate325(buildWmo325(header325(), a));
    EXPECT_EQ(codesAt(*root.child("Header")), std::vector<std::string>{"0200"});
    const auto* answer = root.child("DeclaratieAntwoord");
    ASSERT_NE(answer, nullptr);
    EXPECT_EQ(codesAt(*answer), std::vector<std::string>{"8001"});
    EXPECT_EQ(answer->child("Clienten"), nullptr);
    EXPECT_EQ(totalAt(root, "TotaalIngediendBedrag"), 98000);
    EXPECT_EQ(totalAt(root, "TotaalToegekendBedrag"), 98000);
    EXPECT_EQ(root.find("Header/DeclaratieIdentificatie/Identificatie")->text, "T-323-0001");
    EXPECT_EQ(root.find("Header/XsdVersieDeclaratie/BerichtXsdVersie")->text, "1.0.0");
    EXPECT_EQ(root.find("Header/BerichtCode")->text, "485");
    EXPECT_EQ(root.find("Header/Afzender")->text, "0363");
}

TEST(Wmo325Writer, RejectedLinesAcrossTwoClients) {
    const std::vector<Prestatie> p = samplePrestaties();
    ASSERT_EQ(p.size(), 3u);
    DeclarationAnswer a;
    a.declaratie_nummer = "DEC202503A";
    a.submitted_cents = 98000;
    // Listed out of client order on purpose: the writer groups per client.
    a.rejected = {{p[2], {"9338"}}, {p[0], {"9346", "0611"}}, {p[1], {"8017"}}};
    const xml::Element root = mustValidate325(buildWmo325(header325(), a));
    const auto* answer = root.child("DeclaratieAntwoord");
    ASSERT_NE(answer, nullptr);
    EXPECT_EQ(codesAt(*answer), std::vector<std::string>{"0200"});
    const auto clients = answer->child("Clienten")->all("Client");
    ASSERT_EQ(clients.size(), 2u);
    EXPECT_EQ(clients[0]->childText("Bsn"), "999990019");
    EXPECT_EQ(clients[1]->childText("Bsn"), "999993653");
    EXPECT_EQ(codesAt(*clients[0]), std::vector<std::string>{"0200"});
    const auto second = clients[1]->child("Prestaties")->all("Prestatie");
    ASSERT_EQ(second.size(), 2u);
    EXPECT_EQ(codesAt(*second[0]), (std::vector<std::string>{"9346", "0611"}));
    EXPECT_EQ(second[1]->find("ProductReferentie/VorigReferentieNummer")->text, "PR-2025-02-0007");
    EXPECT_EQ(second[1]->find("IngediendBedrag/DebetCredit")->text, "C");
    const auto euro = clients[0]->child("Prestaties")->child("Prestatie");
    EXPECT_EQ(euro->child("ProductTarief"), nullptr);
    // TR342: listed D - C = submitted - awarded. Here 20000 + 104000 - 26000 = 98000 -> 0.
    EXPECT_EQ(totalAt(root, "TotaalToegekendBedrag"), 0);
    EXPECT_EQ(awardedCents(a), 0);

    // Only the credit rejected: awarded exceeds submitted by its amount.
    a.rejected = {{p[1], {"8017"}}};
    const xml::Element one = mustValidate325(buildWmo325(header325(), a));
    EXPECT_EQ(totalAt(one, "TotaalToegekendBedrag"), 98000 + 26000);
}

TEST(Wmo325Writer, ClientLevelCodeMarksItsPrestatiesNotAssessed) {
    const std::vector<Prestatie> p = samplePrestaties();
    DeclarationAnswer a;
    a.declaratie_nummer = "DEC202503A";
    a.submitted_cents = 98000;
    a.client_codes["999993653"] = {"8187"};
    a.rejected = {{p[0], {}}, {p[1], {}}};
    const xml::Element root = mustValidate325(buildWmo325(header325(), a));
    const auto* client = root.find("DeclaratieAntwoord/Clienten/Client");
    ASSERT_NE(client, nullptr);
    EXPECT_EQ(codesAt(*client), std::vector<std::string>{"8187"});
    for (const auto* x : client->child("Prestaties")->all("Prestatie")) {
        EXPECT_EQ(codesAt(*x), std::vector<std::string>{"0233"});
    }
    EXPECT_EQ(totalAt(root, "TotaalToegekendBedrag"), 20000);

    a.client_codes.clear();
    EXPECT_THROW(buildWmo325(header325(), a), std::invalid_argument);
}

// The spooled writer (a national-scale answer, its prestaties through a scratch file) writes
// byte for byte what writeWmo325 writes: clients in order of first appearance, the totals, the
// codes; and an answer without rejected lines (8001) or rejected as a whole (no Clienten).
TEST(Wmo325Writer, SpooledAnswerIsTheSameAsTheAnswerHeldInMemory) {
    const std::vector<Prestatie> p = samplePrestaties();
    std::vector<std::vector<RejectedPrestatie>> cases = {
        {{p[2], {"9338"}}, {p[0], {"9346", "0611"}}, {p[1], {"8017"}}},
        {{p[1], {"8017"}}},
        {},
    };
    for (std::size_t n = 0; n < 40; ++n) {  // many lines, two clients interleaved
        Prestatie x = p[n % 2 == 0 ? 0 : 2];
        x.reference = "R-" + std::to_string(n);
        cases[0].push_back({x, {"9321"}});
    }
    for (const bool whole : {false, true}) {
        for (const auto& rejected : cases) {
            DeclarationAnswer a;
            a.declaratie_nummer = "DEC202503A";
            a.submitted_cents = 98000;
            if (whole) a.declaration_codes = {"8214"};
            DeclarationAnswer held = a;
            if (!whole) held.rejected = rejected;
            std::stringstream scratch;
            Wmo325Spool spool(scratch);
            if (!whole) {
                for (const auto& r : rejected) spool.add(r);
            }
            std::ostringstream out;
            spool.finish(out, header325(), a);
            EXPECT_EQ(out.str(), buildWmo325(header325(), held)) << rejected.size() << " lines";
            mustValidate325(out.str());
        }
    }
    std::stringstream scratch;
    Wmo325Spool spool(scratch);
    EXPECT_THROW(spool.add({p[0], {}}), std::invalid_argument) << "a prestatie needs a code";
}

TEST(Wmo325Writer, HeaderLevelTechnicalRejection) {
    DeclarationAnswer a;
    a.technical_rejection = true;
    a.declaratie_nummer = "DEC202503A";
    a.submitted_cents = 98000;
    const xml::Element root = mustValidate325(buildWmo325(header325(), a));
    EXPECT_EQ(codesAt(*root.child("Header")), std::vector<std::string>{"0001"});
    EXPECT_EQ(root.child("DeclaratieAntwoord"), nullptr);
}

TEST(Wmo325Writer, DeclarationLevelRejectionAwardsNothing) {
    const std::vector<Prestatie> p = samplePrestaties();
    DeclarationAnswer a;
    a.declaratie_nummer = "DEC202503A";
    a.submitted_cents = 98000;
    a.declaration_codes = {"8214"};
    a.rejected = {{p[0], {"9338"}}};  // ignored: the declaration is rejected as a whole
    const xml::Element root = mustValidate325(buildWmo325(header325(), a));
    EXPECT_EQ(codesAt(*root.child("Header")), std::vector<std::string>{"0200"});
    EXPECT_EQ(codesAt(*root.child("DeclaratieAntwoord")), std::vector<std::string>{"8214"});
    EXPECT_EQ(root.find("DeclaratieAntwoord/Clienten"), nullptr);
    EXPECT_EQ(totalAt(root, "TotaalIngediendBedrag"), 98000);
    EXPECT_EQ(totalAt(root, "TotaalToegekendBedrag"), 0);

    DeclarationAnswer header_error;
    header_error.declaratie_nummer = "DEC202503A";
    header_error.submitted_cents = -500;
    header_error.header_codes = {"8848"};
    const xml::Element h = mustValidate325(buildWmo325(header325(), header_error));
    EXPECT_EQ(codesAt(*h.child("Header")), std::vector<std::string>{"8848"});
    EXPECT_EQ(codesAt(*h.child("DeclaratieAntwoord")), std::vector<std::string>{"0233"});
    EXPECT_EQ(totalAt(h, "TotaalIngediendBedrag"), -500);
    EXPECT_EQ(h.find("DeclaratieAntwoord/TotaalToegekendBedrag/DebetCredit")->text, "D");
}

TEST(Wmo325Writer, HundredThousandRejectedLinesStreamLinearly) {
    constexpr std::size_t kCount = 100000;
    DeclarationAnswer a;
    a.declaratie_nummer = "DEC202503B";
    a.rejected.reserve(kCount);
    std::int64_t submitted = 0;
    for (std::size_t i = 0; i < kCount; ++i) {
        // Clients interleaved (i % 1000) to exercise the grouping.
        Prestatie p = generated(i, 1);
        p.bsn = std::to_string(100000000 + i % 1000);
        submitted += signedCents(p.amount_cents, p.credit);
        a.rejected.push_back({std::move(p), {"9338"}});
    }
    a.submitted_cents = submitted + 777;
    const auto started = std::chrono::steady_clock::now();
    const std::string text = buildWmo325(header325(), a);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    std::cout << "WMO325 with " << kCount << " rejected prestaties: " << text.size() / 1024
              << " KiB in "
              << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms\n";
    // Only a guard against a quadratic writer (which would take many minutes); its speed is
    // measured by bench/ingest.sh, not here: a tight bound failed under AddressSanitizer on a
    // busy machine.
    EXPECT_LT(elapsed, 60s);
    std::size_t clients = 0;
    std::size_t prestaties = 0;
    std::int64_t awarded = -1;
    xml::CallbackSink sink([&](const xml::Element& e, const std::vector<std::string>&) {
        if (e.name == "Client") {
            ++clients;
            prestaties += e.child("Prestaties")->all("Prestatie").size();
        } else if (e.name == "TotaalToegekendBedrag") {
            awarded = std::stoll(e.childText("TotaalBedrag"));
        }
    });
    const auto result = xml::streamValidate(
        ourSchemas(), text, declarationLimits(),
        xml::StreamOptions{{"Bericht/DeclaratieAntwoord/Clienten/Client",
                            "Bericht/DeclaratieAntwoord/TotaalToegekendBedrag"}},
        sink);
    EXPECT_TRUE(result.ok()) << describe(result.problems);
    EXPECT_EQ(clients, 1000u);
    EXPECT_EQ(prestaties, kCount);
    EXPECT_EQ(awarded, 777);
}

}  // namespace
}  // namespace zc::iwmo
