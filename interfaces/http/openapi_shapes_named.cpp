// The named shapes (components/schemas) that several operations share (openapi_shapes.hpp).
#include "openapi_shapes.hpp"

namespace zc::http::openapi {
namespace {

const std::string kProcedure =
    "id:int, municipality_code:str, kind:(open|negotiated|continuation), name:str,"
    " term_start:date, term_end:date, applications_open:bool";
const std::string kTariff =
    "product_code:str, unit:str, tariff_cents:cents, tariff:str \"euros, e.g. 61.20\","
    " valid_from:date, valid_to:date? \"exclusive; null: open-ended\"";
const std::string kContract =
    "id:int, kind:str \"framework or budget\", provider_id:int, provider_agb:str,"
    " provider_name:str, municipality_code:str, procedure_id:int?, lot_id:int?, status:str,"
    " term_start:str, term_end:str, extension_options:int, extension_months:int,"
    " spending_ceiling_cents:cents?, application_id:int?, extensions_used:int, products:[str]";
const std::string kAllocation =
    "number:int \"ToewijzingNummer\", version:int, is_current:bool, client_id:int,"
    " client_name:str \"initials, prefix and surname, as the WMO301 names the client\","
    " client_birth_date:date,"
    " provider_id:int, contract_id:int, decision_id:int, granted_product_id:int,"
    " product_code:str, category:str, paying_municipality_code:str, start_date:date,"
    " end_date:date?, volume:int, unit:str, iwmo_unit:str, frequency:str, iwmo_frequency:str,"
    " reason_change:str?, referentie_aanbieder:str?, allocated_at:str, created_by:str,"
    " provider_consent~:{given_by:str, given_on:str}";
const std::string kRun =
    "id:int, municipality_code:str, due_until:str, execution_date:str, status:str,"
    " prepared_by:str, prepared_at:time, approved_by:str?, approved_at~:time, message_id:str,"
    " control_sum_cents:cents, transactions:int, pain001_sha256:str?, municipality_codes:[str],"
    " bank_status:str? \"after the bank: sent, partly_booked, booked or returned; null before"
    " approval\", transfers_booked:int, transfers_returned:int";

}  // namespace

namespace {

const std::string kScope = "municipalities~:[str], regional_for~:[str]";

const std::vector<NamedShape> kNamedShapes = {
    {"RoleName", "(admin|contract_manager|access_officer|finance|budget_holder|auditor|provider)"},
    {"Login",
     "{token~:str \"absent when the session is a cookie\", expires_at:str, username:str,"
     " role:@RoleName, display_name:str, mfa_setup_required:bool, roles:[@RoleName]}"},
    {"Me", "{name:str, role:@RoleName, user_id~:int, provider_id~:int, " + kScope +
               ", totp_enabled~:bool, display_name~:str, roles~:[@RoleName],"
               " provider_admin~:bool, manages_users~:bool}"},
    {"User",
     "{id:int, username:str, display_name:str, role:@RoleName, roles:[@RoleName],"
     " totp_enabled:bool, active:bool, last_login_at:time?, provider_id~:int,"
     " provider_name~:str, provider_admin~:bool, " +
         kScope + "}"},
    {"TotpReset",
     "{id:int, user_id:int, username:str, requested_by:int, requested_by_name:str,"
     " requested_at:time, status:(open|approved|withdrawn), decided_by:int?, decided_at:time?}"},
    {"Municipality", "{code:str, name:str, central_code:str?}"},
    {"District", "{id:int, municipality_code:str, name:str}"},
    {"Provider",
     "{id:int, agb:str \"AGB code\", kvk:str, name:str, iban:str, contact_name:str,"
     " contact_email:str, contact_phone:str, blocked_reason:str? \"integrity block\","
     " blocked_at:str?}"},
    {"Procedure", "{" + kProcedure + "}"},
    {"ProcedureDetail", "{" + kProcedure +
                            ", lots:[{id:int, name:str, products:[str]}],"
                            " requirements:[{id:int, text:str}], tariffs:[@StoredTariff]}"},
    {"TariffVersion", "{" + kTariff + "}"},
    {"StoredTariff", "{" + kTariff + ", reason:str}"},
    {"Application",
     "{id:int, procedure_id:int, provider_id:int, provider_agb:str, provider_name:str,"
     " status:str, submitted_at:str, decided_at:str?, decided_by:str?, reason:str?,"
     " lots:[int], answers:[{requirement_id:int, answer:str,"
     " assessment:(pending|met|not_met), remark:str}], contracts:[int]}"},
    {"ContractSummary", "{" + kContract + "}"},
    {"Contract",
     "{" + kContract +
         ", tariffs:[@StoredTariff], status_history:[{from:str?, to:str, reason:str, by:str,"
         " at:str}], coalition~:[{provider_id:int, agb:str, name:str, role:str}],"
         " budgets~:[{year:int, budget_cents:cents}], performance_agreements~:[{id:int,"
         " indicator:str, target:int, unit:str, kind:str, aggregation:str}],"
         " settlement_rule~:str}"},
    {"Client",
     "{id:int, bsn~:str \"in full for access officers only\", bsn_masked:str, surname:str,"
     " prefix:str, given_names:str, initials:str, birth_date:str, gender:str, street:str,"
     " house_number:str, postcode:str, city:str, municipality_code:str, district_id:int?,"
     " team_id:int?, team_name:str, created_at:str, messages_withheld:bool,"
     " messages_withheld_since~:str, messages_withheld_reason~:str}"},
    {"Decision",
     "{id:int, client_id:int, number:int, decision_date:str, valid_from:str, valid_to:str?,"
     " products:[{id:int, product_code:str, volume:int, unit:str, frequency:str,"
     " iwmo_frequency:str, financing:str, pgb_budget_cents:cents?,"
     " paying_municipality_code:str}]}"},
    {"Consent", "{given_by:str \"who at the provider agreed\", given_on:date}", false},
    {"Allocation", "{" + kAllocation + "}"},
    {"AllocationVersions",
     "{" + kAllocation + ", versions:[@Allocation], extended~:bool, replaces~:int}"},
    {"OutboxEntry",
     "{id:int, message_code:str, identificatie:str, municipality_code:str?,"
     " created_at:time, retour_due:str, fetched_at:str?, acknowledged_at:str?,"
     " retour_codes:str?}"},
    {"InboxMessage",
     "{id:int, message:(wmo301|wmo319|wmo325), message_code:str, identificatie:str,"
     " municipality_code:str?, created_at:time, retour_due:str, fetched_at:str?,"
     " acknowledged_at:str?, retour_codes:str?}"},
    {"Request",
     "{id:int, kind:str \"WMO315 or WMO317\", provider_id:int, provider_agb:str,"
     " referentie_aanbieder:str, municipality_code:str, client_id:int?,"
     " request:any \"the message's content\", status:str, received_at:time, answer_due:str,"
     " decision_due:str?, decided_by:str?, reason_code:str?, reason:str?, overdue:bool}"},
    {"ChainEnvelope",
     "{id:int, referentienummer:str \"UUID v4\", kind:(Di01|Du01|Fo01),"
     " state:(queued|delivered|acknowledged|failed), functie:str?, provider_agb:str?,"
     " municipality_code:str?, outbox_id:int?, identificatie:str?, cross_refnummer:str?,"
     " attempts:int, created_at:time, next_attempt_at:time, delivered_at:time?,"
     " acknowledged_at:time?, failed_at:time?, last_error:str?, fault_code:str?,"
     " fault_text:str?, fault_meaning:str? \"the chain's text for fault_code\"}"},
    {"AwaitingReview", "{declaration_id:int, status:str, answer_due:date, message:str}"},
    {"DeclarationResult",
     "{declaration_id~:int \"absent in a dry run\", number:str, dry_run:bool, status:str,"
     " header_code:str, header_message~:str, submitted_cents:cents, awarded_cents:cents,"
     " lines:int, accepted:int, answer_due:date, municipality_code:str,"
     " not_accepted:[{reference:str, status:str, code:str, codes:[str], message:str}]}"},
    {"DeclarationListed",
     "{declaration_id:int, number:str, provider_agb:str, provider_name:str, source:str,"
     " period_start:str, period_end:str, received_at:time, submitted_cents:cents,"
     " awarded_cents:cents?, status:str, header_code:str?, answer_due:str,"
     " municipality_code:str}"},
    {"Declaration",
     "{declaration_id:int, number:str, status:str, header_code:str?, submitted_cents:cents,"
     " awarded_cents:cents?, answer_due:str, source:str, municipality_code:str,"
     " lines:[@DeclarationLine]}"},
    {"DeclarationLine",
     "{id:int, reference:str, credit:bool, allocation_number:int, product_code:str,"
     " period_start:str, period_end:str, volume:int, unit:str, amount_cents:cents,"
     " status:str, code:str?, codes:str? \"every retourcode, space separated\","
     " review:str?, review_reason:str? \"the contract manager's reason, once decided\","
     " credited:bool, municipality_code:str,"
     " cap_figures:@CapFigures? \"the rule's numbers when a cap rule failed (9321, 9322)\"}"},
    {"CapFigures",
     "{scope:str \"period, allocation or decision\", cap_unit:str, counting_unit:str, limit:int,"
     " used_before:int, claimed:int, window_start:str?, window_end:str?}"},
    {"Review",
     "{id:int, declaration_id:int, code:str, message:str, status:str, due_date:str,"
     " overdue:bool, provider_agb:str, reference:str, allocation_number:int,"
     " product_code:str, period_start:str, period_end:str, volume:int, unit:str,"
     " amount_cents:cents, decided_by:str?, reason:str?, escalated:bool, claim_line_id:int,"
     " cap:@CapUse?, provider_name:str, declaration_number:str}"},
    {"CapUse",
     "{volume:int, unit:str, frequency:str, counting_unit:str, max_in_period:int?,"
     " used_in_period:int, max_total:int?, used_total:int}"},
    {"DebtorAccount",
     "{id:int, municipality_code:str, iban:str, bic:str?, name:str, label:str?,"
     " is_default:bool, active:bool}"},
    {"ProviderBankAccount",
     "{id:int? \"null: the registration account, not changed yet\", provider_id:int, iban:str,"
     " holder_name:str, valid_from:date, status:str \"proposed, approved or rejected\","
     " proposed_by:str, proposed_at:str?, decided_by:str?, decided_at:str?,"
     " decision_reason:str?, current:bool \"the account a run executed today pays\"}"},
    {"PaymentRun", "{" + kRun + "}"},
    {"PaymentRunDetail",
     "{" + kRun +
         ", transfers:[{id:int, provider_id:int, end_to_end_id:str, amount_cents:cents,"
         " creditor_name:str, creditor_iban:str, remittance:str, status:str,"
         " return_reason:str?, municipality_code:str, debtor_account_id:int?,"
         " debtor_iban:str}], items:[{payable_id:int, provider_id:int, instruction_id:int?,"
         " amount_cents:cents, outcome:str, reason:str?}], accounts:[{municipality_code:str,"
         " debtor_account_id:int?, iban:str, name:str}], stale:bool, stale_reason:str?}"},
    {"ProviderStatement",
     "{provider_id:int, from:date, to:date, lines:[{payable_id:int, date:str, type:str,"
     " declaration:str, amount_cents:cents, status:str, due_date:str, end_to_end_id:str,"
     " paid_on:str, municipality_code:str, source_id:int, disputed_reason:str, note:str}],"
     " payments:[{instruction_id:int, run_id:int, end_to_end_id:str, amount_cents:cents,"
     " status:str, return_reason:str, booked_on:str}],"
     " lines_total:int \"payables in the period in all\","
     " payments_total:int \"transfers in the period in all\", claimed_cents:cents,"
     " offsets_cents:cents, paid_cents:cents, returned_cents:cents, in_transit_cents:cents,"
     " open_balance_cents:cents}"},
    {"ClaimLineTrace",
     "{claim_line_id:int, reference:str, status:str, code:str, amount_cents:cents,"
     " credit:bool, municipality_code:str, declaration:{id:int, number:str,"
     " received_at:time, status:str, answered_at~:time}, payable~:{id:int,"
     " amount_cents:cents, status:str, due_date:str}, payment~:{instruction_id:int,"
     " run_id:int, end_to_end_id:str, status:str, return_reason:str?},"
     " bank_entry~:{entry_id:int, statement_id:str, booking_date:str?,"
     " amount_cents:cents}}"},
    {"Payable",
     "{id:int, provider_id:int, provider_agb:str, provider_name:str, source_type:str,"
     " source_id:int, amount_cents:cents, due_date:str, created_at:time,"
     " status:str \"open, in_run or paid\", disputed_reason:str?, municipality_code:str}"},
    {"Realisations",
     "{contract_id:int, years:[{year:int, settled:bool, agreements:[{agreement_id:int,"
     " indicator:str, unit:str, kind:str, aggregation:str, target:int, quarters:[{"
     "quarter:int, in_term:bool, realised:int?, reported_by~:str, reported_at~:time}],"
     " reported_quarters:int, total_realised:int, calculation:str,"
     " difference_to_target:int, percentage_of_target:str?}]}]}"},
    {"Settlement",
     "{id:int, contract_id:int, year:int, rule:str, budget_cents:cents, due_cents:cents,"
     " advances_paid_cents:cents, difference_cents:cents, direction:str,"
     " calculation:[str], created_by:str, created_at:time, payable:@Payable?}"},
    {"Budget",
     "{id:int, year:int, municipality_code:str, district_id:int?, district_name:str,"
     " team_id:int?, team_name:str, product_category:str, financing_kind:str,"
     " amount_cents:cents, name:str, budget_holder_user_id:int?}"},
    {"BudgetAmountChange",
     "{id:int, budget_id:int, before_cents:cents, after_cents:cents, reason:str,"
     " changed_by:str, changed_at:time}"},
    {"Reallocation", "{" + std::string(kReallocation) + "}"},
};

}  // namespace

std::vector<NamedShape> namedShapes() { return kNamedShapes; }

std::string pagedQuery(const std::string& sorts) {
    std::string values;
    std::size_t start = 0;
    while (start <= sorts.size()) {
        auto end = sorts.find('|', start);
        if (end == std::string::npos) end = sorts.size();
        const auto name = sorts.substr(start, end - start);
        values += (values.empty() ? "" : "|") + name + "|-" + name;
        start = end + 1;
    }
    return "q~:str \"free-text search, at most 100 characters, case-insensitive\","
           " sort~:(" +
           values +
           ") \"'-' before the column: descending; ties by id\","
           " limit~:int \"1..1000, default 100\", offset~:int";
}

std::vector<OperationShape> operationShapes() {
    std::vector<OperationShape> all;
    for (auto part : {accessShapes(), contractingShapes(), clientShapes(), billingShapes(),
                      paymentShapes(), budgetShapes(), exportShapes()}) {
        for (auto& s : part) all.push_back(std::move(s));
    }
    return all;
}

}  // namespace zc::http::openapi
