#include "routes.hpp"

#include <algorithm>
#include <string_view>

#include "allocations_api.hpp"
#include "audit_api.hpp"
#include "auth_api.hpp"
#include "bank_statement_lists_api.hpp"
#include "bank_statements_api.hpp"
#include "budget_financing_api.hpp"
#include "budgets_api.hpp"
#include "clients_api.hpp"
#include "contracts_api.hpp"
#include "declarations_api.hpp"
#include "exports_api.hpp"
#include "ggk_api.hpp"
#include "message_log_api.hpp"
#include "message_safety_api.hpp"
#include "messages_api.hpp"
#include "openapi_document.hpp"
#include "outbox_api.hpp"
#include "payment_integrity_api.hpp"
#include "payments_api.hpp"
#include "people_api.hpp"
#include "procedures_api.hpp"
#include "provider_accounts_api.hpp"
#include "provider_statement_api.hpp"
#include "reference_api.hpp"
#include "requests_api.hpp"
#include "reviews_api.hpp"

namespace zc::http {
namespace {

using app::Role;
constexpr Role kAdmin = Role::Admin;
constexpr Role kCm = Role::ContractManager;
constexpr Role kAo = Role::AccessOfficer;
constexpr Role kFin = Role::Finance;
constexpr Role kBh = Role::BudgetHolder;
constexpr Role kAud = Role::Auditor;
constexpr Role kProv = Role::Provider;

const std::vector<Role> kAllStaff = {kAdmin, kCm, kAo, kFin, kBh, kAud};

std::vector<Role> staffAnd(std::initializer_list<Role> extra) {
    std::vector<Role> r = kAllStaff;
    r.insert(r.end(), extra);
    return r;
}

// A route for the listed roles only, after MFA, with a JSON body: most of the table.
Route forRoles(std::string method, std::string pattern, std::vector<Role> roles, Handler handler) {
    return {.method = std::move(method),
            .pattern = std::move(pattern),
            .access = Access::Roles,
            .roles = std::move(roles),
            .handler = std::move(handler)};
}

std::vector<Route> buildRoutes() {
    using A = Access;
    const std::string v1 = "/api/v1";
    return {
        // Authentication
        {.method = "POST", .pattern = v1 + "/auth/login", .access = A::Public, .handler = login},
        {.method = "POST",
         .pattern = v1 + "/auth/logout",
         .access = A::Authenticated,
         .allowed_before_mfa = true,
         .handler = logout},
        {.method = "GET",
         .pattern = v1 + "/auth/me",
         .access = A::Authenticated,
         .allowed_before_mfa = true,
         .handler = me},
        {.method = "POST",
         .pattern = v1 + "/auth/totp/enrol",
         .access = A::Roles,
         .roles = kAllStaff,
         .allowed_before_mfa = true,
         .handler = enrolTotp},
        {.method = "POST",
         .pattern = v1 + "/auth/totp/confirm",
         .access = A::Roles,
         .roles = kAllStaff,
         .allowed_before_mfa = true,
         .handler = confirmTotp},
        // The session's active role among the user's roles (issue 15)
        {.method = "POST",
         .pattern = v1 + "/auth/role",
         .access = A::Authenticated,
         .handler = switchRole},
        // This API's description (OpenAPI 3.1), generated from this table
        {.method = "GET",
         .pattern = v1 + "/openapi.json",
         .access = A::Public,
         .handler = openApiJson},
        // Users (application manager). A provider's user reaches them only as its provider's
        // administrator, when the provider manages its own users (people_admin.hpp).
        forRoles("GET", v1 + "/users", {kAdmin, kAud, kProv}, listUsers),
        forRoles("POST", v1 + "/users", {kAdmin, kProv}, createUser),
        forRoles("GET", v1 + "/users/{id}", {kAdmin, kAud, kProv}, getUser),
        forRoles("PUT", v1 + "/users/{id}", {kAdmin, kProv}, changeUser),
        forRoles("PUT", v1 + "/users/{id}/municipalities", {kAdmin}, setUserScope),
        forRoles("POST", v1 + "/users/{id}/deactivate", {kAdmin, kProv}, deactivateUser),
        forRoles("POST", v1 + "/users/{id}/reactivate", {kAdmin, kProv}, reactivateUser),
        forRoles("POST", v1 + "/users/{id}/totp-reset", {kAdmin, kProv}, requestTotpReset),
        forRoles("GET", v1 + "/totp-resets", {kAdmin, kProv}, listTotpResets),
        forRoles("POST", v1 + "/totp-resets/{id}/approve", {kAdmin, kProv}, approveTotpReset),
        forRoles("POST", v1 + "/totp-resets/{id}/withdraw", {kAdmin, kProv}, withdrawTotpReset),
        forRoles("PUT", v1 + "/providers/{id}/user-management", {kAdmin},
                 setProviderUserManagement),
        // Who may call what: this table, per route and role
        forRoles("GET", v1 + "/rights", {kAdmin, kAud}, rightsOverview),
        // Reference data
        {.method = "GET",
         .pattern = v1 + "/municipalities",
         .access = A::Authenticated,
         .handler = listMunicipalities},
        forRoles("POST", v1 + "/municipalities", {kAdmin}, createMunicipality),
        forRoles("GET", v1 + "/districts", kAllStaff, listDistricts),
        forRoles("POST", v1 + "/districts", {kAdmin}, createDistrict),
        forRoles("GET", v1 + "/teams", kAllStaff, listTeams),
        forRoles("POST", v1 + "/teams", {kAdmin}, createTeam),
        {.method = "GET",
         .pattern = v1 + "/products",
         .access = A::Authenticated,
         .handler = listProducts},
        forRoles("POST", v1 + "/products", {kAdmin}, createProduct),
        // Providers and their API keys
        forRoles("GET", v1 + "/providers", kAllStaff, listProviders),
        forRoles("POST", v1 + "/providers", {kAdmin, kCm}, createProvider),
        forRoles("GET", v1 + "/providers/{id}", staffAnd({kProv}), getProvider),
        forRoles("GET", v1 + "/providers/{id}/api-keys", {kAdmin, kCm, kAud}, listApiKeys),
        // The path of the provider's messages: direct, or through the GGk chain (issue 16)
        forRoles("GET", v1 + "/providers/{id}/exchange-path", {kAdmin, kCm, kAo, kAud},
                 getExchangePath),
        forRoles("PUT", v1 + "/providers/{id}/exchange-path", {kAdmin, kCm}, putExchangePath),
        forRoles("POST", v1 + "/providers/{id}/api-keys", {kAdmin, kCm}, issueApiKey),
        forRoles("POST", v1 + "/providers/{id}/api-keys/{key_id}/revoke", {kAdmin, kCm},
                 revokeApiKey),
        // Procurement procedures
        {.method = "GET",
         .pattern = v1 + "/procedures",
         .access = A::Authenticated,
         .handler = listProcedures},
        forRoles("POST", v1 + "/procedures", {kCm}, createProcedure),
        {.method = "GET",
         .pattern = v1 + "/procedures/{id}",
         .access = A::Authenticated,
         .handler = getProcedure},
        forRoles("POST", v1 + "/procedures/{id}/applications-open", {kCm}, setApplicationsOpen),
        forRoles("POST", v1 + "/procedures/{id}/lots", {kCm}, addLot),
        forRoles("POST", v1 + "/procedures/{id}/requirements", {kCm}, addRequirement),
        forRoles("POST", v1 + "/procedures/{id}/tariffs", {kCm}, addProcedureTariff),
        forRoles("POST", v1 + "/procedures/{id}/indexations", {kCm}, indexProcedure),
        forRoles("POST", v1 + "/procedures/{id}/applications", {kProv}, submitApplication),
        // Applications
        forRoles("GET", v1 + "/applications", {kCm, kAud, kProv}, listApplications),
        forRoles("GET", v1 + "/applications/{id}", {kCm, kAud, kProv}, getApplication),
        forRoles("POST", v1 + "/applications/{id}/assessments", {kCm}, assessRequirement),
        forRoles("POST", v1 + "/applications/{id}/decision", {kCm}, decideApplication),
        // Contracts
        forRoles("GET", v1 + "/contracts", staffAnd({kProv}), listContracts),
        forRoles("POST", v1 + "/contracts", {kCm}, createContract),
        forRoles("GET", v1 + "/contracts/{id}", staffAnd({kProv}), getContract),
        forRoles("POST", v1 + "/contracts/{id}/status", {kCm}, changeContractStatus),
        forRoles("POST", v1 + "/contracts/{id}/tariffs", {kCm}, addContractTariff),
        forRoles("POST", v1 + "/contracts/{id}/indexations", {kCm}, indexContract),
        forRoles("POST", v1 + "/contracts/{id}/extensions", {kCm}, extendContract),
        forRoles("GET", v1 + "/contracts/{id}/advances", {kCm, kFin, kBh, kAud, kProv},
                 listAdvances),
        forRoles("POST", v1 + "/budget-contracts", {kCm}, createBudgetContract),
        // Budget financing: advances as payables, quarterly realisation, year-end settlement
        forRoles("POST", v1 + "/advances/post-due", {kFin}, postDueAdvancesApi),
        // Payments (issue 5): debtor account, integrity blocks, disputes, payment runs.
        forRoles("POST", v1 + "/municipalities/{code}/debtor-account", {kFin}, setDebtorAccount),
        forRoles("POST", v1 + "/municipalities/{code}/debtor-accounts", {kFin}, addDebtorAccount),
        forRoles("GET", v1 + "/municipalities/{code}/debtor-accounts", {kFin}, listDebtorAccounts),
        forRoles("POST", v1 + "/providers/{id}/block", {kFin}, blockProvider),
        forRoles("POST", v1 + "/providers/{id}/unblock", {kFin}, unblockProvider),
        // Bank account changes (issue 15): proposed and decided by two finance users.
        forRoles("GET", v1 + "/providers/{id}/bank-accounts", {kFin, kAud, kProv},
                 listProviderAccounts),
        forRoles("POST", v1 + "/providers/{id}/bank-accounts", {kFin}, proposeProviderAccount),
        forRoles("POST", v1 + "/provider-bank-accounts/{id}/approve", {kFin},
                 approveProviderAccount),
        forRoles("POST", v1 + "/provider-bank-accounts/{id}/reject", {kFin}, rejectProviderAccount),
        forRoles("POST", v1 + "/payables/{id}/dispute", {kFin}, disputePayable),
        forRoles("POST", v1 + "/payables/{id}/undispute", {kFin}, undisputePayable),
        forRoles("GET", v1 + "/provider-balances", {kFin, kAud}, providerBalances),
        forRoles("POST", v1 + "/payment-runs", {kFin}, preparePaymentRun),
        forRoles("GET", v1 + "/payment-runs", {kFin, kAud}, listPaymentRuns),
        forRoles("GET", v1 + "/payment-runs/{id}", {kFin, kAud}, getPaymentRun),
        forRoles("POST", v1 + "/payment-runs/{id}/approve", {kFin}, approvePaymentRun),
        forRoles("POST", v1 + "/payment-runs/{id}/cancel", {kFin}, cancelPaymentRun),
        forRoles("GET", v1 + "/payment-runs/{id}/pain001", {kFin, kAud}, downloadPain001),
        {.method = "POST",
         .pattern = v1 + "/bank-statements",
         .access = A::Roles,
         .roles = {kFin},
         .handler = importBankStatement,
         .xml_body = true},
        forRoles("GET", v1 + "/reconciliation/work-list", {kFin, kAud}, reconciliationWorkList),
        forRoles("GET", v1 + "/bank-statements", {kFin, kAud}, listBankStatements),
        forRoles("GET", v1 + "/reconciliation/resolved", {kFin, kAud}, listResolvedWorkItems),
        forRoles("POST", v1 + "/bank-entries/{id}/resolve", {kFin}, resolveBankEntry),
        forRoles("POST", v1 + "/bank-statements/{id}/chain/resolve", {kFin}, resolveStatementChain),
        forRoles("GET", v1 + "/providers/{id}/statement", {kFin, kAud, kProv}, providerStatement),
        forRoles("GET", v1 + "/claim-lines/{id}/trace", {kCm, kFin, kAud, kProv}, traceClaimLine),
        forRoles("GET", v1 + "/payables", {kFin, kAud, kProv}, listPayables),
        forRoles("POST", v1 + "/contracts/{id}/realisations", {kCm, kProv}, reportRealisation),
        forRoles("GET", v1 + "/contracts/{id}/realisations", {kCm, kFin, kAud, kProv},
                 listRealisations),
        forRoles("POST", v1 + "/contracts/{id}/settlements", {kFin}, settleContractYear),
        forRoles("GET", v1 + "/contracts/{id}/settlements", {kCm, kFin, kAud, kProv},
                 listSettlements),
        // Queries for later flows
        forRoles("GET", v1 + "/queries/eligible-providers", kAllStaff, eligibleProviders),
        forRoles("GET", v1 + "/queries/tariff", kAllStaff, tariffQuery),
        // Clients and access decisions (BSN in full for access officers only; reads audited)
        forRoles("POST", v1 + "/clients", {kAo}, createClient),
        forRoles("GET", v1 + "/clients", {kAo, kAud}, listClients),
        forRoles("GET", v1 + "/clients/{id}", {kAo, kCm, kAud}, getClient),
        forRoles("PATCH", v1 + "/clients/{id}", {kAo}, patchClient),
        forRoles("POST", v1 + "/clients/{id}/decisions", {kAo}, createDecision),
        forRoles("POST", v1 + "/clients/{id}/message-safety", {kAo},
                 queueingWmo301<setMessageSafety>),
        forRoles("GET", v1 + "/clients/{id}/decisions", {kAo, kCm, kAud}, listDecisions),
        // Allocations (versioned; a provider sees only its own)
        forRoles("POST", v1 + "/allocations", {kAo, kCm}, queueingWmo301<createAllocation>),
        forRoles("GET", v1 + "/allocations", {kAo, kCm, kAud, kProv}, listAllocations),
        forRoles("GET", v1 + "/allocations/{number}", {kAo, kCm, kAud, kProv}, getAllocation),
        forRoles("POST", v1 + "/allocations/{number}/changes", {kAo, kCm},
                 queueingWmo301<changeAllocation>),
        forRoles("POST", v1 + "/allocations/{number}/end", {kAo, kCm},
                 queueingWmo301<endAllocation>),
        // iWmo 3.2 messages: providers over mutual TLS (client certificate with their AGB)
        {.method = "POST",
         .pattern = v1 + "/messages",
         .access = A::Roles,
         .roles = {kProv},
         .handler = postMessage,
         .xml_body = true,
         .client_certificate = true,
         .spool_declarations = true},
        {.method = "POST",
         .pattern = v1 + "/messages/dry-run",
         .access = A::Roles,
         .roles = {kProv},
         .handler = postMessageDryRun,
         .xml_body = true,
         .client_certificate = true,
         .spool_declarations = true},
        {.method = "GET",
         .pattern = v1 + "/outbox",
         .access = A::Roles,
         .roles = {kProv},
         .handler = listOutbox,
         .client_certificate = true},
        {.method = "GET",
         .pattern = v1 + "/outbox/{id}",
         .access = A::Roles,
         .roles = {kProv},
         .handler = getOutboxMessage,
         .client_certificate = true},
        {.method = "POST",
         .pattern = v1 + "/outbox/{id}/ack",
         .access = A::Roles,
         .roles = {kProv},
         .handler = acknowledgeOutbox,
         .client_certificate = true},
        // The provider's users read the same messages in the web application (no certificate)
        forRoles("GET", v1 + "/inbox", {kProv}, listInbox),
        forRoles("GET", v1 + "/inbox/{id}", {kProv}, getInboxMessage),
        // Requests for (changes of) allocations: the work queue, and the standard's deadlines
        forRoles("GET", v1 + "/requests", {kCm, kAo, kAud}, listRequests),
        forRoles("GET", v1 + "/requests/{id}", {kCm, kAo, kAud}, getRequest),
        forRoles("POST", v1 + "/requests/{id}/grant", {kCm, kAo}, grantRequest),
        forRoles("POST", v1 + "/requests/{id}/reject", {kCm, kAo}, rejectRequest),
        forRoles("POST", v1 + "/requests/{id}/investigate", {kCm, kAo}, investigateRequest),
        forRoles("GET", v1 + "/deadlines/overdue", {kCm, kAo, kAud}, listOverdue),
        forRoles("GET", v1 + "/message-log", {kCm, kAo, kAud}, messageLog),
        // Track & trace of the envelopes sent through the GGk chain (issue 16)
        forRoles("GET", v1 + "/chain/envelopes", {kCm, kAo, kAud}, listChainEnvelopes),
        forRoles("GET", v1 + "/chain/envelopes/{id}", {kCm, kAo, kAud}, getChainEnvelope),
        forRoles("POST", v1 + "/chain/envelopes/{id}/retry", {kCm, kAo}, requeueChainEnvelope),
        // Declarations (claims) and the review queue
        forRoles("POST", v1 + "/declarations", {kProv}, submitDeclaration),
        forRoles("POST", v1 + "/declarations/dry-run", {kProv}, dryRunDeclaration),
        // The web application's WMO323 upload (logged-in provider user, no client certificate)
        {.method = "POST",
         .pattern = v1 + "/declarations/wmo323",
         .access = A::Roles,
         .roles = {kProv},
         .handler = uploadWmo323,
         .xml_body = true,
         .spool_declarations = true},
        {.method = "POST",
         .pattern = v1 + "/declarations/wmo323/dry-run",
         .access = A::Roles,
         .roles = {kProv},
         .handler = uploadWmo323DryRun,
         .xml_body = true,
         .spool_declarations = true},
        {.method = "POST",
         .pattern = v1 + "/declarations/csv",
         .access = A::Roles,
         .roles = {kProv},
         .handler = submitCsvDeclaration,
         .xml_body = true},
        forRoles("GET", v1 + "/declarations", {kProv, kCm, kFin, kAud}, listDeclarations),
        forRoles("GET", v1 + "/declarations/{id}", {kProv, kCm, kFin, kAud}, getDeclaration),
        forRoles("GET", v1 + "/declarations/{id}/lines", {kProv, kCm, kFin, kAud},
                 listDeclarationLines),
        forRoles("GET", v1 + "/reviews", {kCm, kAud}, listReviews),
        forRoles("GET", v1 + "/reviews/{id}", {kCm, kAud}, getReview),
        forRoles("POST", v1 + "/reviews/{id}/decision", {kCm}, decideReview),
        forRoles("POST", v1 + "/reviews/answer-overdue", {kCm, kFin}, answerOverdueApi),
        // Budgets and monitoring
        forRoles("POST", v1 + "/budgets", {kFin, kAdmin}, createBudget),
        forRoles("GET", v1 + "/budgets", {kFin, kBh, kCm, kAud}, listBudgets),
        forRoles("GET", v1 + "/budgets/overview", {kFin, kBh, kAud}, budgetOverview),
        forRoles("GET", v1 + "/budgets/{id}/exhaustion", {kFin, kBh, kAud}, budgetExhaustion),
        forRoles("POST", v1 + "/budgets/{id}/amount", {kFin}, setBudgetAmount),
        forRoles("GET", v1 + "/budgets/{id}/amount-changes", {kFin, kBh, kAud},
                 listBudgetAmountChanges),
        forRoles("GET", v1 + "/providers/{id}/spending-ceiling", {kFin, kCm, kAud, kProv},
                 providerSpendingCeiling),
        forRoles("POST", v1 + "/budget-reallocations", {kBh}, requestReallocation),
        forRoles("GET", v1 + "/budget-reallocations", {kFin, kBh, kAud}, listReallocations),
        forRoles("POST", v1 + "/budget-reallocations/{id}/decision", {kFin}, decideReallocation),
        // Audit trail
        forRoles("GET", v1 + "/audit", {kAud, kAdmin}, listAudit),
        forRoles("GET", v1 + "/audit/verify", {kAud, kAdmin}, verifyAuditApi),
        // CSV exports for Dutch Excel: the lists above as files, with their roles, scope and
        // filters, every row; each export audited (exports_api.hpp)
        forRoles("GET", v1 + "/exports/reviews.csv", {kCm, kAud}, exportReviews),
        forRoles("GET", v1 + "/exports/declarations.csv", {kProv, kCm, kFin, kAud},
                 exportDeclarations),
        forRoles("GET", v1 + "/exports/declarations/{id}/lines.csv", {kProv, kCm, kFin, kAud},
                 exportDeclarationLines),
        forRoles("GET", v1 + "/exports/payment-runs.csv", {kFin, kAud}, exportPaymentRuns),
        forRoles("GET", v1 + "/exports/payment-runs/{id}/items.csv", {kFin, kAud}, exportRunItems),
        forRoles("GET", v1 + "/exports/work-list.csv", {kFin, kAud}, exportWorkList),
        forRoles("GET", v1 + "/exports/audit.csv", {kAud, kAdmin}, exportAudit),
        forRoles("GET", v1 + "/exports/budgets.csv", {kFin, kBh, kAud}, exportBudgets),
    };
}

// The non-empty segments of a path ("/api/v1/x/" -> "api", "v1", "x"), as views into it.
std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (at < path.size()) {
        const std::size_t end = std::min(path.find('/', at), path.size());
        if (end > at) out.push_back(path.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

// A route's pattern split once: each segment literal, or a parameter's name.
struct SplitRoute {
    const Route* route;
    std::vector<std::string> parts;
    std::vector<bool> is_param;
};

const std::vector<SplitRoute>& splitRoutes() {
    static const std::vector<SplitRoute> table = [] {
        std::vector<SplitRoute> out;
        for (const auto& r : routes()) {
            SplitRoute s{&r, {}, {}};
            for (const auto part : segments(r.pattern)) {
                const bool param = part.size() > 2 && part.front() == '{' && part.back() == '}';
                s.parts.emplace_back(param ? part.substr(1, part.size() - 2) : part);
                s.is_param.push_back(param);
            }
            out.push_back(std::move(s));
        }
        return out;
    }();
    return table;
}

bool matches(const SplitRoute& r, const std::vector<std::string_view>& path) {
    if (r.parts.size() != path.size()) return false;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (!r.is_param[i] && r.parts[i] != path[i]) return false;
    }
    return true;
}

}  // namespace

const std::vector<Route>& routes() {
    static const std::vector<Route> table = buildRoutes();
    return table;
}

const Route* matchRoute(const std::string& method, const std::string& path,
                        std::map<std::string, std::string>& params, bool& path_exists) {
    const auto parts = segments(path);
    path_exists = false;
    for (const auto& r : splitRoutes()) {
        if (!matches(r, parts)) continue;
        path_exists = true;
        if (r.route->method == method) {
            std::map<std::string, std::string> found;
            for (std::size_t i = 0; i < parts.size(); ++i) {
                if (r.is_param[i]) found[r.parts[i]] = std::string(parts[i]);
            }
            params = std::move(found);
            return r.route;
        }
    }
    return nullptr;
}

bool roleAllowed(const Route& r, app::Role role) {
    switch (r.access) {
        case Access::Public:
        case Access::Authenticated:
            return true;
        case Access::Roles:
            return std::find(r.roles.begin(), r.roles.end(), role) != r.roles.end();
    }
    return false;
}

}  // namespace zc::http
