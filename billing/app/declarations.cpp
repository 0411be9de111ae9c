#include "declarations.hpp"

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"

namespace zc::billing {

std::vector<DeclarationListRow> listDeclarations(app::RequestContext& ctx,
                                                 const DeclarationQuery& q) {
    DeclarationFilter f;
    f.provider_id = ctx.actor.role == app::Role::Provider ? ctx.actor.provider_id : 0;
    f.number = q.number;
    f.agb = q.agb;
    f.limit = q.limit;
    f.offset = q.offset;
    // A staff user sees the declarations addressed to the municipalities they work for.
    f.municipalities = app::ownMunicipalities(ctx.actor);
    return findDeclarations(ctx.db, f);
}

DeclarationDetail getDeclaration(app::RequestContext& ctx, std::int64_t id) {
    auto d = findDeclaration(ctx.db, id);
    if (!d || (ctx.actor.role == app::Role::Provider && d->provider_id != ctx.actor.provider_id)) {
        throw ValidationError("NOT_FOUND", "Declaration " + std::to_string(id) + " does not exist.",
                              "id");
    }
    app::requireWorksFor(ctx.actor, d->municipality_code, "declaration", std::to_string(id),
                         "Declaration " + std::to_string(id));
    return {id, std::move(*d), declarationLines(ctx.db, id)};
}

}  // namespace zc::billing
