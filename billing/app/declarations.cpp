#include "declarations.hpp"

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"

namespace zc::billing {

app::ListPage<DeclarationListRow> listDeclarations(app::RequestContext& ctx,
                                                   const DeclarationQuery& q) {
    DeclarationFilter f;
    f.provider_id = ctx.actor.role == app::Role::Provider ? ctx.actor.provider_id : 0;
    f.number = q.number;
    f.agb = q.agb;
    f.status = q.status;
    f.list = q.list;
    // A staff user sees the declarations addressed to the municipalities they work for.
    f.municipalities = app::ownMunicipalities(ctx.actor);
    return findDeclarations(ctx.db, f);
}

namespace {

// The declaration if the actor may read it; NOT_FOUND or the scope's refusal otherwise.
DeclarationRow readableDeclaration(app::RequestContext& ctx, std::int64_t id) {
    auto d = findDeclaration(ctx.db, id);
    if (!d || (ctx.actor.role == app::Role::Provider && d->provider_id != ctx.actor.provider_id)) {
        throw ValidationError("NOT_FOUND", "Declaration " + std::to_string(id) + " does not exist.",
                              "id");
    }
    app::requireWorksFor(ctx.actor, d->municipality_code, "declaration", std::to_string(id),
                         "Declaration " + std::to_string(id));
    return std::move(*d);
}

}  // namespace

DeclarationDetail getDeclaration(app::RequestContext& ctx, std::int64_t id, bool with_lines) {
    auto d = readableDeclaration(ctx, id);
    return {id, std::move(d),
            with_lines ? declarationLines(ctx.db, id) : std::vector<ClaimLineRow>{}};
}

app::ListPage<ClaimLineRow> getDeclarationLines(app::RequestContext& ctx, std::int64_t id,
                                                LineStatusFilter status, const app::ListQuery& q) {
    readableDeclaration(ctx, id);
    return declarationLinesPage(ctx.db, id, status, q);
}

}  // namespace zc::billing
