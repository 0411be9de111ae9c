#pragma once
// The performance indicators of a budget-financed contract year (dagbesteding): each agreement's
// quarterly reports made into the year's value by its kind and aggregation
// (invoicing/domain/indicator_year), for the realisation overview and for the settlement.
// Part of the budget-financing use cases; runs inside their transaction.
#include <map>
#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "invoicing/app/budget_financing.hpp"
#include "invoicing/domain/budget_settlement.hpp"

namespace zc::db {
class Connection;
}

namespace zc::invoicing {

// Quarter 1..4 of `year` as a period [first day, first day of the next quarter).
Period quarterPeriod(int year, int quarter);
// The quarters (1..4) of `year` that overlap the contract term.
std::vector<int> quartersInTerm(int year, const Period& term);

// One agreement's year as the overview shows it: its quarters, the year's value by its
// aggregation and the percentage of the target.
AgreementRealisation agreementYear(const PerformanceAgreementRow& a, int year,
                                   const std::map<int, RealisationRow>& by_quarter,
                                   const std::vector<int>& in_term);

// The year's value of every agreement of the contract into `input.indicators`, with a line per
// agreement saying how it was made. Refuses with REALISATION_INCOMPLETE when a quarter in the
// term is missing, unless allowed.
void addIndicators(db::Connection& db, const FinancedContract& c, int year, bool allow_incomplete,
                   SettlementInput& input, std::vector<std::string>& source_lines);

// A reported value fits its agreement: a percentage is at most 10000 (100.00 %); otherwise
// INVALID_REALISED naming `field`.
void requireValueFits(const PerformanceAgreementRow& a, std::int64_t realised,
                      const std::string& field);

}  // namespace zc::invoicing
