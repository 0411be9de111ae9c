#include "indicator_year.hpp"

#include "amount_text.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/rounding.hpp"

namespace zc::invoicing {
namespace {

std::string quarterText(const IndicatorTerms& t, int q, const std::int64_t* value,
                        const char* missing_text) {
    return "Q" + std::to_string(q) + " " +
           (value ? formatIndicatorValue(t.kind, *value) : std::string(missing_text));
}

IndicatorYear sumOf(const IndicatorTerms& t, int year, const std::vector<int>& in_term,
                    const std::map<int, std::int64_t>& reported) {
    IndicatorYear out;
    out.line = t.name + " " + std::to_string(year) + " by quarter:";
    for (std::size_t i = 0; i < in_term.size(); ++i) {
        const auto it = reported.find(in_term[i]);
        const std::int64_t* value = it == reported.end() ? nullptr : &it->second;
        if (value) {
            out.realised += *value;
        } else {
            out.missing.push_back(in_term[i]);
        }
        out.line += (i ? " + " : " ") + quarterText(t, in_term[i], value, "not reported (0)");
    }
    out.line += " = " + formatIndicatorValue(t.kind, out.realised);
    return out;
}

IndicatorYear meanOf(const IndicatorTerms& t, int year, const std::vector<int>& in_term,
                     const std::map<int, std::int64_t>& reported) {
    IndicatorYear out;
    __int128 total = 0;
    std::int64_t count = 0;
    std::string terms;
    for (std::size_t i = 0; i < in_term.size(); ++i) {
        const auto it = reported.find(in_term[i]);
        const std::int64_t* value = it == reported.end() ? nullptr : &it->second;
        if (value) {
            total += *value;
            ++count;
        } else {
            out.missing.push_back(in_term[i]);
        }
        terms += (i ? " + " : "") + quarterText(t, in_term[i], value, "not reported");
    }
    out.realised = count == 0 ? 0 : divideRoundHalfUp(total, count);
    out.line = t.name + " " + std::to_string(year) + ", mean of the quarters reported: (" + terms +
               ") / " + std::to_string(count) + " = " + formatIndicatorValue(t.kind, out.realised);
    return out;
}

IndicatorYear lastOf(const IndicatorTerms& t, int year, const std::vector<int>& in_term,
                     const std::map<int, std::int64_t>& reported) {
    IndicatorYear out;
    std::string terms;
    std::string chosen = "none reported, 0";
    for (std::size_t i = 0; i < in_term.size(); ++i) {
        const auto it = reported.find(in_term[i]);
        const std::int64_t* value = it == reported.end() ? nullptr : &it->second;
        if (value) {
            out.realised = *value;
            chosen = quarterText(t, in_term[i], value, "");
        } else {
            out.missing.push_back(in_term[i]);
        }
        terms += (i ? ", " : "") + quarterText(t, in_term[i], value, "not reported");
    }
    out.line = t.name + " " + std::to_string(year) + ", the last quarter reported: " + terms +
               " → " + chosen;
    return out;
}

}  // namespace

IndicatorYear aggregateYear(const IndicatorTerms& terms, int year, const std::vector<int>& in_term,
                            const std::map<int, std::int64_t>& reported) {
    switch (terms.aggregation) {
        case YearAggregation::Sum:
            return sumOf(terms, year, in_term, reported);
        case YearAggregation::Mean:
            return meanOf(terms, year, in_term, reported);
        case YearAggregation::Last:
            return lastOf(terms, year, in_term, reported);
    }
    assertionFailed("unknown year aggregation", __FILE__, __LINE__);
}

std::string formatIndicatorValue(IndicatorKind kind, std::int64_t value) {
    switch (kind) {
        case IndicatorKind::Count:
            return formatCount(value);
        case IndicatorKind::Percentage:
            return formatPercentHundredths(value);
        case IndicatorKind::Amount:
            return formatAmount(Money::fromCents(value));
    }
    assertionFailed("unknown indicator kind", __FILE__, __LINE__);
}

}  // namespace zc::invoicing
