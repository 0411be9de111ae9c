// The national data set's payables, their ledger journals and the payment runs that paid them
// (bench/national_claims.cpp hands over each month's payables).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bench/national_tables.hpp"
#include "bench/national_tsv.hpp"

namespace zc::bench {

// A payable as the claim use cases create it: a declaration's (its accepted total) or an
// accepted review's (the line's amount), with the cost per product category for the journal.
struct PayableDraft {
    std::int64_t id = 0;   // assigned by Payments::add
    int municipality = 0;  // index
    int provider = 0;      // index
    std::string source_type;
    std::int64_t source_id = 0;
    std::int64_t amount = 0;
    std::string due;         // YYYY-MM-DD
    std::string created_at;  // timestamp
    std::string created_by;
    std::string reference;  // declaration number, for the remittance
    int cost_year = 2026;
    std::vector<std::pair<std::string, std::int64_t>> by_category;
};

class Payments {
  public:
    Payments(const Layout& l, const BudgetIds& budgets, const std::string& dir);
    void add(PayableDraft p);
    // Writes the month's payables; paid: in one approved run per municipality, booked by the
    // bank, executed on `execution_date`.
    void closeMonth(bool paid, const std::string& execution_date);
    std::string loadStatements();

    std::int64_t payables() const { return payable_.rows(); }
    std::int64_t paid = 0, runs = 0, instructions = 0, journals = 0;

  private:
    void journal(const std::string& kind, const std::string& source, const std::string& date,
                 const std::string& created_at, const std::string& by, int municipality,
                 const std::vector<std::pair<std::string, std::int64_t>>& lines);
    void run(int municipality, std::vector<std::size_t>& items, const std::string& execution);
    std::int64_t instruction(std::int64_t run, int municipality, int provider,
                             const std::vector<std::size_t>& items, const std::string& execution);

    const Layout& l_;
    const BudgetIds& budgets_;
    std::vector<PayableDraft> month_;
    std::vector<std::int64_t> instruction_of_;  // per payable of the month (0: none)
    std::int64_t next_payable_ = 0;
    Tsv payable_, journal_, journal_line_, run_, run_account_, instruction_, item_;
};

}  // namespace zc::bench
