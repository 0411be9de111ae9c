// Seeded randomized test of the whole payment cycle against a simple in-memory model: claims and
// claw-backs posted, a payment run composed and posted, a bank statement reconciled and posted,
// and then the ledger invariants (ledger_check.hpp) must hold with the model's open payables and
// bank totals.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <set>
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

// --- Claw-back remainders ------------------------------------------------------------------
// The payables as the store keeps them (negative ones are claw-backs), and a run applied to
// them as its approval does (payment_run_store.cpp settleOffsets): paid payables and used
// claw-backs are closed, a claw-back used in part keeps −used and a new open 'remainder'
// payable of the same provider and municipality carries the rest.
struct BookedPayable {
    std::int64_t id = 0;
    std::int64_t provider = 0;
    std::string municipality;
    Money amount;  // signed
    bool open = true;
    bool disputed = false;
    std::int64_t split_from = 0;  // a remainder's original
};

struct Book {
    std::vector<BookedPayable> payables;
    std::int64_t next_id = 1;
    std::set<std::int64_t> blocked;
};

const std::vector<std::string> kRegion = {"0166", "0193"};

void randomPayables(std::mt19937& rng, Book& book) {
    for (std::int64_t p = 1; p <= 5; ++p) {
        for (const std::string& mun : kRegion) {
            for (std::uint32_t k = rng() % 4; k > 0; --k) {
                book.payables.push_back({book.next_id++, p, mun,
                                         Money::fromCents(1 + rng() % 100'000), true,
                                         rng() % 20 == 0, 0});
            }
            for (std::uint32_t k = rng() % 3; k > 0; --k) {
                book.payables.push_back({book.next_id++, p, mun,
                                         -Money::fromCents(1 + rng() % 150'000), true,
                                         rng() % 20 == 0, 0});
            }
        }
    }
}

PaymentRunInput inputOf(const Book& book, std::int64_t run_id) {
    PaymentRunInput in{run_id, RunSelection{kRunDate, std::nullopt, std::nullopt}, {}, {}, {}};
    for (std::int64_t p = 1; p <= 5; ++p) {
        in.providers.push_back({p, "Provider " + std::to_string(p), testIban(p),
                                MunicipalityCode::parse("0193"), book.blocked.contains(p), "x"});
    }
    for (const BookedPayable& b : book.payables) {
        if (!b.open) continue;
        if (b.amount > Money()) {
            in.payables.push_back({b.id, b.provider, b.amount, kRunDate,
                                   "p:" + std::to_string(b.id), "D" + std::to_string(b.id),
                                   b.disputed, b.municipality});
        } else if (!b.disputed) {
            in.receivables.push_back({b.id, b.provider, -b.amount, b.municipality});
        }
    }
    return in;
}

BookedPayable& find(Book& book, std::int64_t id) {
    auto it = std::find_if(book.payables.begin(), book.payables.end(),
                           [&](const BookedPayable& b) { return b.id == id; });
    if (it == book.payables.end()) {
        ADD_FAILURE() << "payable " << id << " is not in the book";
        std::abort();
    }
    return *it;
}

// Applies the approved run; returns what was transferred per (provider, municipality).
std::map<std::pair<std::int64_t, std::string>, Money> applyRun(const PaymentRun& run, Book& book) {
    std::map<std::pair<std::int64_t, std::string>, Money> transferred;
    std::set<std::int64_t> closed;
    for (const Transfer& t : run.transfers) {
        transferred[{t.provider_id, t.municipality}] += t.amount;
        for (std::int64_t id : t.payable_ids) EXPECT_TRUE(closed.insert(id).second) << id;
    }
    for (const LeftOut& l : run.left_out) {
        if (l.reason != LeftOutReason::FullyOffset) continue;
        EXPECT_TRUE(closed.insert(l.payable_id).second) << "paid twice: " << l.payable_id;
    }
    EXPECT_EQ(std::vector<std::int64_t>(closed.begin(), closed.end()), run.settled_payable_ids);
    for (const ReceivableUse& u : run.offsets) {
        EXPECT_TRUE(closed.insert(u.receivable_id).second) << "used twice: " << u.receivable_id;
        BookedPayable& original = find(book, u.receivable_id);
        EXPECT_EQ(original.municipality, u.municipality) << "offset across municipalities";
        if (u.remaining > Money()) {
            original.amount = -u.used;
            book.payables.push_back({book.next_id++, original.provider, original.municipality,
                                     -u.remaining, true, false, original.id});
        }
    }
    for (std::int64_t id : closed) {
        BookedPayable& b = find(book, id);
        EXPECT_TRUE(b.open) << "payable " << id << " settled although not open";
        b.open = false;
    }
    return transferred;
}

using Totals = std::map<std::pair<std::int64_t, std::string>, Money>;

Totals totals(const Book& book, bool open_only) {
    Totals out;
    for (const BookedPayable& b : book.payables) {
        if (!open_only || b.open) out[{b.provider, b.municipality}] += b.amount;
    }
    return out;
}

Money sumOf(const Totals& t) {
    Money s;
    for (const auto& [key, amount] : t) s += amount;
    return s;
}

TEST(LedgerPaymentCycle, SeededRunsCarryWhatClawBacksLeftAsARemainder) {
    const auto seed = std::random_device{}();
    std::mt19937 rng(seed);
    SCOPED_TRACE("seed " + std::to_string(seed) + " (replay with std::mt19937(seed))");
    constexpr int kCases = 2000;
    int remainders_seen = 0;
    for (int c = 0; c < kCases; ++c) {
        SCOPED_TRACE("case " + std::to_string(c));
        Book book;
        if (rng() % 10 == 0) book.blocked.insert(1 + rng() % 5);
        Totals transferred_ever;
        for (std::int64_t run_id = 1; run_id <= 3; ++run_id) {
            randomPayables(rng, book);
            const Totals all_before = totals(book, false), open_before = totals(book, true);
            const PaymentRunInput in = inputOf(book, run_id);
            const PaymentRun run = composePaymentRun(in);
            Money used, remaining, settled_positive;
            for (const ReceivableUse& u : run.offsets) {
                used += u.used;
                remaining += u.remaining;
                remainders_seen += u.remaining > Money() ? 1 : 0;
            }
            for (std::int64_t id : run.settled_payable_ids)
                settled_positive += find(book, id).amount;
            const Totals transferred = applyRun(run, book);
            // Every cent settled is transferred or offset; the claw-backs' rest stays open.
            EXPECT_EQ(sumOf(transferred) + used, settled_positive);
            EXPECT_EQ(run.control_sum, sumOf(transferred));
            std::set<std::int64_t> split;  // the claw-backs used in part
            for (const ReceivableUse& u : run.offsets) {
                if (u.remaining > Money()) split.insert(u.receivable_id);
            }
            Money open_remainders;
            for (const BookedPayable& b : book.payables) {
                if (!split.contains(b.split_from)) continue;
                EXPECT_TRUE(b.open);
                const BookedPayable& original = find(book, b.split_from);
                EXPECT_FALSE(original.open) << "the used part is settled";
                EXPECT_EQ(original.provider, b.provider);
                EXPECT_EQ(original.municipality, b.municipality);
                open_remainders -= b.amount;
            }
            EXPECT_EQ(open_remainders, remaining);
            // The split needs no journal: every (provider, municipality) total is unchanged...
            EXPECT_EQ(totals(book, false), all_before);
            // ...and the payable account (Σ open) drops by exactly what was transferred.
            for (const auto& [key, amount] : open_before) {
                const auto t = transferred.find(key);
                EXPECT_EQ(totals(book, true)[key],
                          amount - (t == transferred.end() ? Money() : t->second))
                    << "provider " << key.first << " in " << key.second;
                if (t != transferred.end()) transferred_ever[key] += t->second;
            }
        }
        // Nobody is paid twice: what was ever transferred plus what is open is what was owed.
        for (const auto& [key, owed] : totals(book, false)) {
            const auto t = transferred_ever.find(key);
            EXPECT_EQ(owed, (t == transferred_ever.end() ? Money() : t->second) +
                                totals(book, true)[key]);
        }
    }
    EXPECT_GT(remainders_seen, kCases / 10) << "the cases exercise partial claw-backs";
}

}  // namespace
}  // namespace zc::invoicing
