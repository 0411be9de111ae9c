#include "wmo323_intake.hpp"

#include <Poco/JSON/Object.h>

#include <fstream>
#include <memory>
#include <stdexcept>

#include "billing/app/claim_processor.hpp"
#include "billing/app/declaration_intake.hpp"
#include "billing/app/spilled_hashes.hpp"
#include "billing/domain/declaration_checks.hpp"
#include "contracting/app/message_intake.hpp"
#include "contracting/app/provider_outbox.hpp"
#include "interfaces/iwmo/declaration_stream.hpp"
#include "interfaces/iwmo/exchange/intake_answer.hpp"
#include "interfaces/iwmo/exchange/message_schemas.hpp"
#include "interfaces/iwmo/exchange/outgoing.hpp"
#include "interfaces/iwmo/exchange/wmo325_answers.hpp"
#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/observability/request_metrics.hpp"
#include "interfaces/security/crypto.hpp"
#include "invoicing/app/claim_payables.hpp"

namespace zc::iwmo {
namespace {

constexpr std::size_t kBatchLines = 500;

// The content hash for exactly-once: of the text, or of the file's bytes.
std::string contentSha(const DeclarationSource& source) {
    return source.kind == DeclarationSource::Kind::Text ? security::sha256Hex(source.value)
                                                        : security::sha256HexOfFile(source.value);
}

billing::ClaimLine claimLine(const Prestatie& p) {
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

billing::DeclarationHeader billingHead(const DeclarationHead& h, Date today) {
    return {h.declaratie_nummer, Period{h.period_begin, addDays(h.period_end_inclusive, 1)}, today,
            Money::fromCents(signedCents(h.total_cents, h.total_credit)), h.ontvanger};
}

void requireValidRead(const Problems& problems) {
    if (problems.empty()) return;
    const auto& p = problems.front();
    technicalError(p.code, "The declaration is not processable: " + p.message + " (line " +
                               std::to_string(p.line) + ").");
}

// One received WMO323: its lines for billing, and the message layer around it. Keeps the
// synchronous answer.
class Wmo323Message final : public billing::DeclarationLines, public billing::DeclarationInbox {
  public:
    Wmo323Message(app::RequestContext& ctx, const std::string& sender_agb,
                  const DeclarationSource& source)
        : ctx_(ctx), sender_agb_(sender_agb), source_(source) {}

    void stream(Reader& reader) override;
    void requireValid() override { requireValidRead(problems_); }
    void eachLine(bool credits, const std::function<void(billing::ClaimLine&&)>& each) override;

    std::int64_t sender(const billing::ReceivedHead&) override {
        return contracting::checkSender(ctx_, head_.afzender, head_.ontvanger, sender_agb_);
    }
    std::optional<std::int64_t> registerMessage(std::int64_t provider_id) override;
    std::string messageHead() override { return messageHeadJson(head_); }
    std::optional<std::int64_t> answerWhole(const billing::WholeAnswer& a, std::int64_t provider_id,
                                            bool queue) override;
    std::optional<std::int64_t> answerStored(std::int64_t declaration_id, std::int64_t provider_id,
                                             bool queue) override;
    void answerAwaitingReview(const billing::DeclarationResult& result) override;
    std::string auditId() override { return head_.afzender + "/484/" + head_.identificatie; }

    IntakeAnswer& reply() { return reply_; }
    std::uint64_t linesRead() const { return lines_read_; }

  private:
    app::RequestContext& ctx_;
    const std::string& sender_agb_;
    const DeclarationSource& source_;
    const xml::Limits limits_ = declarationLimits();
    DeclarationHead head_;
    Problems problems_;
    IntakeAnswer reply_;
    std::uint64_t lines_read_ = 0;
};

void Wmo323Message::stream(Reader& reader) {
    DeclarationStream stream(messageSchemas(), source_, limits_, kBatchLines);
    bool stopped = false;
    std::vector<billing::ReceivedLine> lines;
    for (bool end = false; !end;) {
        auto next = stream.next();
        end = next.end;
        if (end) problems_ = std::move(next.problems);
        if (next.head && !stopped) {
            head_ = *next.head;
            stopped = !reader.onHead({billingHead(head_, ctx_.today()), head_.total_cents,
                                      head_.total_credit, head_.declaratie_dagtekening});
            if (stopped) stream.stop();
        }
        if (stopped) continue;
        lines.clear();
        lines.reserve(next.prestaties.size());
        for (const auto& p : next.prestaties) lines.push_back({claimLine(p), p.line});
        lines_read_ += lines.size();
        reader.onLines(lines);
    }
}

void Wmo323Message::eachLine(bool credits, const std::function<void(billing::ClaimLine&&)>& each) {
    DeclarationReader reader;
    requireValidRead(reader.read(
        messageSchemas(), source_, limits_, [](const auto&) {},
        [&](const Prestatie& p) {
            if (p.credit == credits) each(claimLine(p));
        }));
}

std::optional<std::int64_t> Wmo323Message::registerMessage(std::int64_t provider_id) {
    const MessageKind& kind = kindByName("wmo323");
    auto r = contracting::registerInbox(
        ctx_, {head_.afzender, kind.code, head_.identificatie, head_.dagtekening}, provider_id,
        contentSha(source_));
    if (r.repeat) {
        reply_ = storedAnswer(kind.name, r.repeat->outcome, std::move(r.repeat->retour_xml), true);
        return std::nullopt;
    }
    return r.inbox_id;
}

// A WMO325 that answers the declaration as a whole (level 2: the Header with 0001 only; or
// declaration-level codes such as 8214 and 9333) without a stored declaration.
std::optional<std::int64_t> Wmo323Message::answerWhole(const billing::WholeAnswer& whole,
                                                       std::int64_t provider_id, bool queue) {
    const std::string id = contracting::nextIdentificatie(ctx_);
    DeclarationAnswer a;
    a.technical_rejection = whole.technical_rejection;
    a.declaration_codes = whole.declaration_codes;
    a.declaratie_nummer = head_.declaratie_nummer;
    a.submitted_cents = signedCents(head_.total_cents, head_.total_credit);
    reply_ = {200, "application/xml; charset=utf-8",
              buildWmo325(answerHeader(head_, id, ctx_.today()), a), nullptr};
    if (!queue) return std::nullopt;
    return queueOutgoing(ctx_, provider_id, head_.ontvanger, "485", id, reply_.body, std::nullopt,
                         std::nullopt);
}

std::optional<std::int64_t> Wmo323Message::answerStored(std::int64_t declaration_id,
                                                        std::int64_t provider_id, bool queue) {
    const std::string id = contracting::nextIdentificatie(ctx_);
    // Written once, to a private temporary file: the answer, the outbox's body (sealed while it
    // is stored) and the inbox's retour (a reference to the outbox row) all come from it.
    auto file = std::make_shared<security::ScratchFile>();
    {
        std::ofstream out(file->path(), std::ios::binary);
        writeStoredWmo325(ctx_, declaration_id, head_, id, out);
        out.close();
        if (!out) throw std::runtime_error("cannot write the WMO325 to a temporary file");
    }
    reply_ = {200, "application/xml; charset=utf-8", "", file};
    if (!queue) return std::nullopt;
    return queueOutgoing(ctx_, provider_id, head_.ontvanger, "485", id, *file, std::nullopt,
                         std::nullopt);
}

void Wmo323Message::answerAwaitingReview(const billing::DeclarationResult& result) {
    Poco::JSON::Object o;
    o.set("declaration_id", result.declaration_id);
    o.set("status", std::string(billing::declarationStatusName(result.status)));
    o.set("answer_due", formatDate(result.answer_due));
    o.set("message", "Lines await a contract manager's review; the WMO325 follows in your outbox.");
    reply_ = {202, "application/json; charset=utf-8", jsonText(o), nullptr};
}

}  // namespace

IntakeAnswer receiveDeclaration(app::RequestContext& ctx, const std::string& sender_agb,
                                const DeclarationSource& source, bool dry_run) {
    invoicing::ClaimPayables payables(ctx);  // billing's AwardedClaimsPort, invoicing's side
    Wmo323Message message(ctx, sender_agb, source);
    billing::receiveDeclaration(ctx, payables, message, message, dry_run);
    if (!dry_run) obs::countDeclaration(message.linesRead());  // GET /metrics
    return std::move(message.reply());
}

std::vector<std::string> declarationProblems(const DeclarationSource& source) {
    billing::InMessageRules rules([] { return billing::spilledHashColumn(); });
    DeclarationReader reader;
    const auto problems = reader.read(
        messageSchemas(), source, declarationLimits(),
        [&](const DeclarationHead& h) {
            rules.head(billingHead(h, h.dagtekening), h.total_cents, h.total_credit,
                       h.declaratie_dagtekening);
        },
        [&](const Prestatie& p) { rules.line(claimLine(p), p.line); });
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

}  // namespace zc::iwmo
