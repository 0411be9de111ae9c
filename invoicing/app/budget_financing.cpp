// Budget financing (dagbesteding): advances as payables and quarterly realisation reports.
#include "budget_financing.hpp"

#include <algorithm>
#include <map>

#include "contracting/kernel/advance_schedule.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/rounding.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "invoicing/domain/amount_text.hpp"
#include "invoicing/domain/payable.hpp"
#include "invoicing/store/ledger_store.hpp"

namespace zc::invoicing {
namespace {

Period quarterPeriod(int year, int quarter) {
    const Date begin{std::chrono::year{year}, std::chrono::month{unsigned(3 * quarter - 2)},
                     std::chrono::day{1}};
    return Period{begin, addMonths(begin, 3)};
}

// The quarters of `year` that overlap the contract term.
std::vector<int> quartersInTerm(int year, const Period& term) {
    std::vector<int> out;
    for (int q = 1; q <= 4; ++q) {
        if (quarterPeriod(year, q).overlaps(term)) out.push_back(q);
    }
    return out;
}

std::optional<std::string> percentText(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return std::nullopt;
    return formatPercentHundredths(divideRoundHalfUp(static_cast<__int128>(part) * 10'000, whole));
}

// Posts the contract's due advances not posted yet; adds them to `result`.
void postContractAdvances(app::RequestContext& ctx, std::int64_t contract_id, std::int64_t lead,
                          Date date, AdvancePostingResult& result) {
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
        const auto id = createPayable(ctx, lead, "advance", it->second, due.amount, due.due,
                                      postAdvance(lead, contract_id, due.amount,
                                                  "advance:" + std::to_string(it->second), date));
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

AgreementRealisation agreementYear(const PerformanceAgreementRow& a,
                                   const std::map<int, RealisationRow>& by_quarter,
                                   const std::vector<int>& in_term) {
    AgreementRealisation out;
    out.agreement = a;
    for (int q = 1; q <= 4; ++q) {
        QuarterRealisation qr;
        qr.quarter = q;
        qr.in_term = std::find(in_term.begin(), in_term.end(), q) != in_term.end();
        const auto it = by_quarter.find(q);
        if (it != by_quarter.end()) {
            qr.report = it->second;
            out.total_realised += it->second.realised;
            ++out.reported_quarters;
        }
        out.quarters.push_back(std::move(qr));
    }
    out.percentage_of_target = percentText(out.total_realised, a.target);
    return out;
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
        y.agreements.push_back(agreementYear(a, reports[a.id], in_term));
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

// Every value names one of the contract's agreements, not reported for the quarter yet.
void requireUnreportedAgreements(db::Connection& db, const FinancedContract& c,
                                 const RealisationReport& r) {
    for (std::size_t i = 0; i < r.values.size(); ++i) {
        const std::string field = "values[" + std::to_string(i) + "].agreement_id";
        const auto agreement = r.values[i].agreement_id;
        if (!agreementOfContract(db, agreement, c.id)) {
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
    }
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
    for (const auto& [contract_id, lead] : lockActiveFinancedContracts(ctx.db)) {
        postContractAdvances(ctx, contract_id, lead, date, result);
    }
    tx.commit();
    return result;
}

std::vector<PayableListRow> listPayables(app::RequestContext& ctx, std::int64_t provider,
                                         const std::string& type, std::int64_t limit,
                                         std::int64_t offset) {
    const std::int64_t own = ctx.actor.role == app::Role::Provider ? ctx.actor.provider_id : 0;
    return invoicing::listPayables(ctx.db, provider, own, type, limit, offset);
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

}  // namespace zc::invoicing
