// Seeded randomized test of the whole payment cycle against a simple in-memory model: claims and
// claw-backs posted, a payment run composed and posted, a bank statement reconciled and posted,
// and then the ledger invariants (ledger_check.hpp) must hold with the model's open payables and
// bank totals.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "invoicing/domain/ledger.hpp"
#include "invoicing/domain/ledger_check.hpp"
#include "invoicing/domain/payment_run.hpp"
#include "invoicing/domain/reconciliation.hpp"

namespace zc::invoicing {
namespace {

Date d(const char* text) { return parseDate(text); }

const Iban kDebtor = Iban::parse("NL91ABNA0417164300");
const Date kRunDate = d("2026-04-30");

// A valid Dutch IBAN "NLkkTEST<10 digits of n>" (ISO 13616 check digits).
Iban testIban(std::int64_t n) {
    std::string digits = std::to_string(n);
    const std::string bban = "TEST" + std::string(10 - digits.size(), '0') + digits;
    // Letters as 10..35, then the country and "00"; 98 − (that mod 97) are the check digits.
    unsigned remainder = 0;
    for (char c : bban + "NL00") {
        const bool digit = c >= '0' && c <= '9';
        const unsigned value =
            digit ? static_cast<unsigned>(c - '0') : static_cast<unsigned>(c - 'A' + 10);
        remainder = (remainder * (digit ? 10 : 100) + value) % 97;
    }
    const unsigned check = 98 - remainder;
    return Iban::parse("NL" + std::string(check < 10 ? "0" : "") + std::to_string(check) + bban);
}

struct Model {
    Ledger ledger;
    std::map<std::int64_t, Money> open_payables;  // per provider
    Money bank_net_outgoing;                      // reconciled statement entries, out − in
};

PaymentRunInput randomBusiness(std::mt19937& rng, Model& model) {
    PaymentRunInput input{1 + static_cast<std::int64_t>(rng() % 1000),
                          RunSelection{kRunDate, std::nullopt, std::nullopt},
                          {},
                          {},
                          {}};
    const std::int64_t providers = 1 + rng() % 8;
    std::int64_t next_id = 1;
    for (std::int64_t p = 1; p <= providers; ++p) {
        input.providers.push_back({p, "Provider " + std::to_string(p), testIban(p),
                                   MunicipalityCode::parse("0193"), rng() % 10 == 0, "blocked"});
        for (std::uint32_t k = rng() % 6; k > 0; --k) {
            const Money amount = Money::fromCents(1 + rng() % 100'000);
            const std::int64_t id = next_id++;
            const Date due = addDays(d("2026-03-15"), static_cast<int>(rng() % 60));
            const std::int64_t budget = 1 + rng() % 3;
            model.ledger.append(
                postAcceptedClaim(p, budget, amount, "claim:" + std::to_string(id), due));
            model.open_payables[p] += amount;
            input.payables.push_back({id, p, amount, due, "claim:" + std::to_string(id),
                                      "D" + std::to_string(id), rng() % 10 == 0});
        }
        for (std::uint32_t k = rng() % 3; k > 0; --k) {
            const Money amount = Money::fromCents(1 + rng() % 60'000);
            const std::int64_t id = next_id++;
            model.ledger.append(
                postClawBack(p, 1, amount, "audit:" + std::to_string(id), kRunDate));
            input.receivables.push_back({id, p, amount});
        }
    }
    return input;
}

// Posts the run as the app will: one offset entry per provider, one payment per transfer.
void postRun(const PaymentRunInput& input, const PaymentRun& run, Model& model) {
    std::map<std::int64_t, Money> offsets;
    for (const ReceivableUse& use : run.offsets) offsets[use.provider_id] += use.used;
    for (const auto& [provider, amount] : offsets) {
        model.ledger.append(
            postOffset(provider, amount, "run:" + std::to_string(run.run_id), kRunDate));
    }
    for (const Transfer& t : run.transfers) {
        model.ledger.append(
            postPaymentSent(t.provider_id, kDebtor, t.amount, t.end_to_end_id, kRunDate));
    }
    for (const DuePayable& p : input.payables) {
        if (std::find(run.settled_payable_ids.begin(), run.settled_payable_ids.end(), p.id) !=
            run.settled_payable_ids.end()) {
            model.open_payables[p.provider_id] -= p.amount;
        }
    }
}

// What each provider's selected, undisputed payables come to, if it is not blocked.
void expectRunMatchesModel(const PaymentRunInput& input, const PaymentRun& run) {
    std::map<std::int64_t, Money> payable_totals;
    for (const DuePayable& p : input.payables) {
        const bool blocked = input.providers[static_cast<std::size_t>(p.provider_id - 1)].blocked;
        if (p.due <= kRunDate && !p.disputed && !blocked) payable_totals[p.provider_id] += p.amount;
    }
    std::map<std::int64_t, Money> paid;
    for (const Transfer& t : run.transfers) {
        EXPECT_GT(t.amount, Money());
        EXPECT_LE(t.end_to_end_id.size(), kMaxEndToEndIdLength);
        EXPECT_LE(t.remittance.size(), kMaxRemittanceLength);
        paid[t.provider_id] += t.amount;
    }
    std::map<std::int64_t, Money> receivable_amounts;
    for (const OpenReceivable& r : input.receivables) receivable_amounts[r.id] = r.amount;
    for (const ReceivableUse& use : run.offsets) {
        EXPECT_GT(use.used, Money());
        EXPECT_EQ(use.used + use.remaining, receivable_amounts[use.receivable_id]);
        paid[use.provider_id] += use.used;
    }
    // Every cent of every paid provider's payables is either transferred or offset.
    EXPECT_EQ(paid, payable_totals);
    Money control_sum;
    for (const Transfer& t : run.transfers) control_sum += t.amount;
    EXPECT_EQ(run.control_sum, control_sum);
}

// The bank books most transfers, some without an EndToEndId, returns a few, and adds charges.
std::vector<StatementEntry> randomStatement(std::mt19937& rng, const PaymentRun& run) {
    std::vector<StatementEntry> entries;
    std::vector<const Transfer*> returns;
    for (const Transfer& t : run.transfers) {
        if (rng() % 5 == 0) continue;  // not on this statement yet
        const std::string e2e = rng() % 3 == 0 ? "NOTPROVIDED" : t.end_to_end_id;
        const Date booked = addDays(kRunDate, static_cast<int>(rng() % 4));
        entries.push_back({t.amount, EntryDirection::Debit, booked, e2e, t.creditor_iban, ""});
        if (rng() % 8 == 0) returns.push_back(&t);
    }
    for (const Transfer* t : returns) {
        entries.push_back({t->amount, EntryDirection::Credit, addDays(kRunDate, 5),
                           t->end_to_end_id, t->creditor_iban, "AC04"});
    }
    if (rng() % 2 == 0) {
        entries.push_back({Money::fromCents(315), EntryDirection::Debit, kRunDate, "", "", ""});
    }
    return entries;
}

// Posts each entry as the app will; unmatched entries go to suspense.
void postStatement(const std::vector<SentInstruction>& sent, const PaymentRun& run,
                   const std::vector<StatementEntry>& entries, const Reconciliation& rec,
                   Model& model) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const StatementEntry& entry = entries[i];
        const EntryMatch& match = rec.entries[i];
        const std::string source = "stmt:1:" + std::to_string(i);
        const bool out = entry.direction == EntryDirection::Debit;
        model.bank_net_outgoing += out ? entry.amount : -entry.amount;
        if (match.kind == MatchKind::Unmatched) {
            const Money amount = out ? entry.amount : -entry.amount;
            model.ledger.append(postManualResolution(
                {{AccountKey::suspense(kDebtor), amount}, {AccountKey::bank(kDebtor), -amount}},
                source, entry.booking_date));
            continue;
        }
        ASSERT_EQ(match.kind, MatchKind::Matched);
        const Transfer& t = run.transfers[*match.instruction];
        ASSERT_EQ(sent[*match.instruction].end_to_end_id, t.end_to_end_id);
        if (match.effect == MatchEffect::Booked) {
            model.ledger.append(
                postPaymentBooked(kDebtor, entry.amount, source, entry.booking_date));
        } else {
            model.ledger.append(postPaymentReturned(t.provider_id, kDebtor, entry.amount, source,
                                                    entry.booking_date));
            model.open_payables[t.provider_id] += entry.amount;
        }
    }
}

LedgerFacts factsOf(const Model& model) {
    LedgerFacts facts{model.ledger.postedLines(), {}, {{kDebtor, model.bank_net_outgoing}}};
    for (const auto& [provider, total] : model.open_payables)
        facts.open_payables.push_back({provider, total});
    return facts;
}

TEST(LedgerPaymentCycle, SeededCyclesKeepTheLedgerConsistent) {
    const auto seed = std::random_device{}();
    std::mt19937 rng(seed);
    SCOPED_TRACE("seed " + std::to_string(seed) + " (replay with std::mt19937(seed))");
    constexpr int kCycles = 200;
    for (int cycle = 0; cycle < kCycles; ++cycle) {
        SCOPED_TRACE("cycle " + std::to_string(cycle));
        Model model;
        const PaymentRunInput input = randomBusiness(rng, model);
        const PaymentRun run = composePaymentRun(input);
        expectRunMatchesModel(input, run);
        postRun(input, run, model);
        ASSERT_EQ(checkLedger(factsOf(model)), std::nullopt);

        std::vector<SentInstruction> sent;
        for (const Transfer& t : run.transfers) {
            sent.push_back(
                {t.end_to_end_id, t.amount, t.creditor_iban, kRunDate, InstructionStatus::Sent});
        }
        const std::vector<StatementEntry> entries = randomStatement(rng, run);
        const Reconciliation rec = reconcile(sent, entries);
        for (std::size_t i = 0; i < entries.size(); ++i) {
            // Each provider has its own IBAN and one transfer, so nothing of ours is ambiguous.
            const bool ours = !entries[i].counterparty_iban.empty();
            EXPECT_EQ(rec.entries[i].kind, ours ? MatchKind::Matched : MatchKind::Unmatched) << i;
        }
        postStatement(sent, run, entries, rec, model);
        const std::optional<LedgerViolation> violation = checkLedger(factsOf(model));
        ASSERT_EQ(violation, std::nullopt) << violation->message;

        // And the checker notices a payment the payables store forgot.
        if (!run.transfers.empty()) {
            model.open_payables[run.transfers[0].provider_id] += run.transfers[0].amount;
            const std::optional<LedgerViolation> forgotten = checkLedger(factsOf(model));
            ASSERT_TRUE(forgotten.has_value());
            EXPECT_EQ(forgotten->code, "PAYABLE_MISMATCH");
        }
    }
}

}  // namespace
}  // namespace zc::invoicing
