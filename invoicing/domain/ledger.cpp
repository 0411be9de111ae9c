#include "ledger.hpp"

#include <array>
#include <utility>

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

constexpr std::array<std::pair<EventKind, std::string_view>, 12> kEventKindNames{{
    {EventKind::AcceptedClaim, "accepted_claim"},
    {EventKind::Credit, "credit"},
    {EventKind::Advance, "advance"},
    {EventKind::Settlement, "settlement"},
    {EventKind::ClawBack, "claw_back"},
    {EventKind::Offset, "offset"},
    {EventKind::PaymentSent, "payment_sent"},
    {EventKind::PaymentBooked, "payment_booked"},
    {EventKind::PaymentReturned, "payment_returned"},
    {EventKind::BudgetReallocation, "budget_reallocation"},
    {EventKind::ManualResolution, "manual_resolution"},
    {EventKind::Intermunicipal, "intermunicipal"},
}};

void requirePositive(Money amount, const char* field) {
    if (amount <= Money()) {
        throw ValidationError("INVALID_AMOUNT",
                              "A ledger amount must be above zero, not " + amount.toString() + ".",
                              field);
    }
}

// The two-line entry every simple event is: `amount` from `credited` to `debited`.
JournalEntry twoLines(EventKind kind, const AccountKey& debited, const AccountKey& credited,
                      Money amount, std::string source, Date date) {
    requirePositive(amount, "amount");
    JournalEntry entry{kind, std::move(source), date, {{debited, amount}, {credited, -amount}}};
    entry.validate();
    return entry;
}

Money sumOf(const std::vector<JournalLine>& lines) {
    Money sum;
    for (const JournalLine& line : lines) sum += line.amount;
    return sum;
}

}  // namespace

std::string eventKindName(EventKind kind) {
    for (const auto& [k, name] : kEventKindNames) {
        if (k == kind) return std::string(name);
    }
    assertionFailed("unknown event kind", __FILE__, __LINE__);
}

EventKind parseEventKind(std::string_view text, std::string_view field) {
    for (const auto& [kind, name] : kEventKindNames) {
        if (name == text) return kind;
    }
    throw ValidationError("INVALID_EVENT_KIND", "Unknown journal event kind.", std::string(field));
}

void JournalEntry::validate() const {
    if (source.empty()) {
        throw ValidationError("JOURNAL_SOURCE_REQUIRED",
                              "A journal entry must name what caused it.", "source");
    }
    if (lines.empty()) {
        throw ValidationError("JOURNAL_EMPTY", "A journal entry needs at least one line.", "lines");
    }
    if (lines.size() > kMaxJournalLines) {
        throw ValidationError("JOURNAL_TOO_LARGE", "A journal entry has at most 64 lines.",
                              "lines");
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].amount == Money()) {
            throw ValidationError("JOURNAL_ZERO_LINE",
                                  "A journal line of 0.00 on " + lines[i].account.format() +
                                      " moves nothing and is refused.",
                                  "lines[" + std::to_string(i) + "].amount");
        }
    }
    if (const Money sum = sumOf(lines); sum != Money()) {
        throw ValidationError("JOURNAL_UNBALANCED",
                              "The debits and credits of " + source + " differ by " +
                                  sum.toString() + "; they must sum to zero.",
                              "lines");
    }
}

JournalEntry postAcceptedClaim(std::int64_t provider_id, std::int64_t budget_id, Money amount,
                               std::string source, Date date) {
    return twoLines(EventKind::AcceptedClaim, AccountKey::budgetExpense(budget_id),
                    AccountKey::providerPayable(provider_id), amount, std::move(source), date);
}

JournalEntry postCredit(std::int64_t provider_id, std::int64_t budget_id, Money amount,
                        std::string source, Date date) {
    return twoLines(EventKind::Credit, AccountKey::providerPayable(provider_id),
                    AccountKey::budgetExpense(budget_id), amount, std::move(source), date);
}

JournalEntry postAdvance(std::int64_t provider_id, std::int64_t contract_id, Money amount,
                         std::string source, Date date) {
    return twoLines(EventKind::Advance, AccountKey::advances(contract_id),
                    AccountKey::providerPayable(provider_id), amount, std::move(source), date);
}

JournalEntry postSettlement(std::int64_t provider_id, std::int64_t contract_id,
                            std::int64_t budget_id, Money due, Money advances_paid,
                            std::string source, Date date) {
    if (due < Money()) {
        throw ValidationError("INVALID_AMOUNT", "The amount due must not be negative.", "due");
    }
    if (advances_paid < Money()) {
        throw ValidationError("INVALID_AMOUNT", "The advances paid must not be negative.",
                              "advances_paid");
    }
    JournalEntry entry{EventKind::Settlement, std::move(source), date, {}};
    if (due > Money()) entry.lines.push_back({AccountKey::budgetExpense(budget_id), due});
    if (advances_paid > Money()) {
        entry.lines.push_back({AccountKey::advances(contract_id), -advances_paid});
    }
    // difference > 0: still owed to the provider (a credit); < 0: clawed back (a debit).
    const Money difference = due - advances_paid;
    if (difference > Money()) {
        entry.lines.push_back({AccountKey::providerPayable(provider_id), -difference});
    } else if (difference < Money()) {
        entry.lines.push_back({AccountKey::providerReceivable(provider_id), -difference});
    }
    entry.validate();
    return entry;
}

JournalEntry postClawBack(std::int64_t provider_id, std::int64_t budget_id, Money amount,
                          std::string source, Date date) {
    return twoLines(EventKind::ClawBack, AccountKey::providerReceivable(provider_id),
                    AccountKey::budgetExpense(budget_id), amount, std::move(source), date);
}

JournalEntry postOffset(std::int64_t provider_id, Money amount, std::string source, Date date) {
    return twoLines(EventKind::Offset, AccountKey::providerPayable(provider_id),
                    AccountKey::providerReceivable(provider_id), amount, std::move(source), date);
}

JournalEntry postPaymentSent(std::int64_t provider_id, const Iban& debtor_iban, Money amount,
                             std::string source, Date date) {
    return twoLines(EventKind::PaymentSent, AccountKey::providerPayable(provider_id),
                    AccountKey::paymentsInTransit(debtor_iban), amount, std::move(source), date);
}

JournalEntry postPaymentBooked(const Iban& debtor_iban, Money amount, std::string source,
                               Date date) {
    return twoLines(EventKind::PaymentBooked, AccountKey::paymentsInTransit(debtor_iban),
                    AccountKey::bank(debtor_iban), amount, std::move(source), date);
}

JournalEntry postPaymentReturned(std::int64_t provider_id, const Iban& debtor_iban, Money amount,
                                 std::string source, Date date) {
    // Sent (D payable, C in-transit) plus booked (D in-transit, C bank) reversed: in-transit
    // nets out, so the return is one debit to the bank and one credit to the payable.
    return twoLines(EventKind::PaymentReturned, AccountKey::bank(debtor_iban),
                    AccountKey::providerPayable(provider_id), amount, std::move(source), date);
}

JournalEntry postReallocation(std::int64_t from_budget_id, std::int64_t to_budget_id, Money amount,
                              std::string source, Date date) {
    requirePositive(amount, "amount");
    if (from_budget_id == to_budget_id) {
        throw ValidationError("SAME_BUDGET", "A reallocation needs two different budgets.",
                              "to_budget_id");
    }
    return twoLines(EventKind::BudgetReallocation, AccountKey::budgetExpense(to_budget_id),
                    AccountKey::budgetExpense(from_budget_id), amount, std::move(source), date);
}

JournalEntry postAllowanceReallocation(std::int64_t from_budget_id, std::int64_t to_budget_id,
                                       Money amount, std::string source, Date date) {
    requirePositive(amount, "amount");
    if (from_budget_id == to_budget_id) {
        throw ValidationError("SAME_BUDGET", "A reallocation needs two different budgets.",
                              "to_budget_id");
    }
    return twoLines(EventKind::BudgetReallocation, AccountKey::budgetAllowance(from_budget_id),
                    AccountKey::budgetAllowance(to_budget_id), amount, std::move(source), date);
}

JournalEntry postManualResolution(std::vector<JournalLine> lines, std::string source, Date date) {
    JournalEntry entry{EventKind::ManualResolution, std::move(source), date, std::move(lines)};
    entry.validate();
    return entry;
}

std::int64_t Ledger::append(JournalEntry entry) {
    entry.validate();
    // New balances are computed aside first, so an overflow leaves the ledger unchanged.
    std::map<AccountKey, Money> updated;
    for (const JournalLine& line : entry.lines) {
        auto [it, inserted] = updated.try_emplace(line.account, Money());
        if (inserted) it->second = balance(line.account);
        it->second += line.amount;
    }
    for (auto& [account, amount] : updated) balances_.insert_or_assign(account, amount);
    entries_.push_back(std::move(entry));
    return static_cast<std::int64_t>(entries_.size());
}

Money Ledger::balance(const AccountKey& account) const {
    auto it = balances_.find(account);
    return it == balances_.end() ? Money() : it->second;
}

std::vector<PostedLine> Ledger::postedLines() const {
    std::vector<PostedLine> out;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        for (const JournalLine& line : entries_[i].lines) {
            out.push_back({static_cast<std::int64_t>(i + 1), line.account, line.amount,
                           entries_[i].municipality});
        }
    }
    return out;
}

}  // namespace zc::invoicing
