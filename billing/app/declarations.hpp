#pragma once
// Reading declarations (providers with an API key, contract managers, finance, auditors): the
// list and one declaration with its claim lines. A provider sees only its own.
#include <cstdint>
#include <string>
#include <vector>

#include "billing/store/declaration_store.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::billing {

// What a list asks for: "" matches every number / AGB / status.
struct DeclarationQuery {
    std::string number;
    std::string agb;
    std::string status;
    app::ListQuery list;
};

// One declaration with its claim lines.
struct DeclarationDetail {
    std::int64_t id = 0;
    DeclarationRow head;
    std::vector<ClaimLineRow> lines;
};

// Newest first; a provider sees only its own, staff may narrow to one provider by AGB.
app::ListPage<DeclarationListRow> listDeclarations(app::RequestContext& ctx,
                                                   const DeclarationQuery& q);
// The declaration and (unless `with_lines` is false) its lines; NOT_FOUND (field "id") when
// there is none or it is another provider's.
DeclarationDetail getDeclaration(app::RequestContext& ctx, std::int64_t id, bool with_lines = true);
// A page of the declaration's lines (GET /declarations/{id}/lines), with the same access as
// getDeclaration: NOT_FOUND for another provider's, the staff scope for staff.
app::ListPage<ClaimLineRow> getDeclarationLines(app::RequestContext& ctx, std::int64_t id,
                                                LineStatusFilter status, const app::ListQuery& q);

}  // namespace zc::billing
