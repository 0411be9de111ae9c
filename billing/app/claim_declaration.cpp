// Registering a declaration and closing it: its outcome, what it awards (announced to
// invoicing) and its audit row. The lines in between are claim_processor.cpp's.
#include "billing/app/claim_processor.hpp"
#include "billing/store/claim_line_store.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::billing {
namespace {

std::string endText(const Period& p) { return p.end ? formatDate(*p.end) : "9999-12-31"; }

}  // namespace

void ClaimProcessor::open() {
    if (lockDeclarationNumber(db(), provider_id_, head_.number)) {
        throw ValidationError("DUPLICATE_DECLARATION",
                              "DeclaratieNummer " + head_.number +
                                  " was used before by this provider (iWmo 9333); use a new one.",
                              "number");
    }
    result_.declaration_id = insertDeclaration(
        db(),
        {provider_id_, source_, inbox_id_, head_.number, formatDate(head_.declaration_period.begin),
         endText(head_.declaration_period), app::timestamp(ctx_.clock),
         head_.total_submitted.cents(), formatDate(result_.answer_due), head_.recipient});
}

// What the declaration awards, per product category (credits negative), for invoicing.
AwardedClaims ClaimProcessor::awardedClaims() const {
    AwardedClaims a;
    a.provider_id = provider_id_;
    a.municipality_code = head_.recipient;
    a.source_type = "declaration";
    a.source_id = result_.declaration_id;
    a.journal_source = "declaration:" + std::to_string(result_.declaration_id);
    a.booked_on = ctx_.today();
    a.due = addDays(head_.received_on, ctx_.config.payment_term_days);
    a.cost_year = static_cast<int>(head_.declaration_period.begin.year());
    a.by_category.assign(awarded_by_category_.begin(), awarded_by_category_.end());
    ZC_ASSERT(a.total() == result_.awarded);
    return a;
}

DeclarationResult ClaimProcessor::close() {
    flushNow();
    const bool waiting = reviews_ > 0;
    result_.status = rejected_whole_ ? DeclarationStatus::Rejected
                     : waiting       ? DeclarationStatus::AwaitingReview
                                     : DeclarationStatus::Answered;
    const std::string status(declarationStatusName(result_.status));
    if (rejected_whole_) result_.awarded = Money();
    closeDeclaration(db(), result_.declaration_id, result_.awarded.cents(), status,
                     result_.header_code, app::timestamp(ctx_.clock));
    awarded_.linesWritten(result_.declaration_id);
    if (!rejected_whole_) awarded_.announce(awardedClaims());
    security::appendAudit(
        ctx_, {"declaration.receive", "declaration", std::to_string(result_.declaration_id), status,
               std::nullopt,
               "{\"lines\":" + std::to_string(result_.lines) +
                   ",\"accepted\":" + std::to_string(result_.accepted) +
                   ",\"awarded_cents\":" + std::to_string(result_.awarded.cents()) + "}"});
    result_.municipality_code = head_.recipient;
    return std::move(result_);
}

}  // namespace zc::billing
