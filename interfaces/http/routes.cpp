#include "routes.hpp"

#include <algorithm>
#include <sstream>

#include "interfaces/app/allocations.hpp"
#include "interfaces/app/audit.hpp"
#include "interfaces/app/auth.hpp"
#include "interfaces/app/budget_financing.hpp"
#include "interfaces/app/budgets.hpp"
#include "interfaces/app/claims.hpp"
#include "interfaces/app/clients.hpp"
#include "interfaces/app/contracts.hpp"
#include "interfaces/app/message_safety.hpp"
#include "interfaces/app/messages.hpp"
#include "interfaces/app/payments.hpp"
#include "interfaces/app/procedures.hpp"
#include "interfaces/app/provider_statement.hpp"
#include "interfaces/app/reference.hpp"
#include "interfaces/app/statements.hpp"

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

std::vector<Route> buildRoutes() {
    using A = Access;
    const std::string v1 = "/api/v1";
    return {
        // Authentication
        {"POST", v1 + "/auth/login", A::Public, {}, false, app::login},
        {"POST", v1 + "/auth/logout", A::Authenticated, {}, true, app::logout},
        {"GET", v1 + "/auth/me", A::Authenticated, {}, true, app::me},
        {"POST", v1 + "/auth/totp/enrol", A::Roles, kAllStaff, true, app::enrolTotp},
        {"POST", v1 + "/auth/totp/confirm", A::Roles, kAllStaff, true, app::confirmTotp},
        // Users (application manager)
        {"GET", v1 + "/users", A::Roles, {kAdmin, kAud}, false, app::listUsers},
        {"POST", v1 + "/users", A::Roles, {kAdmin}, false, app::createUser},
        // Reference data
        {"GET", v1 + "/municipalities", A::Authenticated, {}, false, app::listMunicipalities},
        {"POST", v1 + "/municipalities", A::Roles, {kAdmin}, false, app::createMunicipality},
        {"GET", v1 + "/districts", A::Roles, kAllStaff, false, app::listDistricts},
        {"POST", v1 + "/districts", A::Roles, {kAdmin}, false, app::createDistrict},
        {"GET", v1 + "/teams", A::Roles, kAllStaff, false, app::listTeams},
        {"POST", v1 + "/teams", A::Roles, {kAdmin}, false, app::createTeam},
        {"GET", v1 + "/products", A::Authenticated, {}, false, app::listProducts},
        {"POST", v1 + "/products", A::Roles, {kAdmin}, false, app::createProduct},
        // Providers and their API keys
        {"GET", v1 + "/providers", A::Roles, kAllStaff, false, app::listProviders},
        {"POST", v1 + "/providers", A::Roles, {kAdmin, kCm}, false, app::createProvider},
        {"GET", v1 + "/providers/{id}", A::Roles, staffAnd({kProv}), false, app::getProvider},
        {"GET",
         v1 + "/providers/{id}/api-keys",
         A::Roles,
         {kAdmin, kCm, kAud},
         false,
         app::listApiKeys},
        {"POST", v1 + "/providers/{id}/api-keys", A::Roles, {kAdmin, kCm}, false, app::issueApiKey},
        {"POST",
         v1 + "/providers/{id}/api-keys/{key_id}/revoke",
         A::Roles,
         {kAdmin, kCm},
         false,
         app::revokeApiKey},
        // Procurement procedures
        {"GET", v1 + "/procedures", A::Authenticated, {}, false, app::listProcedures},
        {"POST", v1 + "/procedures", A::Roles, {kCm}, false, app::createProcedure},
        {"GET", v1 + "/procedures/{id}", A::Authenticated, {}, false, app::getProcedure},
        {"POST",
         v1 + "/procedures/{id}/applications-open",
         A::Roles,
         {kCm},
         false,
         app::setApplicationsOpen},
        {"POST", v1 + "/procedures/{id}/lots", A::Roles, {kCm}, false, app::addLot},
        {"POST", v1 + "/procedures/{id}/requirements", A::Roles, {kCm}, false, app::addRequirement},
        {"POST", v1 + "/procedures/{id}/tariffs", A::Roles, {kCm}, false, app::addProcedureTariff},
        {"POST", v1 + "/procedures/{id}/indexations", A::Roles, {kCm}, false, app::indexProcedure},
        {"POST",
         v1 + "/procedures/{id}/applications",
         A::Roles,
         {kProv},
         false,
         app::submitApplication},
        // Applications
        {"GET", v1 + "/applications", A::Roles, {kCm, kAud, kProv}, false, app::listApplications},
        {"GET",
         v1 + "/applications/{id}",
         A::Roles,
         {kCm, kAud, kProv},
         false,
         app::getApplication},
        {"POST",
         v1 + "/applications/{id}/assessments",
         A::Roles,
         {kCm},
         false,
         app::assessRequirement},
        {"POST",
         v1 + "/applications/{id}/decision",
         A::Roles,
         {kCm},
         false,
         app::decideApplication},
        // Contracts
        {"GET", v1 + "/contracts", A::Roles, staffAnd({kProv}), false, app::listContracts},
        {"POST", v1 + "/contracts", A::Roles, {kCm}, false, app::createContract},
        {"GET", v1 + "/contracts/{id}", A::Roles, staffAnd({kProv}), false, app::getContract},
        {"POST", v1 + "/contracts/{id}/status", A::Roles, {kCm}, false, app::changeContractStatus},
        {"POST", v1 + "/contracts/{id}/tariffs", A::Roles, {kCm}, false, app::addContractTariff},
        {"POST", v1 + "/contracts/{id}/indexations", A::Roles, {kCm}, false, app::indexContract},
        {"POST", v1 + "/contracts/{id}/extensions", A::Roles, {kCm}, false, app::extendContract},
        {"GET",
         v1 + "/contracts/{id}/advances",
         A::Roles,
         {kCm, kFin, kBh, kAud, kProv},
         false,
         app::listAdvances},
        {"POST", v1 + "/budget-contracts", A::Roles, {kCm}, false, app::createBudgetContract},
        // Budget financing: advances as payables, quarterly realisation, year-end settlement
        {"POST", v1 + "/advances/post-due", A::Roles, {kFin}, false, app::postDueAdvancesApi},
        // Payments (issue 5): debtor account, integrity blocks, disputes, payment runs.
        {"POST",
         v1 + "/municipalities/{code}/debtor-account",
         A::Roles,
         {kFin},
         false,
         app::setDebtorAccount},
        {"POST", v1 + "/providers/{id}/block", A::Roles, {kFin}, false, app::blockProvider},
        {"POST", v1 + "/providers/{id}/unblock", A::Roles, {kFin}, false, app::unblockProvider},
        {"POST", v1 + "/payables/{id}/dispute", A::Roles, {kFin}, false, app::disputePayable},
        {"POST", v1 + "/payables/{id}/undispute", A::Roles, {kFin}, false, app::undisputePayable},
        {"GET", v1 + "/provider-balances", A::Roles, {kFin, kAud}, false, app::providerBalances},
        {"POST", v1 + "/payment-runs", A::Roles, {kFin}, false, app::preparePaymentRun},
        {"GET", v1 + "/payment-runs", A::Roles, {kFin, kAud}, false, app::listPaymentRuns},
        {"GET", v1 + "/payment-runs/{id}", A::Roles, {kFin, kAud}, false, app::getPaymentRun},
        {"POST",
         v1 + "/payment-runs/{id}/approve",
         A::Roles,
         {kFin},
         false,
         app::approvePaymentRun},
        {"GET",
         v1 + "/payment-runs/{id}/pain001",
         A::Roles,
         {kFin, kAud},
         false,
         app::downloadPain001},
        {"POST", v1 + "/bank-statements", A::Roles, {kFin}, false, app::importBankStatement, true},
        {"GET",
         v1 + "/reconciliation/work-list",
         A::Roles,
         {kFin, kAud},
         false,
         app::reconciliationWorkList},
        {"POST", v1 + "/bank-entries/{id}/resolve", A::Roles, {kFin}, false, app::resolveBankEntry},
        {"GET",
         v1 + "/providers/{id}/statement",
         A::Roles,
         {kFin, kAud, kProv},
         false,
         app::providerStatement},
        {"GET",
         v1 + "/claim-lines/{id}/trace",
         A::Roles,
         {kCm, kFin, kAud, kProv},
         false,
         app::traceClaimLine},
        {"GET", v1 + "/payables", A::Roles, {kFin, kAud, kProv}, false, app::listPayables},
        {"POST",
         v1 + "/contracts/{id}/realisations",
         A::Roles,
         {kCm, kProv},
         false,
         app::reportRealisation},
        {"GET",
         v1 + "/contracts/{id}/realisations",
         A::Roles,
         {kCm, kFin, kAud, kProv},
         false,
         app::listRealisations},
        {"POST",
         v1 + "/contracts/{id}/settlements",
         A::Roles,
         {kFin},
         false,
         app::settleContractYear},
        {"GET",
         v1 + "/contracts/{id}/settlements",
         A::Roles,
         {kCm, kFin, kAud, kProv},
         false,
         app::listSettlements},
        // Queries for later flows
        {"GET", v1 + "/queries/eligible-providers", A::Roles, kAllStaff, false,
         app::eligibleProviders},
        {"GET", v1 + "/queries/tariff", A::Roles, kAllStaff, false, app::tariffQuery},
        // Clients and access decisions (BSN in full for access officers only; reads audited)
        {"POST", v1 + "/clients", A::Roles, {kAo}, false, app::createClient},
        {"GET", v1 + "/clients", A::Roles, {kAo, kAud}, false, app::listClients},
        {"GET", v1 + "/clients/{id}", A::Roles, {kAo, kCm, kAud}, false, app::getClient},
        {"POST", v1 + "/clients/{id}/decisions", A::Roles, {kAo}, false, app::createDecision},
        {"POST",
         v1 + "/clients/{id}/message-safety",
         A::Roles,
         {kAo},
         false,
         app::setMessageSafety},
        {"GET",
         v1 + "/clients/{id}/decisions",
         A::Roles,
         {kAo, kCm, kAud},
         false,
         app::listDecisions},
        // Allocations (versioned; a provider sees only its own)
        {"POST", v1 + "/allocations", A::Roles, {kAo, kCm}, false, app::createAllocation},
        {"GET",
         v1 + "/allocations",
         A::Roles,
         {kAo, kCm, kAud, kProv},
         false,
         app::listAllocations},
        {"GET",
         v1 + "/allocations/{number}",
         A::Roles,
         {kAo, kCm, kAud, kProv},
         false,
         app::getAllocation},
        {"POST",
         v1 + "/allocations/{number}/changes",
         A::Roles,
         {kAo, kCm},
         false,
         app::changeAllocation},
        {"POST", v1 + "/allocations/{number}/end", A::Roles, {kAo, kCm}, false, app::endAllocation},
        // iWmo 3.2 messages: providers over mutual TLS (client certificate with their AGB)
        {"POST", v1 + "/messages", A::Roles, {kProv}, false, app::postMessage, true, true},
        {"POST",
         v1 + "/messages/dry-run",
         A::Roles,
         {kProv},
         false,
         app::postMessageDryRun,
         true,
         true,
         true},
        {"GET", v1 + "/outbox", A::Roles, {kProv}, false, app::listOutbox, false, true},
        {"GET", v1 + "/outbox/{id}", A::Roles, {kProv}, false, app::getOutboxMessage, false, true},
        {"POST",
         v1 + "/outbox/{id}/ack",
         A::Roles,
         {kProv},
         false,
         app::acknowledgeOutbox,
         false,
         true},
        // Requests for (changes of) allocations: the work queue, and the standard's deadlines
        {"GET", v1 + "/requests", A::Roles, {kCm, kAo, kAud}, false, app::listRequests},
        {"GET", v1 + "/requests/{id}", A::Roles, {kCm, kAo, kAud}, false, app::getRequest},
        {"POST", v1 + "/requests/{id}/grant", A::Roles, {kCm, kAo}, false, app::grantRequest},
        {"POST", v1 + "/requests/{id}/reject", A::Roles, {kCm, kAo}, false, app::rejectRequest},
        {"POST",
         v1 + "/requests/{id}/investigate",
         A::Roles,
         {kCm, kAo},
         false,
         app::investigateRequest},
        {"GET", v1 + "/deadlines/overdue", A::Roles, {kCm, kAo, kAud}, false, app::listOverdue},
        {"GET", v1 + "/message-log", A::Roles, {kCm, kAo, kAud}, false, app::messageLog},
        // Declarations (claims) and the review queue
        {"POST", v1 + "/declarations", A::Roles, {kProv}, false, app::submitDeclaration},
        {"POST", v1 + "/declarations/dry-run", A::Roles, {kProv}, false, app::dryRunDeclaration},
        // The web application's WMO323 upload (logged-in provider user, no client certificate)
        {"POST",
         v1 + "/declarations/wmo323",
         A::Roles,
         {kProv},
         false,
         app::uploadWmo323,
         true,
         false,
         true},
        {"POST",
         v1 + "/declarations/wmo323/dry-run",
         A::Roles,
         {kProv},
         false,
         app::uploadWmo323DryRun,
         true,
         false,
         true},
        {"POST",
         v1 + "/declarations/csv",
         A::Roles,
         {kProv},
         false,
         app::submitCsvDeclaration,
         true},
        {"GET",
         v1 + "/declarations",
         A::Roles,
         {kProv, kCm, kFin, kAud},
         false,
         app::listDeclarations},
        {"GET",
         v1 + "/declarations/{id}",
         A::Roles,
         {kProv, kCm, kFin, kAud},
         false,
         app::getDeclaration},
        {"GET", v1 + "/reviews", A::Roles, {kCm, kAud}, false, app::listReviews},
        {"GET", v1 + "/reviews/{id}", A::Roles, {kCm, kAud}, false, app::getReview},
        {"POST", v1 + "/reviews/{id}/decision", A::Roles, {kCm}, false, app::decideReview},
        {"POST",
         v1 + "/reviews/answer-overdue",
         A::Roles,
         {kCm, kFin},
         false,
         app::answerOverdueApi},
        // Budgets and monitoring
        {"POST", v1 + "/budgets", A::Roles, {kFin, kAdmin}, false, app::createBudget},
        {"GET", v1 + "/budgets", A::Roles, {kFin, kBh, kCm, kAud}, false, app::listBudgets},
        {"GET", v1 + "/budgets/overview", A::Roles, {kFin, kBh, kAud}, false, app::budgetOverview},
        {"GET",
         v1 + "/budgets/{id}/exhaustion",
         A::Roles,
         {kFin, kBh, kAud},
         false,
         app::budgetExhaustion},
        {"GET",
         v1 + "/providers/{id}/spending-ceiling",
         A::Roles,
         {kFin, kCm, kAud, kProv},
         false,
         app::providerSpendingCeiling},
        {"POST", v1 + "/budget-reallocations", A::Roles, {kBh}, false, app::requestReallocation},
        {"GET",
         v1 + "/budget-reallocations",
         A::Roles,
         {kFin, kBh, kAud},
         false,
         app::listReallocations},
        {"POST",
         v1 + "/budget-reallocations/{id}/decision",
         A::Roles,
         {kFin},
         false,
         app::decideReallocation},
        // Audit trail
        {"GET", v1 + "/audit", A::Roles, {kAud, kAdmin}, false, app::listAudit},
        {"GET", v1 + "/audit/verify", A::Roles, {kAud, kAdmin}, false, app::verifyAuditApi},
    };
}

std::vector<std::string> segments(const std::string& path) {
    std::vector<std::string> out;
    std::stringstream ss(path);
    std::string part;
    while (std::getline(ss, part, '/')) {
        if (!part.empty()) out.push_back(part);
    }
    return out;
}

bool matches(const std::string& pattern, const std::vector<std::string>& path,
             std::map<std::string, std::string>& params) {
    const auto pat = segments(pattern);
    if (pat.size() != path.size()) return false;
    std::map<std::string, std::string> found;
    for (std::size_t i = 0; i < pat.size(); ++i) {
        if (pat[i].size() > 2 && pat[i].front() == '{' && pat[i].back() == '}') {
            found[pat[i].substr(1, pat[i].size() - 2)] = path[i];
        } else if (pat[i] != path[i]) {
            return false;
        }
    }
    params = std::move(found);
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
    for (const auto& r : routes()) {
        std::map<std::string, std::string> p;
        if (!matches(r.pattern, parts, p)) continue;
        path_exists = true;
        if (r.method == method) {
            params = std::move(p);
            return &r;
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
