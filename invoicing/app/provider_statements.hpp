#pragma once
// What a provider can follow (issue 5): its statement over a period — claims, accepted amounts,
// offsets, payments, returns and the open balance — and the trace of one prestatie from its
// declaration through the answer to the payment and the bank entry that paid it. A provider
// sees only its own (NOT_FOUND for another's).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/request_context.hpp"
#include "invoicing/store/provider_statement_store.hpp"

namespace zc::invoicing {

struct ProviderStatement {
    std::int64_t provider_id = 0;
    Date from, to;                                     // to exclusive
    std::vector<StatementLineRow> lines;               // one page, or all
    std::vector<StatementPaymentRow> payments;         // one page, or all
    std::int64_t lines_total = 0, payments_total = 0;  // in the whole period
    // Over the whole period, not only the page.
    std::int64_t claimed = 0, offsets = 0, paid = 0, returned = 0, in_transit = 0, open = 0;
};

// GET /providers/{id}/statement: for the period `from_text` .. `to_text` (dates; "" for this
// calendar year, resp. a year after `from`; INVALID_PERIOD unless from < to); NOT_FOUND for a
// provider that does not exist or, for a provider's user, is not theirs. `page` (its limit and
// offset) pages the lines and the payments alike; without one, all of both (the exports). The
// totals and counts cover the whole period, read with the page in one consistent read.
ProviderStatement providerStatement(app::RequestContext& ctx, std::int64_t provider_id,
                                    const std::string& from_text, const std::string& to_text,
                                    const std::optional<app::ListQuery>& page = {});

struct ClaimLineTrace {
    std::int64_t line_id = 0;
    TracedClaimLine line;
    std::optional<TracedPayable> payable;       // an accepted line's payable
    std::optional<TracedBankEntry> bank_entry;  // the entry that booked its transfer
};

// GET /claim-lines/{id}/trace (NOT_FOUND when unknown or another provider's).
ClaimLineTrace traceClaimLine(app::RequestContext& ctx, std::int64_t line_id);

}  // namespace zc::invoicing
