// Budget financing (dagbesteding): advances as payables, quarterly realisation reports and the
// year-end settlement (vaststelling).
#include "budget_financing.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "contracting/kernel/advance_schedule.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/rounding.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "invoicing/app/settlement_indicators.hpp"
#include "invoicing/domain/amount_text.hpp"
#include "invoicing/domain/budget_settlement.hpp"
#include "invoicing/domain/payable.hpp"
#include "invoicing/store/ledger_store.hpp"

namespace zc::invoicing {
namespace {

// Posts the contract's due advances not posted yet; adds them to `result`.
void postContractAdvances(app::RequestContext& ctx, const ActiveFinancedContract& contract,
                          Date date, AdvancePostingResult& result) {
    const std::int64_t contract_id = contract.id;
    const std::int64_t lead = contract.lead_provider_id;
    std::vector<Advance> advances;
    std::map<std::string, std::int64_t> advance_ids;  // "advance:C:YYYY-MM" -> advances.id
    for (const auto& a : unsettledAdvancesDue(ctx.db, contract_id, date)) {
        advances.push_back({a.year, a.month, parseDate(a.due_date), a.amount});
        advance_ids["advance:" + std::to_string(contract_id) + ":" + a.due_date.substr(0, 7)] =
            a.id;
    }
    if (advances.empty()) return;
    const auto posted = postedAdvanceIds(ctx.db, contract_id);
    for (const auto& due : advancesDue(advances, date, lead, std::to_string(contract_id))) {
        const auto it = advance_ids.find(due.source);
        ZC_ASSERT(it != advance_ids.end() && "every due advance comes from a row");
        if (posted.count(it->second)) continue;
        auto journal = postAdvance(lead, contract_id, due.amount,
                                   "advance:" + std::to_string(it->second), date);
        journal.municipality = contract.municipality_code;
        const auto id = createPayable(ctx, contract.municipality_code, lead, "advance", it->second,
                                      due.amount, due.due, journal);
        const auto after = security::AuditRecord()
                               .set("source_type", "advance")
                               .set("source_id", it->second)
                               .set("contract_id", contract_id)
                               .set("provider_id", lead)
                               .set("amount_cents", due.amount.cents())
                               .set("due_date", formatDate(due.due))
                               .json();
        security::appendAudit(
            ctx, {"payable.create", "payable", std::to_string(id), "ok", std::nullopt, after});
        ++result.created;
        result.total_cents += due.amount.cents();
    }
}

YearRealisation realisationYear(db::Connection& db, const FinancedContract& c, int year) {
    YearRealisation y;
    y.year = year;
    y.settled = yearSettled(db, c.id, year, false);
    const auto in_term = quartersInTerm(year, c.term);
    std::map<std::int64_t, std::map<int, RealisationRow>> reports;
    for (auto& r : realisationReports(db, c.id, year)) {
        reports[r.agreement_id].emplace(r.quarter, r);
    }
    for (const auto& a : performanceAgreements(db, c.id)) {
        y.agreements.push_back(agreementYear(a, year, reports[a.id], in_term));
    }
    return y;
}

ContractRealisations realisationsOf(db::Connection& db, const FinancedContract& c,
                                    std::optional<int> only_year) {
    ContractRealisations out;
    out.contract_id = c.id;
    for (const int year : contractBudgetYears(db, c.id)) {
        if (only_year && *only_year != year) continue;
        out.years.push_back(realisationYear(db, c, year));
    }
    return out;
}

[[noreturn]] void settledAlready(std::int64_t contract_id, int year) {
    throw ValidationError("SETTLED_ALREADY",
                          "Contract " + std::to_string(contract_id) + " has been settled for " +
                              std::to_string(year) + " already.",
                          "year");
}

// A quarter is reported once it has ended, inside the term, before the year is settled.
void requireReportableQuarter(app::RequestContext& ctx, const FinancedContract& c, int year,
                              std::int64_t quarter) {
    const Period q = quarterPeriod(year, static_cast<int>(quarter));
    if (!q.overlaps(c.term)) {
        throw ValidationError("QUARTER_OUTSIDE_TERM",
                              "Quarter " + std::to_string(quarter) + " of " + std::to_string(year) +
                                  " lies outside the contract term.",
                              "quarter");
    }
    if (ctx.today() < *q.end) {
        throw ValidationError(
            "QUARTER_NOT_ENDED",
            "A quarter is reported once it has ended (on or after " + formatDate(*q.end) + ").",
            "quarter");
    }
    if (yearSettled(ctx.db, c.id, year, false)) settledAlready(c.id, year);
}

// Every value names one of the contract's agreements, not reported for the quarter yet, and
// fits the agreement's kind.
void requireUnreportedAgreements(db::Connection& db, const FinancedContract& c,
                                 const RealisationReport& r) {
    const auto agreements = performanceAgreements(db, c.id);
    for (std::size_t i = 0; i < r.values.size(); ++i) {
        const std::string field = "values[" + std::to_string(i) + "].agreement_id";
        const auto agreement = r.values[i].agreement_id;
        const auto it = std::find_if(agreements.begin(), agreements.end(),
                                     [&](const auto& a) { return a.id == agreement; });
        if (it == agreements.end()) {
            throw ValidationError("UNKNOWN_AGREEMENT",
                                  "Performance agreement " + std::to_string(agreement) +
                                      " is not one of this contract's.",
                                  field);
        }
        if (realisationReported(db, c.id, r.year, r.quarter, agreement)) {
            throw ValidationError("REPORTED_ALREADY",
                                  "Quarter " + std::to_string(r.quarter) + " of " +
                                      std::to_string(r.year) +
                                      " has been reported for this agreement already.",
                                  field);
        }
        requireValueFits(*it, r.values[i].realised, "values[" + std::to_string(i) + "].realised");
    }
}

Date firstOfYear(int year) {
    return Date{std::chrono::year{year}, std::chrono::January, std::chrono::day{1}};
}

// NO_BUDGET, YEAR_NOT_ENDED, SETTLED_ALREADY, in that order; returns the year's budget.
Money requireSettleableYear(app::RequestContext& ctx, const FinancedContract& c, int year) {
    const auto budget = contractBudgetCents(ctx.db, c.id, year);
    if (!budget) {
        throw ValidationError(
            "NO_BUDGET",
            "Contract " + std::to_string(c.id) + " has no budget for " + std::to_string(year) + ".",
            "year");
    }
    const Date year_end = std::min(firstOfYear(year + 1), *c.term.end);
    if (ctx.today() < year_end) {
        throw ValidationError(
            "YEAR_NOT_ENDED",
            "The year can be settled once it has ended (on or after " + formatDate(year_end) + ").",
            "year");
    }
    if (yearSettled(ctx.db, c.id, year, true)) settledAlready(c.id, year);
    return Money::fromCents(*budget);
}

// The settlement's journal: the earned amount becomes cost on the contract's budget, the
// advances are cleared and the difference lands on the provider's payable account (negative:
// a claw-back, owed by the provider).
JournalEntry settlementJournal(app::RequestContext& ctx, const FinancedContract& c, int year,
                               std::int64_t settlement_id, Money due, Money advances_paid) {
    JournalEntry e;
    e.kind = due >= advances_paid ? EventKind::Settlement : EventKind::ClawBack;
    e.source = "settlement:" + std::to_string(settlement_id);
    e.date = ctx.today();
    e.municipality = c.municipality_code;
    const auto category = firstProductCategory(ctx.db, c.id);
    const auto budget =
        budgetFor(ctx, c.municipality_code, category.value_or("07"), "budget", year);
    if (due != Money()) e.lines.push_back({AccountKey::budgetExpense(budget), due});
    if (advances_paid != Money()) {
        e.lines.push_back({AccountKey::advances(c.id), -advances_paid});
    }
    if (due != advances_paid) {
        e.lines.push_back({AccountKey::providerPayable(c.lead_provider_id), advances_paid - due});
    }
    return e;
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream ss(text);
    std::string line;
    while (std::getline(ss, line)) out.push_back(line);
    return out;
}

SettlementResult settlementOf(db::Connection& db, SettlementRow row) {
    SettlementResult s;
    const auto diff = row.difference_cents;
    s.direction =
        diff > 0 ? "payable_to_provider" : (diff < 0 ? "receivable_from_provider" : "settled");
    s.calculation = splitLines(row.calculation);
    s.payable = settlementPayable(db, row.id);
    s.row = std::move(row);
    return s;
}

// The settlement row of `input` and its calculation: the domain's lines with, after
// "Settlement YYYY, rule: …" and "Budget YYYY: …", the sources of the figures.
SettlementRow settlementRow(app::RequestContext& ctx, const FinancedContract& c,
                            const SettlementInput& input, const Settlement& s,
                            const std::vector<std::string>& source_lines) {
    std::vector<std::string> lines = s.lines;
    lines.insert(lines.begin() + std::min<std::ptrdiff_t>(2, std::ssize(lines)),
                 source_lines.begin(), source_lines.end());
    std::string calculation;
    for (const auto& l : lines) calculation += l + "\n";
    return {0,
            c.id,
            input.year,
            c.rule,
            input.budget.cents(),
            s.due.cents(),
            input.advances_paid.cents(),
            s.difference.cents(),
            calculation,
            ctx.actor.name,
            app::timestamp(ctx.clock)};
}

// Posts the journal, and for a difference the payable with its audit row.
void bookSettlement(app::RequestContext& ctx, const FinancedContract& c, int year,
                    std::int64_t settlement_id, const Settlement& s, Money advances_paid) {
    const auto journal = settlementJournal(ctx, c, year, settlement_id, s.due, advances_paid);
    if (s.difference == Money() && !journal.lines.empty()) postJournal(ctx, journal);
    if (s.difference == Money()) return;
    const std::string type = s.difference > Money() ? "settlement" : "clawback";
    const Date due = dueDate(ctx.today(), ctx.config.payment_term_days);
    const auto payable_id = createPayable(ctx, c.municipality_code, c.lead_provider_id, type,
                                          settlement_id, s.difference, due, journal);
    const auto after = security::AuditRecord()
                           .set("source_type", type)
                           .set("source_id", settlement_id)
                           .set("provider_id", c.lead_provider_id)
                           .set("amount_cents", s.difference.cents())
                           .set("due_date", formatDate(due))
                           .json();
    security::appendAudit(
        ctx, {"payable.create", "payable", std::to_string(payable_id), "ok", std::nullopt, after});
}

security::AuditRecord payableRecord(const PayableListRow& p) {
    return security::AuditRecord()
        .set("id", p.id)
        .set("municipality_code", p.municipality_code)
        .set("provider_id", p.provider_id)
        .set("provider_agb", p.provider_agb)
        .set("provider_name", p.provider_name)
        .set("source_type", p.source_type)
        .set("source_id", p.source_id)
        .set("amount_cents", p.amount_cents)
        .set("due_date", p.due_date)
        .set("created_at", app::isoTimestamp(p.created_at))
        .set("status", p.status)
        .set("disputed_reason", p.disputed_reason);
}

// The settlement as the API answers it, for the audit row.
security::AuditRecord settlementRecord(const SettlementResult& s) {
    auto a = security::AuditRecord()
                 .set("id", s.row.id)
                 .set("contract_id", s.row.contract_id)
                 .set("year", s.row.year)
                 .set("rule", s.row.rule)
                 .set("budget_cents", s.row.budget_cents)
                 .set("due_cents", s.row.due_cents)
                 .set("advances_paid_cents", s.row.advances_paid_cents)
                 .set("difference_cents", s.row.difference_cents)
                 .set("direction", s.direction)
                 .set("calculation", s.calculation)
                 .set("created_by", s.row.created_by)
                 .set("created_at", app::isoTimestamp(s.row.created_at));
    if (s.payable) {
        a.set("payable", payableRecord(*s.payable));
    } else {
        a.set("payable", std::optional<std::string>());
    }
    return a;
}

}  // namespace

AdvancePostingResult postDueAdvances(app::RequestContext& ctx, Date date) {
    if (date > ctx.today()) {
        throw ValidationError("INVALID_DATE",
                              "Advances become payable on their schedule: the date must not lie "
                              "after today (" +
                                  formatDate(ctx.today()) + ").",
                              "date");
    }
    AdvancePostingResult result;
    result.date = date;
    db::Transaction tx(ctx.db);
    // Locking the contracts serialises concurrent runs: the second sees the first's payables.
    for (const auto& contract : lockActiveFinancedContracts(ctx.db)) {
        postContractAdvances(ctx, contract, date, result);
    }
    tx.commit();
    return result;
}

app::ListPage<PayableListRow> listPayables(app::RequestContext& ctx, std::int64_t provider,
                                           const std::string& type, std::int64_t limit,
                                           std::int64_t offset) {
    const std::int64_t own = ctx.actor.role == app::Role::Provider ? ctx.actor.provider_id : 0;
    // A staff user sees the payables of the municipalities they work for.
    return invoicing::listPayables(ctx.db, provider, own, type, limit, offset,
                                   app::ownMunicipalities(ctx.actor));
}

FinancedContract visibleFinancedContract(app::RequestContext& ctx, std::int64_t id, bool lock) {
    const auto c = findFinancedContract(ctx.db, id, lock);
    bool visible = c && c->kind == "budget";
    if (visible && ctx.actor.role == app::Role::Provider) {
        visible = isCoalitionMember(ctx.db, id, ctx.actor.provider_id);
    }
    if (!visible) {
        throw ValidationError("NOT_FOUND",
                              "Budget-financed contract " + std::to_string(id) + " does not exist.",
                              "id");
    }
    return *c;
}

ContractRealisations reportRealisation(app::RequestContext& ctx, const RealisationReport& r) {
    db::Transaction tx(ctx.db);
    const auto c = visibleFinancedContract(ctx, r.contract_id, true);
    requireReportableQuarter(ctx, c, r.year, r.quarter);
    requireUnreportedAgreements(ctx.db, c, r);
    std::vector<security::AuditRecord> after;
    for (const auto& v : r.values) {
        insertRealisation(ctx.db, c.id, r.year, r.quarter, v.agreement_id, v.realised,
                          ctx.actor.name, app::timestamp(ctx.clock));
        after.push_back(security::AuditRecord()
                            .set("agreement_id", v.agreement_id)
                            .set("realised", v.realised));
    }
    security::appendAudit(
        ctx, {"realisation.report", "contract", std::to_string(c.id), "ok", std::nullopt,
              security::AuditRecord()
                  .set("year", r.year)
                  .set("quarter", r.quarter)
                  .set("values", std::move(after))
                  .json()});
    auto out = realisationsOf(ctx.db, c, r.year);
    tx.commit();
    return out;
}

ContractRealisations listRealisations(app::RequestContext& ctx, std::int64_t contract_id,
                                      const std::string& year_text) {
    const auto c = visibleFinancedContract(ctx, contract_id, false);
    std::optional<int> year;
    if (!year_text.empty()) {
        if (year_text.size() != 4 ||
            year_text.find_first_not_of("0123456789") != std::string::npos) {
            throw ValidationError("INVALID_QUERY", "Query parameter 'year' must be a year.",
                                  "year");
        }
        year = std::stoi(year_text);
    }
    return realisationsOf(ctx.db, c, year);
}

SettlementResult settleContractYear(app::RequestContext& ctx, const SettlementRequest& r) {
    db::Transaction tx(ctx.db);
    const auto c = visibleFinancedContract(ctx, r.contract_id, true);
    SettlementInput input;
    input.year = r.year;
    input.budget = requireSettleableYear(ctx, c, r.year);
    input.rule = parseSettlementRule(c.rule);
    std::vector<std::string> source_lines;
    addIndicators(ctx.db, c, r.year, r.allow_incomplete, input, source_lines);
    const auto paid = advancesPaid(ctx.db, c.id, r.year);
    input.advances_paid = paid.total;
    source_lines.push_back("Advances paid: the " + std::to_string(paid.count) + " advance(s) of " +
                           std::to_string(r.year) + " that became payables, together " +
                           formatAmount(paid.total));

    const auto s = settleBudget(input);
    const auto settlement_id =
        insertSettlement(ctx.db, settlementRow(ctx, c, input, s, source_lines));
    bookSettlement(ctx, c, r.year, settlement_id, s, input.advances_paid);
    auto out = settlementOf(ctx.db, *findSettlement(ctx.db, settlement_id));
    security::appendAudit(ctx, {"settlement.create", "settlement", std::to_string(settlement_id),
                                "ok", std::nullopt, settlementRecord(out).json()});
    tx.commit();
    return out;
}

app::ListPage<SettlementResult> listSettlements(app::RequestContext& ctx, std::int64_t contract_id,
                                                std::int64_t limit, std::int64_t offset) {
    db::Transaction tx(ctx.db);  // the page, its total and each payable as one read
    const auto c = visibleFinancedContract(ctx, contract_id, false);
    auto rows = contractSettlements(ctx.db, c.id, limit, offset);
    app::ListPage<SettlementResult> out;
    out.total = rows.total;
    for (auto& row : rows.items) out.items.push_back(settlementOf(ctx.db, std::move(row)));
    tx.commit();
    return out;
}

}  // namespace zc::invoicing
