#include "xml_out.hpp"

#include "interfaces/iwmo/declaration.hpp"

namespace zc::iwmo::detail {

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

}  // namespace zc::iwmo::detail
