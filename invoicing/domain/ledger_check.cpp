#include "ledger_check.hpp"

#include <map>

namespace zc::invoicing {
namespace {

struct Sides {
    Money debit;
    Money credit;  // as a positive amount
};

// Ledger amount (from the lines) next to the amount it must equal (from the other records).
struct Pair {
    Money ledger;
    Money expected;
};

std::optional<LedgerViolation> unbalancedJournal(const std::vector<PostedLine>& lines) {
    std::map<std::int64_t, Sides> journals;
    for (const PostedLine& line : lines) {
        Sides& sides = journals[line.journal_id];
        if (line.amount > Money()) {
            sides.debit += line.amount;
        } else {
            sides.credit -= line.amount;
        }
    }
    for (const auto& [id, sides] : journals) {
        if (sides.debit == sides.credit) continue;
        return LedgerViolation{LedgerViolationKind::JournalUnbalanced, "JOURNAL_UNBALANCED",
                               "journal:" + std::to_string(id),
                               "Journal " + std::to_string(id) + " does not balance: debits " +
                                   sides.debit.toString() + ", credits " + sides.credit.toString() +
                                   ", difference " + (sides.debit - sides.credit).toString() + "."};
    }
    return std::nullopt;
}

std::optional<LedgerViolation> payableMismatch(const LedgerFacts& facts) {
    std::map<std::int64_t, Pair> providers;
    for (const PostedLine& line : facts.lines) {
        if (line.account.kind() != AccountKind::ProviderPayable) continue;
        providers[line.account.id()].ledger -= line.amount;  // a credit balance is owed
    }
    for (const ProviderOpenPayables& open : facts.open_payables) {
        providers[open.provider_id].expected += open.total;
    }
    for (const auto& [id, pair] : providers) {
        if (pair.ledger == pair.expected) continue;
        const std::string id_text = std::to_string(id);
        return LedgerViolation{
            LedgerViolationKind::PayableMismatch, "PAYABLE_MISMATCH", "payable:provider:" + id_text,
            "Provider " + id_text + ": the ledger owes " + pair.ledger.toString() +
                " (payable:provider:" + id_text + ") but its open payables total " +
                pair.expected.toString() + "."};
    }
    return std::nullopt;
}

std::optional<LedgerViolation> bankMismatch(const LedgerFacts& facts) {
    std::map<std::string, Pair> accounts;
    for (const PostedLine& line : facts.lines) {
        if (line.account.kind() != AccountKind::Bank) continue;
        accounts[line.account.iban()].ledger -= line.amount;  // a credit is money out
    }
    for (const ReconciledBankTotal& total : facts.reconciled_bank) {
        accounts[total.debtor_iban.str()].expected += total.net_outgoing;
    }
    for (const auto& [iban, pair] : accounts) {
        if (pair.ledger == pair.expected) continue;
        return LedgerViolation{
            LedgerViolationKind::BankMismatch, "BANK_MISMATCH", "bank:iban:" + iban,
            "Bank account " + iban + ": the ledger shows " + pair.ledger.toString() +
                " paid out (net) but the reconciled statement entries total " +
                pair.expected.toString() + "."};
    }
    return std::nullopt;
}

// The checks over the facts of one municipality's books.
std::optional<LedgerViolation> checkBooks(const LedgerFacts& facts) {
    if (auto v = unbalancedJournal(facts.lines)) return v;
    if (auto v = payableMismatch(facts)) return v;
    return bankMismatch(facts);
}

// The facts split into each municipality's books (ascending code).
std::map<std::string, LedgerFacts> booksOf(const LedgerFacts& facts) {
    std::map<std::string, LedgerFacts> books;
    for (const std::string& m : facts.municipalities) books[m];
    for (const PostedLine& line : facts.lines) books[line.municipality].lines.push_back(line);
    for (const ProviderOpenPayables& open : facts.open_payables) {
        books[open.municipality].open_payables.push_back(open);
    }
    for (const ReconciledBankTotal& total : facts.reconciled_bank) {
        books[total.municipality].reconciled_bank.push_back(total);
    }
    return books;
}

}  // namespace

std::vector<MunicipalityLedgerCheck> checkLedgerPerMunicipality(const LedgerFacts& facts) {
    std::vector<MunicipalityLedgerCheck> out;
    for (const auto& [municipality, books] : booksOf(facts)) {
        auto violation = checkBooks(books);
        if (violation && !municipality.empty()) {
            violation->subject = municipality + "/" + violation->subject;
            violation->message = "Municipality " + municipality + ": " + violation->message;
        }
        out.push_back({municipality, std::move(violation)});
    }
    return out;
}

std::optional<LedgerViolation> checkLedger(const LedgerFacts& facts) {
    for (auto& result : checkLedgerPerMunicipality(facts)) {
        if (result.violation) return std::move(result.violation);
    }
    return std::nullopt;
}

}  // namespace zc::invoicing
