#pragma once
// What each operation of the route table takes and answers, in the compact notation of
// openapi_notation.hpp: the one place where the API's shapes are written down. The paths,
// methods, roles and path parameters come from the route table (routes.cpp) when the OpenAPI
// document is built (openapi_document.cpp); tests/unit/http/openapi_test.cpp checks that every
// route has its shape here and nothing else is, and the e2e test that real answers conform.
#include <string>
#include <vector>

namespace zc::http::openapi {

// One answer of an operation: status, media type and (for JSON) the schema's notation.
struct Answer {
    int status = 200;
    std::string schema;                      // notation; "" for a file (XML, CSV)
    std::string media = "application/json";  // or "application/xml", "text/csv"
};

struct OperationShape {
    std::string op;       // "GET /contracts/{id}" (the route's method and path after /api/v1)
    std::string summary;  // one line, English (Dutch domain word where it helps)
    std::string query;    // the query parameters as object fields: "status~:str, limit~:int"
    // The body: notation for JSON, "xml" or "csv" for a file, "-" when the body is not read.
    // GET operations leave it empty.
    std::string request;
    std::vector<Answer> answers;
    // A paged list (issue 15): its 200 answer carries the header X-Total-Count.
    bool paged = false;
};

// The query parameters every paged list takes besides its filters: the page, the search and the
// sort. `sorts` lists the list's sort columns, "a|b|c"; each may have '-' before it.
std::string pagedQuery(const std::string& sorts);

// Named schemas (components/schemas), referenced as @Name.
struct NamedShape {
    std::string name;
    std::string schema;
    bool closed = true;  // false for a shape of requests (unknown keys are ignored)
};

// Field lists that an answer and a named shape share.
inline constexpr const char* kBudgetFigures =
    "amount_cents:cents, paid_cents:cents, accepted_unpaid_cents:cents, committed_cents:cents,"
    " exhaustion_cents:cents, remaining_cents:cents, exhaustion_bp:int? \"basis points\","
    " monthly_realised:[{month:str \"YYYY-MM\", accepted_cents:cents}], realised_cents:cents,"
    " complete_months:int, run_rate_cents:cents?, forecast_cents:cents, deviation_bp:int?,"
    " signal:bool, allocations_counted:int, allocations_without_tariff:int";
inline constexpr const char* kReallocation =
    "id:int, from_budget_id:int, to_budget_id:int, amount_cents:cents, reason:str, status:str,"
    " requested_by:int, requested_at:time, decided_by:int?, decided_at:time?,"
    " decision_reason:str?";

// Per area (openapi_shapes_<area>.cpp); all of them together describe the route table.
std::vector<OperationShape> accessShapes();       // auth, users, reference data, providers
std::vector<OperationShape> contractingShapes();  // procedures, applications, contracts
std::vector<OperationShape> clientShapes();       // clients, allocations, iWmo, requests
std::vector<OperationShape> billingShapes();      // declarations, reviews
std::vector<OperationShape> paymentShapes();      // payments, statements, realisations
std::vector<OperationShape> budgetShapes();       // budgets, audit, the document itself
std::vector<OperationShape> exportShapes();       // CSV exports for Excel
std::vector<NamedShape> namedShapes();

// Every operation's shape, in the order of the areas above.
std::vector<OperationShape> operationShapes();

}  // namespace zc::http::openapi
