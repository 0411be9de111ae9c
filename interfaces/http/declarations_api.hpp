#pragma once
// Declarations over HTTP: submitting them (JSON, CSV; billing/app/declaration_submission.hpp)
// and reading them (billing/app/declarations.hpp), as JSON.
#include "api_request.hpp"

namespace zc::http {

// GET /declarations?number=&agb=: newest first; a provider sees only its own.
ApiResponse listDeclarations(RequestContext& ctx, const ApiRequest& req);
// GET /declarations/{id}: the declaration with its claim lines.
ApiResponse getDeclaration(RequestContext& ctx, const ApiRequest& req);
// GET /declarations/{id}/lines: a page of its lines (?status=&q=&sort=&limit=&offset=) with
// X-Total-Count.
ApiResponse listDeclarationLines(RequestContext& ctx, const ApiRequest& req);

// POST /declarations (provider, API key) and POST /declarations/dry-run: the JSON form of a
// WMO323; the answer is the JSON form of the WMO325 (201, 422 when rejected as a whole; 200 for
// a dry run).
ApiResponse submitDeclaration(RequestContext& ctx, const ApiRequest& req);
ApiResponse dryRunDeclaration(RequestContext& ctx, const ApiRequest& req);
// POST /declarations/csv?number=&period_start=&period_end=[&dry_run=true]: realised hours as CSV
// rows "reference,allocation_number,bsn,period_start,period_end,volume" (with that header line);
// product, unit, tariff and amount come from the allocation and the contract.
ApiResponse submitCsvDeclaration(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
