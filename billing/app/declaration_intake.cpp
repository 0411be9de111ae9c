#include "declaration_intake.hpp"

#include <optional>

#include "billing/app/claim_processor.hpp"
#include "billing/app/spilled_hashes.hpp"
#include "billing/store/declaration_intake_store.hpp"
#include "contracting/app/message_intake.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::billing {
namespace {

constexpr const char* kDeclarationSavepoint = "zc_declaration";
constexpr const char* kLinesSavepoint = "zc_declaration_lines";
constexpr std::size_t kBatchLines = 500;

// One WMO323's intake, pass by pass, with the state the passes share.
class DeclarationIntake final : public DeclarationLines::Reader {
  public:
    DeclarationIntake(app::RequestContext& ctx, AwardedClaimsPort& awarded, DeclarationLines& lines,
                      DeclarationInbox& inbox, bool dry_run)
        : ctx_(ctx), awarded_(awarded), lines_(lines), inbox_(inbox), dry_run_(dry_run) {}

    IntakeOutcome run(db::Transaction& tx);

    // The head: registers the message (a repeat stops the stream) and opens the declaration.
    bool onHead(const ReceivedHead& head) override;
    void onLines(std::vector<ReceivedLine>& lines) override;

  private:
    void firstPass();
    // Adjudicates the debits of the batch (a few queries fetch what its lines need).
    void process();
    template <typename Work>
    void optimistically(const Work& work);
    // TR318 (8214): the provider's previous DeclaratiePeriode when this one does not lie after
    // it ("" when it does, or the rule is switched off).
    std::string periodOutOfSequence();
    // Answers a declaration rejected as a whole (levels 2 and 3); false when it is not.
    bool rejectedAsAWhole(db::Transaction& tx);
    // Credits before debits (OP366), each a pass over the message.
    void carefulPass();
    IntakeOutcome answer(const DeclarationResult& result, db::Transaction& tx);
    // The outcome on the inbox message and the message's audit row.
    void recordIntake(std::optional<std::int64_t> outbox_id, const std::string& outcome,
                      std::optional<std::string> after = std::nullopt);

    app::RequestContext& ctx_;
    AwardedClaimsPort& awarded_;
    DeclarationLines& lines_;
    DeclarationInbox& inbox_;
    const bool dry_run_;
    std::optional<ClaimProcessor> processor_;
    ReceivedHead head_;
    std::int64_t inbox_id_ = 0;
    std::int64_t provider_id_ = 0;
    bool repeat_ = false;
    // Control level 2, over the whole message (its hashes spilled to disk: bounded memory).
    InMessageRules rules_{[] { return spilledHashColumn(); }};
    bool duplicate_ = false;       // the DeclaratieNummer was used before (9333)
    std::string previous_period_;  // TR318 (8214): the later or equal previous period
    std::vector<ClaimLine> batch_;
    bool optimistic_ = true;
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

std::string DeclarationIntake::periodOutOfSequence() {
    if (!ctx_.config.declaration_period_sequence) return "";
    // One declaration of a provider at a time decides against the previous one.
    lockProvider(ctx_.db, provider_id_);
    const auto latest = latestWmo323Period(ctx_.db, provider_id_);
    if (!latest || parseDate(*latest) < head_.head.declaration_period.begin) return "";
    return *latest;
}

bool DeclarationIntake::onHead(const ReceivedHead& head) {
    head_ = head;
    provider_id_ = inbox_.sender(head_);
    if (!dry_run_) {
        const auto inbox_id = inbox_.registerMessage(provider_id_);
        repeat_ = !inbox_id;
        if (repeat_) return false;
        inbox_id_ = *inbox_id;
    }
    rules_.head(head_.head, head_.total_cents, head_.total_credit, head_.declaratie_dagtekening);
    previous_period_ = periodOutOfSequence();
    savepoint(ctx_.db, kDeclarationSavepoint);
    processor_.emplace(ctx_, awarded_, provider_id_, head_.head, "wmo323",
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
    savepoint(ctx_.db, kLinesSavepoint);
    return true;
}

void DeclarationIntake::onLines(std::vector<ReceivedLine>& lines) {
    for (auto& l : lines) {
        rules_.line(l.line, l.line_number);
        optimistic_ = optimistic_ && !l.line.credit && rules_.problemCount() == 0;
        if (optimistic_) batch_.push_back(std::move(l.line));
    }
    // Without a head there is no declaration to process (the message is not processable).
    if (optimistic_ && processor_) optimistically([this] { process(); });
    batch_.clear();  // unless processed: the careful path reads the message again
}

void DeclarationIntake::firstPass() {
    lines_.stream(*this);
    if (processor_ && optimistic_) optimistically([this] { processor_->writePending(); });
    if (processor_) processor_->settle();  // the connection is this thread's again
}

bool DeclarationIntake::rejectedAsAWhole(db::Transaction& tx) {
    const auto whole = wholeRejection(rules_.finish(), duplicate_, previous_period_, head_.head);
    if (!whole) return false;
    rollbackToSavepoint(ctx_.db, kDeclarationSavepoint);
    const auto outbox_id = inbox_.answerWhole(whole->answer, provider_id_, !dry_run_);
    if (dry_run_) return true;
    security::AuditRecord after;
    after.set("problems", whole->why);
    recordIntake(outbox_id, "rejected", after.json());
    tx.commit();
    return true;
}

void DeclarationIntake::carefulPass() {
    rollbackToSavepoint(ctx_.db, kLinesSavepoint);
    processor_->restart();
    processor_->trustReferenceIndex(false);
    lines_.eachLine(true, [&](ClaimLine&& l) { processor_->add(l); });
    lines_.eachLine(false, [&](ClaimLine&& l) {
        batch_.push_back(std::move(l));
        if (batch_.size() == kBatchLines) process();
    });
    process();
}

void DeclarationIntake::recordIntake(std::optional<std::int64_t> outbox_id,
                                     const std::string& outcome, std::optional<std::string> after) {
    contracting::recordInboxOutcome(ctx_, inbox_id_, outbox_id, outcome);
    security::appendAudit(ctx_, {"message.receive", "message", inbox_.auditId(), outcome,
                                 std::nullopt, std::move(after)});
}

IntakeOutcome DeclarationIntake::answer(const DeclarationResult& result, db::Transaction& tx) {
    if (!dry_run_) storeMessageHead(ctx_.db, result.declaration_id, inbox_.messageHead());
    std::optional<std::int64_t> outbox_id;
    const bool waiting = result.status == DeclarationStatus::AwaitingReview;
    if (waiting) {
        inbox_.answerAwaitingReview(result);
    } else {
        outbox_id = inbox_.answerStored(result.declaration_id, provider_id_, !dry_run_);
    }
    const auto outcome = waiting ? IntakeOutcome::AwaitingReview : IntakeOutcome::Answered;
    if (dry_run_) return outcome;  // rolled back: nothing stored
    recordIntake(outbox_id, std::string(declarationStatusName(result.status)));
    tx.commit();
    return outcome;
}

IntakeOutcome DeclarationIntake::run(db::Transaction& tx) {
    firstPass();
    if (repeat_) {
        tx.commit();
        return IntakeOutcome::Repeat;
    }
    lines_.requireValid();
    if (rejectedAsAWhole(tx)) return IntakeOutcome::RejectedWhole;
    // The optimistic pass already processed every debit in its batches.
    if (!optimistic_) carefulPass();
    return answer(processor_->close(), tx);
}

}  // namespace

std::optional<WholeRejection> wholeRejection(const std::vector<RuleProblem>& problems,
                                             bool duplicate, const std::string& previous_period,
                                             const DeclarationHeader& head) {
    WholeRejection r;
    if (!problems.empty()) {
        // Level 2: nothing of the declaration is kept and its number stays free.
        r.answer.technical_rejection = true;
        r.why = describeProblems(problems);
    } else if (duplicate || !previous_period.empty()) {
        // Level 3 on the declaration as a whole: nothing is kept, the number stays free.
        if (!previous_period.empty()) {
            r.answer.declaration_codes.push_back("8214");
            r.why = "8214: DeclaratiePeriode " + formatDate(head.declaration_period.begin) +
                    " does not lie after the previous DeclaratiePeriode " + previous_period + ". ";
        }
        if (duplicate) {
            r.answer.declaration_codes.push_back("9333");
            r.why += "9333: DeclaratieNummer " + head.number + " was used before by this provider.";
        }
    } else {
        return std::nullopt;
    }
    return r;
}

std::string describeProblems(const std::vector<RuleProblem>& problems) {
    std::string out;
    for (const auto& p : problems) {
        if (out.size() > 2000) break;
        out += p.rule + (p.line ? " (line " + std::to_string(p.line) + ")" : "") + ": " +
               p.message + " ";
    }
    return out;
}

IntakeOutcome receiveDeclaration(app::RequestContext& ctx, AwardedClaimsPort& awarded,
                                 DeclarationLines& lines, DeclarationInbox& inbox, bool dry_run) {
    db::Transaction tx(ctx.db);
    DeclarationIntake intake(ctx, awarded, lines, inbox, dry_run);
    return intake.run(tx);
}

}  // namespace zc::billing
