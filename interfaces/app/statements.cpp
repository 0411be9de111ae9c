// camt.053 import: read (hardened, validated), checked (currency, balances, our account, not
// seen before), reconciled (zc::invoicing::reconcile) and posted to the ledger.
#include "statements.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <memory>
#include <mutex>

#include "context.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/iso20022/camt053.hpp"
#include "interfaces/security/crypto.hpp"
#include "invoicing/domain/reconciliation.hpp"
#include "invoicing/store/ledger_store.hpp"

namespace zc::app {
namespace {

std::mutex g_bank_schemas_mutex;
std::shared_ptr<const xml::SchemaSet> g_bank_schemas;

struct Instruction {
    std::int64_t id = 0;
    std::int64_t provider_id = 0;
    std::string status;
};

// Books instruction `i` (paid out): its payables become paid, the ledger moves the money from
// in-transit to the bank.
void book(RequestContext& ctx, const Instruction& i, const Iban& account, Money amount,
          std::int64_t entry_id) {
    ctx.db.execute("UPDATE payment_instructions SET status = 'booked', booked_at = ? WHERE id = ?",
                   {timestamp(ctx.clock), i.id});
    ctx.db.execute(
        "UPDATE payables SET status = 'paid', paid_at = ? WHERE instruction_id = ? AND status ="
        " 'in_run'",
        {timestamp(ctx.clock), i.id});
    postJournal(ctx, invoicing::postPaymentBooked(
                         account, amount, "bank-entry:" + std::to_string(entry_id), ctx.today()));
}

// A returned transfer: its payables are open again (for the next run; instruction_id keeps
// naming the returned transfer until a new run pays them), the ledger reopens what is owed.
void giveBack(RequestContext& ctx, const Instruction& i, const Iban& account, Money amount,
              const std::string& reason, std::int64_t entry_id) {
    ctx.db.execute(
        "UPDATE payment_instructions SET status = 'returned', return_reason = ? WHERE id = ?",
        {reason.substr(0, 8), i.id});
    ctx.db.execute("UPDATE payables SET status = 'open', paid_at = NULL WHERE instruction_id = ?",
                   {i.id});
    postJournal(
        ctx, invoicing::postPaymentReturned(i.provider_id, account, amount,
                                            "bank-entry:" + std::to_string(entry_id), ctx.today()));
}

std::string statusOf(const invoicing::EntryMatch& m) {
    if (m.kind == invoicing::MatchKind::Unmatched) return "unmatched";
    if (m.kind == invoicing::MatchKind::AmountDifference) return "difference";
    return m.effect == invoicing::MatchEffect::Booked ? "booked" : "returned";
}

invoicing::InstructionStatus instructionStatus(const std::string& s) {
    if (s == "booked") return invoicing::InstructionStatus::Booked;
    if (s == "returned") return invoicing::InstructionStatus::Returned;
    return invoicing::InstructionStatus::Sent;
}

void refuseIfKnown(RequestContext& ctx, const iso20022::Statement& s) {
    if (ctx.db.queryOne("SELECT id FROM bank_statements WHERE account_iban = ? AND statement_id ="
                        " ? AND from_date = ? AND to_date = ?",
                        {s.account_iban, s.statement_id, formatDate(s.from), formatDate(s.to)})) {
        throw ValidationError("STATEMENT_ALREADY_IMPORTED",
                              "Statement " + s.statement_id + " of " + s.account_iban + " for " +
                                  formatDate(s.from) + " – " + formatDate(s.to) +
                                  " was imported before; nothing changed.",
                              "");
    }
    if (!ctx.db.queryOne("SELECT code FROM municipalities WHERE debtor_iban = ?",
                         {s.account_iban})) {
        throw ValidationError(
            "UNKNOWN_DEBTOR_ACCOUNT",
            "Account " + s.account_iban + " is not the debtor account of any municipality.", "");
    }
}

// Stores one statement and reconciles its booked entries. Returns its entries as JSON.
Poco::JSON::Array::Ptr importOne(RequestContext& ctx, const iso20022::Statement& s,
                                 const std::string& sha) {
    iso20022::checkBalances(s);
    refuseIfKnown(ctx, s);
    ctx.db.execute(
        "INSERT INTO bank_statements (account_iban, statement_id, from_date, to_date, message_id,"
        " opening_cents, closing_cents, file_sha256, imported_at, imported_by)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        {s.account_iban, s.statement_id, formatDate(s.from), formatDate(s.to), s.message_id,
         s.opening_balance.cents(), s.closing_balance.cents(), sha, timestamp(ctx.clock),
         ctx.actor.name});
    const auto statement_id = ctx.db.lastInsertId();
    std::vector<Instruction> instructions;
    std::vector<invoicing::SentInstruction> sent;
    for (const auto& r : ctx.db.query(
             "SELECT id, provider_id, status, end_to_end_id, amount_cents, creditor_iban,"
             " execution_date FROM payment_instructions WHERE debtor_iban = ? AND status <>"
             " 'prepared' ORDER BY id FOR UPDATE",
             {s.account_iban})) {
        instructions.push_back({r.i64(0), r.i64(1), r.str(2)});
        sent.push_back({r.str(3), Money::fromCents(r.i64(4)), r.str(5), parseDate(r.str(6)),
                        instructionStatus(r.str(2))});
    }
    std::vector<const iso20022::StatementEntry*> booked;
    std::vector<invoicing::StatementEntry> entries;
    for (const auto& e : s.entries) {
        if (e.status != "BOOK" || e.amount <= Money()) continue;
        booked.push_back(&e);
        entries.push_back(
            {e.amount,
             e.credit ? invoicing::EntryDirection::Credit : invoicing::EntryDirection::Debit,
             e.booking_date.value_or(s.to), e.end_to_end_id, e.counterparty_iban, e.return_reason});
    }
    const auto matches = invoicing::reconcile(sent, entries);
    const Iban account = Iban::parse(s.account_iban);
    auto out = newArray();
    for (std::size_t k = 0; k < booked.size(); ++k) {
        const auto& e = *booked[k];
        const auto& m = matches.entries[k];
        const std::string status = statusOf(m);
        const std::string reason =
            m.reason
                ? invoicing::unmatchedReasonCode(*m.reason)
                : (m.kind == invoicing::MatchKind::AmountDifference ? "AMOUNT_DIFFERENCE" : "");
        const std::optional<Instruction> ins =
            m.instruction ? std::optional<Instruction>(instructions[*m.instruction]) : std::nullopt;
        ctx.db.execute(
            "INSERT INTO bank_entries (statement_id, seq, entry_ref, amount_cents, credit,"
            " booking_date, end_to_end_id, counterparty_iban, counterparty_name, return_reason,"
            " remittance, match_status, match_reason, instruction_id)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            {statement_id, static_cast<std::int64_t>(k + 1), e.entry_ref.substr(0, 35),
             e.amount.cents(), std::int64_t{e.credit ? 1 : 0},
             e.booking_date ? db::Param(formatDate(*e.booking_date)) : db::Param(nullptr),
             e.end_to_end_id.substr(0, 35), e.counterparty_iban, e.counterparty_name.substr(0, 140),
             e.return_reason.substr(0, 8), e.remittance.substr(0, 500), status,
             reason.empty() ? db::Param(nullptr) : db::Param(reason),
             ins ? db::Param(ins->id) : db::Param(nullptr)});
        const auto entry_id = ctx.db.lastInsertId();
        if (status == "booked") book(ctx, *ins, account, e.amount, entry_id);
        if (status == "returned") giveBack(ctx, *ins, account, e.amount, e.return_reason, entry_id);
        auto o = newObject();
        o->set("id", entry_id);
        o->set("amount_cents", e.amount.cents());
        o->set("credit", e.credit);
        o->set("end_to_end_id", e.end_to_end_id);
        o->set("match_status", status);
        if (!reason.empty()) o->set("reason", reason);
        if (!m.detail.empty()) o->set("detail", m.detail);
        out->add(o);
    }
    return out;
}

}  // namespace

const xml::SchemaSet& bankSchemas() {
    std::lock_guard lock(g_bank_schemas_mutex);
    if (!g_bank_schemas) throw std::runtime_error("bank statement schemas are not loaded");
    return *g_bank_schemas;
}

void setBankSchemas(const std::filesystem::path& dir) {
    auto set = std::make_shared<const xml::SchemaSet>(dir);
    std::lock_guard lock(g_bank_schemas_mutex);
    g_bank_schemas = std::move(set);
}

ApiResponse importBankStatement(RequestContext& ctx, const ApiRequest& req) {
    const std::string text = req.rawText();
    const auto read = iso20022::readCamt053(bankSchemas(), text);
    if (!read.ok()) {
        const auto& p = read.problems.front();
        throw ValidationError(
            p.code,
            "The statement is refused: " + p.message + " (line " + std::to_string(p.line) + ").",
            "");
    }
    const std::string sha = security::sha256Hex(text);
    db::Transaction tx(ctx.db);
    auto out = newObject();
    auto statements = newArray();
    for (const auto& s : read.statements) {
        auto o = newObject();
        o->set("statement_id", s.statement_id);
        o->set("account_iban", s.account_iban);
        o->set("entries", importOne(ctx, s, sha));
        statements->add(o);
    }
    out->set("statements", statements);
    appendAudit(ctx, {"bank_statement.import", "bank_statement", sha.substr(0, 16), "ok",
                      std::nullopt, std::nullopt});
    tx.commit();
    return {201, out};
}

ApiResponse reconciliationWorkList(RequestContext& ctx, const ApiRequest&) {
    auto out = newArray();
    for (const auto& r :
         ctx.db.query("SELECT e.id, s.account_iban, s.statement_id, e.amount_cents, e.credit,"
                      " e.booking_date, e.end_to_end_id, e.counterparty_iban, e.counterparty_name,"
                      " e.return_reason, e.match_status, e.match_reason FROM bank_entries e"
                      " JOIN bank_statements s ON s.id = e.statement_id"
                      " WHERE e.match_status IN ('unmatched', 'difference') ORDER BY e.id")) {
        auto o = newObject();
        o->set("id", r.i64(0));
        o->set("account_iban", r.str(1));
        o->set("statement_id", r.str(2));
        o->set("amount_cents", r.i64(3));
        o->set("credit", r.i64(4) != 0);
        setOptional(o, "booking_date", r.opt(5));
        setOptional(o, "end_to_end_id", r.opt(6));
        setOptional(o, "counterparty_iban", r.opt(7));
        setOptional(o, "counterparty_name", r.opt(8));
        setOptional(o, "return_reason", r.opt(9));
        o->set("match_status", r.str(10));
        setOptional(o, "reason", r.opt(11));
        out->add(o);
    }
    return {200, out};
}

ApiResponse resolveBankEntry(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto reason = requiredString(req.body, "reason", 400);
    const auto instruction_id = optionalInt(req.body, "instruction_id");
    db::Transaction tx(ctx.db);
    auto e = ctx.db.queryOne(
        "SELECT e.match_status, e.amount_cents, e.credit, s.account_iban FROM bank_entries e"
        " JOIN bank_statements s ON s.id = e.statement_id WHERE e.id = ? FOR UPDATE",
        {id});
    if (!e) notFound("Bank entry " + std::to_string(id), "id");
    if (e->str(0) != "unmatched" && e->str(0) != "difference") {
        throw ValidationError("ENTRY_NOT_OPEN", "This entry is " + e->str(0) + " already.", "id");
    }
    std::string status = "resolved";
    if (instruction_id) {
        auto i = ctx.db.queryOne(
            "SELECT id, provider_id, status, amount_cents, debtor_iban FROM payment_instructions"
            " WHERE id = ? FOR UPDATE",
            {*instruction_id});
        if (!i || i->str(2) != "sent" || i->i64(3) != e->i64(1) || e->i64(2) != 0 ||
            i->str(4) != e->str(3)) {
            throw ValidationError("MATCH_REFUSED",
                                  "Only a debit of exactly the amount of a sent transfer from the "
                                  "same account can be matched to it.",
                                  "instruction_id");
        }
        book(ctx, {i->i64(0), i->i64(1), i->str(2)}, Iban::parse(e->str(3)),
             Money::fromCents(e->i64(1)), id);
        status = "booked";
    }
    ctx.db.execute(
        "UPDATE bank_entries SET match_status = ?, instruction_id = COALESCE(?, instruction_id),"
        " resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ?",
        {status, instruction_id ? db::Param(*instruction_id) : db::Param(nullptr), reason,
         ctx.actor.name, timestamp(ctx.clock), id});
    auto out = newObject();
    out->set("id", id);
    out->set("match_status", status);
    out->set("resolution", reason);
    appendAudit(ctx, {"bank_entry.resolve", "bank_entry", std::to_string(id), "ok", std::nullopt,
                      toJson(Poco::Dynamic::Var(out))});
    tx.commit();
    return {200, out};
}

}  // namespace zc::app
