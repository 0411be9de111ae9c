#pragma once
// GET /bank-statements and GET /reconciliation/resolved (issue 15): the imported statements and
// the resolved work-list items, paged; a staff user sees those of the debtor accounts of the
// municipalities they work for (as the work list).
#include <cstdint>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/request_context.hpp"
#include "invoicing/store/bank_statement_lists.hpp"

namespace zc::invoicing {

app::ListPage<StatementListRow> listBankStatements(app::RequestContext& ctx, std::int64_t limit,
                                                   std::int64_t offset);
app::ListPage<ResolvedItemRow> listResolvedWorkItems(app::RequestContext& ctx, std::int64_t limit,
                                                     std::int64_t offset);

}  // namespace zc::invoicing
