#include "declaration_submission.hpp"

#include <algorithm>
#include <sstream>

#include "billing/domain/declaration_checks.hpp"
#include "billing/store/allocation_facts_store.hpp"
#include "billing/store/recipient_store.hpp"
#include "contracting/app/tariff_queries.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::billing {
namespace {

// Completes a CSV row from the allocation and the contract: what small providers need not know.
ClaimLine csvLine(app::RequestContext& ctx, const CsvRow& row) {
    ClaimLine l;
    l.reference = row.reference;
    l.allocation_number = row.allocation_number;
    l.bsn = row.bsn;
    l.period = Period{row.begin, row.end};
    l.volume = row.volume;
    const auto a = allocationProduct(ctx.db, l.allocation_number);
    if (!a) return l;  // adjudication answers 9338
    l.category = a->category;
    l.product_code = a->product_code;
    l.unit = a->unit;
    const auto tariff =
        contracting::contractTariffSchedule(ctx.db, a->contract_id, l.product_code).at(row.begin);
    if (tariff) {
        l.tariff = tariff->tariff;
        l.amount = tariff->tariff.times(l.volume);
    }
    return l;
}

// Adjudicates the lines (credits first) in the caller's transaction.
DeclarationResult adjudicate(app::RequestContext& ctx, AwardedClaimsPort& awarded,
                             const DeclarationHeader& head, const std::vector<ClaimLine>& lines,
                             const std::string& source) {
    ClaimProcessor p(ctx, awarded, ctx.actor.provider_id, head, source, std::nullopt);
    p.open();
    if (auto v = checkDeclarationTotals(head, lines)) p.rejectWhole(v->code, v->message);
    for (const auto& l : lines) p.add(l);
    return p.close();
}

}  // namespace

std::string recipientOf(app::RequestContext& ctx, const std::optional<std::string>& named,
                        const std::vector<ClaimLine>& lines) {
    if (named) {
        const std::string code = MunicipalityCode::parse(*named, "municipality_code").str();
        if (!municipalityKnown(ctx.db, code)) {
            throw ValidationError("UNKNOWN_MUNICIPALITY", "Municipality " + code + " is not known.",
                                  "municipality_code");
        }
        return code;
    }
    for (const auto& l : lines) {
        if (auto payer = allocationPayer(ctx.db, l.allocation_number)) return *payer;
    }
    if (auto m = contractMunicipality(ctx.db, ctx.actor.provider_id)) return *m;
    throw ValidationError("UNKNOWN_MUNICIPALITY",
                          "No line names a known allocation: name the municipality the "
                          "declaration is sent to (municipality_code).",
                          "municipality_code");
}

DeclarationResult submitDeclaration(app::RequestContext& ctx, AwardedClaimsPort& awarded,
                                    DeclarationInput in, bool dry_run) {
    db::Transaction tx(ctx.db);  // a dry run never commits: it stores nothing
    DeclarationHeader head{in.number, in.period, ctx.today(), in.total_submitted,
                           recipientOf(ctx, in.municipality_code, in.lines)};
    // Credits are processed before debits (OP366).
    std::stable_partition(in.lines.begin(), in.lines.end(),
                          [](const ClaimLine& l) { return l.credit; });
    auto r = adjudicate(ctx, awarded, head, in.lines, "json");
    if (!dry_run) tx.commit();
    return r;
}

DeclarationResult submitCsvDeclaration(app::RequestContext& ctx, AwardedClaimsPort& awarded,
                                       const CsvDeclarationInput& in, bool dry_run) {
    db::Transaction tx(ctx.db);
    std::vector<ClaimLine> lines;
    lines.reserve(in.rows.size());
    for (const auto& row : in.rows) lines.push_back(csvLine(ctx, row));
    DeclarationHeader head{in.number, in.period, ctx.today(), Money(),
                           recipientOf(ctx, in.municipality_code, lines)};
    for (const auto& l : lines) head.total_submitted += l.amount;
    auto r = adjudicate(ctx, awarded, head, lines, "csv");
    if (!dry_run) tx.commit();
    return r;
}

}  // namespace zc::billing
