#include "settlement_indicators.hpp"

#include <algorithm>

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/rounding.hpp"
#include "invoicing/domain/amount_text.hpp"
#include "invoicing/domain/indicator_year.hpp"

namespace zc::invoicing {
namespace {

std::optional<std::string> percentText(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return std::nullopt;
    return formatPercentHundredths(divideRoundHalfUp(static_cast<__int128>(part) * 10'000, whole));
}

IndicatorTerms termsOf(const PerformanceAgreementRow& a) {
    return {a.indicator, parseIndicatorKind(a.kind), parseYearAggregation(a.aggregation)};
}

[[noreturn]] void incomplete(int year, const std::vector<std::string>& missing) {
    std::string list;
    for (std::size_t i = 0; i < missing.size() && i < 10; ++i) {
        list += (i ? ", " : "") + missing[i];
    }
    throw ValidationError("REALISATION_INCOMPLETE",
                          "The realisation of " + std::to_string(year) + " is incomplete (" + list +
                              "); have it reported, or settle with allow_incomplete: true "
                              "to count what is missing as 0 (a mean or last value uses the "
                              "quarters reported).",
                          "year");
}

}  // namespace

Period quarterPeriod(int year, int quarter) {
    const Date begin{std::chrono::year{year}, std::chrono::month{unsigned(3 * quarter - 2)},
                     std::chrono::day{1}};
    return Period{begin, addMonths(begin, 3)};
}

std::vector<int> quartersInTerm(int year, const Period& term) {
    std::vector<int> out;
    for (int q = 1; q <= 4; ++q) {
        if (quarterPeriod(year, q).overlaps(term)) out.push_back(q);
    }
    return out;
}

AgreementRealisation agreementYear(const PerformanceAgreementRow& a, int year,
                                   const std::map<int, RealisationRow>& by_quarter,
                                   const std::vector<int>& in_term) {
    AgreementRealisation out;
    out.agreement = a;
    std::map<int, std::int64_t> values;
    for (int q = 1; q <= 4; ++q) {
        QuarterRealisation qr;
        qr.quarter = q;
        qr.in_term = std::find(in_term.begin(), in_term.end(), q) != in_term.end();
        const auto it = by_quarter.find(q);
        if (it != by_quarter.end()) {
            qr.report = it->second;
            values[q] = it->second.realised;
            ++out.reported_quarters;
        }
        out.quarters.push_back(std::move(qr));
    }
    const auto y = aggregateYear(termsOf(a), year, in_term, values);
    out.total_realised = y.realised;
    out.calculation = y.line;
    out.percentage_of_target = percentText(out.total_realised, a.target);
    return out;
}

void addIndicators(db::Connection& db, const FinancedContract& c, int year, bool allow_incomplete,
                   SettlementInput& input, std::vector<std::string>& source_lines) {
    const auto in_term = quartersInTerm(year, c.term);
    std::vector<std::string> missing;
    for (const auto& a : performanceAgreements(db, c.id)) {
        std::map<int, std::int64_t> values;
        for (const auto& [quarter, realised] : agreementRealisation(db, c.id, year, a.id)) {
            values[quarter] = realised;
        }
        const auto terms = termsOf(a);
        const auto y = aggregateYear(terms, year, in_term, values);
        for (int q : y.missing) missing.push_back(a.indicator + " Q" + std::to_string(q));
        source_lines.push_back(y.line);
        input.indicators.push_back({a.indicator, a.target, y.realised, terms.kind});
    }
    if (!missing.empty() && !allow_incomplete) incomplete(year, missing);
}

void requireValueFits(const PerformanceAgreementRow& a, std::int64_t realised,
                      const std::string& field) {
    if (parseIndicatorKind(a.kind) == IndicatorKind::Percentage &&
        realised > kMaxPercentageHundredths) {
        throw ValidationError("INVALID_REALISED",
                              "'" + a.indicator +
                                  "' is a percentage, reported in hundredths: at most 10000 "
                                  "(100.00 %).",
                              field);
    }
}

}  // namespace zc::invoicing
