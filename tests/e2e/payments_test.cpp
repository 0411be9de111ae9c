// A payment cycle end to end (ctest label `payments`): a declaration is adjudicated, one finance
// user prepares a payment run, the same user may not approve it, a second one does, and the
// pain.001 is downloaded (twice: the same bytes) and validated against our XSD and the official
// ISO 20022 schema; the ledger stays consistent. Issue 15: the run's status follows the bank
// (sent, booked, returned), the imported statements are listed with their entries counted, and
// resolved work-list items with who resolved them and why. The file is left in
// <build>/test-artifacts/.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "declarations.hpp"
#include "e2e/region_seed.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/xml/stream_reader.hpp"
#include "invoicing/domain/ledger_check.hpp"
#include "invoicing/store/ledger_store.hpp"
#include "session.hpp"
#include "support/https_client.hpp"

namespace zc {
namespace {

const std::filesystem::path kSource = ZC_SOURCE_DIR;

std::vector<xml::Problem> validate(const std::filesystem::path& schema_dir,
                                   const std::string& text) {
    const xml::SchemaSet schemas(schema_dir);
    xml::CallbackSink ignore([](const xml::Element&, const std::vector<std::string>&) {});
    return xml::streamValidate(schemas, text, xml::Limits{}, {}, ignore).problems;
}

std::string firstProblem(const std::vector<xml::Problem>& p) {
    return p.empty() ? "valid" : p.front().code + ": " + p.front().message;
}

// What the run must pay the provider: its open, undisputed payables due by `until`.
std::int64_t openDue(db::Connection& c, std::int64_t provider, const std::string& until) {
    return c
        .queryOne(
            "SELECT COALESCE(SUM(amount_cents), 0) FROM payables WHERE provider_id = ?"
            " AND status = 'open' AND due_date <= ? AND disputed_reason IS NULL",
            {provider, until})
        ->i64(0);
}

// One camt.053 entry (Ntry) with one transaction.
struct CamtEntry {
    std::string amount;  // "225.90"
    bool credit = false;
    std::string end_to_end_id;
    std::string creditor_iban;
    std::string return_reason;  // e.g. "AC04" for a returned transfer
};

std::string camtEntry(const CamtEntry& e, const std::string& date, const std::string& debtor) {
    std::string x = "<Ntry><Amt Ccy=\"EUR\">" + e.amount + "</Amt><CdtDbtInd>" +
                    (e.credit ? "CRDT" : "DBIT") + "</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>" +
                    date + "</Dt></BookgDt><ValDt><Dt>" + date +
                    "</Dt></ValDt><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>" +
                    (e.return_reason.empty() ? "ESCT" : "RRTN") +
                    "</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls><TxDtls>";
    if (!e.end_to_end_id.empty()) {
        x += "<Refs><EndToEndId>" + e.end_to_end_id + "</EndToEndId></Refs>";
    }
    x += "<RltdPties><DbtrAcct><Id><IBAN>" + debtor + "</IBAN></Id></DbtrAcct>";
    if (!e.creditor_iban.empty()) {
        x += "<CdtrAcct><Id><IBAN>" + e.creditor_iban + "</IBAN></Id></CdtrAcct>";
    }
    x += "</RltdPties>";
    if (!e.return_reason.empty()) {
        x += "<RtrInf><Rsn><Cd>" + e.return_reason + "</Cd></Rsn></RtrInf>";
    }
    return x + "</TxDtls></NtryDtls></Ntry>";
}

// A one-day statement of `account` with these entries, from `opening` (10,000.00 unless given)
// to `closing`.
std::string camt053(const std::string& id, const std::string& account, const std::string& date,
                    const std::vector<CamtEntry>& entries, const std::string& closing,
                    const std::string& currency = "EUR", const std::string& opening = "10000.00") {
    std::string x =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document "
        "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><GrpHdr><MsgId>" +
        id + "</MsgId><CreDtTm>" + date + "T23:00:00</CreDtTm></GrpHdr><Stmt><Id>" + id +
        "</Id><CreDtTm>" + date + "T23:00:00</CreDtTm><FrToDt><FrDtTm>" + date +
        "T00:00:00</FrDtTm><ToDtTm>" + date + "T23:59:59</ToDtTm></FrToDt><Acct><Id><IBAN>" +
        account + "</IBAN></Id></Acct>";
    auto balance = [&](const std::string& code, const std::string& amount) {
        return "<Bal><Tp><CdOrPrtry><Cd>" + code + "</Cd></CdOrPrtry></Tp><Amt Ccy=\"" + currency +
               "\">" + amount + "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>" + date +
               "</Dt></Dt></Bal>";
    };
    x += balance("OPBD", opening) + balance("CLBD", closing);
    for (const auto& e : entries) x += camtEntry(e, date, account);
    return x + "</Stmt></BkToCstmrStmt></Document>\n";
}

test::Response postStatement(const std::string& xml, test::Headers headers) {
    headers.emplace_back("Content-Type", "application/xml");
    return e2e::client().request("POST", "/api/v1/bank-statements", xml, headers);
}

// The chain status ("first", "ok", "gap", "mismatch") of the file's first statement.
std::string chainOf(const test::Response& imported) {
    return imported.object()
        ->getArray("statements")
        ->getObject(0)
        ->getObject("chain")
        ->getValue<std::string>("status");
}

// The object of `list` whose `key` is `value`, or null.
Poco::JSON::Object::Ptr findIn(const test::Response& list, const std::string& key,
                               const std::string& value) {
    for (std::size_t i = 0; i < list.array()->size(); ++i) {
        const auto o = list.array()->getObject(static_cast<unsigned>(i));
        if (o->get(key).toString() == value) return o;
    }
    return nullptr;
}

// Issue 15: the run's status after the bank, on the run screen and the run list.
void expectBankStatus(std::int64_t run, const std::string& status, std::int64_t booked,
                      std::int64_t returned) {
    const auto fin = e2e::as("fin.devries");
    const auto one = e2e::client().get("/api/v1/payment-runs/" + std::to_string(run), fin);
    EXPECT_EQ(one.str("bank_status"), status) << one.text;
    EXPECT_EQ(one.num("transfers_booked"), booked) << one.text;
    EXPECT_EQ(one.num("transfers_returned"), returned) << one.text;
    const auto listed = findIn(e2e::client().get("/api/v1/payment-runs?limit=1000", fin), "id",
                               std::to_string(run));
    ASSERT_TRUE(listed) << "run " << run << " on the run list";
    EXPECT_EQ(listed->getValue<std::string>("bank_status"), status);
}

// Issue 15: the statement on the list of imported statements, with its entries counted.
void expectStatementCounts(const std::string& statement_id, std::int64_t booked,
                           std::int64_t returned, std::int64_t unmatched, std::int64_t resolved) {
    const auto list = e2e::client().get("/api/v1/bank-statements?limit=1000", e2e::as("aud.smit"));
    ASSERT_EQ(list.status, 200) << list.describe();
    const auto s = findIn(list, "statement_id", statement_id);
    ASSERT_TRUE(s) << statement_id << " on the statement list";
    EXPECT_EQ(s->getValue<std::int64_t>("booked"), booked) << statement_id;
    EXPECT_EQ(s->getValue<std::int64_t>("returned"), returned) << statement_id;
    EXPECT_EQ(s->getValue<std::int64_t>("unmatched"), unmatched) << statement_id;
    EXPECT_EQ(s->getValue<std::int64_t>("resolved"), resolved) << statement_id;
}

// Issue 15: the resolved entry on the list of resolved work items: who, why, what became of it.
Poco::JSON::Object::Ptr resolvedEntry(std::int64_t entry) {
    const auto list =
        e2e::client().get("/api/v1/reconciliation/resolved?limit=1000", e2e::as("fin.devries"));
    EXPECT_EQ(list.status, 200) << list.describe();
    for (std::size_t i = 0; i < list.array()->size(); ++i) {
        const auto o = list.array()->getObject(static_cast<unsigned>(i));
        if (o->getValue<std::string>("kind") == "entry" && o->getValue<std::int64_t>("id") == entry)
            return o;
    }
    return nullptr;
}

std::string euros(std::int64_t cents) {
    return std::to_string(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") +
           std::to_string(cents % 100);
}

TEST(PaymentsFlow, ADeclarationIsPaidByARunPreparedAndApprovedByTwoFinanceUsers) {
    db::Connection db(test::appDbConfig());
    const auto& client = e2e::client();
    const auto fin1 = e2e::as("fin.devries");
    const auto fin2 = e2e::as("fin.mulder");
    Poco::JSON::Object::Ptr account = new Poco::JSON::Object;
    account->set("iban", "NL02ABNA0123456789");
    account->set("bic", "ABNANL2A");
    account->set("name", "Gemeente Zwolle");
    ASSERT_EQ(client.post("/api/v1/municipalities/0193/debtor-account", account, fin1).status, 200);

    // A declaration of 3 hours: accepted, payable in 30 days.
    const std::string s = e2e::uniqueDigits(9);
    // June 2026: a month no other test claims on allocation 1.
    auto line = e2e::prestatie("P" + s, 3, e2e::ibTariffOn("2026-06-01"));
    line.begin = parseDate("2026-06-01");
    line.end_inclusive = parseDate("2026-06-30");
    const auto h = e2e::headFor(s, line.amount_cents, "2026-06", "2026-07-02");
    ASSERT_EQ(
        client.asProvider(e2e::kAgb).postXml("/api/v1/messages", e2e::write323(h, {line})).status,
        200);
    const auto provider = e2e::providerId(db, e2e::kAgb);
    const std::string until = formatDate(addDays(parseDate(e2e::todayText()), 60));
    const std::int64_t expected = openDue(db, provider, until);
    ASSERT_GE(expected, line.amount_cents);

    Poco::JSON::Object::Ptr prepare = new Poco::JSON::Object;
    prepare->set("municipality_code", "0193");
    prepare->set("due_until", until);
    Poco::JSON::Array::Ptr ids = new Poco::JSON::Array;
    ids->add(provider);
    prepare->set("provider_ids", ids);
    const auto prepared = client.post("/api/v1/payment-runs", prepare, fin1);
    ASSERT_EQ(prepared.status, 201) << prepared.describe();
    const auto run = prepared.num("id");
    const auto transfers = prepared.object()->getArray("transfers");
    ASSERT_EQ(transfers->size(), 1u) << prepared.text;
    const auto transfer = transfers->getObject(0);
    EXPECT_EQ(transfer->getValue<std::int64_t>("amount_cents"), expected);
    // One transfer per provider and paying municipality (issue 13): "ZC-<run>-<provider>-<mun>".
    const std::string e2e_id =
        "ZC-" + std::to_string(run) + "-" + std::to_string(provider) + "-0193";
    EXPECT_EQ(transfer->getValue<std::string>("end_to_end_id"), e2e_id);
    // The remittance names the declarations (with "+n more" when they do not fit 140
    // characters); the run's items say which payables the transfer pays.
    EXPECT_EQ(transfer->getValue<std::string>("remittance").rfind("Decl ", 0), 0u) << prepared.text;
    const auto ours = db.queryOne(
        "SELECT p.id FROM payables p JOIN declarations d ON p.source_type = 'declaration'"
        " AND d.id = p.source_id WHERE d.declaratie_nummer = ?",
        {"D" + s});
    ASSERT_TRUE(ours.has_value());
    bool paid = false;
    const auto items = prepared.object()->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto item = items->getObject(static_cast<unsigned>(i));
        paid = paid || (item->getValue<std::int64_t>("payable_id") == ours->i64(0) &&
                        item->getValue<std::string>("outcome") == "paid");
    }
    EXPECT_TRUE(paid) << "the declaration's payable is paid by the run: " << prepared.text;
    EXPECT_EQ(client.get("/api/v1/payment-runs/" + std::to_string(run) + "/pain001", fin1).code(),
              "RUN_NOT_APPROVED");

    // Four eyes: the preparer cannot approve; another finance user can.
    const auto self = client.post("/api/v1/payment-runs/" + std::to_string(run) + "/approve",
                                  Poco::JSON::Object::Ptr(new Poco::JSON::Object), fin1);
    EXPECT_EQ(self.status, 403);
    EXPECT_EQ(self.code(), "FOUR_EYES");
    const auto approved = client.post("/api/v1/payment-runs/" + std::to_string(run) + "/approve",
                                      Poco::JSON::Object::Ptr(new Poco::JSON::Object), fin2);
    ASSERT_EQ(approved.status, 200) << approved.describe();
    EXPECT_EQ(approved.str("status"), "approved");
    EXPECT_EQ(openDue(db, provider, until), 0) << "the paid payables are no longer open";

    const auto file = client.get("/api/v1/payment-runs/" + std::to_string(run) + "/pain001", fin2);
    ASSERT_EQ(file.status, 200) << file.describe();
    EXPECT_EQ(client.get("/api/v1/payment-runs/" + std::to_string(run) + "/pain001", fin1).text,
              file.text)
        << "exporting again yields the same bytes";
    std::ofstream(e2e::testArtifacts() / ("pain001-run" + std::to_string(run) + ".xml"))
        << file.text;
    EXPECT_NE(file.text.find("<EndToEndId>" + e2e_id + "</EndToEndId>"), std::string::npos);
    EXPECT_NE(file.text.find("<CtrlSum>"), std::string::npos);
    EXPECT_EQ(firstProblem(validate(kSource / "interfaces/xml/schemas/iso20022", file.text)),
              "valid");
    const auto official = kSource / "../shared/reference/iso20022";
    if (std::filesystem::exists(official / "pain.001.001.03.xsd")) {
        EXPECT_EQ(firstProblem(validate(official, file.text)), "valid");
    } else {
        std::cout << "official ISO 20022 schema absent under " << official
                  << "; the check against it is skipped\n";
    }

    // The bank statement for the run: the transfer booked, then returned (AC04, account
    // closed), and a payment nobody announced.
    const std::string debtor = "NL02ABNA0123456789";
    const std::string today = e2e::todayText();
    const std::string creditor = transfer->getValue<std::string>("creditor_iban");
    const std::string amount = euros(expected);
    const std::string stmt_id = "ZC-E2E-" + std::to_string(run);
    const std::vector<CamtEntry> entries = {{amount, false, e2e_id, creditor, ""},
                                            {amount, true, e2e_id, creditor, "AC04"},
                                            {"12.34", true, "", "", ""}};
    // Issue 13: consecutive statements of the account chain, so each one opens at the previous
    // one's closing balance (the account's last statement so far, else 10,000.00).
    const auto last = db.queryOne(
        "SELECT closing_cents FROM bank_statements WHERE account_iban = ?"
        " ORDER BY from_date DESC, id DESC LIMIT 1",
        {debtor});
    const std::int64_t opening = last ? last->i64(0) : 1000000;
    const std::string camt =
        camt053(stmt_id, debtor, today, entries, euros(opening + 1234), "EUR", euros(opening));
    std::ofstream(e2e::testArtifacts() / ("camt053-run" + std::to_string(run) + ".xml")) << camt;
    EXPECT_EQ(firstProblem(validate(kSource / "interfaces/xml/schemas/iso20022", camt)), "valid");
    if (std::filesystem::exists(official / "camt.053.001.02.xsd")) {
        EXPECT_EQ(firstProblem(validate(official, camt)), "valid");
    }
    const auto imported = postStatement(camt, fin1);
    ASSERT_EQ(imported.status, 201) << imported.describe();
    EXPECT_TRUE(chainOf(imported) == "first" || chainOf(imported) == "ok") << imported.text;
    const auto got = imported.object()->getArray("statements")->getObject(0)->getArray("entries");
    ASSERT_EQ(got->size(), 3u);
    EXPECT_EQ(got->getObject(0)->getValue<std::string>("match_status"), "booked");
    EXPECT_EQ(got->getObject(1)->getValue<std::string>("match_status"), "returned");
    EXPECT_EQ(got->getObject(2)->getValue<std::string>("match_status"), "unmatched");
    EXPECT_EQ(got->getObject(2)->getValue<std::string>("reason"), "NOT_A_PAYMENT");
    EXPECT_EQ(openDue(db, provider, until), expected)
        << "the returned transfer's payables are open again";

    expectBankStatus(run, "returned", 0, 1);
    expectStatementCounts(stmt_id, 1, 1, 1, 0);
    EXPECT_EQ(client.get("/api/v1/bank-statements", e2e::as("cm.jansen")).status, 403);
    EXPECT_EQ(client.get("/api/v1/reconciliation/resolved", e2e::asProvider(provider)).status, 403);

    // The same statement again changes nothing.
    const auto again = postStatement(camt, fin1);
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.code(), "STATEMENT_ALREADY_IMPORTED");

    // Bad statements are refused with their reason.
    EXPECT_EQ(
        postStatement(camt053(stmt_id + "X", debtor, today, entries, "10000.00"), fin1).code(),
        "STATEMENT_UNBALANCED");
    EXPECT_EQ(postStatement(
                  camt053(stmt_id + "Y", "NL91ABNA0417164300", today, entries, "10012.34"), fin1)
                  .code(),
              "UNKNOWN_DEBTOR_ACCOUNT");
    EXPECT_EQ(postStatement(camt053(stmt_id + "Z", debtor, today, entries, "10012.34", "USD"), fin1)
                  .code(),
              "WRONG_CURRENCY");
    std::string hostile = camt;
    hostile.insert(hostile.find("<Document"),
                   "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n");
    EXPECT_EQ(postStatement(hostile, fin1).code(), "XML_DOCTYPE");

    // The unknown payment is on the work list until finance resolves it.
    const auto work = client.get("/api/v1/reconciliation/work-list", fin1);
    ASSERT_EQ(work.status, 200);
    std::int64_t unknown = 0;
    for (std::size_t i = 0; i < work.array()->size(); ++i) {
        const auto o = work.array()->getObject(static_cast<unsigned>(i));
        if (o->getValue<std::string>("statement_id") == stmt_id &&
            o->getValue<std::string>("kind") == "entry")
            unknown = o->getValue<std::int64_t>("id");
    }
    ASSERT_NE(unknown, 0) << work.text;
    Poco::JSON::Object::Ptr resolve = new Poco::JSON::Object;
    resolve->set("reason", "Refund of a parking permit, booked by the tax department");
    EXPECT_EQ(
        client.post("/api/v1/bank-entries/" + std::to_string(unknown) + "/resolve", resolve, fin2)
            .status,
        200);

    expectStatementCounts(stmt_id, 1, 1, 0, 1);
    const auto closed = resolvedEntry(unknown);
    ASSERT_TRUE(closed) << "the resolved entry is on the resolved list";
    EXPECT_EQ(closed->getValue<std::string>("resolved_by"), "fin.mulder");
    EXPECT_EQ(closed->getValue<std::string>("outcome"), "resolved");
    EXPECT_EQ(closed->getValue<std::string>("reason"), "NOT_A_PAYMENT");
    EXPECT_NE(closed->getValue<std::string>("resolution").find("parking permit"),
              std::string::npos);

    // The next run pays what came back; the bank books it.
    const auto second = client.post("/api/v1/payment-runs", prepare, fin1);
    ASSERT_EQ(second.status, 201) << second.describe();
    const auto run2 = second.num("id");
    ASSERT_EQ(second.object()->getArray("transfers")->size(), 1u) << second.text;
    const std::string e2e_id2 =
        "ZC-" + std::to_string(run2) + "-" + std::to_string(provider) + "-0193";
    ASSERT_EQ(client
                  .post("/api/v1/payment-runs/" + std::to_string(run2) + "/approve",
                        Poco::JSON::Object::Ptr(new Poco::JSON::Object), fin2)
                  .status,
              200);
    const std::string camt2 =
        camt053(stmt_id + "B", debtor, today, {{amount, false, e2e_id2, creditor, ""}},
                euros(opening + 1234 - expected), "EUR", euros(opening + 1234));
    std::ofstream(e2e::testArtifacts() / ("camt053-run" + std::to_string(run2) + ".xml")) << camt2;
    expectBankStatus(run2, "sent", 0, 0);  // approved, on no statement yet
    const auto booked = postStatement(camt2, fin2);
    ASSERT_EQ(booked.status, 201) << booked.describe();
    EXPECT_EQ(chainOf(booked), "ok") << "it opens where the statement before it closed";
    expectBankStatus(run2, "booked", 1, 0);
    EXPECT_EQ(openDue(db, provider, until), 0);

    // The provider follows its prestatie to the bank entry, and its statement adds up.
    const auto line_id = db.queryOne(
                               "SELECT id FROM claim_lines WHERE provider_id = ? AND"
                               " reference = ?",
                               {provider, "P" + s})
                             ->i64(0);
    const auto own = e2e::asProvider(provider);
    const auto trace = client.get("/api/v1/claim-lines/" + std::to_string(line_id) + "/trace", own);
    ASSERT_EQ(trace.status, 200) << trace.describe();
    EXPECT_EQ(trace.object()->getObject("declaration")->getValue<std::string>("number"), "D" + s);
    EXPECT_EQ(trace.object()->getObject("payment")->getValue<std::string>("end_to_end_id"),
              e2e_id2);
    EXPECT_EQ(trace.object()->getObject("payment")->getValue<std::string>("status"), "booked");
    EXPECT_EQ(trace.object()->getObject("bank_entry")->getValue<std::string>("statement_id"),
              stmt_id + "B");
    const std::string period = "?from=" + today + "&to=" + formatDate(addDays(parseDate(today), 1));
    const auto statement =
        client.get("/api/v1/providers/" + std::to_string(provider) + "/statement" + period, own);
    ASSERT_EQ(statement.status, 200) << statement.describe();
    const auto payments = statement.object()->getArray("payments");
    std::map<std::string, std::pair<std::int64_t, std::string>> by_id;
    for (std::size_t i = 0; i < payments->size(); ++i) {
        const auto o = payments->getObject(static_cast<unsigned>(i));
        by_id[o->getValue<std::string>("end_to_end_id")] = {
            o->getValue<std::int64_t>("amount_cents"), o->getValue<std::string>("status")};
    }
    EXPECT_EQ(by_id[e2e_id], std::make_pair(expected, std::string("returned")));
    EXPECT_EQ(by_id[e2e_id2], std::make_pair(expected, std::string("booked")));
    EXPECT_EQ(statement.num("open_balance_cents"), 0);
    EXPECT_EQ(statement.num("in_transit_cents"), 0);
    const auto csv = client.get(
        "/api/v1/providers/" + std::to_string(provider) + "/statement" + period + "&format=csv",
        own);
    EXPECT_NE(csv.text.find(e2e_id2), std::string::npos) << csv.text;
    EXPECT_EQ(
        client.get("/api/v1/providers/" + std::to_string(provider + 1) + "/statement", own).status,
        404)
        << "a provider sees only its own statement";

    // Issue 13: the bank returns the second transfer (AC04) without an EndToEndId we know. The
    // return lands on the work list; finance matches it by hand to the booked transfer, which
    // reopens its payables exactly as an automatic match would.
    const auto instruction2 =
        second.object()->getArray("transfers")->getObject(0)->getValue<std::int64_t>("id");
    const auto returned = postStatement(
        camt053(stmt_id + "C", debtor, today, {{amount, true, "NOTPROVIDED", creditor, "AC04"}},
                euros(opening + 1234), "EUR", euros(opening + 1234 - expected)),
        fin1);
    ASSERT_EQ(returned.status, 201) << returned.describe();
    EXPECT_EQ(chainOf(returned), "ok");
    const auto entry =
        returned.object()->getArray("statements")->getObject(0)->getArray("entries")->getObject(0);
    EXPECT_EQ(entry->getValue<std::string>("reason"), "RETURN_UNKNOWN_INSTRUCTION");
    const auto entry_id = entry->getValue<std::int64_t>("id");
    EXPECT_EQ(openDue(db, provider, until), 0) << "an unmatched return reopens nothing";
    Poco::JSON::Object::Ptr by_hand = new Poco::JSON::Object;
    by_hand->set("reason", "AC04 from the bank without our reference; it returns run 2");
    by_hand->set("instruction_id", instruction2 + 1000000);
    const auto path = "/api/v1/bank-entries/" + std::to_string(entry_id) + "/resolve";
    EXPECT_EQ(client.post(path, by_hand, fin2).code(), "MATCH_REFUSED") << "an unknown transfer";
    by_hand->set("instruction_id", instruction2);
    const auto matched = client.post(path, by_hand, fin2);
    ASSERT_EQ(matched.status, 200) << matched.describe();
    EXPECT_EQ(matched.str("match_status"), "returned");
    EXPECT_EQ(openDue(db, provider, until), expected)
        << "the returned transfer's payables are open";
    EXPECT_EQ(client.post(path, by_hand, fin2).code(), "ENTRY_NOT_OPEN");
    expectBankStatus(run2, "returned", 0, 1);
    const auto by_hand_listed = resolvedEntry(entry_id);
    ASSERT_TRUE(by_hand_listed) << "the return matched by hand is on the resolved list";
    EXPECT_EQ(by_hand_listed->getValue<std::string>("outcome"), "returned");
    EXPECT_EQ(by_hand_listed->getValue<std::int64_t>("instruction_id"), instruction2);
    EXPECT_EQ(by_hand_listed->getValue<std::string>("resolved_by"), "fin.mulder");

    // Issue 13: a prepared run says when it has gone stale, and can be cancelled with a reason
    // (audited, no four eyes); its payables are free for the next run.
    const auto third = client.post("/api/v1/payment-runs", prepare, fin1);
    ASSERT_EQ(third.status, 201) << third.describe();
    const auto run3 = "/api/v1/payment-runs/" + std::to_string(third.num("id"));
    ASSERT_EQ(third.object()->getArray("transfers")->size(), 1u) << third.text;
    EXPECT_FALSE(client.get(run3, fin2).object()->getValue<bool>("stale"));
    const auto payable = "/api/v1/payables/" + std::to_string(ours->i64(0));
    Poco::JSON::Object::Ptr dispute = new Poco::JSON::Object;
    dispute->set("reason", "The provider disputes the hours");
    ASSERT_EQ(client.post(payable + "/dispute", dispute, fin1).status, 200);
    const auto stale = client.get(run3, fin2);
    EXPECT_TRUE(stale.object()->getValue<bool>("stale")) << stale.text;
    EXPECT_NE(stale.str("stale_reason").find("Payable " + std::to_string(ours->i64(0))),
              std::string::npos)
        << stale.text;
    ASSERT_EQ(client.post(payable + "/undispute", dispute, fin1).status, 200);
    EXPECT_FALSE(client.get(run3, fin2).object()->getValue<bool>("stale"));
    EXPECT_EQ(
        client.post(run3 + "/cancel", Poco::JSON::Object::Ptr(new Poco::JSON::Object), fin1).status,
        400)
        << "a cancellation needs a reason";
    Poco::JSON::Object::Ptr cancel = new Poco::JSON::Object;
    cancel->set("reason", "Prepared with the wrong due date " + s);
    const auto cancelled = client.post(run3 + "/cancel", cancel, fin1);
    ASSERT_EQ(cancelled.status, 200) << cancelled.describe();
    EXPECT_EQ(cancelled.str("status"), "cancelled");
    EXPECT_EQ(
        cancelled.object()->getArray("transfers")->getObject(0)->getValue<std::string>("status"),
        "cancelled");
    EXPECT_EQ(client.post(run3 + "/cancel", cancel, fin2).code(), "RUN_NOT_PREPARED");
    EXPECT_EQ(client.post(run3 + "/approve", Poco::JSON::Object::Ptr(new Poco::JSON::Object), fin2)
                  .code(),
              "RUN_NOT_PREPARED");
    const auto audit = db.queryOne(
        "SELECT actor, after_json FROM audit_log WHERE action = 'payment_run.cancel'"
        " AND object_id = ?",
        {std::to_string(third.num("id"))});
    ASSERT_TRUE(audit.has_value()) << "the cancellation is audited";
    EXPECT_EQ(audit->str(0), "fin.devries");
    EXPECT_NE(audit->str(1).find("wrong due date " + s), std::string::npos) << audit->str(1);
    EXPECT_EQ(openDue(db, provider, until), expected) << "the cancelled run's payables are open";
    const auto fourth = client.post("/api/v1/payment-runs", prepare, fin1);
    ASSERT_EQ(fourth.status, 201) << fourth.describe();
    ASSERT_EQ(fourth.object()->getArray("transfers")->size(), 1u) << fourth.text;
    EXPECT_EQ(fourth.object()
                  ->getArray("transfers")
                  ->getObject(0)
                  ->getValue<std::int64_t>("amount_cents"),
              expected)
        << "the next run pays what the cancelled one would have";
    cancel->set("reason", "Test clean-up");
    EXPECT_EQ(client
                  .post("/api/v1/payment-runs/" + std::to_string(fourth.num("id")) + "/cancel",
                        cancel, fin2)
                  .status,
              200);

    // The ledger: journals balance, payable accounts equal open payables.
    const auto violation = invoicing::checkLedger(invoicing::loadLedgerFacts(db));
    EXPECT_FALSE(violation.has_value()) << violation->code << " " << violation->message;
}

}  // namespace
}  // namespace zc
