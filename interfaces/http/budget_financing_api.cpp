#include "budget_financing_api.hpp"

#include <algorithm>
#include <set>

#include "contracting/kernel/errors.hpp"
#include "invoicing/app/budget_financing.hpp"
#include "json_input.hpp"
#include "json_output.hpp"

namespace zc::http {
namespace {

constexpr std::size_t kMaxRealisationValues = 100;
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2999;

const std::vector<std::string> kPayableSourceTypes = {"declaration", "review",   "advance",
                                                      "settlement",  "clawback", "remainder"};

Poco::JSON::Object::Ptr payableJson(const invoicing::PayableListRow& r) {
    auto o = newObject();
    o->set("id", r.id);
    o->set("provider_id", r.provider_id);
    o->set("provider_agb", r.provider_agb);
    o->set("provider_name", r.provider_name);
    o->set("source_type", r.source_type);
    o->set("source_id", r.source_id);
    o->set("amount_cents", r.amount_cents);
    o->set("due_date", r.due_date);
    o->set("created_at", isoTimestamp(r.created_at));
    o->set("status", r.status);  // open, in_run, paid
    setOptional(o, "disputed_reason", r.disputed_reason);
    o->set("municipality_code", r.municipality_code);
    return o;
}

Poco::JSON::Object::Ptr quarterJson(const invoicing::QuarterRealisation& q) {
    auto qo = newObject();
    qo->set("quarter", q.quarter);
    qo->set("in_term", q.in_term);
    if (!q.report) {
        qo->set("realised", Poco::Dynamic::Var());
    } else {
        qo->set("realised", q.report->realised);
        qo->set("reported_by", q.report->reported_by);
        qo->set("reported_at", isoTimestamp(q.report->reported_at));
    }
    return qo;
}

Poco::JSON::Object::Ptr agreementJson(const invoicing::AgreementRealisation& a) {
    auto o = newObject();
    o->set("agreement_id", a.agreement.id);
    o->set("indicator", a.agreement.indicator);
    o->set("unit", a.agreement.unit);
    o->set("kind", a.agreement.kind);
    o->set("aggregation", a.agreement.aggregation);
    o->set("target", a.agreement.target);
    auto quarters = newArray();
    for (const auto& q : a.quarters) quarters->add(quarterJson(q));
    o->set("quarters", quarters);
    o->set("reported_quarters", a.reported_quarters);
    o->set("total_realised", a.total_realised);
    o->set("calculation", a.calculation);
    o->set("difference_to_target", a.total_realised - a.agreement.target);
    if (a.percentage_of_target) {
        o->set("percentage_of_target", *a.percentage_of_target);
    } else {
        o->set("percentage_of_target", Poco::Dynamic::Var());
    }
    return o;
}

Poco::JSON::Object::Ptr realisationsJson(const invoicing::ContractRealisations& r) {
    auto out = newObject();
    out->set("contract_id", r.contract_id);
    auto years = newArray();
    for (const auto& y : r.years) {
        auto yo = newObject();
        yo->set("year", y.year);
        yo->set("settled", y.settled);
        auto agreements = newArray();
        for (const auto& a : y.agreements) agreements->add(agreementJson(a));
        yo->set("agreements", agreements);
        years->add(yo);
    }
    out->set("years", years);
    return out;
}

Poco::JSON::Object::Ptr settlementJson(const invoicing::SettlementResult& s) {
    auto o = newObject();
    o->set("id", s.row.id);
    o->set("contract_id", s.row.contract_id);
    o->set("year", std::int64_t{s.row.year});
    o->set("rule", s.row.rule);
    o->set("budget_cents", s.row.budget_cents);
    o->set("due_cents", s.row.due_cents);
    o->set("advances_paid_cents", s.row.advances_paid_cents);
    o->set("difference_cents", s.row.difference_cents);
    o->set("direction", s.direction);
    auto lines = newArray();
    for (const auto& l : s.calculation) lines->add(l);
    o->set("calculation", lines);
    o->set("created_by", s.row.created_by);
    o->set("created_at", isoTimestamp(s.row.created_at));
    if (s.payable) {
        o->set("payable", payableJson(*s.payable));
    } else {
        o->set("payable", Poco::Dynamic::Var());
    }
    return o;
}

int checkedYear(Poco::JSON::Object::Ptr body) {
    const auto year = requiredInt(body, "year");
    if (year < kMinYear || year > kMaxYear) {
        throw ValidationError("INVALID_FIELD", "The field 'year' must be a year 1900..2999.",
                              "year");
    }
    return static_cast<int>(year);
}

// The report's values: at least one, each agreement once, each realised value >= 0.
std::vector<invoicing::RealisedValue> realisedValues(const ApiRequest& req) {
    std::vector<invoicing::RealisedValue> values;
    auto array = requiredArray(req.body, "values", kMaxRealisationValues);
    if (array->size() == 0) {
        throw ValidationError("MISSING_FIELD", "Report at least one performance agreement.",
                              "values");
    }
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto v = objectAt(array, i, "values");
        const std::string field = "values[" + std::to_string(i) + "]";
        const auto agreement = requiredInt(v, "agreement_id");
        const auto realised = requiredInt(v, "realised");
        if (realised < 0) {
            throw ValidationError("INVALID_REALISED",
                                  "A realised value is a whole number of zero or more.",
                                  field + ".realised");
        }
        if (!seen.insert(agreement).second) {
            throw ValidationError("DUPLICATE_AGREEMENT",
                                  "Each performance agreement appears once in a report.",
                                  field + ".agreement_id");
        }
        values.push_back({agreement, realised});
    }
    return values;
}

}  // namespace

ApiResponse postDueAdvancesApi(RequestContext& ctx, const ApiRequest& req) {
    const Date date = optionalDate(req.body, "date").value_or(ctx.today());
    const auto r = invoicing::postDueAdvances(ctx, date);
    auto out = newObject();
    out->set("date", formatDate(r.date));
    out->set("created", r.created);
    out->set("total_cents", r.total_cents);
    return {200, out};
}

ApiResponse listPayables(RequestContext& ctx, const ApiRequest& req) {
    std::int64_t provider = 0;
    if (const auto text = req.queryValue("provider_id"); !text.empty()) {
        const auto n = text.find_first_not_of("0123456789");
        if (n != std::string::npos || text.size() > 18) {
            throw ValidationError("INVALID_QUERY", "Query parameter 'provider_id' must be an id.",
                                  "provider_id");
        }
        provider = std::stoll(text);
    }
    const std::string type = req.queryValue("source_type");
    if (!type.empty() && std::find(kPayableSourceTypes.begin(), kPayableSourceTypes.end(), type) ==
                             kPayableSourceTypes.end()) {
        throw ValidationError("INVALID_QUERY",
                              "Query parameter 'source_type' must be declaration, review, "
                              "advance, settlement, clawback or remainder.",
                              "source_type");
    }
    const auto page = pageFrom(req.query);
    const auto list = invoicing::listPayables(ctx, provider, type, page.limit, page.offset);
    auto out = newArray();
    for (const auto& r : list.items) out->add(payableJson(r));
    return pagedAnswer(out, list.total);
}

ApiResponse reportRealisation(RequestContext& ctx, const ApiRequest& req) {
    invoicing::RealisationReport r;
    r.contract_id = req.pathId("id");
    r.year = checkedYear(req.body);
    r.quarter = requiredInt(req.body, "quarter");
    if (r.quarter < 1 || r.quarter > 4) {
        throw ValidationError("INVALID_FIELD", "The field 'quarter' must be 1, 2, 3 or 4.",
                              "quarter");
    }
    r.values = realisedValues(req);
    return {201, realisationsJson(invoicing::reportRealisation(ctx, r))};
}

ApiResponse listRealisations(RequestContext& ctx, const ApiRequest& req) {
    return {200, realisationsJson(
                     invoicing::listRealisations(ctx, req.pathId("id"), req.queryValue("year")))};
}

ApiResponse settleContractYear(RequestContext& ctx, const ApiRequest& req) {
    invoicing::SettlementRequest r;
    r.contract_id = req.pathId("id");
    r.year = checkedYear(req.body);
    r.allow_incomplete = optionalBool(req.body, "allow_incomplete", false);
    return {201, settlementJson(invoicing::settleContractYear(ctx, r))};
}

ApiResponse listSettlements(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    const auto list = invoicing::listSettlements(ctx, req.pathId("id"), page.limit, page.offset);
    auto out = newArray();
    for (const auto& s : list.items) out->add(settlementJson(s));
    return pagedAnswer(out, list.total);
}

}  // namespace zc::http
