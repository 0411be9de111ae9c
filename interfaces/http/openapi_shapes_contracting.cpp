// Shapes of procurement procedures, applications, contracts and the queries on them
// (openapi_shapes.hpp).
#include "openapi_shapes.hpp"

namespace zc::http::openapi {

namespace {

const std::string kPage = "limit~:int \"1..1000, default 100\", offset~:int";

const std::string kTariffIn =
    "product_code:str, unit~:str, tariff_cents:cents, valid_from:date, valid_to~:date";
const std::string kIndexIn = "{percentage:str \"e.g. 2.5\", from:date}";
const std::string kContractIn =
    "municipality_code:str, procedure_id~:int, term_start:date, term_end:date,"
    " extension_options~:int, extension_months~:int, spending_ceiling_cents~:cents,"
    " products:[str]";

const std::vector<OperationShape> kContractingShapes = {
    {"GET /procedures",
     "Procurement procedures (inkoopprocedures), by id",
     kPage,
     "",
     {{200, "[@Procedure]"}},
     true},
    {"POST /procedures",
     "Start a procedure",
     "",
     "{municipality_code:str, kind:(open|negotiated|continuation), name:str,"
     " term_start:date, term_end:date, applications_open~:bool}",
     {{201, "@Procedure"}}},
    {"GET /procedures/{id}",
     "A procedure with its lots (percelen), requirements and tariffs",
     "",
     "",
     {{200, "@ProcedureDetail"}}},
    {"POST /procedures/{id}/applications-open",
     "Open or close the procedure for applications",
     "",
     "{open:bool}",
     {{200, "@Procedure"}}},
    {"POST /procedures/{id}/lots",
     "Add a lot (perceel)",
     "",
     "{name:str, products:[str]}",
     {{201, "{id:int, procedure_id:int, name:str, products:[str]}"}}},
    {"POST /procedures/{id}/requirements",
     "Add a requirement (eis)",
     "",
     "{text:str}",
     {{201, "{id:int, procedure_id:int, text:str}"}}},
    {"POST /procedures/{id}/tariffs",
     "Add a procedure tariff version",
     "",
     "{" + kTariffIn + "}",
     {{201, "@TariffVersion"}}},
    {"POST /procedures/{id}/indexations",
     "Index the tariffs of the procedure and its contracts (indexatie)",
     "",
     kIndexIn,
     {{201,
       "{procedure_id:int, percentage:str, from:date, procedure_tariff_versions:int,"
       " contract_tariff_versions:int}"}}},
    {"POST /procedures/{id}/applications",
     "A provider applies (aanmelding)",
     "",
     "{lots~:[int], answers:[{requirement_id:int, answer:str}]}",
     {{201, "@Application"}}},
    {"GET /applications",
     "Applications (a provider sees its own), by id",
     "status~:str, procedure~:int, " + kPage,
     "",
     {{200, "[@Application]"}},
     true},
    {"GET /applications/{id}", "One application", "", "", {{200, "@Application"}}},
    {"POST /applications/{id}/assessments",
     "Assess one answer of an application",
     "",
     "{requirement_id:int, met:bool, remark~:str}",
     {{200, "@Application"}}},
    {"POST /applications/{id}/decision",
     "Admit or reject an application",
     "",
     "{decision:(admit|reject), reason~:str}",
     {{200, "@Application"}}},
    {"GET /contracts",
     "Contracts (a provider sees its own)",
     "status~:str, kind~:str, agb~:str, " +
         pagedQuery("id|provider_name|term_start|term_end|status|municipality_code"),
     "",
     {{200, "[@ContractSummary]"}},
     true},
    {"POST /contracts",
     "Create a framework contract with its tariffs",
     "",
     "{provider_id:int, " + kContractIn + ", status~:str, tariffs~:[{" + kTariffIn +
         ", reason~:str}]}",
     {{201, "@Contract"}}},
    {"GET /contracts/{id}",
     "A contract with tariffs and status history",
     "",
     "",
     {{200, "@Contract"}}},
    {"POST /contracts/{id}/status",
     "Change a contract's status",
     "",
     "{status:str, reason~:str}",
     {{200, "@Contract"}}},
    {"POST /contracts/{id}/tariffs",
     "Add a contract tariff version",
     "",
     "{" + kTariffIn + ", reason~:str}",
     {{201, "@TariffVersion"}}},
    {"POST /contracts/{id}/indexations",
     "Index a contract's tariffs",
     "",
     kIndexIn,
     {{201,
       "{contract_id:int, percentage:str, from:date, new_versions:int,"
       " tariffs:[@StoredTariff]}"}}},
    {"POST /contracts/{id}/extensions",
     "Use one extension option (verlenging)",
     "",
     "-",
     {{200, "@Contract"}}},
    {"GET /contracts/{id}/advances",
     "The monthly advances (voorschotten) of a budget contract, by year and month",
     kPage,
     "",
     {{200, "[{year:int, month:int, due_date:str, amount_cents:cents}]"}},
     true},
    {"POST /budget-contracts",
     "Create a budget contract (lump sum, coalition)",
     "",
     "{lead_provider_id:int, " + kContractIn +
         ", member_provider_ids~:[int], settlement_rule~:str,"
         " budgets:[{year:int, budget_cents:cents}], performance_agreements~:[{indicator:str,"
         " target:int, unit:str, kind~:str, aggregation~:str}]}",
     {{201, "@Contract"}}},
    {"GET /queries/eligible-providers",
     "Providers contracted for a product on a date, by provider name",
     "product:str, date~:date, municipality~:str, " + kPage,
     "",
     {{200, "[{provider_id:int, agb:str, name:str, contract_id:int, municipality_code:str}]"}},
     true},
    {"GET /queries/tariff",
     "The tariff in force for a provider, product and date",
     "agb:str, product:str, date:date, municipality~:str",
     "",
     {{200,
       "{product_code:str, unit:str, tariff_cents:cents, tariff:str, valid_from:date,"
       " valid_to:date?, contract_id:int, municipality_code:str, agb:str, date:date}"}}},
};

}  // namespace

std::vector<OperationShape> contractingShapes() { return kContractingShapes; }

}  // namespace zc::http::openapi
