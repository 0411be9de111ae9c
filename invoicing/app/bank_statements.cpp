// camt.053 import: checked (balances, our account, not seen before), reconciled
// (zc::invoicing::reconcile) and posted to the ledger.
#include "bank_statements.hpp"

#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "invoicing/domain/reconciliation.hpp"
#include "invoicing/store/debtor_account_store.hpp"
#include "invoicing/store/ledger_store.hpp"

namespace zc::invoicing {
namespace {

// Books instruction `id` (paid out): its payables become paid, the ledger moves the money from
// in-transit to the bank.
void book(app::RequestContext& ctx, std::int64_t id, const Iban& account, Money amount,
          std::int64_t entry_id) {
    const auto booked_at = app::timestamp(ctx.clock);
    markInstructionBooked(ctx.db, id, booked_at, app::timestamp(ctx.clock));
    auto journal =
        postPaymentBooked(account, amount, "bank-entry:" + std::to_string(entry_id), ctx.today());
    journal.municipality = instructionMunicipality(ctx.db, id);
    postJournal(ctx, journal);
}

// A returned transfer: its payables are open again (for the next run; instruction_id keeps
// naming the returned transfer until a new run pays them), the ledger reopens what is owed.
void giveBack(app::RequestContext& ctx, std::int64_t instruction_id, std::int64_t provider_id,
              const Iban& account, Money amount, const std::string& reason, std::int64_t entry_id) {
    markInstructionReturned(ctx.db, instruction_id, reason);
    auto journal = postPaymentReturned(provider_id, account, amount,
                                       "bank-entry:" + std::to_string(entry_id), ctx.today());
    journal.municipality = instructionMunicipality(ctx.db, instruction_id);
    postJournal(ctx, journal);
}

std::string statusOf(const EntryMatch& m) {
    if (m.kind == MatchKind::Unmatched) return "unmatched";
    if (m.kind == MatchKind::AmountDifference) return "difference";
    return m.effect == MatchEffect::Booked ? "booked" : "returned";
}

InstructionStatus instructionStatus(const std::string& s) {
    if (s == "booked") return InstructionStatus::Booked;
    if (s == "returned") return InstructionStatus::Returned;
    return InstructionStatus::Sent;
}

void refuseIfKnown(db::Connection& db, const BankStatementInput& s) {
    if (statementKnown(db, s.account_iban, s.statement_id, s.from, s.to)) {
        throw ValidationError("STATEMENT_ALREADY_IMPORTED",
                              "Statement " + s.statement_id + " of " + s.account_iban + " for " +
                                  formatDate(s.from) + " – " + formatDate(s.to) +
                                  " was imported before; nothing changed.",
                              "");
    }
    if (!isDebtorAccount(db, s.account_iban)) {
        throw ValidationError(
            "UNKNOWN_DEBTOR_ACCOUNT",
            "Account " + s.account_iban + " is not the debtor account of any municipality.", "");
    }
}

// Refuses (OUT_OF_SCOPE) an account that is the debtor account of a municipality outside the
// staff user's scope; `object_type`/`object_id` name the refused object for the audit row.
void requireAccountInScope(const app::RequestContext& ctx, const std::string& iban,
                           const std::string& object_type, const std::string& object_id) {
    if (!ctx.actor.scoped()) return;
    const auto owner = debtorAccountHolder(ctx.db, iban);
    if (!owner || !app::worksFor(ctx.actor, *owner)) {
        throw app::OutOfScope(object_type, object_id, "Account " + iban);
    }
}

// Stores one booked entry with its match and applies the match's effect.
ImportedEntry storeEntry(app::RequestContext& ctx, std::int64_t statement_id, std::size_t k,
                         const BankEntryInput& e, const EntryMatch& m,
                         const std::vector<SentInstructionRow>& instructions, const Iban& account) {
    const std::string status = statusOf(m);
    const std::string reason =
        m.reason ? unmatchedReasonCode(*m.reason)
                 : (m.kind == MatchKind::AmountDifference ? "AMOUNT_DIFFERENCE" : "");
    const std::optional<SentInstructionRow> ins =
        m.instruction ? std::optional(instructions[*m.instruction]) : std::nullopt;
    const auto entry_id = insertBankEntry(
        ctx.db,
        {statement_id, static_cast<std::int64_t>(k + 1), e.entry_ref.substr(0, 35), e.amount,
         e.credit, e.booking_date, e.end_to_end_id.substr(0, 35), e.counterparty_iban,
         e.counterparty_name.substr(0, 140), e.return_reason.substr(0, 8),
         e.remittance.substr(0, 500), status, reason.empty() ? std::nullopt : std::optional(reason),
         ins ? std::optional(ins->id) : std::nullopt});
    if (status == "booked") book(ctx, ins->id, account, e.amount, entry_id);
    if (status == "returned") {
        giveBack(ctx, ins->id, ins->provider_id, account, e.amount, e.return_reason, entry_id);
    }
    return {entry_id, e.amount, e.credit, e.end_to_end_id, status, reason, m.detail};
}

StatementBounds boundsOf(const ChainedStatementRow& r) {
    return {r.statement_id, r.from, r.to, r.opening, r.closing};
}

// Chains statement `id` to the account's previous statement, and the account's next statement
// (imported before, for a later period) to this one.
ChainVerdict chainStatement(app::RequestContext& ctx, std::int64_t id,
                            const BankStatementInput& s) {
    const auto previous = previousStatement(ctx.db, s.account_iban, s.from, id);
    const StatementBounds self{s.statement_id, s.from, s.to, s.opening, s.closing};
    const auto verdict =
        checkStatementChain(previous ? std::optional(boundsOf(*previous)) : std::nullopt, self);
    setStatementChain(ctx.db, id, previous ? std::optional(previous->id) : std::nullopt,
                      chainStatusCode(verdict.status), verdict.detail);
    if (const auto next = nextStatement(ctx.db, s.account_iban, s.from, id)) {
        const auto again = checkStatementChain(self, boundsOf(*next));
        setStatementChain(ctx.db, next->id, id, chainStatusCode(again.status), again.detail);
    }
    return verdict;
}

// Stores one statement and reconciles its booked entries.
ImportedStatement importOne(app::RequestContext& ctx, const BankStatementInput& s,
                            const std::string& sha) {
    if (s.balance_problem) throw *s.balance_problem;
    refuseIfKnown(ctx.db, s);
    requireAccountInScope(ctx, s.account_iban, "bank_account", s.account_iban);
    const auto statement_id = insertBankStatement(
        ctx.db, {s.account_iban, s.statement_id, s.from, s.to, s.message_id, s.opening, s.closing,
                 sha, app::timestamp(ctx.clock), ctx.actor.name});
    const auto instructions = lockSentInstructions(ctx.db, s.account_iban);
    std::vector<SentInstruction> sent;
    for (const auto& i : instructions) {
        sent.push_back({i.end_to_end_id, i.amount, i.creditor_iban, i.execution_date,
                        instructionStatus(i.status)});
    }
    std::vector<const BankEntryInput*> booked;
    std::vector<StatementEntry> entries;
    for (const auto& e : s.entries) {
        if (e.status != "BOOK" || e.amount <= Money()) continue;
        booked.push_back(&e);
        entries.push_back({e.amount, e.credit ? EntryDirection::Credit : EntryDirection::Debit,
                           e.booking_date.value_or(s.to), e.end_to_end_id, e.counterparty_iban,
                           e.return_reason});
    }
    const auto matches = reconcile(sent, entries);
    const Iban account = Iban::parse(s.account_iban);
    const auto chain = chainStatement(ctx, statement_id, s);
    ImportedStatement out{
        s.statement_id, s.account_iban, {}, chainStatusCode(chain.status), chain.detail};
    for (std::size_t k = 0; k < booked.size(); ++k) {
        out.entries.push_back(storeEntry(ctx, statement_id, k, *booked[k], matches.entries[k],
                                         instructions, account));
    }
    return out;
}

// Finance matches a work-list entry to a transfer by hand (manualMatchEffect): a debit books a
// sent transfer; a return (a credit with a return reason, e.g. AC04, whose EndToEndId we did not
// know) returns a booked one and reopens its payables, as the automatic match would. Returns the
// entry's new status.
std::string matchByHand(app::RequestContext& ctx, const EntryToResolve& e,
                        const EntryResolution& r) {
    const auto i = lockInstruction(ctx.db, *r.instruction_id);
    const Money amount = Money::fromCents(e.amount_cents);
    const auto effect =
        i ? manualMatchEffect({e.credit ? EntryDirection::Credit : EntryDirection::Debit, amount,
                               !e.return_reason.empty()},
                              instructionStatus(i->status), Money::fromCents(i->amount_cents),
                              i->debtor_iban == e.account_iban)
          : std::nullopt;
    if (!effect) {
        throw ValidationError("MATCH_REFUSED",
                              "Only a debit of exactly the amount of a sent transfer, or a return "
                              "of exactly the amount of a booked transfer, from the same account "
                              "can be matched to it.",
                              "instruction_id");
    }
    const Iban account = Iban::parse(e.account_iban);
    if (*effect == MatchEffect::Booked) {
        book(ctx, i->id, account, amount, r.entry_id);
        return "booked";
    }
    giveBack(ctx, i->id, i->provider_id, account, amount, e.return_reason, r.entry_id);
    return "returned";
}

}  // namespace

std::vector<ImportedStatement> importBankStatements(app::RequestContext& ctx,
                                                    const std::vector<BankStatementInput>& file,
                                                    const std::string& file_sha256) {
    db::Transaction tx(ctx.db);
    std::vector<ImportedStatement> out;
    for (const auto& s : file) out.push_back(importOne(ctx, s, file_sha256));
    security::appendAudit(ctx, {"bank_statement.import", "bank_statement",
                                file_sha256.substr(0, 16), "ok", std::nullopt, std::nullopt});
    tx.commit();
    return out;
}

app::ListPage<WorkListRow> reconciliationWorkList(app::RequestContext& ctx, WorkListFilter filter) {
    // A staff user sees the work of the debtor accounts of the municipalities they work for.
    filter.scope = app::ownMunicipalities(ctx.actor);
    return workListPage(ctx.db, filter);
}

std::string resolveBankEntry(app::RequestContext& ctx, const EntryResolution& r) {
    db::Transaction tx(ctx.db);
    const auto e = lockBankEntry(ctx.db, r.entry_id);
    if (!e) {
        throw ValidationError(
            "NOT_FOUND", "Bank entry " + std::to_string(r.entry_id) + " does not exist.", "id");
    }
    requireAccountInScope(ctx, e->account_iban, "bank_entry", std::to_string(r.entry_id));
    if (e->match_status != "unmatched" && e->match_status != "difference") {
        throw ValidationError("ENTRY_NOT_OPEN", "This entry is " + e->match_status + " already.",
                              "id");
    }
    const std::string status = r.instruction_id ? matchByHand(ctx, *e, r) : "resolved";
    invoicing::resolveBankEntry(ctx.db, r.entry_id, status, r.instruction_id, r.reason,
                                ctx.actor.name, app::timestamp(ctx.clock));
    security::appendAudit(
        ctx, {"bank_entry.resolve", "bank_entry", std::to_string(r.entry_id), "ok", std::nullopt,
              security::AuditRecord()
                  .set("id", r.entry_id)
                  .set("instruction_id", r.instruction_id)
                  .set("match_status", status)
                  .set("resolution", r.reason)
                  .json()});
    tx.commit();
    return status;
}

std::string resolveStatementChain(app::RequestContext& ctx, const ChainResolution& r) {
    db::Transaction tx(ctx.db);
    const auto c = lockStatementChain(ctx.db, r.statement_id);
    if (!c) {
        throw ValidationError(
            "NOT_FOUND", "Bank statement " + std::to_string(r.statement_id) + " does not exist.",
            "id");
    }
    requireAccountInScope(ctx, c->account_iban, "bank_statement", std::to_string(r.statement_id));
    if ((c->chain_status != "gap" && c->chain_status != "mismatch") || c->resolved) {
        throw ValidationError(
            "CHAIN_NOT_BROKEN",
            "Statement " + c->statement_id + " of " + c->account_iban +
                (c->resolved ? ": its broken chain is resolved already."
                             : " chains (" + c->chain_status + "): there is nothing to resolve."),
            "id");
    }
    invoicing::resolveStatementChain(ctx.db, r.statement_id, r.reason, ctx.actor.name,
                                     app::timestamp(ctx.clock));
    security::appendAudit(ctx, {"bank_statement.chain_resolve", "bank_statement",
                                std::to_string(r.statement_id), "ok", std::nullopt,
                                security::AuditRecord()
                                    .set("id", r.statement_id)
                                    .set("chain_status", c->chain_status)
                                    .set("resolution", r.reason)
                                    .json()});
    tx.commit();
    return c->chain_status;
}

}  // namespace zc::invoicing
