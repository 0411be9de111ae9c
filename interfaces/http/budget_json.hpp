#pragma once
// A budget and its exhaustion figures (budgetuitputting) as the budget answers show them. The
// figures, with their twelve months, are written straight into the answer's text
// (JsonObjectWriter): an overview of 100 budgets as Poco objects cost its server more than its
// queries (issue 17).
#include <Poco/JSON/Object.h>

#include <string>

#include "invoicing/app/budgets.hpp"

namespace zc::http {

Poco::JSON::Object::Ptr budgetJson(const invoicing::BudgetRow& b);

// The figures' members and `budget`; with `report_date` and `threshold` (the exhaustion report of
// one budget) those two members as well ("report_date", "signal_threshold_percent").
struct FiguresJson {
    const invoicing::BudgetRow& budget;
    const invoicing::BudgetFigures& figures;
    const std::string* report_date = nullptr;
    const std::string* threshold = nullptr;
};
void appendBudgetFiguresJson(const FiguresJson& f, std::string& out);

}  // namespace zc::http
