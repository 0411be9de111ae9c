#pragma once
// Submitting a declaration as JSON (POST /declarations[/dry-run]) or as CSV rows of realised
// hours (POST /declarations/csv): one transaction, the lines adjudicated by the ClaimProcessor
// (credits before debits), what is awarded announced through AwardedClaimsPort. A dry run is
// the same work, rolled back. The provider is the actor's.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "billing/app/awarded_claims.hpp"
#include "billing/app/claim_processor.hpp"
#include "billing/app/csv_rows.hpp"
#include "billing/domain/claim_line.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::billing {

// A declaration as the JSON API sends it (the JSON form of a WMO323).
struct DeclarationInput {
    std::string number;  // DeclaratieNummer
    Period period;       // DeclaratiePeriode, half-open
    Money total_submitted;
    std::vector<ClaimLine> lines;  // in the order sent
    // The municipality it is sent to (Ontvanger); absent: see recipientOf.
    std::optional<std::string> municipality_code;
};

// A CSV upload: the head from the query, the rows from the body.
struct CsvDeclarationInput {
    std::string number;
    Period period;
    std::vector<CsvRow> rows;
    std::optional<std::string> municipality_code;  // as DeclarationInput
};

// The municipality a declaration is sent to: the one named (INVALID_MUNICIPALITY_CODE when not
// 4 digits, UNKNOWN_MUNICIPALITY when not known), else the paying municipality of the first
// line's allocation (in the order sent) that exists, else the municipality of the provider's
// contract (UNKNOWN_MUNICIPALITY when it has none). A line whose allocation another
// municipality pays for is rejected with 9338.
std::string recipientOf(app::RequestContext& ctx, const std::optional<std::string>& named,
                        const std::vector<ClaimLine>& lines);

// Adjudicates and stores the declaration (nothing stored with `dry_run`). 409
// DUPLICATE_DECLARATION when the provider used the number before.
DeclarationResult submitDeclaration(app::RequestContext& ctx, AwardedClaimsPort& awarded,
                                    DeclarationInput in, bool dry_run);
// The same for CSV rows, each completed from its allocation and contract (category, product,
// unit, tariff and amount); the submitted total is the sum of the amounts.
DeclarationResult submitCsvDeclaration(app::RequestContext& ctx, AwardedClaimsPort& awarded,
                                       const CsvDeclarationInput& in, bool dry_run);

}  // namespace zc::billing
