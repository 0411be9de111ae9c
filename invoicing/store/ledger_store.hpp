#pragma once
// The ledger in the database (migration 0012): journals are written in the caller's
// transaction, with the event they record; check-ledger reads them back and checks the
// invariants of zc::invoicing::checkLedger. Payables are created only here, each with its
// journal, so that a provider's payable account always equals its open payables.
#include <cstdint>
#include <optional>
#include <string>

#include "contracting/kernel/request_context.hpp"
#include "invoicing/domain/ledger.hpp"
#include "invoicing/domain/ledger_check.hpp"

namespace zc::invoicing {

using app::RequestContext;

// Validates and stores `entry` (JOURNAL_* ValidationErrors as JournalEntry::validate). Returns
// the journal id.
std::int64_t postJournal(RequestContext& ctx, const invoicing::JournalEntry& entry);

// Inserts a payable owed by `municipality` (signed: a claw-back or a net credit is negative)
// and posts `journal`, which must credit payable:provider:P with exactly `amount` (ZC_ASSERT).
// Returns its id.
std::int64_t createPayable(RequestContext& ctx, const std::string& municipality,
                           std::int64_t provider_id, const std::string& type,
                           std::int64_t source_id, Money amount, Date due,
                           const invoicing::JournalEntry& journal);

// The budget whose expense account carries cost of `municipality` (the one that owes it) for
// this product category and financing kind ("ZIN", "budget", "PGB") in `year`: that
// municipality's first budget of the kind. When there is none, a budget of 0.00 named
// "Unbudgeted …" is created (so the cost shows as overspending in the exhaustion report).
std::int64_t budgetFor(RequestContext& ctx, const std::string& municipality,
                       const std::string& category, const std::string& financing, int year);

// A journal moving `amount` (signed) of cost on `budget_id` onto payable:provider:P:
// positive: D expense, C payable (AcceptedClaim/Settlement); negative: the reverse (Credit /
// ClawBack).
invoicing::JournalEntry costJournal(invoicing::EventKind kind, std::int64_t provider_id,
                                    std::int64_t budget_id, Money amount, std::string source,
                                    Date date);

// The municipality whose books a statement entry matched to transfer `instruction_id` is posted
// in: the municipality of the payment run that sent the transfer (from that debtor account).
std::string instructionMunicipality(db::Connection& db, std::int64_t instruction_id);

// Everything checkLedger needs, read from the database: lines with their journal's
// municipality, open payables per (municipality, provider), reconciled bank entries per
// (municipality of the transfer's run, account), and every municipality.
invoicing::LedgerFacts loadLedgerFacts(db::Connection& db);

}  // namespace zc::invoicing
