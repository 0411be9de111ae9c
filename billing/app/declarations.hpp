#pragma once
// Reading declarations (providers with an API key, contract managers, finance, auditors): the
// list and one declaration with its claim lines. A provider sees only its own.
#include <cstdint>
#include <string>
#include <vector>

#include "billing/store/declaration_store.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::billing {

// What a list asks for: "" matches every number / AGB.
struct DeclarationQuery {
    std::string number;
    std::string agb;
    std::int64_t limit = 100;
    std::int64_t offset = 0;
};

// One declaration with its claim lines.
struct DeclarationDetail {
    std::int64_t id = 0;
    DeclarationRow head;
    std::vector<ClaimLineRow> lines;
};

// Newest first; a provider sees only its own, staff may narrow to one provider by AGB.
std::vector<DeclarationListRow> listDeclarations(app::RequestContext& ctx,
                                                 const DeclarationQuery& q);
// The declaration and its lines; NOT_FOUND (field "id") when there is none or it is another
// provider's.
DeclarationDetail getDeclaration(app::RequestContext& ctx, std::int64_t id);

}  // namespace zc::billing
