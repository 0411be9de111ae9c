#include "bench/national_payments.hpp"

#include <algorithm>
#include <map>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/money.hpp"
#include "invoicing/domain/ledger.hpp"

namespace zc::bench {
namespace {

std::string at(const std::string& date, const char* time) { return date + " " + time; }

std::string debtorIban(int municipality) { return dutchIban("BNGH", 285000000 + municipality); }

}  // namespace

Payments::Payments(const Layout& l, const BudgetIds& budgets, const std::string& dir)
    : l_(l),
      budgets_(budgets),
      payable_(dir, "payables",
               "id, municipality_code, provider_id, source_type, source_id, amount_cents,"
               " due_date, created_at, status, instruction_id, paid_at"),
      journal_(dir, "ledger_journals",
               "id, municipality_code, kind, source, entry_date, created_at, created_by"),
      journal_line_(dir, "ledger_lines", "journal_id, account, amount_cents"),
      run_(dir, "payment_runs",
           "id, municipality_code, due_until, execution_date, status, prepared_by, prepared_at,"
           " approved_by, approved_at, message_id, control_sum_cents, transactions"),
      run_account_(dir, "payment_run_accounts", "run_id, municipality_code, debtor_account_id"),
      instruction_(dir, "payment_instructions",
                   "id, run_id, provider_id, end_to_end_id, amount_cents, creditor_name,"
                   " creditor_iban, debtor_iban, remittance, execution_date, status, booked_at,"
                   " municipality_code, debtor_account_id"),
      item_(dir, "payment_run_items", "run_id, payable_id, instruction_id, amount_cents, outcome") {
}

void Payments::add(PayableDraft p) {
    p.id = ++next_payable_;
    month_.push_back(std::move(p));
}

void Payments::journal(const std::string& kind, const std::string& source, const std::string& date,
                       const std::string& created_at, const std::string& by, int municipality,
                       const std::vector<std::pair<std::string, std::int64_t>>& lines) {
    const auto id = ++journals;
    journal_ << id << l_.municipalities[static_cast<std::size_t>(municipality)].code << kind
             << source << date << created_at << by;
    journal_.end();
    for (const auto& [account, cents] : lines) {
        journal_line_ << id << account << cents;
        journal_line_.end();
    }
}

std::int64_t Payments::instruction(std::int64_t run, int municipality, int provider,
                                   const std::vector<std::size_t>& items,
                                   const std::string& execution) {
    const auto& p = l_.providers[static_cast<std::size_t>(provider)];
    const auto& m = l_.municipalities[static_cast<std::size_t>(municipality)];
    const auto id = ++instructions;
    std::int64_t amount = 0;
    for (auto i : items) amount += month_[i].amount;
    std::string remittance = "Decl " + month_[items.front()].reference;
    if (items.size() > 1) remittance += " +" + std::to_string(items.size() - 1) + " more";
    const std::string booked = formatDate(addDays(parseDate(execution), 1));
    instruction_ << id << run << p.id << "ZC-" + std::to_string(run) + "-" + std::to_string(p.id)
                 << amount << "Zorgaanbieder " + p.agb << dutchIban("RABO", 300000000 + p.id)
                 << debtorIban(municipality) << remittance << execution << "booked"
                 << at(booked, "10:00:00.000000") << m.code << municipality + 1;
    instruction_.end();
    const auto sent = invoicing::postPaymentSent(
        p.id, Iban::parse(debtorIban(municipality)), Money::fromCents(amount),
        "instruction:" + std::to_string(id), parseDate(execution));
    std::vector<std::pair<std::string, std::int64_t>> lines;
    for (const auto& jl : sent.lines) lines.emplace_back(jl.account.format(), jl.amount.cents());
    journal(invoicing::eventKindName(sent.kind), sent.source, execution,
            at(execution, "07:00:00.000000"), "bench.finance2", municipality, lines);
    for (auto i : items) instruction_of_[i] = id;
    return amount;
}

void Payments::run(int municipality, std::vector<std::size_t>& items,
                   const std::string& execution) {
    const auto id = ++runs;
    std::sort(items.begin(), items.end(),
              [&](auto a, auto b) { return month_[a].provider < month_[b].provider; });
    std::int64_t total = 0, transfers = 0;
    for (std::size_t from = 0; from < items.size();) {
        std::size_t to = from;
        while (to < items.size() && month_[items[to]].provider == month_[items[from]].provider)
            ++to;
        const std::vector<std::size_t> of(items.begin() + static_cast<std::ptrdiff_t>(from),
                                          items.begin() + static_cast<std::ptrdiff_t>(to));
        total += instruction(id, municipality, month_[items[from]].provider, of, execution);
        ++transfers;
        from = to;
    }
    const auto prepared = formatDate(addDays(parseDate(execution), -3));
    const auto& m = l_.municipalities[static_cast<std::size_t>(municipality)];
    run_ << id << m.code << formatDate(addDays(parseDate(execution), 7)) << execution << "approved"
         << "bench.finance" << at(prepared, "09:00:00.000000") << "bench.finance2"
         << at(prepared, "11:00:00.000000") << "ZC-RUN-" + std::to_string(id) << total << transfers;
    run_.end();
    run_account_ << id << m.code << municipality + 1;
    run_account_.end();
    for (auto i : items) {
        item_ << id << month_[i].id << instruction_of_[i] << month_[i].amount << "paid";
        item_.end();
    }
}

void Payments::closeMonth(bool paid, const std::string& execution_date) {
    instruction_of_.assign(month_.size(), 0);
    std::map<int, std::vector<std::size_t>> by_municipality;
    for (std::size_t i = 0; i < month_.size(); ++i) {
        by_municipality[month_[i].municipality].push_back(i);
    }
    if (paid) {
        for (auto& [municipality, items] : by_municipality)
            run(municipality, items, execution_date);
    }
    const std::string booked = formatDate(addDays(parseDate(execution_date), 1));
    for (std::size_t i = 0; i < month_.size(); ++i) {
        const auto& p = month_[i];
        const auto& m = l_.municipalities[static_cast<std::size_t>(p.municipality)];
        payable_ << p.id << m.code << l_.providers[static_cast<std::size_t>(p.provider)].id
                 << p.source_type << p.source_id << p.amount << p.due << p.created_at;
        if (paid) {
            payable_ << "paid" << instruction_of_[i] << at(booked, "10:00:00.000000");
            ++this->paid;
        } else {
            payable_ << "open";
            payable_.null().null();
        }
        payable_.end();
        std::vector<std::pair<std::string, std::int64_t>> lines;
        for (const auto& [category, cents] : p.by_category) {
            if (cents == 0) continue;
            const auto b = budgets_.at(budgetKey(p.cost_year, m.code, category));
            lines.emplace_back(invoicing::AccountKey::budgetExpense(b).format(), cents);
        }
        lines.emplace_back(invoicing::AccountKey::providerPayable(
                               l_.providers[static_cast<std::size_t>(p.provider)].id)
                               .format(),
                           -p.amount);
        const std::string source = (p.source_type == "review" ? "claim-line:" : "declaration:") +
                                   std::to_string(p.source_id);
        journal(p.amount > 0 ? "accepted_claim" : "credit", source, p.created_at.substr(0, 10),
                p.created_at, p.created_by, p.municipality, lines);
    }
    month_.clear();
}

std::string Payments::loadStatements() {
    return payable_.loadStatements() + journal_.loadStatements() + journal_line_.loadStatements() +
           run_.loadStatements() + run_account_.loadStatements() + instruction_.loadStatements() +
           item_.loadStatements();
}

}  // namespace zc::bench
