#pragma once
// Bank statements and reconciliation over HTTP (finance): the camt.053 file read by
// interfaces/iso20022 into typed statements, the use cases of invoicing/app/bank_statements.hpp,
// JSON out.
#include "api_request.hpp"

namespace zc::http {

// POST /bank-statements (body: the camt.053 XML): imports and reconciles. Refused with a
// reason and nothing stored: malformed or hostile XML (the parser's codes, e.g. XML_DOCTYPE),
// WRONG_CURRENCY, STATEMENT_UNBALANCED, UNKNOWN_DEBTOR_ACCOUNT (not a municipality's debtor
// account), 409 STATEMENT_ALREADY_IMPORTED (account + statement id + date range seen before).
ApiResponse importBankStatement(RequestContext& ctx, const ApiRequest& req);
// GET /reconciliation/work-list: entries not matched or with an amount difference (kind
// "entry"), and statements that do not chain to the account's previous statement (kind
// "statement_chain": match_status gap or mismatch, detail says why, id is the statement's).
ApiResponse reconciliationWorkList(RequestContext& ctx, const ApiRequest& req);
// POST /bank-entries/{id}/resolve {reason, instruction_id?}: with an instruction id, a debit
// entry of exactly its amount is booked as that transfer (matched by hand); without, the entry
// is closed with the reason (e.g. bank costs, handled elsewhere). Audited.
ApiResponse resolveBankEntry(RequestContext& ctx, const ApiRequest& req);
// POST /bank-statements/{id}/chain/resolve {reason}: closes a broken chain (gap or mismatch)
// with the reason. NOT_FOUND, ENTRY_NOT_OPEN (nothing to resolve). Audited.
ApiResponse resolveStatementChain(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
