// Shapes of payments (debtor accounts, blocks, disputes, payment runs, bank statements),
// provider statements and budget financing (openapi_shapes.hpp).
#include "openapi_shapes.hpp"
#include "xlsx_workbook.hpp"

namespace zc::http::openapi {

namespace {

const std::string kPage = "limit~:int \"1..1000, default 100\", offset~:int";
const Answer kPain001{200, "", "application/xml"};

const std::vector<OperationShape> kPaymentShapes = {
    {"POST /advances/post-due",
     "Post the advances due by a date as payables",
     "",
     "{date~:date}",
     {{200, "{date:date, created:int, total_cents:cents}"}}},
    {"POST /municipalities/{code}/debtor-account",
     "Set a municipality's default debtor account",
     "",
     "{iban:str, bic~:str, name:str}",
     {{200, "{municipality_code:str, iban:str, bic:str?, name:str}"}}},
    {"POST /municipalities/{code}/debtor-accounts",
     "Add a debtor account (betaalrekening)",
     "",
     "{iban:str, bic~:str, name:str, label~:str, is_default~:bool}",
     {{201, "@DebtorAccount"}}},
    {"GET /municipalities/{code}/debtor-accounts",
     "A municipality's debtor accounts",
     kPage,
     "",
     {{200, "[@DebtorAccount]"}},
     true},
    {"POST /providers/{id}/block",
     "Block a provider's payments (integrity)",
     "",
     "{reason:str}",
     {{200, "{provider_id:int, blocked:bool, reason:str}"}}},
    {"POST /providers/{id}/unblock",
     "Lift a provider's block",
     "",
     "{reason:str}",
     {{200, "{provider_id:int, blocked:bool, reason:str}"}}},
    {"GET /providers/{id}/bank-accounts",
     "A provider's bank accounts over time (newest start first)",
     "",
     "",
     {{200, "[@ProviderBankAccount]"}}},
    {"POST /providers/{id}/bank-accounts",
     "Propose a provider's new bank account (four eyes)",
     "",
     "{iban:str, holder_name:str, valid_from:date}",
     {{201, "@ProviderBankAccount"}}},
    {"POST /provider-bank-accounts/{id}/approve",
     "Approve a bank account change (another finance user)",
     "",
     "{reason~:str}",
     {{200, "@ProviderBankAccount"}}},
    {"POST /provider-bank-accounts/{id}/reject",
     "Reject a bank account change (another finance user)",
     "",
     "{reason:str}",
     {{200, "@ProviderBankAccount"}}},
    {"POST /payables/{id}/dispute",
     "Dispute a payable (it is held)",
     "",
     "{reason:str}",
     {{200, "{payable_id:int, disputed:bool, reason:str}"}}},
    {"POST /payables/{id}/undispute",
     "Lift a dispute",
     "",
     "{reason:str}",
     {{200, "{payable_id:int, disputed:bool, reason:str}"}}},
    {"GET /provider-balances",
     "Every provider's open, disputed, in-run and paid amounts",
     kPage,
     "",
     {{200,
       "[{provider_id:int, agb:str, name:str, blocked_reason:str?, blocked_at:str?,"
       " open_cents:cents, disputed_cents:cents, in_run_cents:cents,"
       " paid_cents:cents}]"}},
     true},
    {"POST /payment-runs",
     "Prepare a payment run (betaalrun)",
     "",
     "{municipality_codes~:[str], municipality_code~:str, due_until:date,"
     " execution_date~:date, provider_ids~:[int], accounts~:{*}"
     " \"municipality code to debtor account id\"}",
     {{201, "@PaymentRunDetail"}}},
    {"GET /payment-runs",
     "Payment runs",
     "municipality~:str, status~:str, " +
         pagedQuery("prepared_at|execution_date|due_until|control_sum_cents|transactions|status"),
     "",
     {{200, "[@PaymentRun]"}},
     true},
    {"GET /payment-runs/{id}",
     "A payment run with transfers and items",
     "",
     "",
     {{200, "@PaymentRunDetail"}}},
    {"POST /payment-runs/{id}/approve",
     "Approve a run (four eyes): the pain.001 is made",
     "",
     "-",
     {{200, "@PaymentRunDetail"}}},
    {"POST /payment-runs/{id}/cancel",
     "Cancel a run",
     "",
     "{reason:str}",
     {{200, "@PaymentRunDetail"}}},
    {"GET /payment-runs/{id}/pain001", "The run's SEPA pain.001 file", "", "", {kPain001}},
    {"POST /bank-statements",
     "Import a camt.053 bank statement",
     "",
     "xml",
     {{201,
       "{statements:[{statement_id:str, account_iban:str, entries:[{id:int,"
       " amount_cents:cents, credit:bool, end_to_end_id:str, match_status:str,"
       " reason~:str, detail~:str}], chain:{status:str, detail~:str}}]}"}}},
    {"GET /reconciliation/work-list",
     "Bank entries that need a person (werklijst)",
     "kind~:(entry|statement_chain), match_status~:str, " +
         pagedQuery("kind|id|booking_date|amount_cents|match_status|account_iban"),
     "",
     {{200,
       "[{id:int, account_iban:str, statement_id:str, amount_cents:cents, credit:bool,"
       " booking_date:str?, end_to_end_id:str?, counterparty_iban:str?,"
       " counterparty_name:str?, return_reason:str?, match_status:str, reason:str?,"
       " kind:str, detail:str?}]"}},
     true},
    {"GET /bank-statements",
     "Imported bank statements, newest first, with their entries counted",
     kPage,
     "",
     {{200,
       "[{id:int, account_iban:str, statement_id:str, from_date:date, to_date:date,"
       " opening_cents:cents, closing_cents:cents, imported_at:time, imported_by:str,"
       " entries:int, booked:int, returned:int, unmatched:int \"still on the work list\","
       " resolved:int, chain_status:str, chain_detail:str?, chain_resolved:bool}]"}},
     true},
    {"GET /reconciliation/resolved",
     "Resolved work-list items, most recently resolved first",
     kPage,
     "",
     {{200,
       "[{kind:str, id:int, account_iban:str, statement_id:str, amount_cents:cents,"
       " credit:bool, booking_date:str?, end_to_end_id:str?, counterparty_name:str?,"
       " outcome:str, reason:str?, instruction_id:int?, resolution:str, resolved_by:str,"
       " resolved_at:time}]"}},
     true},
    {"POST /bank-entries/{id}/resolve",
     "Resolve a bank entry of the work list",
     "",
     "{reason:str, instruction_id~:int}",
     {{200, "{id:int, match_status:str, resolution:str}"}}},
    {"POST /bank-statements/{id}/chain/resolve",
     "Accept a gap in a statement chain",
     "",
     "{reason:str}",
     {{200, "{id:int, chain_status:str, resolution:str}"}}},
    {"GET /providers/{id}/statement",
     "A provider's statement (rekeningoverzicht); in JSON, limit and offset page each of its"
     " two lists, the CSV and workbook hold every line",
     "from~:date, to~:date, format~:(json|csv|xlsx), " + kPage,
     "",
     {{200, "@ProviderStatement"}, {200, "", "text/csv"}, {200, "", kXlsxMediaType}}},
    {"GET /claim-lines/{id}/trace",
     "From a claim line to its payable, payment and bank entry",
     "",
     "",
     {{200, "@ClaimLineTrace"}}},
    {"GET /payables",
     "Payables (te betalen posten; a provider sees its own)",
     "provider_id~:int, source_type~:(declaration|review|advance|settlement|clawback|"
     "remainder), " +
         kPage,
     "",
     {{200, "[@Payable]"}},
     true},
    {"POST /contracts/{id}/realisations",
     "Report a quarter's realisation (budget contract)",
     "",
     "{year:int, quarter:int, values:[{agreement_id:int, realised:int}]}",
     {{201, "@Realisations"}}},
    {"GET /contracts/{id}/realisations",
     "Realisations per year, agreement and quarter",
     "year~:int",
     "",
     {{200, "@Realisations"}}},
    {"POST /contracts/{id}/settlements",
     "Settle a budget contract's year (vaststelling)",
     "",
     "{year:int, allow_incomplete~:bool}",
     {{201, "@Settlement"}}},
    {"GET /contracts/{id}/settlements",
     "A contract's settlements",
     kPage,
     "",
     {{200, "[@Settlement]"}},
     true},
};

}  // namespace

std::vector<OperationShape> paymentShapes() { return kPaymentShapes; }

namespace {

const std::vector<OperationShape> kBudgetShapes = {
    {"POST /budgets",
     "Create a budget",
     "",
     "{year:int, municipality_code:str, district_id~:int, team_id~:int,"
     " product_category:str, financing_kind:(ZIN|budget|PGB), amount_cents:cents,"
     " budget_holder_user_id~:int, name~:str}",
     {{201, "@Budget"}}},
    {"GET /budgets",
     "Budgets",
     "year~:int, municipality~:str, " + kPage,
     "",
     {{200, "[@Budget]"}},
     true},
    {"GET /budgets/overview",
     "A page of the budgets of a year with their exhaustion (uitputting)",
     "year~:int, municipality~:str, district~:int, team~:int, month~:int, format~:(json|csv),"
     " threshold~:str, " +
         kPage,
     "",
     {{200,
       "{year:int, municipality:str?, report_date:date, signal_threshold_percent:str, total:int,"
       " rows:[{" +
           std::string(kBudgetFigures) + ", budget:@Budget}]}"},
      {200, "", "text/csv"}}},
    {"GET /budgets/{id}/exhaustion",
     "One budget's exhaustion and forecast",
     "date~:date, threshold~:str",
     "",
     {{200, "{" + std::string(kBudgetFigures) +
                ", budget:@Budget, report_date:date, signal_threshold_percent:str}"}}},
    {"POST /budgets/{id}/amount",
     "Set or correct a budget's amount (not below what the year realised)",
     "",
     "{amount_cents:int, reason~:str}",
     {{200,
       "{budget:@Budget, change:@BudgetAmountChange, realised_cents:cents,"
       " exhaustion_cents:cents, below_exhaustion:bool}"}}},
    {"GET /budgets/{id}/amount-changes",
     "A budget's amount changes, newest first",
     kPage,
     "",
     {{200, "[@BudgetAmountChange]"}},
     true},
    {"GET /providers/{id}/spending-ceiling",
     "A provider's use of its spending ceilings",
     "year~:int",
     "",
     {{200,
       "{provider_id:int, year:int, contracts:[{contract_id:int,"
       " municipality_code:str, contract_status:str, spending_ceiling_cents:cents,"
       " accepted_cents:cents, paid_cents:cents, used_cents:cents,"
       " remaining_cents:cents, used_bp:int?, used_percent:str?, status:str}]}"}}},
    {"POST /budget-reallocations",
     "Propose moving money between budgets",
     "",
     "{from_budget_id:int, to_budget_id:int, amount_cents:cents, reason:str}",
     {{201, "{" + std::string(kReallocation) + ", from_remaining_cents:cents}"}}},
    {"GET /budget-reallocations",
     "Reallocation proposals",
     "status~:(requested|approved|rejected), " + kPage,
     "",
     {{200, "[@Reallocation]"}},
     true},
    {"POST /budget-reallocations/{id}/decision",
     "Approve or reject a reallocation",
     "",
     "{decision:(approve|reject), reason~:str}",
     {{200, "@Reallocation"}}},
    {"GET /audit",
     "The audit trail (audittrail)",
     "actor~:str, object_type~:str, object_id~:str, action~:str, from~:date, to~:date, " +
         pagedQuery("seq|actor|action|object_type"),
     "",
     {{200,
       "[{seq:int, at:str, actor:str, actor_id:int?, actor_role:str?, action:str,"
       " object_type:str, object_id:str, result:str, origin:str, before:str?,"
       " after:str?, hash:str}]"}},
     true},
    {"GET /audit/verify",
     "Verify the audit trail's hash chain and checkpoints",
     "",
     "",
     {{200,
       "{ok:bool, rows_checked:int, checkpoints_checked~:int, first_bad_seq~:int,"
       " problem~:str}"}}},
    {"GET /openapi.json",
     "This description of the API (OpenAPI 3.1)",
     "",
     "",
     {{200,
       "{openapi:str, jsonSchemaDialect:str, info:obj, servers:[obj], paths:obj,"
       " components:obj, *}"}}},
};

}  // namespace

std::vector<OperationShape> budgetShapes() { return kBudgetShapes; }

}  // namespace zc::http::openapi
