#include "iwmo_messages.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <random>

#include "support/https_client.hpp"

namespace zc::e2e::iwmo {
namespace {

namespace fs = std::filesystem;

bool hasOurSchemas(const fs::path& root) {
    return fs::is_directory(root / "interfaces/xml/schemas/iwmo-3.2");
}

void writeHeader(xml::XmlWriter& w, const std::string& p, const std::string& code,
                 const Header& h) {
    w.open(p + ":Header");
    w.leaf(p + ":BerichtCode", code);
    w.leaf(p + ":BerichtVersie", "3");
    w.leaf(p + ":BerichtSubversie", "2");
    w.leaf(p + ":Afzender", h.afzender);
    w.leaf(p + ":Ontvanger", h.ontvanger);
    w.open(p + ":BerichtIdentificatie");
    w.leaf("iwmo:Identificatie", h.identificatie);
    w.leaf("iwmo:Dagtekening", h.dagtekening);
    w.close();
    w.open(p + ":XsdVersie");
    w.leaf("iwmo:BasisschemaXsdVersie", "1.0.0");
    w.leaf("iwmo:BerichtXsdVersie", "1.0.0");
    w.close();
    w.close();
}

void openRoot(xml::XmlWriter& w, const std::string& name) {
    w.open(name + ":Bericht");
    w.attribute("xmlns:" + name, messageNamespace(name));
    w.attribute("xmlns:iwmo", kBasisNs);
}

void writeClientStart(xml::XmlWriter& w, const std::string& p, const Client& c) {
    w.open(p + ":Client");
    w.leaf(p + ":Bsn", c.bsn);
    w.open(p + ":Geboortedatum");
    w.leaf("iwmo:Datum", c.birth_date);
    w.close();
    w.leaf(p + ":Geslacht", c.gender);
    w.open(p + ":Naam");
    w.open("iwmo:Geslachtsnaam");
    w.leaf("iwmo:Achternaam", c.surname);
    w.close();
    if (!c.initials.empty()) w.leaf("iwmo:Voorletters", c.initials);
    w.close();
}

void writeProduct(xml::XmlWriter& w, const std::string& p, const std::string& category,
                  const std::string& code) {
    w.open(p + ":Product");
    w.leaf("iwmo:Categorie", category);
    if (!code.empty()) w.leaf("iwmo:Code", code);
    w.close();
}

void writeOmvang(xml::XmlWriter& w, const std::string& p, const Omvang& o) {
    w.open(p + ":Omvang");
    w.leaf("iwmo:Volume", std::to_string(o.volume));
    w.leaf("iwmo:Eenheid", o.eenheid);
    w.leaf("iwmo:Frequentie", o.frequentie);
    w.close();
}

void writeRetourCodes(xml::XmlWriter& w, const std::string& p, const std::string& code) {
    w.open(p + ":RetourCodes");
    w.leaf(p + ":RetourCode", code);
    w.close();
}

struct RetourSpec {
    const std::string& heen_ns;
    const std::string& p;
    const std::string& retour_code;
    const std::vector<std::string>& classes;
    const std::string& identificatie_retour;
    const std::string& dagtekening;
    const std::string& code;
};

void copyElement(xml::XmlWriter& w, const xml::Element& e, const RetourSpec& s) {
    const bool message_ns = e.ns == s.heen_ns;
    w.open((message_ns ? s.p : std::string("iwmo")) + ":" + e.name);
    if (e.children.empty()) {
        w.text(e.name == "BerichtCode" && message_ns ? s.retour_code : e.text);
    } else {
        for (const auto& c : e.children) copyElement(w, c, s);
    }
    if (message_ns && e.name == "Header") {
        w.leaf(s.p + ":IdentificatieRetour", s.identificatie_retour);
        w.leaf(s.p + ":DagtekeningRetour", s.dagtekening);
        w.open(s.p + ":XsdVersieRetour");
        w.leaf("iwmo:BasisschemaXsdVersie", "1.0.0");
        w.leaf("iwmo:BerichtXsdVersie", "1.0.0");
        w.close();
        writeRetourCodes(w, s.p, s.code);
    } else if (message_ns &&
               std::find(s.classes.begin(), s.classes.end(), e.name) != s.classes.end()) {
        writeRetourCodes(w, s.p, s.code);
    }
    w.close();
}

void collect(const xml::Element& e, const std::string& name,
             std::vector<const xml::Element*>& out) {
    if (e.name == name) out.push_back(&e);
    for (const auto& c : e.children) collect(c, name, out);
}

}  // namespace

std::string messageNamespace(const std::string& name) {
    return "http://www.istandaarden.nl/iwmo/3_2/" + name + "/schema";
}

fs::path sourceRoot() {
    const fs::path from_build = fs::path(ZC_SOURCE_ROOT);
    if (hasOurSchemas(from_build)) return from_build;
    // Else the build tree is usually <root>/build with the test environment inside it.
    const fs::path env = fs::path(test::testEnvDir());
    for (fs::path p = fs::absolute(env); !p.empty() && p != p.root_path(); p = p.parent_path()) {
        if (hasOurSchemas(p)) return p;
    }
    throw std::runtime_error("cannot find the source root (interfaces/xml/schemas/iwmo-3.2)");
}

const xml::SchemaSet& ourSchemas() {
    static const xml::SchemaSet set(sourceRoot() / "interfaces/xml/schemas/iwmo-3.2");
    return set;
}

fs::path officialSchemaDir() {
    return (sourceRoot() / ".." / "shared" / "reference" / "iwmo-3.2").lexically_normal();
}

const xml::SchemaSet* officialSchemas() {
    static const std::unique_ptr<xml::SchemaSet> set = []() -> std::unique_ptr<xml::SchemaSet> {
        const fs::path dir = officialSchemaDir();
        if (!fs::is_directory(dir)) return nullptr;
        return std::make_unique<xml::SchemaSet>(dir);
    }();
    return set.get();
}

std::optional<xml::Element> parse(const xml::SchemaSet& schemas, const std::string& text,
                                  std::string* problems) {
    auto result = xml::parseAndValidate(schemas, text);
    if (result.ok()) return std::move(result.root);
    if (problems) {
        problems->clear();
        for (const auto& p : result.problems) {
            *problems += p.code + " (line " + std::to_string(p.line) + ", column " +
                         std::to_string(p.column) + "): " + p.message + "; ";
        }
    }
    return std::nullopt;
}

std::string uniqueIdentificatie(const std::string& prefix) {
    static std::atomic<int> counter{0};
    static const std::uint64_t seed = [] {
        std::random_device rd;
        return (static_cast<std::uint64_t>(rd()) << 16) ^ static_cast<std::uint64_t>(::getpid()) ^
               static_cast<std::uint64_t>(
                   std::chrono::steady_clock::now().time_since_epoch().count());
    }();
    static std::mutex mutex;
    static std::mt19937_64 rng(seed);
    std::lock_guard lock(mutex);
    std::string tail = std::to_string(rng() % 100000000ULL + 100000000ULL).substr(1);  // 8 digits
    tail += std::to_string(counter++ % 10);
    std::string id = prefix + tail;
    if (id.size() > 12) id = id.substr(id.size() - 12);
    return id;
}

std::string wmo305(const Header& h, const Client& c, const std::vector<StartProduct>& items) {
    const std::string p = "wmo305";
    xml::XmlWriter w;
    openRoot(w, p);
    writeHeader(w, p, "418", h);
    writeClientStart(w, p, c);
    w.open(p + ":StartProducten");
    for (const auto& s : items) {
        w.open(p + ":StartProduct");
        w.leaf(p + ":ToewijzingNummer", std::to_string(s.number));
        writeProduct(w, p, s.category, s.code);
        w.leaf(p + ":ToewijzingIngangsdatum", s.toewijzing_ingangsdatum);
        w.leaf(p + ":Begindatum", s.begindatum);
        w.leaf(p + ":StatusAanlevering", s.status);
        w.close();
    }
    w.close();
    w.close();
    return w.finish();
}

std::string wmo307(const Header& h, const Client& c, const std::vector<StopProduct>& items) {
    const std::string p = "wmo307";
    xml::XmlWriter w;
    openRoot(w, p);
    writeHeader(w, p, "420", h);
    writeClientStart(w, p, c);
    w.open(p + ":StopProducten");
    for (const auto& s : items) {
        w.open(p + ":StopProduct");
        w.leaf(p + ":ToewijzingNummer", std::to_string(s.number));
        writeProduct(w, p, s.category, s.code);
        w.leaf(p + ":ToewijzingIngangsdatum", s.toewijzing_ingangsdatum);
        w.leaf(p + ":Begindatum", s.begindatum);
        w.leaf(p + ":RedenBeeindiging", s.reden_beeindiging);
        w.leaf(p + ":Einddatum", s.einddatum);
        w.leaf(p + ":StatusAanlevering", s.status);
        w.close();
    }
    w.close();
    w.close();
    return w.finish();
}

std::string wmo315(const Header& h, const Client& c, const std::vector<AangevraagdProduct>& items) {
    const std::string p = "wmo315";
    xml::XmlWriter w;
    openRoot(w, p);
    writeHeader(w, p, "444", h);
    writeClientStart(w, p, c);
    w.open(p + ":AangevraagdeProducten");
    for (const auto& a : items) {
        w.open(p + ":AangevraagdProduct");
        w.leaf(p + ":ReferentieAanbieder", a.referentie);
        writeProduct(w, p, a.category, a.code);
        w.leaf(p + ":ToewijzingIngangsdatum", a.toewijzing_ingangsdatum);
        if (!a.toewijzing_einddatum.empty()) {
            w.leaf(p + ":ToewijzingEinddatum", a.toewijzing_einddatum);
        }
        writeOmvang(w, p, a.omvang);
        w.open(p + ":Verwijzer");
        w.leaf("iwmo:Type", a.verwijzer_type);
        w.close();
        w.close();
    }
    w.close();
    w.close();
    return w.finish();
}

std::string wmo317(const Header& h, const std::string& bsn, const std::string& referentie,
                   const std::string& reden_verzoek, const std::vector<std::int64_t>& unchanged,
                   const std::vector<TeWijzigenProduct>& changes) {
    const std::string p = "wmo317";
    xml::XmlWriter w;
    openRoot(w, p);
    writeHeader(w, p, "480", h);
    w.open(p + ":Client");
    w.leaf(p + ":Bsn", bsn);
    w.open(p + ":Verzoek");
    w.leaf(p + ":ReferentieAanbieder", referentie);
    w.leaf(p + ":RedenVerzoek", reden_verzoek);
    if (!unchanged.empty()) {
        w.open(p + ":OngewijzigdeProducten");
        for (const auto n : unchanged) {
            w.open(p + ":OngewijzigdProduct");
            w.leaf(p + ":ToewijzingNummer", std::to_string(n));
            w.close();
        }
        w.close();
    }
    if (!changes.empty()) {
        w.open(p + ":TeWijzigenProducten");
        for (const auto& c : changes) {
            w.open(p + ":TeWijzigenProduct");
            w.leaf(p + ":ToewijzingNummer", std::to_string(c.number));
            w.leaf(p + ":GewensteIngangsdatum", c.gewenste_ingangsdatum);
            if (!c.einddatum.empty()) w.leaf(p + ":Einddatum", c.einddatum);
            if (c.omvang.volume > 0) writeOmvang(w, p, c.omvang);  // 0: no Omvang
            w.close();
        }
        w.close();
    }
    w.close();
    w.close();
    return w.finish();
}

std::string retourOf(const xml::Element& heen, const std::string& retour_name,
                     const std::string& retour_code, const std::vector<std::string>& classes,
                     const std::string& identificatie_retour, const std::string& dagtekening,
                     const std::string& code) {
    xml::XmlWriter w;
    openRoot(w, retour_name);
    const RetourSpec spec{heen.ns,     retour_name, retour_code, classes, identificatie_retour,
                          dagtekening, code};
    for (const auto& part : heen.children) copyElement(w, part, spec);
    return w.finish();
}

std::string wmo302For(const xml::Element& wmo301, const std::string& identificatie_retour,
                      const std::string& dagtekening) {
    return retourOf(wmo301, "wmo302", "415", {"Client", "Relatie", "Contact", "ToegewezenProduct"},
                    identificatie_retour, dagtekening);
}

std::string wmo320For(const xml::Element& wmo319, const std::string& identificatie_retour,
                      const std::string& dagtekening) {
    return retourOf(wmo319, "wmo320", "483", {"Antwoord"}, identificatie_retour, dagtekening);
}

std::vector<std::string> retourCodes(const xml::Element& e) {
    std::vector<std::string> out;
    if (const auto* codes = e.child("RetourCodes")) {
        for (const auto* c : codes->all("RetourCode")) out.push_back(c->text);
    }
    return out;
}

std::vector<const xml::Element*> findAll(const xml::Element& root, const std::string& name) {
    std::vector<const xml::Element*> out;
    collect(root, name, out);
    return out;
}

std::string firstText(const xml::Element& root, const std::string& name) {
    const auto all = findAll(root, name);
    return all.empty() ? std::string() : all.front()->text;
}

}  // namespace zc::e2e::iwmo
