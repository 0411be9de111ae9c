#pragma once
// WMO325 out: the answer to a WMO323 built from what billing stored of the declaration
// (billing/app/declaration_answers.hpp), the message head kept with the declaration for it,
// and billing's ReviewedDeclarationsPort: a declaration that waited for its reviews gets its
// WMO325 queued when it is answered. Everything runs in the caller's transaction.
#include <cstdint>
#include <ostream>
#include <string>

#include "billing/app/reviewed_declarations.hpp"
#include "contracting/kernel/request_context.hpp"
#include "interfaces/iwmo/declaration.hpp"

namespace zc::iwmo {

// The WMO325 (identified by `identificatie`) answering the stored declaration whose message
// had `head`: every line not accepted with its codes, or the declaration's code when it was
// rejected as a whole.
std::string buildStoredWmo325(app::RequestContext& ctx, std::int64_t declaration_id,
                              const DeclarationHead& head, const std::string& identificatie);
// The same written to `out` with bounded memory (the rejected lines pass through a private
// temporary file to be grouped per client): for a declaration of any size.
void writeStoredWmo325(app::RequestContext& ctx, std::int64_t declaration_id,
                       const DeclarationHead& head, const std::string& identificatie,
                       std::ostream& out);

// The message head as kept with the declaration (declarations.message_head), and back.
std::string messageHeadJson(const DeclarationHead& head);
DeclarationHead messageHeadFromJson(const std::string& json);

// When the last review of a WMO323 declaration is decided: its WMO325 to the outbox, and the
// inbox message answered with it. Nothing for a declaration that did not come as a WMO323.
void completeReviewedDeclaration(app::RequestContext& ctx, std::int64_t declaration_id);

// The message layer's side of billing's ReviewedDeclarationsPort (completeReviewedDeclaration).
class Wmo325Answers final : public billing::ReviewedDeclarationsPort {
  public:
    explicit Wmo325Answers(app::RequestContext& ctx) : ctx_(ctx) {}
    void declarationAnswered(std::int64_t declaration_id) override;

  private:
    app::RequestContext& ctx_;
};

// The WMO325 waits for the reviews but never past the answer's due date (10 working days): every
// declaration still awaiting review on its due date is answered now, its undecided lines listed
// as not accepted with their review code, and those reviews are escalated (they stay open).
// Returns the number of declarations answered: billing::answerOverdueDeclarations wired to the
// WMO325s (the CLI's answer-overdue, POST /reviews/answer-overdue).
int answerOverdueDeclarations(app::RequestContext& ctx);

}  // namespace zc::iwmo
