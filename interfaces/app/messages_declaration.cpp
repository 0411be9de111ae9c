// WMO323 declarations through the message endpoint and the CLI: streamed twice (credits, then
// debits), adjudicated by the ClaimProcessor, answered with a WMO325.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "billing/domain/declaration_checks.hpp"
#include "claims.hpp"
#include "context.hpp"
#include "contracting/app/provider_outbox.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/unit.hpp"
#include "interfaces/iwmo/declaration.hpp"
#include "interfaces/iwmo/declaration_stream.hpp"
#include "interfaces/iwmo/exchange/outgoing.hpp"
#include "interfaces/security/aes_gcm.hpp"
#include "interfaces/security/crypto.hpp"
#include "invoicing/app/claim_payables.hpp"
#include "messages_internal.hpp"

namespace zc::app {
namespace {

constexpr std::size_t kBatchLines = 500;

// The content hash for exactly-once: of the text, or of the file's bytes.
std::string contentSha(const iwmo::DeclarationSource& source) {
    return source.kind == iwmo::DeclarationSource::Kind::Text
               ? security::sha256Hex(source.value)
               : security::sha256HexOfFile(source.value);
}

billing::ClaimLine claimLine(const iwmo::Prestatie& p) {
    billing::ClaimLine l;
    l.reference = p.reference;
    l.previous_reference = p.previous_reference;
    l.credit = p.credit;
    l.allocation_number = p.allocation_number.size() <= 12 ? std::stoll(p.allocation_number) : -1;
    l.bsn = p.bsn;
    l.category = p.category;
    l.product_code = p.product_code;
    l.period = Period{p.begin, addDays(p.end_inclusive, 1)};
    l.volume = p.volume;
    l.unit = unitFromIwmoCode(p.unit_code).value_or(Unit::Pieces);
    if (p.tariff_cents) l.tariff = Money::fromCents(*p.tariff_cents);
    l.amount = Money::fromCents(p.amount_cents);
    return l;
}

billing::DeclarationHeader billingHead(const iwmo::DeclarationHead& h, Date today) {
    return {h.declaratie_nummer, Period{h.period_begin, addDays(h.period_end_inclusive, 1)}, today,
            Money::fromCents(iwmo::signedCents(h.total_cents, h.total_credit))};
}

void requireValid(const iwmo::Problems& problems) {
    if (problems.empty()) return;
    const auto& p = problems.front();
    technicalError(p.code, "The declaration is not processable: " + p.message + " (line " +
                               std::to_string(p.line) + ").");
}

iwmo::Prestatie prestatieFrom(RequestContext& ctx, const db::Row& r) {
    iwmo::Prestatie p;
    p.bsn = security::decryptAesGcm(ctx.config.bsn_key, r.str(0));
    p.reference = r.str(1);
    p.previous_reference = r.opt(2);
    p.credit = r.i64(3) != 0;
    p.allocation_number = r.str(4);
    p.category = r.str(5);
    p.product_code = r.str(6);
    p.begin = parseDate(r.str(7));
    p.end_inclusive = addDays(parseDate(r.str(8)), -1);
    p.volume = r.i64(9);
    p.unit_code = iwmoUnitCode(parseUnit(r.str(10)));
    p.tariff_cents = r.optI64(11);
    p.amount_cents = r.i64(12);
    p.line = 0;
    return p;
}

std::string headJson(const iwmo::DeclarationHead& h) {
    Poco::JSON::Object o;
    o.set("afzender", h.afzender);
    o.set("ontvanger", h.ontvanger);
    o.set("identificatie", h.identificatie);
    o.set("dagtekening", formatDate(h.dagtekening));
    o.set("declaratie_nummer", h.declaratie_nummer);
    o.set("declaratie_dagtekening", formatDate(h.declaratie_dagtekening));
    o.set("xsd_basis", h.xsd_basis);
    o.set("xsd_bericht", h.xsd_bericht);
    return toJson(Poco::Dynamic::Var(o));
}

}  // namespace

// The WMO325 of a declaration from what is stored: every line not accepted with its code.
std::string buildStored325(RequestContext& ctx, std::int64_t declaration_id,
                           const iwmo::DeclarationHead& head, const std::string& identificatie) {
    auto d = ctx.db.queryOne(
        "SELECT total_submitted_cents, header_code, status FROM declarations WHERE id = ?",
        {declaration_id});
    iwmo::DeclarationAnswer a;
    a.declaratie_nummer = head.declaratie_nummer;
    a.submitted_cents = d->i64(0);
    if (d->str(2) == "rejected") {
        a.declaration_codes = {d->opt(1).value_or("0001")};
    } else {
        // In pages by id, so that the rows of thousands of rejected lines are not all held at
        // once next to what is built from them.
        std::int64_t after = 0;
        for (bool more = true; more;) {
            const auto rows = ctx.db.query(
                "SELECT bsn_enc, reference, previous_reference, credit, allocation_number,"
                " category, product_code, period_begin, period_end, volume, unit, tariff_cents,"
                " amount_cents, COALESCE(codes, code), id FROM claim_lines WHERE declaration_id = "
                "? AND id > ?"
                " AND status IN ('rejected', 'review') AND bsn_enc IS NOT NULL ORDER BY id"
                " LIMIT 1000",
                {declaration_id, after});
            for (const auto& r : rows) {
                a.rejected.push_back({prestatieFrom(ctx, r), splitCodes(r.str(13))});
            }
            more = rows.size() == 1000;
            if (more) after = rows.back().i64(14);
        }
    }
    const auto h = iwmo::answerHeader(head, identificatie, ctx.today());
    return iwmo::buildWmo325(h, a);
}

namespace {

// The declaration's outcome on its inbox message, with the WMO325 (when one was queued) as the
// stored answer for a resend, copied from the outbox by the server so that a large WMO325 is
// not sent to the database twice; and the audit row, with `after` when given.
void recordIntake(RequestContext& ctx, const iwmo::DeclarationHead& head, std::int64_t inbox_id,
                  std::optional<std::int64_t> outbox_id, const std::string& outcome,
                  std::optional<std::string> after = std::nullopt) {
    ctx.db.execute(
        "UPDATE inbox_messages SET outcome = ?, retour_code = ?,"
        " retour_xml = (SELECT xml FROM outbox_messages WHERE id = ?) WHERE id = ?",
        {outcome, outbox_id ? db::Param(std::string("485")) : db::Param(nullptr),
         outbox_id ? db::Param(*outbox_id) : db::Param(nullptr), inbox_id});
    appendAudit(ctx, {"message.receive", "message", head.afzender + "/484/" + head.identificatie,
                      outcome, std::nullopt, std::move(after)});
}

// A WMO325 that answers the declaration as a whole (level 2: the Header with 0001 only; or
// declaration-level codes such as 8214 and 9333) without a stored declaration: queued in the
// outbox and kept as the inbox message's retour, so that a resend gets the same bytes.
IntakeAnswer answerWhole(RequestContext& ctx, const iwmo::DeclarationHead& head,
                         iwmo::DeclarationAnswer a, std::int64_t provider_id, std::int64_t inbox_id,
                         bool dry_run, const std::string& outcome, const std::string& detail) {
    const std::string id = contracting::nextIdentificatie(ctx);
    a.declaratie_nummer = head.declaratie_nummer;
    a.submitted_cents = iwmo::signedCents(head.total_cents, head.total_credit);
    IntakeAnswer answer{200, "application/xml; charset=utf-8",
                        iwmo::buildWmo325(iwmo::answerHeader(head, id, ctx.today()), a)};
    if (dry_run) return answer;
    const auto outbox_id =
        iwmo::queueOutgoing(ctx, provider_id, "485", id, answer.body, std::nullopt, std::nullopt);
    Poco::JSON::Object why;
    why.set("problems", detail);
    recordIntake(ctx, head, inbox_id, outbox_id, outcome, toJson(Poco::Dynamic::Var(why)));
    return answer;
}

// TR318 (8214): the DeclaratiePeriode of the provider's latest WMO323 that was not rejected as
// a whole, when this one does not lie after it ("" when it does, or the rule is switched off).
std::string periodOutOfSequence(RequestContext& ctx, std::int64_t provider_id,
                                const iwmo::DeclarationHead& head) {
    if (!ctx.config.declaration_period_sequence) return "";
    // One declaration of a provider at a time decides against the previous one.
    ctx.db.queryOne("SELECT id FROM providers WHERE id = ? FOR UPDATE", {provider_id});
    const auto r = ctx.db.queryOne(
        "SELECT MAX(period_begin) FROM declarations WHERE provider_id = ? AND source = 'wmo323'"
        " AND status <> 'rejected'",
        {provider_id});
    if (!r || r->isNull(0) || parseDate(r->str(0)) < head.period_begin) return "";
    return r->str(0);
}

std::string describeProblems(const std::vector<billing::RuleProblem>& problems) {
    std::string out;
    for (const auto& p : problems) {
        if (out.size() > 2000) break;
        out += p.rule + (p.line ? " (line " + std::to_string(p.line) + ")" : "") + ": " +
               p.message + " ";
    }
    return out;
}

}  // namespace

namespace {

// One WMO323's intake (receiveDeclaration), pass by pass, with the state the passes share.
//
// Pass 1 reads the head (registration, exactly once), the in-message rules and, optimistically
// inside a savepoint, the debits. A credit line, or a ReferentieNummer used before (the
// optimistic pass leaves that to the unique index, which refuses its batch's write), undoes
// them and the declaration takes the careful path: credits first, then debits, each a pass of
// its own; a broken in-message rule undoes everything but the exactly-once record. The file is
// parsed on a thread of its own (DeclarationStream), and each batch is written while the next
// is adjudicated.
class DeclarationIntake {
  public:
    DeclarationIntake(RequestContext& ctx, const std::string& sender_agb,
                      const iwmo::DeclarationSource& source, bool dry_run)
        : ctx_(ctx), sender_agb_(sender_agb), source_(source), dry_run_(dry_run), payables_(ctx) {}

    IntakeAnswer run(db::Transaction& tx);

  private:
    void firstPass();
    // The head: registers the message (a repeat stops the stream) and opens the declaration.
    void onHead(iwmo::DeclarationStream& stream, const iwmo::DeclarationHead& head);
    void onPrestaties(const std::vector<iwmo::Prestatie>& prestaties);
    // Adjudicates the debits of the batch (a few queries fetch what its lines need).
    void process();
    template <typename Work>
    void optimistically(const Work& work);
    // The WMO325 of a declaration rejected as a whole (levels 2 and 3), or nothing.
    std::optional<IntakeAnswer> rejectedAsAWhole(db::Transaction& tx);
    // Credits before debits (OP366), each a pass over the file.
    void carefulPass();
    IntakeAnswer answer(const DeclarationResult& result, db::Transaction& tx);

    RequestContext& ctx_;
    const std::string& sender_agb_;
    const iwmo::DeclarationSource& source_;
    const bool dry_run_;
    const xml::Limits limits_ = iwmo::declarationLimits();
    invoicing::ClaimPayables payables_;  // billing's AwardedClaimsPort, invoicing's side
    std::optional<ClaimProcessor> processor_;
    iwmo::DeclarationHead head_;
    std::int64_t inbox_id_ = 0;
    std::int64_t provider_id_ = 0;
    std::optional<IntakeAnswer> repeat_;
    billing::InMessageRules rules_;  // control level 2, over the whole file
    bool duplicate_ = false;         // the DeclaratieNummer was used before (9333)
    std::string previous_period_;    // TR318 (8214): the later or equal previous period
    std::vector<billing::ClaimLine> batch_;
    bool optimistic_ = true;
    iwmo::Problems problems_;
};

void DeclarationIntake::process() {
    processor_->prefetch(batch_);
    for (const auto& l : batch_) processor_->add(l);
    batch_.clear();
}

template <typename Work>
void DeclarationIntake::optimistically(const Work& work) {
    try {
        work();
    } catch (const db::DbError& e) {
        if (!e.isDuplicateKey()) throw;
        optimistic_ = false;  // a ReferentieNummer used before: the careful path decides
        processor_->settle();
    }
}

void DeclarationIntake::onHead(iwmo::DeclarationStream& stream, const iwmo::DeclarationHead& head) {
    head_ = head;
    provider_id_ = checkSender(ctx_, head_.afzender, head_.ontvanger, sender_agb_);
    if (!dry_run_) {
        repeat_ = registerInbox(
            ctx_,
            {&iwmo::kindByName("wmo323"), head_.afzender, head_.identificatie, head_.dagtekening},
            provider_id_, contentSha(source_), inbox_id_);
    }
    if (repeat_) {
        stream.stop();
        return;
    }
    const auto bh = billingHead(head_, ctx_.today());
    rules_.head(bh, head_.total_cents, head_.total_credit, head_.declaratie_dagtekening);
    previous_period_ = periodOutOfSequence(ctx_, provider_id_, head_);
    ctx_.db.execute("SAVEPOINT zc_declaration");
    processor_.emplace(ctx_, payables_, provider_id_, bh, "wmo323",
                       dry_run_ ? std::nullopt : std::optional<std::int64_t>(inbox_id_));
    processor_->keepLineResults(false);
    processor_->pipelineInserts();
    processor_->trustReferenceIndex(true);
    try {
        processor_->open();
    } catch (const ValidationError& e) {
        if (e.code() != "DUPLICATE_DECLARATION") throw;
        duplicate_ = true;
    }
    optimistic_ = !duplicate_ && previous_period_.empty() && rules_.problemCount() == 0;
    ctx_.db.execute("SAVEPOINT zc_declaration_lines");
}

void DeclarationIntake::onPrestaties(const std::vector<iwmo::Prestatie>& prestaties) {
    for (const auto& p : prestaties) {
        const auto l = claimLine(p);
        rules_.line(l, p.line);
        optimistic_ = optimistic_ && !p.credit && rules_.problemCount() == 0;
        if (optimistic_) batch_.push_back(l);
    }
    if (optimistic_) optimistically([this] { process(); });
    batch_.clear();  // unless processed: the careful path reads the file again
}

void DeclarationIntake::firstPass() {
    iwmo::DeclarationStream stream(messageSchemas(), source_, limits_, kBatchLines);
    for (bool end = false; !end;) {
        auto next = stream.next();
        end = next.end;
        if (end) problems_ = std::move(next.problems);
        if (next.head && !repeat_) onHead(stream, *next.head);
        if (repeat_) continue;
        onPrestaties(next.prestaties);
    }
    if (processor_ && optimistic_) optimistically([this] { processor_->writePending(); });
    if (processor_) processor_->settle();  // the connection is this thread's again
}

std::optional<IntakeAnswer> DeclarationIntake::rejectedAsAWhole(db::Transaction& tx) {
    iwmo::DeclarationAnswer a;
    std::string why;
    if (!rules_.finish().empty()) {
        // Level 2: nothing of the declaration is kept and its number stays free.
        a.technical_rejection = true;
        why = describeProblems(rules_.finish());
    } else if (duplicate_ || !previous_period_.empty()) {
        // Level 3 on the declaration as a whole: nothing is kept, the number stays free.
        if (!previous_period_.empty()) {
            a.declaration_codes.push_back("8214");
            why = "8214: DeclaratiePeriode " + formatDate(head_.period_begin) +
                  " does not lie after the previous DeclaratiePeriode " + previous_period_ + ". ";
        }
        if (duplicate_) {
            a.declaration_codes.push_back("9333");
            why += "9333: DeclaratieNummer " + head_.declaratie_nummer +
                   " was used before by this provider.";
        }
    } else {
        return std::nullopt;
    }
    ctx_.db.execute("ROLLBACK TO SAVEPOINT zc_declaration");
    auto answer = answerWhole(ctx_, head_, a, provider_id_, inbox_id_, dry_run_, "rejected", why);
    if (!dry_run_) tx.commit();
    return answer;
}

void DeclarationIntake::carefulPass() {
    ctx_.db.execute("ROLLBACK TO SAVEPOINT zc_declaration_lines");
    processor_->restart();
    processor_->trustReferenceIndex(false);
    iwmo::DeclarationReader reader;
    requireValid(reader.read(
        messageSchemas(), source_, limits_, [](const auto&) {},
        [&](const iwmo::Prestatie& p) {
            if (p.credit) processor_->add(claimLine(p));
        }));
    requireValid(reader.read(
        messageSchemas(), source_, limits_, [](const auto&) {},
        [&](const iwmo::Prestatie& p) {
            if (p.credit) return;
            batch_.push_back(claimLine(p));
            if (batch_.size() == kBatchLines) process();
        }));
    process();
}

IntakeAnswer DeclarationIntake::answer(const DeclarationResult& result, db::Transaction& tx) {
    if (!dry_run_) {
        ctx_.db.execute("UPDATE declarations SET message_head = ? WHERE id = ?",
                        {headJson(head_), result.declaration_id});
    }
    IntakeAnswer answer;
    std::optional<std::int64_t> outbox_id;
    if (result.status == billing::DeclarationStatus::AwaitingReview) {
        Poco::JSON::Object o;
        o.set("declaration_id", result.declaration_id);
        o.set("status", std::string(billing::declarationStatusName(result.status)));
        o.set("answer_due", formatDate(result.answer_due));
        o.set("message",
              "Lines await a contract manager's review; the WMO325 follows in your outbox.");
        answer = {202, "application/json; charset=utf-8", toJson(Poco::Dynamic::Var(o))};
    } else {
        const std::string id = contracting::nextIdentificatie(ctx_);
        answer = {200, "application/xml; charset=utf-8",
                  buildStored325(ctx_, result.declaration_id, head_, id)};
        if (!dry_run_) {
            outbox_id = iwmo::queueOutgoing(ctx_, provider_id_, "485", id, answer.body,
                                            std::nullopt, std::nullopt);
        }
    }
    if (dry_run_) return answer;  // rolled back: nothing stored
    recordIntake(ctx_, head_, inbox_id_, outbox_id,
                 std::string(billing::declarationStatusName(result.status)));
    tx.commit();
    return answer;
}

IntakeAnswer DeclarationIntake::run(db::Transaction& tx) {
    firstPass();
    if (repeat_) {
        tx.commit();
        return *repeat_;
    }
    requireValid(problems_);
    if (auto whole = rejectedAsAWhole(tx)) return std::move(*whole);
    // The optimistic pass already processed every debit in its batches.
    if (!optimistic_) carefulPass();
    return answer(processor_->close(), tx);
}

}  // namespace

IntakeAnswer receiveDeclaration(RequestContext& ctx, const std::string& sender_agb,
                                const iwmo::DeclarationSource& source, bool dry_run) {
    db::Transaction tx(ctx.db);
    DeclarationIntake intake(ctx, sender_agb, source, dry_run);
    return intake.run(tx);
}

std::vector<std::string> declarationProblems(const iwmo::DeclarationSource& source) {
    billing::InMessageRules rules;
    iwmo::DeclarationReader reader;
    const auto problems = reader.read(
        messageSchemas(), source, iwmo::declarationLimits(),
        [&](const iwmo::DeclarationHead& h) {
            rules.head(billingHead(h, h.dagtekening), h.total_cents, h.total_credit,
                       h.declaratie_dagtekening);
        },
        [&](const iwmo::Prestatie& p) { rules.line(claimLine(p), p.line); });
    std::vector<std::string> out;
    for (const auto& p : problems) {
        out.push_back(p.code + " at line " + std::to_string(p.line) + ", column " +
                      std::to_string(p.column) + ": " + p.message);
    }
    if (!out.empty()) return out;
    for (const auto& p : rules.finish()) {
        out.push_back(p.rule + " at line " + std::to_string(p.line) + ": " + p.message);
    }
    return out;
}

void completeReviewedDeclaration(RequestContext& ctx, std::int64_t declaration_id) {
    auto d = ctx.db.queryOne(
        "SELECT d.message_head, d.inbox_message_id, d.provider_id FROM declarations d"
        " WHERE d.id = ? AND d.source = 'wmo323'",
        {declaration_id});
    if (!d || d->isNull(0)) return;
    Poco::JSON::Parser parser;
    const auto o = parser.parse(d->str(0)).extract<Poco::JSON::Object::Ptr>();
    iwmo::DeclarationHead head{};
    head.afzender = o->getValue<std::string>("afzender");
    head.ontvanger = o->getValue<std::string>("ontvanger");
    head.identificatie = o->getValue<std::string>("identificatie");
    head.dagtekening = parseDate(o->getValue<std::string>("dagtekening"));
    head.declaratie_nummer = o->getValue<std::string>("declaratie_nummer");
    head.declaratie_dagtekening = parseDate(o->getValue<std::string>("declaratie_dagtekening"));
    head.xsd_basis = o->getValue<std::string>("xsd_basis");
    head.xsd_bericht = o->getValue<std::string>("xsd_bericht");
    const std::string id = contracting::nextIdentificatie(ctx);
    const std::string xml = buildStored325(ctx, declaration_id, head, id);
    iwmo::queueOutgoing(ctx, d->i64(2), "485", id, xml, std::nullopt, std::nullopt);
    if (!d->isNull(1)) {
        ctx.db.execute(
            "UPDATE inbox_messages SET outcome = 'answered', retour_code = '485', retour_xml = ?"
            " WHERE id = ?",
            {xml, d->i64(1)});
    }
}

}  // namespace zc::app
