#include "demo_data.hpp"

#include <array>
#include <optional>
#include <utility>

#include "demo_activity.hpp"
#include "demo_budgets.hpp"
#include "demo_clients.hpp"
#include "demo_context.hpp"
#include "demo_region.hpp"
#include "demo_staff.hpp"
#include "interfaces/http/contracts_api.hpp"
#include "interfaces/http/procedures_api.hpp"
#include "interfaces/http/reference_api.hpp"

namespace zc::server {
namespace {

using app::AppConfig;
using namespace demo;

constexpr int kFirstYear = 2015;
// The open procedure's tariffs in cents per hour, published from its start.
constexpr std::int64_t kTariffIbCents = 5460;
constexpr std::int64_t kTariffHh1Cents = 2590;
constexpr std::int64_t kTariffHh2Cents = 3120;
constexpr std::int64_t kTariffBwCents = 11890;  // Beschermd Wonen, per 24-hour day
constexpr int kAdmittedIn2015 = 12;             // providers 0..11 apply in January 2015

struct ProviderSeed {
    const char* agb;
    const char* kvk;
    const char* name;
    const char* bank;
    const char* account;  // 10 digits
    const char* contact;
    const char* email;
    const char* phone;
};

// Fictional providers of the region. The first twelve apply in 2015 (lots in kLots2015).
constexpr std::array<ProviderSeed, 20> kProviders{{
    {"73000101", "05061234", "Zorggroep De Vechtstroom", "RABO", "0301234567", "Annemiek Hoekstra",
     "contractbeheer@vechtstroomzorg.nl", "038-4210010"},
    {"73000102", "05072345", "Thuiszorg IJsseldelta", "ABNA", "0412345678", "Gerrit Wolters",
     "inkoop@thuiszorgijsseldelta.nl", "038-4220020"},
    {"73000103", "05083456", "Stichting Begeleid Verder Zwolle", "INGB", "0006543210",
     "Fatima el Amrani", "contracten@begeleidverder.nl", "038-4230030"},
    {"73000104", "05094567", "Huishoudhulp Salland B.V.", "RABO", "0312345678", "Henk Brinkman",
     "administratie@huishoudhulpsalland.nl", "0570-610040"},
    {"73000105", "05105678", "Wijkzorg Assendorp", "ABNA", "0423456789", "Lotte Meijer",
     "info@wijkzorgassendorp.nl", "038-4250050"},
    {"73000106", "05116789", "Stichting Perspectief Overijssel", "RABO", "0323456789",
     "Ruud Kamphuis", "zorgadministratie@perspectief-overijssel.nl", "038-4260060"},
    {"73000107", "05127890", "Thuishulp Holtenbroek B.V.", "INGB", "0007654321", "Esra Yilmaz",
     "planning@thuishulpholtenbroek.nl", "038-4270070"},
    {"73000108", "05138901", "Stichting Maatwerk Begeleiding", "ABNA", "0434567890",
     "Willemijn Dekker", "contractmanagement@maatwerkbegeleiding.nl", "038-4280080"},
    {"73000109", "05149012", "De Zorgzame Buren", "RABO", "0334567890", "Jan-Willem Prins",
     "backoffice@dezorgzameburen.nl", "038-4290090"},
    {"73000110", "05150123", "IJsselland Thuiszorg", "INGB", "0008765432", "Marloes Koster",
     "facturatie@ijssellandthuiszorg.nl", "038-4300100"},
    {"73000111", "05161234", "Stichting Kompas Begeleiding", "ABNA", "0445678901", "Bart Hendriks",
     "wmo@kompasbegeleiding.nl", "038-4310110"},
    {"73000112", "05172345", "Hulp aan Huis Zwolle-Kampen", "RABO", "0345678901", "Anita Post",
     "kantoor@hulpaanhuiszk.nl", "038-3320120"},
    {"73000113", "05183456", "Stichting Samen Sterk Begeleiding", "ABNA", "0456789012",
     "Yusuf Demir", "contract@samensterkbegeleiding.nl", "038-4330130"},
    {"73000114", "05194567", "Huishoudelijke Dienstverlening Hanzestad", "INGB", "0009876543",
     "Karin Bosman", "info@hanzestaddienstverlening.nl", "038-4340140"},
    {"73000115", "05205678", "Schoon & Zorg Dienstverlening B.V.", "RABO", "0356789012",
     "Peter van Dam", "offertes@schoonenzorg.nl", "038-4350150"},
    {"73000116", "05216789", "Stichting Beschermd Wonen IJssel-Vecht", "ABNA", "0467890123",
     "Hanneke Smeenk", "contracten@bw-ijsselvecht.nl", "038-4360160"},
    {"73000117", "05227890", "Herstelhuis De Schakel", "RABO", "0367890123", "Erik Jonker",
     "administratie@herstelhuisdeschakel.nl", "038-4370170"},
    {"73000118", "05238901", "Woonvoorziening Het Anker", "INGB", "0001928374", "Mieke Groen",
     "zorgbureau@hetanker-wonen.nl", "038-4380180"},
    {"73000119", "05249012", "Stichting Dagwerk Zwolle", "ABNA", "0478901234", "Sander Mulder",
     "coalitie@dagwerkzwolle.nl", "038-4390190"},
    {"73000120", "05250123", "Zorgboerderij De Hessenhoeve", "RABO", "0378901234",
     "Gerda ter Horst", "info@hessenhoeve.nl", "0529-430200"},
}};

// Lots each 2015 applicant chooses: 1 = Individuele Begeleiding, 2 = Huishoudelijke Hulp, 3 = both.
constexpr std::array<int, kAdmittedIn2015> kLots2015{3, 2, 1, 2, 3, 1, 2, 1, 2, 3, 1, 2};

constexpr int kLateAdmitted = 12;  // applies March 2019 for IB, admitted
constexpr int kLateRejected = 13;  // applies March 2019 for HH, rejected (no VOG)
constexpr int kRejected2024 = 14;  // applies February 2024 for HH, rejected (no quality mark)
constexpr int kSuspended = 8;      // its HH contract is suspended in June 2023
constexpr std::array<int, 4> kBwProviders{15, 16, 17, kHouseholdHelpAndBw};
constexpr int kCoalitionLead = 18;
constexpr std::array<int, 3> kCoalitionMembers{19, 2, 10};
constexpr int kPendingApplicant = 19;  // applies today; its application awaits assessment
constexpr int kDraftProvider = 3;

// Yearly indexation on 1 January, in percent; years after the table use kDefaultIndexation.
constexpr std::array<std::pair<int, const char*>, 11> kIndexations{{
    {2016, "0.6"},
    {2017, "1.1"},
    {2018, "1.9"},
    {2019, "2.5"},
    {2020, "2.9"},
    {2021, "1.7"},
    {2022, "3.4"},
    {2023, "7.2"},
    {2024, "4.8"},
    {2025, "3.6"},
    {2026, "3.1"},
}};
constexpr const char* kDefaultIndexation = "2.0";

void loadProducts(Demo& d) {
    struct ProductSeed {
        const char* code;
        const char* category;
        const char* name;
        const char* unit;
        const char* kind;
    };
    const std::array<ProductSeed, 7> products{{
        {"02A01", "02", "Individuele Begeleiding", "hours", "per_client"},
        {"01A01", "01", "Huishoudelijke Hulp 1 (schoonmaakwerkzaamheden)", "hours", "per_client"},
        {"01A02", "01", "Huishoudelijke Hulp 2 (regie en organisatie huishouden)", "hours",
         "per_client"},
        {"07A01", "07", "Dagbesteding", "day_parts", "budget_financed"},
        {"04A01", "04", "Kortdurend verblijf (logeren)", "days_24h", "budget_financed"},
        {"15A01", "15", "Beschermd Wonen", "days_24h", "per_client"},
        {"01G01", "01", "Schoonmaakondersteuning (algemene voorziening)", "hours",
         "general_provision"},
    }};
    for (const auto& p : products) {
        call(d, http::createProduct, adminActor(),
             object({{"code", p.code},
                     {"category", p.category},
                     {"name", p.name},
                     {"unit", p.unit},
                     {"kind", p.kind}}));
    }
}

void loadProviders(Demo& d) {
    for (const auto& p : kProviders) {
        auto out = call(d, http::createProvider, managerActor(),
                        object({{"agb", p.agb},
                                {"kvk", p.kvk},
                                {"name", p.name},
                                {"iban", dutchIban(p.bank, p.account)},
                                {"contact_name", p.contact},
                                {"contact_email", p.email},
                                {"contact_phone", p.phone}}));
        d.providers.push_back({idOf(out), p.agb, p.name, {}});
    }
}

void loadReference(Demo& d) {
    d.clock.set(ymd(2014, 12, 1));
    loadMunicipalities(d);
    loadDistrictsAndTeams(d);
    loadProducts(d);
    loadProviders(d);
}

// Beschermd Wonen continues the contracts of before the decentralisation of 2015.
void loadContinuation(Demo& d) {
    d.clock.set(ymd(2014, 12, 15));
    const auto procedure = idOf(call(d, http::createProcedure, managerActor(),
                                     object({{"municipality_code", kCentral},
                                             {"kind", "continuation"},
                                             {"name", "Continuering Beschermd Wonen 2015"},
                                             {"term_start", "2015-01-01"},
                                             {"term_end", "2029-01-01"},
                                             {"applications_open", false}})));
    d.clock.set(ymd(2015, 1, 1));
    for (int i : kBwProviders) {
        auto tariff = object({{"product_code", "15A01"},
                              {"tariff_cents", kTariffBwCents},
                              {"valid_from", "2015-01-01"}});
        auto out = call(d, http::createContract, managerActor(),
                        object({{"provider_id", d.providers[i].id},
                                {"municipality_code", kCentral},
                                {"procedure_id", procedure},
                                {"status", "active"},
                                {"term_start", "2015-01-01"},
                                {"term_end", "2029-01-01"},
                                {"products", list({"15A01"})},
                                {"tariffs", list({tariff})}}));
        d.bw_contracts.push_back(idOf(out));
        d.providers[i].contracts.push_back(idOf(out));
    }
}

void addRequirements(Demo& d) {
    const std::array<const char*, 4> texts{
        "De aanbieder beschikt over een geldig HKZ-certificaat of een gelijkwaardig "
        "kwaliteitskeurmerk.",
        "Alle medewerkers met cliëntcontact hebben een Verklaring Omtrent het Gedrag (VOG) die "
        "niet ouder is dan drie jaar.",
        "De aanbieder wisselt iWmo-berichten (WMO301 tot en met WMO325) uit via VECOZO en het "
        "Gemeentelijk Gegevensknooppunt.",
        "De aanbieder heeft een klachtenregeling en is aangesloten bij een onafhankelijke "
        "geschillencommissie.",
    };
    const auto id = std::to_string(d.open_procedure);
    for (const char* text : texts) {
        d.requirements.push_back(
            idOf(call(d, http::addRequirement, managerActor(), object({{"text", text}}), id)));
    }
}

void loadOpenProcedure(Demo& d) {
    d.clock.set(ymd(2015, 1, 5), 8);
    d.open_procedure = idOf(call(d, http::createProcedure, managerActor(),
                                 object({{"municipality_code", kCentral},
                                         {"kind", "open"},
                                         {"name", "Bestuurlijke aanbesteding IB en HH 2015"},
                                         {"term_start", "2015-01-01"},
                                         {"term_end", "2029-01-01"},
                                         {"applications_open", true}})));
    const auto id = std::to_string(d.open_procedure);
    d.lot_ib = idOf(
        call(d, http::addLot, managerActor(),
             object({{"name", "Individuele Begeleiding"}, {"products", list({"02A01"})}}), id));
    d.lot_hh = idOf(call(
        d, http::addLot, managerActor(),
        object({{"name", "Huishoudelijke Hulp"}, {"products", list({"01A01", "01A02"})}}), id));
    addRequirements(d);
    const std::array<std::pair<const char*, std::int64_t>, 3> tariffs{
        {{"02A01", kTariffIbCents}, {"01A01", kTariffHh1Cents}, {"01A02", kTariffHh2Cents}}};
    for (const auto& [product, cents] : tariffs) {
        call(
            d, http::addProcedureTariff, managerActor(),
            object(
                {{"product_code", product}, {"tariff_cents", cents}, {"valid_from", "2015-01-01"}}),
            id);
    }
}

// Submits an application for lots `lots` (1 = IB, 2 = HH, 3 = both); returns its id.
std::int64_t apply(Demo& d, int provider, int lots) {
    const auto& p = d.providers[provider];
    Poco::JSON::Array::Ptr chosen = new Poco::JSON::Array;
    if (lots & 1) chosen->add(d.lot_ib);
    if (lots & 2) chosen->add(d.lot_hh);
    Poco::JSON::Array::Ptr answers = new Poco::JSON::Array;
    const std::array<const char*, 4> texts{
        "HKZ-certificaat aanwezig, geldig tot en met december van volgend jaar.",
        "Alle medewerkers met cliëntcontact hebben een geldige VOG.",
        "Aangesloten bij VECOZO; iWmo-berichtenverkeer ingericht via ons cliëntsysteem.",
        "Klachtenregeling op de website; aangesloten bij de Geschillencommissie Zorg.",
    };
    for (std::size_t i = 0; i < d.requirements.size(); ++i) {
        answers->add(object({{"requirement_id", d.requirements[i]}, {"answer", texts[i % 4]}}));
    }
    auto out =
        call(d, http::submitApplication, providerActor(p),
             object({{"lots", chosen}, {"answers", answers}}), std::to_string(d.open_procedure));
    return idOf(out);
}

// Assesses every requirement; `failed` (an index into the requirements) is not met.
void assess(Demo& d, std::int64_t application, std::optional<std::size_t> failed = std::nullopt,
            const char* remark = "") {
    for (std::size_t i = 0; i < d.requirements.size(); ++i) {
        const bool met = !failed || *failed != i;
        call(d, http::assessRequirement, managerActor(),
             object({{"requirement_id", d.requirements[i]},
                     {"met", met},
                     {"remark", met ? "" : remark}}),
             std::to_string(application));
    }
}

void admit(Demo& d, int provider, std::int64_t application) {
    auto out = call(d, http::decideApplication, managerActor(), object({{"decision", "admit"}}),
                    std::to_string(application));
    auto contracts = out->getArray("contracts");
    for (std::size_t i = 0; i < contracts->size(); ++i) {
        d.providers[provider].contracts.push_back(
            contracts->get(static_cast<unsigned int>(i)).convert<std::int64_t>());
    }
}

void reject(Demo& d, std::int64_t application, const char* reason) {
    call(d, http::decideApplication, managerActor(),
         object({{"decision", "reject"}, {"reason", reason}}), std::to_string(application));
}

void admitFirstProviders(Demo& d) {
    d.clock.set(ymd(2015, 1, 5), 10);
    std::vector<std::int64_t> applications;
    for (int i = 0; i < kAdmittedIn2015; ++i) applications.push_back(apply(d, i, kLots2015[i]));
    d.clock.set(ymd(2015, 1, 5), 14);
    for (int i = 0; i < kAdmittedIn2015; ++i) {
        assess(d, applications[i]);
        admit(d, i, applications[i]);
    }
}

const char* indexationFor(int year) {
    for (const auto& [y, pct] : kIndexations) {
        if (y == year) return pct;
    }
    return kDefaultIndexation;
}

// 1 January: the open procedure (and with it its framework contracts) and the Beschermd Wonen
// contracts are indexed by the same percentage.
void indexYear(Demo& d, int year) {
    d.clock.set(ymd(year, 1, 1), 8);
    const std::string from = formatDate(ymd(year, 1, 1));
    const auto body = object({{"percentage", indexationFor(year)}, {"from", from}});
    call(d, http::indexProcedure, managerActor(), body, std::to_string(d.open_procedure));
    if (year >= kTermEndYear) return;  // the Beschermd Wonen contracts have ended
    for (auto contract : d.bw_contracts) {
        call(d, http::indexContract, managerActor(), body, std::to_string(contract));
    }
}

void lateApplications2019(Demo& d) {
    d.clock.set(ymd(2019, 3, 1));
    const auto admitted = apply(d, kLateAdmitted, 1);
    const auto rejected = apply(d, kLateRejected, 2);
    d.clock.set(ymd(2019, 3, 15));
    assess(d, admitted);
    admit(d, kLateAdmitted, admitted);
    assess(d, rejected, 1,
           "Voor vier van de zes huishoudelijk medewerkers is geen VOG overgelegd.");
    reject(d, rejected,
           "Niet voldaan aan eis 2 (VOG voor alle medewerkers met cliëntcontact). Een nieuwe "
           "inschrijving is mogelijk zodra de VOG's er zijn.");
}

void suspendContract2023(Demo& d) {
    d.clock.set(ymd(2023, 6, 12));
    const auto contract = d.providers[kSuspended].contracts.front();
    call(d, http::changeContractStatus, managerActor(),
         object({{"status", "suspended"},
                 {"reason",
                  "Onderzoek van de toezichthouder Wmo naar kwaliteit en rechtmatigheid; geen "
                  "nieuwe toewijzingen tot het onderzoek is afgerond."}}),
         std::to_string(contract));
}

void rejection2024(Demo& d) {
    d.clock.set(ymd(2024, 2, 12));
    const auto application = apply(d, kRejected2024, 2);
    d.clock.set(ymd(2024, 3, 4));
    assess(d, application, 0,
           "Het overgelegde certificaat is een ISO 9001-certificaat voor schoonmaakdiensten, "
           "geen zorgkeurmerk.");
    reject(d, application,
           "Niet voldaan aan eis 1 (HKZ-certificaat of gelijkwaardig kwaliteitskeurmerk).");
}

Poco::JSON::Array::Ptr performanceAgreements() {
    return list({
        object({{"indicator", "Unieke cliënten in dagbesteding (tot en met het kwartaal)"},
                {"target", 850},
                {"unit", "clients"},
                {"aggregation", "last"}}),
        object({{"indicator", "Dagdelen geleverd"}, {"target", 96000}, {"unit", "day_parts"}}),
        object({{"indicator", "Cliënten met verbeterde zelfredzaamheid (ZRM)"},
                {"target", 6000},
                {"unit", "percent"},
                {"kind", "percentage"}}),
    });
}

// Dagbesteding is bought in a negotiated procedure and financed by a yearly budget paid to a
// coalition in monthly advances.
void loadBudgetContract(Demo& d) {
    d.clock.set(ymd(2024, 9, 2));
    const auto procedure = idOf(call(d, http::createProcedure, managerActor(),
                                     object({{"municipality_code", kCentral},
                                             {"kind", "negotiated"},
                                             {"name", "Dagbesteding Zwolle 2025-2026"},
                                             {"term_start", "2025-01-01"},
                                             {"term_end", "2027-01-01"},
                                             {"applications_open", false}})));
    d.clock.set(ymd(2024, 12, 2));
    Poco::JSON::Array::Ptr members = new Poco::JSON::Array;
    for (int i : kCoalitionMembers) members->add(d.providers[i].id);
    const std::int64_t budget_2025_cents = 345'000'000;  // EUR 3.45 million
    const std::int64_t budget_2026_cents = 356'000'000;  // EUR 3.56 million
    call(d, http::createBudgetContract, managerActor(),
         object({{"lead_provider_id", d.providers[kCoalitionLead].id},
                 {"member_provider_ids", members},
                 {"municipality_code", kCentral},
                 {"procedure_id", procedure},
                 {"term_start", "2025-01-01"},
                 {"term_end", "2027-01-01"},
                 {"extension_options", 2},
                 {"extension_months", 12},
                 {"products", list({"07A01", "04A01"})},
                 {"budgets", list({object({{"year", 2025}, {"budget_cents", budget_2025_cents}}),
                                   object({{"year", 2026}, {"budget_cents", budget_2026_cents}})})},
                 {"performance_agreements", performanceAgreements()}}));
}

// Events of the year after its indexation, in date order.
void eventsOf(Demo& d, int year) {
    if (year == 2019) lateApplications2019(d);
    if (year == 2023) suspendContract2023(d);
    if (year == 2024) {
        rejection2024(d);
        loadBudgetContract(d);
    }
}

void loadHistory(Demo& d, int current_year) {
    for (int year = kFirstYear + 1; year <= current_year; ++year) {
        indexYear(d, year);
        eventsOf(d, year);
    }
}

// Today (the system clock): a contract for next year still in draft and, while the open
// procedure runs, an application that awaits assessment.
void loadToday(Demo& d, int current_year) {
    d.clock.release();
    const std::string start = formatDate(ymd(current_year + 1, 1, 1));
    const std::string end = formatDate(ymd(current_year + 3, 1, 1));
    auto tariff =
        object({{"product_code", "01G01"}, {"tariff_cents", 2480}, {"valid_from", start}});
    call(d, http::createContract, managerActor(),
         object({{"provider_id", d.providers[kDraftProvider].id},
                 {"municipality_code", "0166"},
                 {"status", "draft"},
                 {"term_start", start},
                 {"term_end", end},
                 {"products", list({"01G01"})},
                 {"tariffs", list({tariff})}}));
    if (current_year < kTermEndYear) apply(d, kPendingApplicant, 1);
}

}  // namespace

DemoSummary loadDemoData(db::Connection& db, const AppConfig& config, DemoActivity activity) {
    if (db.queryOne("SELECT code FROM municipalities WHERE code = ?", {std::string(kCentral)})) {
        DemoSummary present;
        present.logins = demoLogins();
        present.already_loaded = true;
        return present;
    }
    Demo d{db, config, {}, {}, 0, 0, 0, {}, {}, {}, {}, {}};
    const int current_year = static_cast<int>(SystemClock().today().year());
    loadReference(d);
    loadContinuation(d);
    loadOpenProcedure(d);
    admitFirstProviders(d);
    loadHistory(d, current_year);
    loadToday(d, current_year);
    loadStaff(d);
    loadBudgets(d, current_year);
    loadProviderUsers(d);
    issueApiKeys(d);
    loadClients(d, current_year);
    if (activity == DemoActivity::With) loadActivity(d);
    d.summary.logins = demoLogins();
    return d.summary;
}

}  // namespace zc::server
