#include "demo_data.hpp"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "interfaces/http/allocations_api.hpp"
#include "interfaces/http/auth_api.hpp"
#include "interfaces/http/clients_api.hpp"
#include "interfaces/http/contracts_api.hpp"
#include "interfaces/http/payments_api.hpp"
#include "interfaces/http/procedures_api.hpp"
#include "interfaces/http/reference_api.hpp"

namespace zc::server {
namespace {

using app::Actor;
using app::AppConfig;
using app::RequestContext;
using app::Role;
using http::ApiRequest;
using http::ApiResponse;
using UseCase = ApiResponse (*)(RequestContext&, const ApiRequest&);
using Field = std::pair<const char*, Poco::Dynamic::Var>;

constexpr const char* kCentral = "0193";
constexpr int kFirstYear = 2015;
constexpr int kTermEndYear = 2029;  // open and continuation terms end on 1 January 2029
// The open procedure's tariffs in cents per hour, published from its start.
constexpr std::int64_t kTariffIbCents = 5460;
constexpr std::int64_t kTariffHh1Cents = 2590;
constexpr std::int64_t kTariffHh2Cents = 3120;
constexpr std::int64_t kTariffBwCents = 11890;  // Beschermd Wonen, per 24-hour day
constexpr int kAdmittedIn2015 = 12;             // providers 0..11 apply in January 2015
constexpr int kApiKeyProviders = 3;

// A clock the loader moves to the day each step of the history happens on. It never runs ahead
// of the system clock, and after release() it is the system clock.
class DemoClock : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override {
        const auto real = std::chrono::system_clock::now();
        return fixed_ ? std::min(*fixed_, real) : real;
    }
    void set(Date d, int hour = 9) { fixed_ = std::chrono::sys_days(d) + std::chrono::hours(hour); }
    void release() { fixed_.reset(); }

  private:
    std::optional<std::chrono::system_clock::time_point> fixed_;
};

Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

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
constexpr std::array<int, 3> kBwProviders{15, 16, 17};
constexpr int kCoalitionLead = 18;
constexpr std::array<int, 3> kCoalitionMembers{19, 2, 10};
constexpr int kPendingApplicant = 19;  // applies today; its application awaits assessment
constexpr int kDraftProvider = 3;

struct StaffSeed {
    const char* username;
    const char* display_name;
    const char* role;
    const char* totp_secret;  // empty: no second factor needed
};

constexpr std::array<StaffSeed, 7> kStaff{{
    {"admin", "Applicatiebeheer (demo)", "admin", "ZORGCONTRACTADMINDEMOSECRET23456"},
    {"cm.jansen", "Petra Jansen", "contract_manager", ""},
    {"ao.bakker", "Sanne Bakker", "access_officer", ""},
    {"fin.devries", "Mark de Vries", "finance", "ZORGCONTRACTFINANCEDEVRIESDEMO22"},
    {"fin.mulder", "Ingrid Mulder", "finance", "ZORGCONTRACTFINANCEMULDERDEMO234"},
    {"bh.visser", "Joost Visser", "budget_holder", ""},
    {"aud.smit", "Karin Smit", "auditor", ""},
}};

// Provider staff who log in to the web application, each for one provider (index in kProviders).
struct ProviderUserSeed {
    const char* username;
    const char* display_name;
    int provider;
};

constexpr std::array<ProviderUserSeed, 2> kProviderUsers{{
    {"zorg.vechtstroom", "Annemiek Hoekstra (Zorggroep De Vechtstroom)", 0},
    {"zorg.ijsseldelta", "Gerrit Wolters (Thuiszorg IJsseldelta)", 1},
}};

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

struct ProviderRef {
    std::int64_t id = 0;
    std::string agb;
    std::string name;
    std::vector<std::int64_t> contracts;
};

struct Demo {
    db::Connection& db;
    const AppConfig& config;
    DemoClock clock;
    std::vector<ProviderRef> providers;
    std::int64_t open_procedure = 0;
    std::int64_t lot_ib = 0;
    std::int64_t lot_hh = 0;
    std::vector<std::int64_t> requirements;
    std::vector<std::int64_t> bw_contracts;
    DemoSummary summary;
};

Actor adminActor() { return {Role::Admin, 0, 0, "demo:admin"}; }
Actor managerActor() { return {Role::ContractManager, 0, 0, "demo:cm.jansen"}; }
Actor providerActor(const ProviderRef& p) { return {Role::Provider, 0, p.id, "provider:" + p.agb}; }

Poco::JSON::Object::Ptr object(std::initializer_list<Field> fields) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    for (const auto& [key, value] : fields) o->set(key, value);
    return o;
}

Poco::JSON::Array::Ptr list(std::initializer_list<Poco::Dynamic::Var> items) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& v : items) a->add(v);
    return a;
}

// Runs one use case as `actor` on the demo clock's current day; returns the answer's object.
Poco::JSON::Object::Ptr call(Demo& d, UseCase use_case, const Actor& actor,
                             Poco::JSON::Object::Ptr body, const std::string& id = {}) {
    RequestContext ctx{d.db, actor, "demo", d.clock, d.config};
    ApiRequest req;
    if (!id.empty()) req.path["id"] = id;
    req.body = body;
    return use_case(ctx, req).body.extract<Poco::JSON::Object::Ptr>();
}

std::int64_t idOf(Poco::JSON::Object::Ptr o) { return o->getValue<std::int64_t>("id"); }

// A Dutch IBAN: ISO 13616 check digits are 98 - (BBAN + "NL00" as a number) mod 97, with
// letters read as 10..35.
std::string dutchIban(std::string_view bank, std::string_view account) {
    const std::string rearranged = std::string(bank) + std::string(account) + "NL00";
    int rest = 0;
    for (char c : rearranged) {
        if (c >= '0' && c <= '9') {
            rest = (rest * 10 + (c - '0')) % 97;
        } else {
            rest = (rest * 100 + (c - 'A' + 10)) % 97;
        }
    }
    const int check = 98 - rest;
    const std::string digits = std::string(check < 10 ? "0" : "") + std::to_string(check);
    return "NL" + digits + std::string(bank) + std::string(account);
}

void loadMunicipalities(Demo& d) {
    call(d, http::createMunicipality, adminActor(),
         object({{"code", kCentral}, {"name", "Zwolle"}}));
    call(d, http::createMunicipality, adminActor(),
         object({{"code", "0166"}, {"name", "Kampen"}, {"central_code", kCentral}}));
    call(d, http::createMunicipality, adminActor(),
         object({{"code", "0148"}, {"name", "Dalfsen"}, {"central_code", kCentral}}));
    // The central municipality pays its providers from its account at the BNG.
    RequestContext ctx{d.db, Actor{Role::Finance, 0, 0, "demo:fin.devries"}, "demo", d.clock,
                       d.config};
    ApiRequest req;
    req.path["code"] = kCentral;
    req.body = object({{"iban", dutchIban("BNGH", "0285001234")},
                       {"bic", "BNGHNL2G"},
                       {"name", "Gemeente Zwolle"}});
    http::setDebtorAccount(ctx, req);
}

void loadDistrictsAndTeams(Demo& d) {
    struct DistrictSeed {
        const char* name;
        std::vector<const char*> teams;
    };
    const std::array<DistrictSeed, 5> districts{{
        {"Noord", {"Sociaal wijkteam Holtenbroek", "Sociaal wijkteam Stadshagen"}},
        {"Zuid", {"Sociaal wijkteam Zwolle-Zuid", "Sociaal wijkteam Assendorp"}},
        {"Oost", {"Sociaal wijkteam Oost", "Sociaal wijkteam Berkum"}},
        {"West", {"Sociaal wijkteam Westenholte"}},
        {"Centrum", {"Sociaal wijkteam Binnenstad-Diezerpoort"}},
    }};
    for (const auto& district : districts) {
        const auto id =
            idOf(call(d, http::createDistrict, adminActor(),
                      object({{"municipality_code", kCentral}, {"name", district.name}})));
        for (const char* team : district.teams) {
            call(d, http::createTeam, adminActor(), object({{"district_id", id}, {"name", team}}));
        }
    }
}

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

void enableTotp(Demo& d, const std::string& username, const std::string& secret) {
    RequestContext ctx{d.db, adminActor(), "demo", d.clock, d.config};
    db::Transaction tx(d.db);
    d.db.execute("UPDATE users SET totp_secret = ?, totp_enabled = 1 WHERE username = ?",
                 {secret, username});
    security::appendAudit(ctx, {"auth.totp_enrol", "user", username, "ok", std::nullopt,
                                "{\"totp_enabled\":true,\"source\":\"demo\"}"});
    tx.commit();
}

void loadStaff(Demo& d) {
    for (const auto& s : kStaff) {
        call(d, http::createUser, adminActor(),
             object({{"username", s.username},
                     {"display_name", s.display_name},
                     {"role", s.role},
                     {"password", kDemoPassword}}));
        if (*s.totp_secret) enableTotp(d, s.username, s.totp_secret);
    }
}

void loadProviderUsers(Demo& d) {
    for (const auto& u : kProviderUsers) {
        call(d, http::createUser, adminActor(),
             object({{"username", u.username},
                     {"display_name", u.display_name},
                     {"role", "provider"},
                     {"provider_id", d.providers[static_cast<std::size_t>(u.provider)].id},
                     {"password", kDemoPassword}}));
    }
}

void issueApiKeys(Demo& d) {
    for (int i = 0; i < kApiKeyProviders; ++i) {
        const auto& p = d.providers[i];
        auto out = call(d, http::issueApiKey, managerActor(), object({{"label", "Demo-koppeling"}}),
                        std::to_string(p.id));
        d.summary.provider_api_keys.push_back(p.agb + " " + p.name + ": " +
                                              out->getValue<std::string>("api_key"));
    }
}

Actor accessOfficerActor() { return {Role::AccessOfficer, 0, 0, "demo:ao.bakker"}; }

struct ClientSeed {
    const char* bsn;  // fictional, passes the elfproef
    const char* surname;
    const char* prefix;
    const char* given_names;
    const char* initials;
    const char* birth_date;
    const char* gender;
    const char* street;
    const char* house_number;
    const char* postcode;
    const char* product;
    std::int64_t volume;
    const char* unit;
    const char* frequency;
    const char* financing;
    std::int64_t pgb_budget_cents;  // 0 for care in kind
    int provider;                   // index into kProviders; -1: no allocation (PGB)
};

constexpr std::array<ClientSeed, 6> kClientSeeds{{
    {"999900006", "Jansen", "", "Hendrik Jan", "H.J.", "1948-03-12", "1", "Assendorperstraat", "12",
     "8012DE", "02A01", 4, "hours", "week", "ZIN", 0, 0},
    {"999900018", "Vries", "de", "Maria", "M.", "1937-11-02", "2", "Diezerstraat", "88a", "8011RK",
     "01A01", 3, "hours", "week", "ZIN", 0, 1},
    {"999900031", "Bakker", "", "Fleur", "F.", "1991-06-23", "2", "Thomas a Kempisstraat", "5",
     "8021BC", "02A01", 40, "hours", "month", "ZIN", 0, 2},
    {"999900031", "Bakker", "", "Fleur", "F.", "1991-06-23", "2", "Thomas a Kempisstraat", "5",
     "8021BC", "01A02", 100, "hours", "total", "PGB", 250'000, -1},
    {"999900043", "Yilmaz", "", "Emre", "E.", "1979-01-30", "1", "Hanzelaan", "301", "8017JE",
     "15A01", 31, "days_24h", "month", "ZIN", 0, 15},
    {"999900055", "Smit", "van der", "Johanna", "J.", "1955-08-17", "2", "Stadshagenallee", "44",
     "8043XA", "01A01", 3, "hours", "week", "ZIN", 0, 0},
}};

// Runs an allocation or client use case as the demo access officer with path parameters.
Poco::JSON::Object::Ptr callWithPath(Demo& d, UseCase use_case,
                                     std::map<std::string, std::string> path,
                                     Poco::JSON::Object::Ptr body) {
    RequestContext ctx{d.db, accessOfficerActor(), "demo", d.clock, d.config};
    ApiRequest req;
    req.path = std::move(path);
    req.body = body;
    return use_case(ctx, req).body.extract<Poco::JSON::Object::Ptr>();
}

// Five clients with a decision for this year each (one with a PGB next to care in kind) and
// allocations to demo providers; the last client gets more hours from tomorrow on (a new
// allocation after the first, OP033x1). Real clock.
void loadClients(Demo& d, int current_year) {
    if (current_year >= kTermEndYear) return;  // the demo contracts have ended
    d.clock.release();
    const std::string from = formatDate(ymd(current_year, 1, 1));
    const std::string to = formatDate(ymd(current_year + 1, 1, 1));
    std::map<std::string, std::int64_t> client_ids;
    std::int64_t decision_number = static_cast<std::int64_t>(current_year) * 10000;
    std::int64_t last_allocation = 0;
    for (const auto& c : kClientSeeds) {
        if (!client_ids.count(c.bsn)) {
            auto client = call(d, http::createClient, accessOfficerActor(),
                               object({{"bsn", c.bsn},
                                       {"surname", c.surname},
                                       {"prefix", c.prefix},
                                       {"given_names", c.given_names},
                                       {"initials", c.initials},
                                       {"birth_date", c.birth_date},
                                       {"gender", c.gender},
                                       {"street", c.street},
                                       {"house_number", c.house_number},
                                       {"postcode", c.postcode},
                                       {"city", "Zwolle"},
                                       {"municipality_code", kCentral}}));
            client_ids[c.bsn] = idOf(client);
        }
        auto grant = object({{"product_code", c.product},
                             {"volume", c.volume},
                             {"unit", c.unit},
                             {"frequency", c.frequency},
                             {"financing", c.financing}});
        if (c.pgb_budget_cents > 0) grant->set("pgb_budget_cents", c.pgb_budget_cents);
        auto decision =
            callWithPath(d, http::createDecision, {{"id", std::to_string(client_ids[c.bsn])}},
                         object({{"number", ++decision_number},
                                 {"decision_date", from},
                                 {"valid_from", from},
                                 {"valid_to", to},
                                 {"products", list({grant})}}));
        if (c.provider < 0) continue;
        const auto granted = decision->getArray("products")->getObject(0);
        auto allocation =
            call(d, http::queueingWmo301<http::createAllocation>, accessOfficerActor(),
                 object({{"granted_product_id", idOf(granted)},
                         {"provider_id", d.providers[static_cast<std::size_t>(c.provider)].id},
                         {"start_date", from},
                         {"volume", c.volume > 2 ? c.volume - 1 : c.volume}}));
        last_allocation = allocation->getValue<std::int64_t>("number");
    }
    // Reassessment (RedenWijziging 04): the last client gets the full granted volume from tomorrow
    // on — a new allocation after the first one, as a weekly volume changes (OP033x1).
    const Date tomorrow = addDays(d.clock.today(), 1);
    if (tomorrow >= ymd(current_year + 1, 1, 1)) return;
    callWithPath(d, http::queueingWmo301<http::changeAllocation>,
                 {{"number", std::to_string(last_allocation)}},
                 object({{"volume", kClientSeeds.back().volume},
                         {"reason_code", "04"},
                         {"effective_date", formatDate(tomorrow)}}));
}

std::vector<DemoLogin> demoLogins() {
    std::vector<DemoLogin> out;
    for (const auto& s : kStaff) out.push_back({s.username, s.role, kDemoPassword, s.totp_secret});
    for (const auto& u : kProviderUsers) out.push_back({u.username, "provider", kDemoPassword, ""});
    return out;
}

}  // namespace

DemoSummary loadDemoData(db::Connection& db, const AppConfig& config) {
    if (db.queryOne("SELECT code FROM municipalities WHERE code = ?", {std::string(kCentral)})) {
        DemoSummary present;
        present.logins = demoLogins();
        present.already_loaded = true;
        return present;
    }
    Demo d{db, config, {}, {}, 0, 0, 0, {}, {}, {}};
    const int current_year = static_cast<int>(SystemClock().today().year());
    loadReference(d);
    loadContinuation(d);
    loadOpenProcedure(d);
    admitFirstProviders(d);
    loadHistory(d, current_year);
    loadToday(d, current_year);
    loadStaff(d);
    loadProviderUsers(d);
    issueApiKeys(d);
    loadClients(d, current_year);
    d.summary.logins = demoLogins();
    return d.summary;
}

}  // namespace zc::server
