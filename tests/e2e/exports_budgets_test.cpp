// The budget overview as CSV for Dutch Excel (issue 15) against the real server: the file
// (BOM, `;`, Dutch headers, euros with a decimal comma, a neutralised formula) against the
// overview's JSON, the older ?format=csv giving the same file, the staff scope (a Kampen-only
// budget holder does not get Zwolle's budgets), the roles and the export's audit row.
#include <gtest/gtest.h>

#include "e2e/csv_exports.hpp"
#include "e2e/openapi_conformance.hpp"
#include "e2e/session.hpp"

namespace zc::e2e {
namespace {

using test::jsonObject;
using test::Response;

// A budget of `year` for `municipality` created by finance; its id.
std::int64_t createBudget(const std::string& municipality, int year, const std::string& name,
                          std::int64_t amount_cents) {
    const Response r = client().post("/api/v1/budgets",
                                     jsonObject({{"year", year},
                                                 {"municipality_code", municipality},
                                                 {"product_category", "02"},
                                                 {"financing_kind", "ZIN"},
                                                 {"amount_cents", amount_cents},
                                                 {"name", name}}),
                                     as("fin.devries"));
    EXPECT_EQ(r.status, 201) << r.describe();
    return r.status == 201 ? r.num("id") : 0;
}

// The overview's JSON row of budget `id`, or null.
Poco::JSON::Object::Ptr overviewRow(const Response& overview, std::int64_t id) {
    const auto rows = overview.object()->getArray("rows");
    for (std::size_t i = 0; i < rows->size(); ++i) {
        const auto row = rows->getObject(static_cast<unsigned>(i));
        if (row->getObject("budget")->getValue<std::int64_t>("id") == id) return row;
    }
    return nullptr;
}

// A year of the far future that no other test uses, so that the file holds only our budgets.
int farYear() { return 2100 + std::stoi(uniqueDigits(4)) % 800; }

TEST(CsvExports, TheBudgetOverviewInEurosWithDutchHeadersEqualsItsJson) {
    const int year = farYear();
    const std::string y = std::to_string(year);
    const std::int64_t zwolle = createBudget("0193", year, "=SOM(A1:A9) Zwolle IB", 12345678);
    ASSERT_NE(zwolle, 0);
    const auto fin = as("fin.devries");
    const std::string query = "?year=" + y + "&month=6";
    const Response json = client().get("/api/v1/budgets/overview" + query, fin);
    ASSERT_EQ(json.status, 200) << json.describe();
    const auto expected = overviewRow(json, zwolle);
    ASSERT_TRUE(expected);

    const Response r = client().get("/api/v1/exports/budgets.csv" + query, fin);
    expectConforms("GET", "/exports/budgets.csv", r);
    const CsvFile file = expectCsv(r, "budgetoverzicht-" + y + ".csv");
    ASSERT_EQ(file.header.size(), 21u) << "`;` separates the Dutch headers";
    EXPECT_EQ(file.header.front(), "Budget-id");
    EXPECT_EQ(file.header.at(8), "Budget (€)");
    EXPECT_EQ(file.header.at(12), "Uitputting (€)");
    const auto* found = file.rowWith("Budget-id", std::to_string(zwolle));
    ASSERT_NE(found, nullptr);
    const auto& row = *found;
    EXPECT_EQ(file.cell(row, "Gemeente"), "0193");
    EXPECT_EQ(file.cell(row, "Financiering"), "zorg in natura");
    EXPECT_EQ(file.cell(row, "Naam"), "'=SOM(A1:A9) Zwolle IB") << "the formula is neutralised";
    EXPECT_EQ(file.cell(row, "Budget (€)"), "123456,78");
    EXPECT_EQ(file.cell(row, "Budget (€)"),
              dutchEuros(expected->getValue<std::int64_t>("amount_cents")));
    EXPECT_EQ(file.cell(row, "Uitputting (€)"),
              dutchEuros(expected->getValue<std::int64_t>("exhaustion_cents")));
    EXPECT_EQ(file.cell(row, "Resterend (€)"),
              dutchEuros(expected->getValue<std::int64_t>("remaining_cents")));
    EXPECT_EQ(file.cell(row, "Prognose jaareinde (€)"),
              dutchEuros(expected->getValue<std::int64_t>("forecast_cents")));
    EXPECT_EQ(file.cell(row, "Signaal"), expected->getValue<bool>("signal") ? "ja" : "nee");
    EXPECT_EQ(file.cell(row, "Peildatum"), "30-06-" + y);

    // The dashboard's selection of a district leaves the municipality's own budget out.
    const CsvFile district =
        expectCsv(client().get("/api/v1/exports/budgets.csv" + query + "&district=1", fin),
                  "budgetoverzicht-" + y + ".csv");
    EXPECT_EQ(district.rowWith("Budget-id", std::to_string(zwolle)), nullptr);
    for (const auto& r : district.rows) EXPECT_NE(district.cell(r, "Wijk"), "");

    // The older address answers the same file.
    const Response older = client().get("/api/v1/budgets/overview" + query + "&format=csv", fin);
    EXPECT_EQ(expectCsv(older, "budgetoverzicht-" + y + ".csv").rows, file.rows);

    const auto audit = newestExportAudit("budgets");
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->getValue<std::string>("actor"), "fin.devries");
    EXPECT_NE(audit->getValue<std::string>("after").find("\"year\":\"" + y + "\""),
              std::string::npos);
}

TEST(CsvExports, AKampenBudgetHolderGetsNoZwolleBudgets) {
    const int year = farYear();
    const std::string y = std::to_string(year);
    const std::int64_t zwolle = createBudget("0193", year, "Zwolle dagbesteding", 500000);
    const std::int64_t kampen = createBudget("0166", year, "Kampen dagbesteding", 250050);
    ASSERT_NE(zwolle, 0);
    ASSERT_NE(kampen, 0);
    const auto holder = as("bh.kampen");

    const CsvFile own = expectCsv(client().get("/api/v1/exports/budgets.csv?year=" + y, holder),
                                  "budgetoverzicht-" + y + ".csv");
    EXPECT_EQ(own.rowWith("Budget-id", std::to_string(zwolle)), nullptr);
    const auto* row = own.rowWith("Budget-id", std::to_string(kampen));
    ASSERT_NE(row, nullptr);
    EXPECT_EQ(own.cell(*row, "Budget (€)"), "2500,50");
    for (const auto& r : own.rows) EXPECT_EQ(own.cell(r, "Gemeente"), "0166");
    // Asking for Zwolle by name gives nothing either.
    const CsvFile asked = expectCsv(
        client().get("/api/v1/exports/budgets.csv?year=" + y + "&municipality=0193", holder),
        "budgetoverzicht-" + y + "-0193.csv");
    EXPECT_TRUE(asked.rows.empty());
    const auto audit = newestExportAudit("budgets");
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->getValue<std::string>("actor"), "bh.kampen");

    // The region's finance user gets both.
    const CsvFile region =
        expectCsv(client().get("/api/v1/exports/budgets.csv?year=" + y, as("fin.devries")),
                  "budgetoverzicht-" + y + ".csv");
    EXPECT_NE(region.rowWith("Budget-id", std::to_string(zwolle)), nullptr);
    EXPECT_NE(region.rowWith("Budget-id", std::to_string(kampen)), nullptr);
}

TEST(CsvExports, TheBudgetExportRefusesBadQueriesAndOtherRoles) {
    const auto aud = as("aud.smit");
    EXPECT_EQ(client().get("/api/v1/exports/budgets.csv?month=13", aud).code(), "INVALID_QUERY");
    EXPECT_EQ(client().get("/api/v1/exports/budgets.csv?team=abc", aud).code(), "INVALID_QUERY");
    EXPECT_EQ(client().get("/api/v1/exports/budgets.csv?year=99", aud).code(), "INVALID_QUERY");
    EXPECT_EQ(client().get("/api/v1/exports/budgets.csv?municipality=x%22y", aud).code(),
              "INVALID_MUNICIPALITY_CODE");
    EXPECT_EQ(client().get("/api/v1/exports/budgets.csv", as("cm.jansen")).status, 403);
    EXPECT_EQ(client().get("/api/v1/exports/budgets.csv", as("ao.bakker")).status, 403);
}

}  // namespace
}  // namespace zc::e2e
