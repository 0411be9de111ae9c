#pragma once
// The SQL of adjudicating a declaration (billing/app/claim_processor.hpp): registering the
// declaration and writing its outcome, the claim lines in batches, their review items, the
// ReferentieNummers used before, the debit a credit line cancels, a contract's status for a
// line's period and what a granted product's allocations have used. Rows in named structs;
// dates in their stored text form where the processor compares text.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "billing/domain/adjudication.hpp"
#include "billing/domain/claim_line.hpp"
#include "billing/domain/claim_status.hpp"
#include "contracting/kernel/unit.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::billing {

// claim_lines.codes: the retourcodes of a line, separated by spaces (the WMO325 lists them all).
std::string joinCodes(const std::vector<std::string>& codes);
std::vector<std::string> splitCodes(const std::string& text);

// A declaration as it is registered, before its lines are adjudicated (status 'answered').
struct NewDeclaration {
    std::int64_t provider_id = 0;
    std::string source;  // "wmo323", "json", "csv"
    std::optional<std::int64_t> inbox_id;
    std::string number;        // DeclaratieNummer
    std::string period_begin;  // YYYY-MM-DD
    std::string period_end;    // YYYY-MM-DD, "9999-12-31" when open
    std::string received_at;   // DATETIME(6) text
    std::int64_t total_submitted_cents = 0;
    std::string answer_due;         // YYYY-MM-DD
    std::string municipality_code;  // the recipient (Ontvanger)
};

// Locks and returns the declaration of this provider with this number, when there is one.
std::optional<std::int64_t> lockDeclarationNumber(db::Connection& db, std::int64_t provider_id,
                                                  const std::string& number);
// Registers the declaration; returns its id.
std::int64_t insertDeclaration(db::Connection& db, const NewDeclaration& d);
// Writes the declaration's outcome; answered_at stays NULL while it awaits review.
void closeDeclaration(db::Connection& db, std::int64_t id, std::int64_t awarded_cents,
                      const std::string& status, const std::string& header_code,
                      const std::string& now);

// Accepted, uncredited debit volume of a granted product over all its allocations, per unit.
struct GrantedUsageRow {
    std::int64_t granted_id = 0;
    Unit unit = Unit::Hours;
    std::int64_t volume = 0;
};
// For these granted products (an IN list of exactly these values, padded by the caller).
std::vector<GrantedUsageRow> grantedUsage(db::Connection& db,
                                          const std::vector<std::int64_t>& granted_ids);

// A contract's status and term, and the day of its latest change to that status.
struct ContractTermRow {
    std::string status;
    std::string term_start;
    std::string term_end;
    std::optional<std::string> status_since;  // DATE of the latest change to `status`
};
std::optional<ContractTermRow> contractTerm(db::Connection& db, std::int64_t contract_id);

// Which of these ReferentieNummers (not empty) this provider used before, in one query.
std::vector<std::string> usedReferences(db::Connection& db, std::int64_t provider_id,
                                        const std::vector<std::string>& references);
// Whether this provider used the ReferentieNummer before.
bool referenceUsed(db::Connection& db, std::int64_t provider_id, const std::string& reference);

// The accepted debit a credit line names, locked.
struct DebitRow {
    std::int64_t id = 0;
    std::int64_t allocation_number = 0;
    std::string product_code;
    std::string period_begin;
    std::string period_end;
    std::int64_t volume = 0;
    std::int64_t amount_cents = 0;
    bool credited = false;
};
std::optional<DebitRow> lockAcceptedDebit(db::Connection& db, std::int64_t provider_id,
                                          const std::string& reference);
// The debit is credited now.
void markCredited(db::Connection& db, std::int64_t claim_line_id);

// An open review item for the claim line.
void insertReviewItem(db::Connection& db, std::int64_t claim_line_id, std::int64_t declaration_id,
                      const std::string& code, const std::string& message,
                      const std::string& due_date);

// One multi-row INSERT of claim lines: built line by line, executed once (possibly on another
// thread, so it owns its text and values).
struct ClaimLinesInsert {
    std::string sql;
    db::Params params;
    std::string received_on;  // the declaration's day of receipt (YYYY-MM-DD), on every line
};
// An empty insert with room for `rows` lines of a declaration received on `received_on`.
ClaimLinesInsert startClaimLinesInsert(std::size_t rows, const std::string& received_on);
// Adds one line of the declaration sent to `municipality`; `bsn_enc` only for lines not
// accepted (the WMO325 lists them); `cap` when a cap rule failed (its figures are shown to
// the provider with the line).
void addClaimLine(ClaimLinesInsert& insert, std::int64_t declaration_id, std::int64_t provider_id,
                  const std::string& municipality, const ClaimLine& l, LineStatus status,
                  const std::string& code, const std::vector<std::string>& codes,
                  const std::optional<CapFigures>& cap, const std::string& bsn_hash,
                  std::optional<std::string> bsn_enc);
void writeClaimLines(db::Connection& db, const ClaimLinesInsert& insert);

}  // namespace zc::billing
