#pragma once
// Bank statements (ISO 20022 camt.053.001.02) and reconciliation (issue 5), finance role: each
// booked transfer is matched to its payment instruction and its payables become paid; returned
// transfers reopen their payables; differences and unknown entries go to a work list that
// finance resolves by hand. Importing the same statement twice changes nothing.
#include <filesystem>

#include "context.hpp"
#include "interfaces/xml/xml_document.hpp"

namespace zc::app {

// Loads our ISO 20022 XSDs (pain.001 and camt.053) from `dir` (interfaces/xml/schemas/iso20022)
// once, at start-up; bankSchemas() returns them.
void setBankSchemas(const std::filesystem::path& dir);
const xml::SchemaSet& bankSchemas();

// POST /bank-statements (body: the camt.053 XML): imports and reconciles. Refused with a
// reason and nothing stored: malformed or hostile XML (the parser's codes, e.g. XML_DOCTYPE),
// WRONG_CURRENCY, STATEMENT_UNBALANCED, UNKNOWN_DEBTOR_ACCOUNT (not a municipality's debtor
// account), 409 STATEMENT_ALREADY_IMPORTED (account + statement id + date range seen before).
ApiResponse importBankStatement(RequestContext& ctx, const ApiRequest& req);
// GET /reconciliation/work-list: entries not matched or with an amount difference.
ApiResponse reconciliationWorkList(RequestContext& ctx, const ApiRequest& req);
// POST /bank-entries/{id}/resolve {reason, instruction_id?}: with an instruction id, a debit
// entry of exactly its amount is booked as that transfer (matched by hand); without, the entry
// is closed with the reason (e.g. bank costs, handled elsewhere). Audited.
ApiResponse resolveBankEntry(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::app
