#include "demo_activity.hpp"

#include <map>
#include <stdexcept>

#include "interfaces/http/bank_statements_api.hpp"
#include "interfaces/http/declarations_api.hpp"
#include "interfaces/http/json_output.hpp"
#include "interfaces/http/messages_api.hpp"
#include "interfaces/http/payments_api.hpp"

namespace zc::server::demo {
namespace {

using app::Actor;
using app::Role;

// The two finance users of the demo: one prepares, the other approves (four eyes), as the
// web application shows them.
Actor preparer() { return {Role::Finance, 0, 0, "fin.devries"}; }
Actor approver() { return {Role::Finance, 0, 0, "fin.mulder"}; }

// Runs a use case with a raw body and a query string; a refusal (4xx) stops the demo.
Poco::Dynamic::Var callRaw(Demo& d, UseCase use_case, const Actor& actor,
                           std::map<std::string, std::string> query, std::string raw,
                           std::string client_agb = {}) {
    app::RequestContext ctx{d.db, actor, "demo", d.clock, d.config};
    http::ApiRequest req;
    req.query = std::move(query);
    req.body = new Poco::JSON::Object;
    req.raw_body = std::move(raw);
    req.client_agb = std::move(client_agb);
    auto answer = use_case(ctx, req);
    if (answer.status >= 400) {
        const auto text = answer.content_type.empty() ? http::toJson(answer.body) : answer.raw;
        throw std::runtime_error("demo activity refused (" + std::to_string(answer.status) +
                                 "): " + text.substr(0, 400));
    }
    return answer.body;
}

Date firstOfMonth(Date day) { return Date{day.year(), day.month(), std::chrono::day(1)}; }
Date nextMonth(Date first) { return addMonths(first, 1); }
Date dayOf(Date first, unsigned day) {
    return Date{first.year(), first.month(), std::chrono::day(day)};
}
// `day`, or today when that is still to come (the demo never runs ahead of the clock).
void moveTo(Demo& d, Date day) { d.clock.set(std::min(day, SystemClock().today())); }

// Hours a provider realised on an allocation in one month: the cap for monthly caps, three
// weeks' worth for weekly ones (well inside the cap).
std::int64_t realisedHours(const DemoAllocation& a) {
    return a.frequency == "month" ? a.volume : 3 * a.volume;
}

// The provider's first allocation with a weekly cap (0: none).
std::int64_t firstWeekly(const Demo& d, int provider) {
    for (const auto& a : d.allocations) {
        if (a.provider == provider && a.frequency == "week") return a.number;
    }
    return 0;
}

struct Month {
    Date first;
    bool last = false;  // the most recent month declared: one line rejected, one to review
};

// The CSV a provider's administration exports for one municipality and month.
std::string csvFor(const Demo& d, int provider, const std::string& municipality, const Month& m,
                   int& reference) {
    const std::string from = formatDate(m.first);
    const std::string to = formatDate(nextMonth(m.first));
    std::string csv = "reference;allocation_number;bsn;period_start;period_end;volume\n";
    for (const auto& a : d.allocations) {
        if (a.provider != provider || a.paying_municipality != municipality) continue;
        if (a.frequency == "total" || a.product_code.starts_with("15")) continue;
        std::int64_t hours = realisedHours(a);
        // The last month: monthly care a little over its cap goes to review (at most 10 %
        // over); De Vechtstroom's first weekly care, far over its cap, is rejected (9321).
        if (m.last && a.frequency == "month") hours = a.volume + (a.volume + 19) / 20;
        if (m.last && provider == 0 && a.number == firstWeekly(d, provider)) hours = 8 * a.volume;
        csv += "DEMO-" + std::to_string(++reference) + ";" + std::to_string(a.number) + ";" +
               a.bsn + ";" + from + ";" + to + ";" + std::to_string(hours) + "\n";
    }
    return csv;
}

// Every provider with allocations declares the month, one declaration per paying municipality,
// on the second day of the next month.
void declareMonth(Demo& d, const Month& m, int& reference) {
    moveTo(d, dayOf(nextMonth(m.first), 2));
    std::map<std::pair<int, std::string>, bool> sent;
    for (const auto& a : d.allocations) {
        const auto key = std::make_pair(a.provider, a.paying_municipality);
        if (sent[key]) continue;
        sent[key] = true;
        const std::string csv = csvFor(d, a.provider, a.paying_municipality, m, reference);
        if (csv.find('\n') == csv.size() - 1) continue;  // the header only
        const auto& p = d.providers[static_cast<std::size_t>(a.provider)];
        std::string number = "D" + formatDate(m.first).substr(0, 7) + "-" + a.paying_municipality;
        number.erase(5, 1);  // "D202609-0193": at most 12 characters
        callRaw(d, http::submitCsvDeclaration, providerActor(p),
                {{"number", number},
                 {"period_start", formatDate(m.first)},
                 {"period_end", formatDate(nextMonth(m.first))},
                 {"municipality", a.paying_municipality}},
                csv);
    }
}

Poco::JSON::Object::Ptr prepareRun(Demo& d) {
    const Date until = addDays(d.clock.today(), 60);
    return call(d, http::preparePaymentRun, preparer(),
                object({{"municipality_codes", list({kCentral, "0166", "0148"})},
                        {"due_until", formatDate(until)}}));
}

std::string euros(std::int64_t cents) {
    const std::string c = std::to_string(cents % 100);
    return std::to_string(cents / 100) + "." + (c.size() == 1 ? "0" + c : c);
}

// The bank's statement (camt.053) of one debtor account that books these transfers.
std::string statementFor(const std::string& account, const std::vector<Poco::JSON::Object::Ptr>& ts,
                         Date day, const std::string& id) {
    const std::string date = formatDate(day);
    const std::int64_t opening = 250'000'000;
    std::int64_t total = 0;
    std::string entries;
    for (const auto& t : ts) {
        const auto cents = t->getValue<std::int64_t>("amount_cents");
        total += cents;
        entries += "<Ntry><Amt Ccy=\"EUR\">" + euros(cents) +
                   "</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>" + date +
                   "</Dt></BookgDt><ValDt><Dt>" + date +
                   "</Dt></ValDt><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT"
                   "</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls><TxDtls><Refs><EndToEndId>" +
                   t->getValue<std::string>("end_to_end_id") +
                   "</EndToEndId></Refs><RltdPties><DbtrAcct><Id><IBAN>" + account +
                   "</IBAN></Id></DbtrAcct><CdtrAcct><Id><IBAN>" +
                   t->getValue<std::string>("creditor_iban") +
                   "</IBAN></Id></CdtrAcct></RltdPties></TxDtls></NtryDtls></Ntry>";
    }
    auto balance = [&](const char* code, std::int64_t cents) {
        return std::string("<Bal><Tp><CdOrPrtry><Cd>") + code +
               "</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">" + euros(cents) +
               "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>" + date + "</Dt></Dt></Bal>";
    };
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document "
           "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><GrpHdr>"
           "<MsgId>" +
           id + "</MsgId><CreDtTm>" + date + "T23:00:00</CreDtTm></GrpHdr><Stmt><Id>" + id +
           "</Id><CreDtTm>" + date + "T23:00:00</CreDtTm><FrToDt><FrDtTm>" + date +
           "T00:00:00</FrDtTm><ToDtTm>" + date + "T23:59:59</ToDtTm></FrToDt><Acct><Id><IBAN>" +
           account + "</IBAN></Id></Acct>" + balance("OPBD", opening) +
           balance("CLBD", opening - total) + entries + "</Stmt></BkToCstmrStmt></Document>\n";
}

// Prepared by one finance user, approved by the other, booked by the bank two days later.
void payRun(Demo& d) {
    const auto run = prepareRun(d);
    const std::string id = std::to_string(idOf(run));
    call(d, http::approvePaymentRun, approver(), object({}), id);
    moveTo(d, addDays(d.clock.today(), 2));
    const auto approved = call(d, http::getPaymentRun, approver(), object({}), id);
    std::map<std::string, std::vector<Poco::JSON::Object::Ptr>> by_account;
    const auto transfers = approved->getArray("transfers");
    for (std::size_t i = 0; i < transfers->size(); ++i) {
        const auto t = transfers->getObject(static_cast<unsigned>(i));
        by_account[t->getValue<std::string>("debtor_iban")].push_back(t);
    }
    int n = 0;
    for (const auto& [account, ts] : by_account) {
        const std::string statement_id = "DEMO-" + id + "-" + std::to_string(++n);
        callRaw(d, http::importBankStatement, approver(), {},
                statementFor(account, ts, d.clock.today(), statement_id));
    }
}

// Zorggroep De Vechtstroom asks household help for H.J. Jansen (WMO315), two days ago.
void requestHouseholdHelp(Demo& d) {
    moveTo(d, addDays(SystemClock().today(), -2));
    const auto& p = d.providers[0];
    const std::string today = formatDate(d.clock.today());
    const std::string start = formatDate(addDays(d.clock.today(), 14));
    const std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<wmo315:Bericht "
        "xmlns:wmo315=\"http://www.istandaarden.nl/iwmo/3_2/wmo315/schema\" "
        "xmlns:iwmo=\"http://www.istandaarden.nl/iwmo/3_2/basisschema/schema\"><wmo315:Header>"
        "<wmo315:BerichtCode>444</wmo315:BerichtCode><wmo315:BerichtVersie>3</"
        "wmo315:BerichtVersie><wmo315:BerichtSubversie>2</wmo315:BerichtSubversie>"
        "<wmo315:Afzender>" +
        p.agb + "</wmo315:Afzender><wmo315:Ontvanger>" + kCentral +
        "</wmo315:Ontvanger><wmo315:BerichtIdentificatie><iwmo:Identificatie>DEMO-315-1</"
        "iwmo:Identificatie><iwmo:Dagtekening>" +
        today +
        "</iwmo:Dagtekening></wmo315:BerichtIdentificatie><wmo315:XsdVersie>"
        "<iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie><iwmo:BerichtXsdVersie>"
        "1.0.0</iwmo:BerichtXsdVersie></wmo315:XsdVersie></wmo315:Header><wmo315:Client>"
        "<wmo315:Bsn>999900006</wmo315:Bsn><wmo315:Geboortedatum><iwmo:Datum>1948-03-12</"
        "iwmo:Datum></wmo315:Geboortedatum><wmo315:Geslacht>1</wmo315:Geslacht><wmo315:Naam>"
        "<iwmo:Geslachtsnaam><iwmo:Achternaam>Jansen</iwmo:Achternaam></iwmo:Geslachtsnaam>"
        "<iwmo:Voorletters>HJ</iwmo:Voorletters></wmo315:Naam><wmo315:AangevraagdeProducten>"
        "<wmo315:AangevraagdProduct><wmo315:ReferentieAanbieder>VECHT-HH-1</"
        "wmo315:ReferentieAanbieder><wmo315:Product><iwmo:Categorie>01</iwmo:Categorie>"
        "<iwmo:Code>01A01</iwmo:Code></wmo315:Product><wmo315:ToewijzingIngangsdatum>" +
        start +
        "</wmo315:ToewijzingIngangsdatum><wmo315:Omvang><iwmo:Volume>3</iwmo:Volume>"
        "<iwmo:Eenheid>04</iwmo:Eenheid><iwmo:Frequentie>2</iwmo:Frequentie></wmo315:Omvang>"
        "<wmo315:Verwijzer><iwmo:Type>02</iwmo:Type><iwmo:Naam>Huisartsenpraktijk Assendorp</"
        "iwmo:Naam><iwmo:ZorgverlenerCode>01234567</iwmo:ZorgverlenerCode></wmo315:Verwijzer>"
        "</wmo315:AangevraagdProduct></wmo315:AangevraagdeProducten></wmo315:Client>"
        "</wmo315:Bericht>\n";
    callRaw(d, http::postMessage, providerActor(p), {}, xml, p.agb);
}

}  // namespace

void loadActivity(Demo& d) {
    if (d.allocations.empty()) return;
    const Date this_month = firstOfMonth(SystemClock().today());
    std::vector<Month> months;
    for (int back = 3; back >= 1; --back) {
        const Date first = addMonths(this_month, -back);
        if (first.year() == this_month.year()) months.push_back({first});
    }
    if (!months.empty()) months.back().last = true;
    int reference = 0;
    for (std::size_t i = 0; i < months.size(); ++i) {
        declareMonth(d, months[i], reference);
        if (i == 0) {  // the oldest month is paid
            moveTo(d, dayOf(nextMonth(months[i].first), 8));
            payRun(d);
        }
    }
    if (months.size() >= 2) {
        moveTo(d, SystemClock().today());
        prepareRun(d);
    }
    requestHouseholdHelp(d);
    d.clock.release();
}

}  // namespace zc::server::demo
