#include "bank_statement_lists.hpp"

#include "contracting/kernel/staff_scope.hpp"

namespace zc::invoicing {

app::ListPage<StatementListRow> listBankStatements(app::RequestContext& ctx, std::int64_t limit,
                                                   std::int64_t offset) {
    return listBankStatements(ctx.db, limit, offset, app::ownMunicipalities(ctx.actor));
}

app::ListPage<ResolvedItemRow> listResolvedWorkItems(app::RequestContext& ctx, std::int64_t limit,
                                                     std::int64_t offset) {
    return listResolvedWorkItems(ctx.db, limit, offset, app::ownMunicipalities(ctx.actor));
}

}  // namespace zc::invoicing
