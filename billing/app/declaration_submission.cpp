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

constexpr std::size_t kMaxCsvRows = 10000;

std::vector<std::string> splitCsv(const std::string& line) {
    std::vector<std::string> out(1);
    for (char c : line) {
        if (c == ',') {
            out.emplace_back();
        } else if (c != '\r' && c != '"') {
            out.back() += c;
        }
    }
    return out;
}

[[noreturn]] void csvError(std::size_t row, const std::string& what) {
    throw ValidationError("INVALID_CSV", "Row " + std::to_string(row) + ": " + what, "csv");
}

std::int64_t csvNumber(std::size_t row, const std::string& text, const char* what) {
    if (text.empty() || text.size() > 12 ||
        text.find_first_not_of("0123456789") != std::string::npos) {
        csvError(row, std::string(what) + " must be a whole number.");
    }
    return std::stoll(text);
}

CsvRow csvRow(std::size_t row, const std::vector<std::string>& f) {
    CsvRow r;
    r.row = row;
    r.reference = f[0];
    if (r.reference.empty() || r.reference.size() > 20) {
        csvError(row, "reference is 1-20 characters.");
    }
    r.allocation_number = csvNumber(row, f[1], "allocation_number");
    r.bsn = f[2];
    const auto begin = tryParseDate(f[3]);
    const auto end = tryParseDate(f[4]);
    if (!begin || !end) csvError(row, "period_start and period_end are dates YYYY-MM-DD.");
    r.begin = *begin;
    r.end = *end;
    r.volume = csvNumber(row, f[5], "volume");
    return r;
}

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

std::vector<CsvRow> parseCsvRows(const std::string& text) {
    std::vector<CsvRow> rows;
    std::istringstream in(text);
    std::string line;
    std::size_t row = 0;
    while (std::getline(in, line)) {
        ++row;
        if (line.find_first_not_of(" \r") == std::string::npos) continue;
        const auto fields = splitCsv(line);
        if (row == 1 && fields[0] == "reference") continue;
        if (fields.size() != 6) csvError(row, "expected 6 columns.");
        if (rows.size() >= kMaxCsvRows) csvError(row, "at most 10,000 rows per upload.");
        rows.push_back(csvRow(row, fields));
    }
    if (rows.empty()) throw ValidationError("INVALID_CSV", "The upload has no rows.", "csv");
    return rows;
}

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
