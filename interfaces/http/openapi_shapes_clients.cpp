// Shapes of clients, access decisions, allocations, the iWmo message exchange and requests
// (openapi_shapes.hpp).
#include "openapi_shapes.hpp"

namespace zc::http::openapi {

namespace {

const std::string kPage = "limit~:int \"1..1000, default 100\", offset~:int";
const std::string kChange =
    "volume~:int, end_date~:date, effective_date~:date, reason_code:str \"iWmo"
    " RedenWijziging\", provider_consent~:@Consent?";
const Answer kRetour{200, "", "application/xml"};
const Answer kAwaiting{202, "@AwaitingReview"};

const std::vector<OperationShape> kClientShapes = {
    {"POST /clients",
     "Register a client (cliënt) with BSN and address",
     "",
     "{bsn:str, surname:str, prefix~:str, given_names~:str, initials~:str, birth_date:date,"
     " gender:(0|1|2), street~:str, house_number~:str, postcode~:str, city~:str,"
     " municipality_code:str, district_id~:int, team_id~:int}",
     {{201, "@Client"}}},
    {"GET /clients",
     "Clients (by BSN, or a page of a municipality's)",
     "bsn~:str, municipality~:str, " +
         pagedQuery("id|surname|birth_date|municipality_code|postcode"),
     "",
     {{200, "[@Client]"}},
     true},
    {"GET /clients/{id}", "One client (the read is audited)", "", "", {{200, "@Client"}}},
    {"PATCH /clients/{id}",
     "Move a client to a district or team (null clears)",
     "",
     "{district_id~:int?, team_id~:int?}",
     {{200, "@Client"}}},
    {"POST /clients/{id}/decisions",
     "Record an access decision (beschikking)",
     "",
     "{number:int, decision_date:date, valid_from:date, valid_to~:date, products:[{"
     "product_code:str, volume:int, unit:str, frequency:str, financing:str \"ZIN or PGB\","
     " pgb_budget_cents~:cents}]}",
     {{201, "@Decision"}}},
    {"POST /clients/{id}/message-safety",
     "Withhold messages about a client (OP003, berichtveiligheid)",
     "",
     "{withhold:bool, reason~:str}",
     {{200, "{client_id:int, messages_withheld:bool}"}}},
    {"GET /clients/{id}/decisions",
     "A client's access decisions, by start",
     kPage,
     "",
     {{200, "[@Decision]"}},
     true},
    {"POST /allocations",
     "Allocate a granted product to a provider (toewijzing, WMO301)",
     "",
     "{granted_product_id:int, provider_id:int, start_date:date, end_date~:date, volume~:int,"
     " referentie_aanbieder~:str}",
     {{201, "@AllocationVersions"}}},
    {"GET /allocations",
     "Current allocations (a provider sees its own)",
     "client_id~:int, provider_id~:int, product~:str, " +
         pagedQuery("number|start_date|end_date|product_code|volume"),
     "",
     {{200, "[@Allocation]"}},
     true},
    {"GET /allocations/{number}",
     "An allocation with all its versions",
     "",
     "",
     {{200, "@AllocationVersions"}}},
    {"POST /allocations/{number}/changes",
     "Change an allocation's volume or end",
     "",
     "{" + kChange + ", referentie_aanbieder~:str}",
     {{201, "@AllocationVersions"}}},
    {"POST /allocations/{number}/end",
     "End an allocation",
     "",
     "{end_date:date, reason_code:str, provider_consent~:@Consent?}",
     {{201, "@AllocationVersions"}}},
    {"POST /messages",
     "Send an iWmo 3.2 message (mutual TLS): the retour, or an acknowledgement",
     "",
     "xml",
     {kRetour, {200, "{message:str, outcome:str, repeat:bool}"}, kAwaiting}},
    {"POST /messages/dry-run",
     "Check a WMO323 declaration without storing it",
     "",
     "xml",
     {kRetour}},
    {"GET /outbox",
     "Messages for the provider (WMO301, 319, 325) not yet acknowledged, oldest first",
     "all~:(true|false), " + kPage,
     "",
     {{200, "[@OutboxEntry]"}},
     true},
    {"GET /outbox/{id}", "One outgoing message as XML (the fetch is recorded)", "", "", {kRetour}},
    {"POST /outbox/{id}/ack", "Acknowledge an outgoing message", "", "-", {{200, "@OutboxEntry"}}},
    {"GET /inbox",
     "The provider's messages (WMO301, 319, 325), newest first, for its users in the web"
     " application; reading neither fetches nor acknowledges them",
     "message~:(wmo301|wmo319|wmo325), q~:str \"part of the identificatie\", " + kPage,
     "",
     {{200, "[@InboxMessage]"}},
     true},
    {"GET /inbox/{id}",
     "One of the provider's messages as XML (the read is audited)",
     "",
     "",
     {kRetour}},
    {"GET /requests",
     "Requests for allocations (WMO315, 317): the work queue",
     "status~:str, provider_id~:int, " +
         pagedQuery("answer_due|received_at|provider_agb|kind|status"),
     "",
     {{200, "[@Request]"}},
     true},
    {"GET /requests/{id}", "One request", "", "", {{200, "@Request"}}},
    {"POST /requests/{id}/grant",
     "Grant a request with new allocations or changes",
     "",
     "{allocations~:[{granted_product_id:int, start_date:date, end_date~:date,"
     " volume~:int}], changes~:[{number:int, " +
         kChange + "}], reason~:str}",
     {{200, "@Request"}}},
    {"POST /requests/{id}/reject",
     "Reject a request (WMO319)",
     "",
     "{reason_code:str \"RedenAfwijzingVerzoek 1..9\", reason:str}",
     {{200, "@Request"}}},
    {"POST /requests/{id}/investigate",
     "Answer \"in onderzoek\" (WMO319)",
     "",
     "-",
     {{200, "@Request"}}},
    {"GET /deadlines/overdue",
     "Requests and retours past their deadline; limit and offset page each of the two lists",
     kPage,
     "",
     {{200,
       "{requests:[@Request], missing_retours:[{outbox_id:int, message_code:str,"
       " identificatie:str, provider_agb:str, sent_at:time, retour_due:str}],"
       " requests_total:int \"overdue requests in all\","
       " missing_retours_total:int \"messages without their retour in all\"}"}}},
    {"GET /message-log",
     "Messages in and out (berichtenverkeer)",
     "agb~:str, client_id~:int, " + kPage,
     "",
     {{200,
       "[{direction:str, message_code:str, identificatie:str, provider_agb:str,"
       " at:time, outcome:str, retour:str?, chain_reference:str?, chain_state:str?,"
       " chain_fault:str?}]"}},
     true},
    {"GET /chain/envelopes",
     "Envelopes sent through the GGk chain (track & trace), newest first",
     "state~:(queued|delivered|acknowledged|failed), agb~:str, " +
         pagedQuery("id|created_at|state|functie|attempts"),
     "",
     {{200, "[@ChainEnvelope]"}},
     true},
    {"GET /chain/envelopes/{id}",
     "One envelope sent through the GGk chain",
     "",
     "",
     {{200, "@ChainEnvelope"}}},
    {"POST /chain/envelopes/{id}/retry",
     "Send a failed envelope again (same referentienummer)",
     "",
     "-",
     {{200, "@ChainEnvelope"}}},
};

}  // namespace

std::vector<OperationShape> clientShapes() { return kClientShapes; }

namespace {

const std::string kDeclarationIn =
    "{number:str, period_start:date, period_end:date, total_submitted_cents:cents,"
    " municipality_code~:str, lines:[{reference:str, previous_reference~:str, credit~:bool,"
    " allocation_number:int, bsn:str, category:str, product_code:str, period_start:date,"
    " period_end:date, volume:int, unit:str, tariff_cents~:cents, amount_cents:cents}]}";

const std::vector<OperationShape> kBillingShapes = {
    {"POST /declarations",
     "Submit a declaration (JSON form of the WMO323)",
     "",
     kDeclarationIn,
     {{201, "@DeclarationResult"}, {422, "@DeclarationResult"}}},
    {"POST /declarations/dry-run",
     "Check a declaration without storing it",
     "",
     kDeclarationIn,
     {{200, "@DeclarationResult"}}},
    {"POST /declarations/wmo323",
     "Upload a WMO323 file (web application)",
     "",
     "xml",
     {kRetour, {202, "@AwaitingReview"}}},
    {"POST /declarations/wmo323/dry-run",
     "Check a WMO323 file without storing it",
     "",
     "xml",
     {kRetour}},
    {"POST /declarations/csv",
     "Submit a declaration as CSV rows",
     "number:str, period_start:date, period_end:date, municipality~:str,"
     " dry_run~:(true|false)",
     "csv",
     {{200, "@DeclarationResult"}, {201, "@DeclarationResult"}, {422, "@DeclarationResult"}}},
    {"GET /declarations",
     "Declarations (a provider sees its own)",
     "number~:str, agb~:str, status~:str, " +
         pagedQuery("received_at|number|provider_name|period_start|submitted_cents|"
                    "awarded_cents|status"),
     "",
     {{200, "[@DeclarationListed]"}},
     true},
    {"GET /declarations/{id}",
     "A declaration with its lines",
     "lines~:(true|false) \"false: lines is empty (page them with /lines)\"",
     "",
     {{200, "@Declaration"}}},
    {"GET /declarations/{id}/lines",
     "A page of a declaration's lines",
     "status~:(accepted|rejected|review|not_accepted), " +
         pagedQuery("reference|allocation_number|product_code|period_start|volume|amount_cents|"
                    "status"),
     "",
     {{200, "[@DeclarationLine]"}},
     true},
    {"GET /reviews",
     "The review queue (beoordelingen)",
     "status~:str, provider_id~:int, " +
         pagedQuery("due_date|provider_name|declaration_number|reference|amount_cents|status"),
     "",
     {{200, "[@Review]"}},
     true},
    {"GET /reviews/{id}", "One review with the cap use", "", "", {{200, "@Review"}}},
    {"POST /reviews/{id}/decision",
     "Decide a review line",
     "",
     "{decision:(accept|reject), reason:str}",
     {{200, "{status:str, message~:str}"}}},
    {"POST /reviews/answer-overdue",
     "Answer declarations whose review is overdue",
     "",
     "-",
     {{200, "{answered:int}"}}},
};

}  // namespace

std::vector<OperationShape> billingShapes() { return kBillingShapes; }

}  // namespace zc::http::openapi
