// The CSV exports for Dutch Excel of invoicing's lists and of the audit trail (issue 15)
// against the real server: payment runs, one run's payables with their transfers, the
// reconciliation work list and the audit trail, each against the list's JSON, roles and
// filters, with the audit row of the export.
#include <gtest/gtest.h>

#include <set>

#include "contracting/kernel/civil_date.hpp"
#include "e2e/csv_exports.hpp"
#include "e2e/openapi_conformance.hpp"
#include "e2e/session.hpp"

namespace zc::e2e {
namespace {

using test::jsonArray;
using test::jsonObject;
using test::Response;

// An accepted line of `line`'s provider in a prepared run (for 0193 only); the run's id.
std::int64_t runWithAcceptedLine(const ReviewLine& line) {
    const auto cm = as("cm.jansen");
    const Response queue = client().get("/api/v1/reviews?status=open", cm);
    for (std::size_t i = 0; i < queue.array()->size(); ++i) {
        const auto o = queue.array()->getObject(static_cast<unsigned>(i));
        if (o->getValue<std::string>("reference") != line.reference) continue;
        const Response decided =
            client().post("/api/v1/reviews/" + o->get("id").toString() + "/decision",
                          jsonObject({{"decision", "accept"}, {"reason", "Export test"}}), cm);
        EXPECT_EQ(decided.status, 200) << decided.describe();
    }
    const Response run =
        client().post("/api/v1/payment-runs",
                      jsonObject({{"municipality_codes", jsonArray({"0193"})},
                                  {"due_until", formatDate(addDays(parseDate(todayText()), 120))},
                                  {"provider_ids", jsonArray({line.provider_id})}}),
                      as("fin.devries"));
    EXPECT_EQ(run.status, 201) << run.describe();
    return run.status == 201 ? run.num("id") : 0;
}

TEST(CsvExports, PaymentRunsAndARunsPayablesEqualTheirJson) {
    const ReviewLine line = declareForReview();
    ASSERT_NE(line.declaration_id, 0);
    const std::int64_t run_id = runWithAcceptedLine(line);
    ASSERT_NE(run_id, 0);
    const std::string id = std::to_string(run_id);
    const auto aud = as("aud.smit");

    const Response runs = client().get("/api/v1/exports/payment-runs.csv?municipality=0193", aud);
    expectConforms("GET", "/exports/payment-runs.csv", runs);
    const CsvFile file = expectCsv(runs, "betaalruns.csv");
    const auto* row = file.rowWith("Id", id);
    ASSERT_NE(row, nullptr);
    const Response detail = client().get("/api/v1/payment-runs/" + id, aud);
    ASSERT_EQ(detail.status, 200) << detail.describe();
    const auto run = detail.object();
    EXPECT_EQ(file.cell(*row, "Status"), "prepared");
    EXPECT_EQ(file.cell(*row, "Gemeente"), "0193");
    EXPECT_EQ(file.cell(*row, "Opgesteld door"), "fin.devries");
    EXPECT_EQ(file.cell(*row, "Controletotaal (€)"),
              dutchEuros(run->getValue<std::int64_t>("control_sum_cents")));
    EXPECT_EQ(file.cell(*row, "Overboekingen"), run->get("transactions").toString());
    EXPECT_EQ(file.cell(*row, "Uitvoeringsdatum"),
              dutchDate(run->getValue<std::string>("execution_date")));
    for (const auto& r : file.rows) {
        EXPECT_NE((" " + file.cell(r, "Gemeenten") + " ").find(" 0193 "), std::string::npos)
            << "the municipality filter applies";
    }
    EXPECT_EQ(expectCsv(client().get("/api/v1/exports/payment-runs.csv?municipality=0166", aud),
                        "betaalruns.csv")
                  .rowWith("Id", id),
              nullptr);
    EXPECT_EQ(client().get("/api/v1/exports/payment-runs.csv?municipality=19", aud).code(),
              "INVALID_MUNICIPALITY_CODE");

    const Response items = client().get("/api/v1/exports/payment-runs/" + id + "/items.csv", aud);
    expectConforms("GET", "/exports/payment-runs/{id}/items.csv", items);
    const CsvFile payables = expectCsv(items, "betaalrun-" + id + "-posten.csv");
    const auto json_items = run->getArray("items");
    ASSERT_EQ(payables.rows.size(), json_items->size());
    bool found = false;
    for (std::size_t i = 0; i < json_items->size(); ++i) {
        const auto item = json_items->getObject(static_cast<unsigned>(i));
        const auto* r = payables.rowWith("Betaalpost", item->get("payable_id").toString());
        ASSERT_NE(r, nullptr);
        EXPECT_EQ(payables.cell(*r, "Bedrag (€)"),
                  dutchEuros(item->getValue<std::int64_t>("amount_cents")));
        EXPECT_EQ(payables.cell(*r, "Uitkomst"), item->getValue<std::string>("outcome"));
        found = found || item->getValue<std::int64_t>("amount_cents") == line.amount_cents;
        if (item->isNull("instruction_id")) continue;
        const auto transfers = run->getArray("transfers");
        for (std::size_t t = 0; t < transfers->size(); ++t) {
            const auto tr = transfers->getObject(static_cast<unsigned>(t));
            if (tr->get("id").toString() != item->get("instruction_id").toString()) continue;
            EXPECT_EQ(payables.cell(*r, "End-to-end-id"),
                      tr->getValue<std::string>("end_to_end_id"));
            EXPECT_EQ(payables.cell(*r, "IBAN begunstigde"),
                      tr->getValue<std::string>("creditor_iban"));
        }
    }
    EXPECT_TRUE(found) << "the accepted line's payable is in the run";
    const auto audit = newestExportAudit("payment_run/" + id + "/items");
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->getValue<std::string>("actor"), "aud.smit");

    EXPECT_EQ(client().get("/api/v1/exports/payment-runs.csv", as("cm.jansen")).status, 403);
    EXPECT_EQ(
        client()
            .get("/api/v1/exports/payment-runs/" + id + "/items.csv", asProvider(line.provider_id))
            .status,
        403);
    EXPECT_EQ(client().get("/api/v1/exports/payment-runs/999999999/items.csv", aud).status, 404);
    const Response cancelled =
        client().post("/api/v1/payment-runs/" + id + "/cancel",
                      jsonObject({{"reason", "export test"}}), as("fin.devries"));
    EXPECT_EQ(cancelled.status, 200) << cancelled.describe();
}

TEST(CsvExports, TheWorkListEqualsItsJson) {
    const auto fin = as("fin.devries");
    const Response json = client().get("/api/v1/reconciliation/work-list", fin);
    ASSERT_EQ(json.status, 200) << json.describe();
    const Response r = client().get("/api/v1/exports/work-list.csv", fin);
    expectConforms("GET", "/exports/work-list.csv", r);
    const CsvFile file = expectCsv(r, "werklijst.csv");
    EXPECT_EQ(file.header.at(5), "Bedrag (€)");
    for (std::size_t i = 0; i < json.array()->size(); ++i) {
        const auto o = json.array()->getObject(static_cast<unsigned>(i));
        const auto* row = file.rowWith("Id", o->get("id").toString());
        if (!row) continue;  // resolved meanwhile by another test
        EXPECT_EQ(file.cell(*row, "Bedrag (€)"),
                  dutchEuros(o->getValue<std::int64_t>("amount_cents")));
        EXPECT_EQ(file.cell(*row, "Soort"), o->getValue<std::string>("kind"));
        EXPECT_EQ(file.cell(*row, "Bij/af"), o->getValue<bool>("credit") ? "bij" : "af");
    }
    const auto audit = newestExportAudit("work_list");
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->getValue<std::string>("actor"), "fin.devries");
    EXPECT_EQ(client().get("/api/v1/exports/work-list.csv", as("cm.jansen")).status, 403);
}

TEST(CsvExports, TheAuditTrailWithItsFiltersAndItsOwnAuditRow) {
    const auto aud = as("aud.smit");
    // An export first, so that the filtered trail holds a row.
    ASSERT_EQ(client().get("/api/v1/exports/work-list.csv", aud).status, 200);
    const std::string today = amsterdamTodayText();
    const std::string filter = "?action=export.csv&from=" + today + "&to=" + today;
    const Response json = client().get("/api/v1/audit" + filter + "&limit=1000", aud);
    ASSERT_EQ(json.status, 200) << json.describe();
    ASSERT_GT(json.array()->size(), 0u);

    const Response r = client().get("/api/v1/exports/audit.csv" + filter, aud);
    expectConforms("GET", "/exports/audit.csv", r);
    const CsvFile file = expectCsv(r, "audittrail.csv");
    EXPECT_GE(file.rows.size(), json.array()->size()) << "every row, not a page";
    for (const auto& row : file.rows) EXPECT_EQ(file.cell(row, "Actie"), "export.csv");
    for (std::size_t i = 0; i < json.array()->size(); ++i) {
        const auto o = json.array()->getObject(static_cast<unsigned>(i));
        const auto* row = file.rowWith("Volgnummer", o->get("seq").toString());
        ASSERT_NE(row, nullptr);
        EXPECT_EQ(file.cell(*row, "Gebruiker"), o->getValue<std::string>("actor"));
        EXPECT_EQ(file.cell(*row, "Object-id"), o->getValue<std::string>("object_id"));
        EXPECT_EQ(file.cell(*row, "Hash"), o->getValue<std::string>("hash"));
        // Amsterdam time differs from UTC by whole hours: minutes and seconds stay.
        const std::string at = o->getValue<std::string>("at");  // YYYY-MM-DDTHH:MM:SSZ
        const std::string shown = file.cell(*row, "Tijdstip");  // dd-mm-jjjj hh:mm:ss
        ASSERT_EQ(shown.size(), 19u) << shown;
        EXPECT_EQ(shown.substr(14, 5), at.substr(14, 5));
        if (at.substr(5, 5) != "12-31") {
            EXPECT_EQ(shown.substr(6, 4), at.substr(0, 4));
        }
    }
    const auto audit = newestExportAudit("audit");
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->getValue<std::string>("actor"), "aud.smit");
    const std::string after = audit->getValue<std::string>("after");
    EXPECT_NE(after.find("\"action\":\"export.csv\""), std::string::npos) << after;
    EXPECT_NE(after.find("\"rows\":" + std::to_string(file.rows.size())), std::string::npos)
        << after;

    EXPECT_EQ(client().get("/api/v1/exports/audit.csv?from=gisteren", aud).code(), "INVALID_DATE");
    EXPECT_EQ(client().get("/api/v1/exports/audit.csv" + filter, as("admin")).status, 200);
    EXPECT_EQ(client().get("/api/v1/exports/audit.csv", as("fin.devries")).status, 403);
}

}  // namespace
}  // namespace zc::e2e
