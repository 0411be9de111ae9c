#include "adjudication.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <string_view>
#include <utility>

#include "billing/domain/cap_windows.hpp"
#include "billing/domain/verdict_text.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/rounding.hpp"

namespace zc::billing {
namespace {

using verdict_text::decimal;
using verdict_text::describe;
using verdict_text::reject;
using verdict_text::review;
using verdict_text::spokenUnit;

struct ReasonInfo {
    Reason reason;
    std::string_view name;
    std::string_view code;
};

// The single table of reasons, in order of precedence; adjudication.hpp documents each row.
constexpr std::array<ReasonInfo, 28> kReasons{{
    {Reason::DeclarationPeriodNotOneMonth, "declaration_period_not_one_month", "0001"},
    {Reason::DeclarationTotalMismatch, "declaration_total_mismatch", "0001"},
    {Reason::AllocationNotFound, "allocation_not_found", "9338"},
    {Reason::WrongMunicipality, "wrong_municipality", "9338"},
    {Reason::AllocationRemoved, "allocation_removed", "9384"},
    {Reason::ClientMismatch, "client_mismatch", "8187"},
    {Reason::CategoryMismatch, "category_mismatch", "9339"},
    {Reason::ProductCodeMismatch, "product_code_mismatch", "9340"},
    {Reason::PeriodNotOneMonth, "period_not_one_month", "0001"},
    {Reason::PeriodAfterDeclaration, "period_after_declaration", "9319"},
    {Reason::LateDeclaration, "late_declaration", "9319"},
    {Reason::BeginOutsideAllocation, "begin_outside_allocation", "9307"},
    {Reason::EndOutsideAllocation, "end_outside_allocation", "9308"},
    {Reason::PeriodNotFromMonthStart, "period_not_from_month_start", "9387"},
    {Reason::PeriodNotToMonthEnd, "period_not_to_month_end", "9388"},
    {Reason::NoActiveContract, "no_active_contract", "0611"},
    {Reason::UnitMismatch, "unit_mismatch", "9341"},
    {Reason::TariffMismatch, "tariff_mismatch", "0611"},
    {Reason::AmountMismatch, "amount_mismatch", "9346"},
    {Reason::PeriodVolumeExceeded, "period_volume_exceeded", "9321"},
    {Reason::CumulativeVolumeExceeded, "cumulative_volume_exceeded", "9322"},
    {Reason::DecisionVolumeExceeded, "decision_volume_exceeded", "9322"},
    {Reason::ReferenceUsed, "reference_used", "8021"},
    {Reason::PeriodAlreadyClaimed, "period_already_claimed", "9389"},
    {Reason::NotZin, "not_zin", "9338"},
    {Reason::CreditWithoutDebit, "credit_without_debit", "8017"},
    {Reason::CreditAlreadyCredited, "credit_already_credited", "9390"},
    {Reason::CreditDoesNotMatchDebit, "credit_does_not_match_debit", "8017"},
}};

const ReasonInfo& infoOf(Reason r) {
    for (const auto& info : kReasons) {
        if (info.reason == r) return info;
    }
    assertionFailed("reason missing from kReasons", __FILE__, __LINE__);
}

// "12.34" for amounts that fit Money, else the number of cents.
std::string euros(__int128 cents) {
    if (cents > std::numeric_limits<std::int64_t>::max() ||
        cents < std::numeric_limits<std::int64_t>::min()) {
        return decimal(cents) + " cents";
    }
    return Money::fromCents(static_cast<std::int64_t>(cents)).toString();
}

bool isTariffChange(const ContractFacts& contract, Date d) {
    return std::find(contract.tariff_changes.begin(), contract.tariff_changes.end(), d) !=
           contract.tariff_changes.end();
}

bool minutesOnHours(const ClaimLine& line, const AllocationFacts& allocation) {
    return line.unit == Unit::Minutes && allocation.unit == Unit::Hours;
}

// volume × tariff in cents, or hourly tariff × minutes ÷ 60 rounded half-up; nullopt when the
// result cannot be an int64 amount at all.
std::optional<std::int64_t> expectedAmountCents(const ClaimLine& line, Money tariff,
                                                bool per_minute_of_hour) {
    const __int128 product = static_cast<__int128>(tariff.cents()) * line.volume;
    const __int128 divisor = per_minute_of_hour ? kMinutesPerHour : 1;
    const __int128 max = static_cast<__int128>(std::numeric_limits<std::int64_t>::max()) * divisor;
    if (product > max || product < -max) return std::nullopt;
    if (!per_minute_of_hour) return static_cast<std::int64_t>(product);
    return divideRoundHalfUp(product, kMinutesPerHour);
}

}  // namespace

const std::vector<Reason>& allReasons() {
    static const std::vector<Reason> reasons = [] {
        std::vector<Reason> out;
        for (const auto& info : kReasons) out.push_back(info.reason);
        return out;
    }();
    return reasons;
}

std::string reasonName(Reason r) { return std::string(infoOf(r).name); }

std::string reasonCode(Reason r) { return std::string(infoOf(r).code); }

std::optional<Verdict> checkAllocationBelongs(const ClaimLine& line, std::int64_t provider_id,
                                              const std::optional<AllocationFacts>& allocation) {
    if (allocation && allocation->number == line.allocation_number &&
        allocation->provider_id == provider_id) {
        return std::nullopt;
    }
    return reject(Reason::AllocationNotFound,
                  "Allocation (ToewijzingNummer) " + std::to_string(line.allocation_number) +
                      " is not an allocation of yours; claim only on allocations you received "
                      "in a WMO301.");
}

std::optional<Verdict> checkPayingMunicipality(const DeclarationHeader& header,
                                               const AllocationFacts& allocation) {
    if (allocation.paying_municipality == header.recipient) return std::nullopt;
    return reject(Reason::WrongMunicipality,
                  "Allocation (ToewijzingNummer) " + std::to_string(allocation.number) +
                      " was issued by municipality " + allocation.paying_municipality +
                      ", not by " + header.recipient + "; declare it to " +
                      allocation.paying_municipality + ".");
}

std::optional<Verdict> checkAllocationNotRemoved(const AllocationFacts& allocation) {
    if (!allocation.removed) return std::nullopt;
    return reject(Reason::AllocationRemoved,
                  "Allocation " + std::to_string(allocation.number) +
                      " was withdrawn (RedenWijziging 13); nothing can be claimed on it.");
}

std::optional<Verdict> checkClient(const ClaimLine& line, const AllocationFacts& allocation) {
    if (line.bsn == allocation.client_bsn) return std::nullopt;
    return reject(Reason::ClientMismatch, "The BSN on the line is not the client of allocation " +
                                              std::to_string(allocation.number) +
                                              "; check the client's BSN.");
}

std::optional<Verdict> checkCategory(const ClaimLine& line, const AllocationFacts& allocation) {
    if (line.category == allocation.category) return std::nullopt;
    return reject(Reason::CategoryMismatch, "Product category " + line.category +
                                                " differs from the allocated category " +
                                                allocation.category + ".");
}

std::optional<Verdict> checkProductCode(const ClaimLine& line, const AllocationFacts& allocation) {
    if (line.product_code == allocation.product_code) return std::nullopt;
    return reject(Reason::ProductCodeMismatch, "Product code " + line.product_code +
                                                   " differs from the allocated product code " +
                                                   allocation.product_code + ".");
}

std::optional<Verdict> checkPeriodInOneMonth(const ClaimLine& line) {
    const Period& p = line.period;
    if (!p.end || !p.isValid()) {
        return reject(Reason::PeriodNotOneMonth,
                      "The product period " + describe(p) + " needs an end on or after its start.");
    }
    const Date last = addDays(*p.end, -1);
    if (last.year() == p.begin.year() && last.month() == p.begin.month()) return std::nullopt;
    return reject(Reason::PeriodNotOneMonth, "The product period " + describe(p) +
                                                 " spans more than one calendar month; send one "
                                                 "line per month.");
}

std::optional<Verdict> checkPeriodDeclared(const ClaimLine& line, const DeclarationHeader& header) {
    const auto& declared_end = header.declaration_period.end;
    if (line.period.end && declared_end && *line.period.end <= *declared_end) return std::nullopt;
    return reject(Reason::PeriodAfterDeclaration,
                  "The product period " + describe(line.period) +
                      " ends after the declaration period " + describe(header.declaration_period) +
                      "; declare it in the declaration for that month.");
}

std::optional<Verdict> checkLateness(const ClaimLine& line, const DeclarationHeader& header,
                                     const ReviewPolicy& policy) {
    if (policy.late_months <= 0) return std::nullopt;
    ZC_ASSERT(line.period.end.has_value());
    const Date last = addDays(*line.period.end, -1);
    if (!(addMonths(last, policy.late_months) < header.received_on)) return std::nullopt;
    return review(
        Reason::LateDeclaration,
        "The product period " + describe(line.period) + " ended more than " +
            std::to_string(policy.late_months) + " months before the declaration was received on " +
            formatDate(header.received_on) + "; the line is held for review by the municipality.");
}

std::optional<Verdict> checkPeriodBegin(const ClaimLine& line, const AllocationFacts& allocation) {
    if (allocation.period.contains(line.period.begin)) return std::nullopt;
    return reject(Reason::BeginOutsideAllocation,
                  "The product period begins on " + formatDate(line.period.begin) +
                      ", outside allocation " + std::to_string(allocation.number) + " (" +
                      describe(allocation.period) + ").");
}

std::optional<Verdict> checkPeriodEnd(const ClaimLine& line, const AllocationFacts& allocation) {
    ZC_ASSERT(line.period.end.has_value());
    const Date end = *line.period.end;
    const bool after = allocation.period.end && end > *allocation.period.end;
    if (!after && end > allocation.period.begin) return std::nullopt;
    return reject(Reason::EndOutsideAllocation,
                  "The product period ends on " + formatDate(addDays(end, -1)) +
                      ", outside allocation " + std::to_string(allocation.number) + " (" +
                      describe(allocation.period) + ").");
}

std::optional<Verdict> checkPeriodFromMonthStart(const ClaimLine& line,
                                                 const AllocationFacts& allocation,
                                                 const ContractFacts& contract) {
    const Date first{line.period.begin.year(), line.period.begin.month(), std::chrono::day{1}};
    const Date expected = std::max(first, allocation.period.begin);
    const Date begin = line.period.begin;
    if (begin == expected || isTariffChange(contract, begin)) return std::nullopt;
    return reject(Reason::PeriodNotFromMonthStart,
                  "The product period begins on " + formatDate(begin) + "; it must begin on " +
                      formatDate(expected) +
                      " (the 1st of the month, or the allocation's start later in the month) and "
                      "cover the whole month in one line.");
}

std::optional<Verdict> checkPeriodToMonthEnd(const ClaimLine& line,
                                             const AllocationFacts& allocation,
                                             const ContractFacts& contract) {
    ZC_ASSERT(line.period.end.has_value());
    const Date first{line.period.begin.year(), line.period.begin.month(), std::chrono::day{1}};
    Date expected = addMonths(first, 1);
    if (allocation.period.end) expected = std::min(expected, *allocation.period.end);
    const Date end = *line.period.end;
    if (end == expected || isTariffChange(contract, end)) return std::nullopt;
    return reject(Reason::PeriodNotToMonthEnd,
                  "The product period ends on " + formatDate(addDays(end, -1)) +
                      "; it must end on " + formatDate(addDays(expected, -1)) +
                      " (the month's last day, or the allocation's end earlier in the month) and "
                      "cover the whole month in one line.");
}

std::optional<Verdict> checkContractActive(const ContractFacts& contract) {
    if (contract.active_throughout) return std::nullopt;
    return reject(Reason::NoActiveContract,
                  "There is no active contract for this product on every day of the product "
                  "period; claim only days covered by your contract.");
}

std::optional<Verdict> checkUnit(const ClaimLine& line, const AllocationFacts& allocation) {
    if (line.unit == allocation.unit || minutesOnHours(line, allocation)) return std::nullopt;
    return reject(Reason::UnitMismatch,
                  "Unit " + iwmoUnitCode(line.unit) + " (" + spokenUnit(line.unit) +
                      ") does not fit the allocated unit " + iwmoUnitCode(allocation.unit) + " (" +
                      spokenUnit(allocation.unit) + ").");
}

std::optional<Verdict> checkTariff(const ClaimLine& line, const ContractFacts& contract) {
    if (line.unit == Unit::Euros) {
        if (!line.tariff) return std::nullopt;
        return reject(Reason::TariffMismatch, "A line in euros (unit 83) carries no tariff.");
    }
    if (!line.tariff) {
        return reject(Reason::TariffMismatch,
                      "The line needs a tariff for unit " + iwmoUnitCode(line.unit) + ".");
    }
    if (!contract.tariff) {
        return reject(Reason::TariffMismatch,
                      "No single contracted tariff applies to the whole product period; split "
                      "the line where the tariff changes or ask your contract manager.");
    }
    if (*line.tariff == *contract.tariff) return std::nullopt;
    return reject(Reason::TariffMismatch, "The tariff " + line.tariff->toString() +
                                              " differs from the contracted tariff " +
                                              contract.tariff->toString() + ".");
}

std::optional<Verdict> checkAmount(const ClaimLine& line, const AllocationFacts& allocation) {
    std::optional<std::int64_t> expected;
    if (line.unit == Unit::Euros) {
        expected = line.volume;
    } else if (line.tariff) {
        expected = expectedAmountCents(line, *line.tariff, minutesOnHours(line, allocation));
    }
    if (expected && *expected == line.amount.cents()) return std::nullopt;
    const std::string should =
        expected ? " should be " + Money::fromCents(*expected).toString() : " cannot be checked";
    const std::string rule = line.unit == Unit::Euros ? "the volume in cents"
                             : minutesOnHours(line, allocation)
                                 ? "the hourly tariff × minutes ÷ 60, rounded half-up to cents"
                                 : "volume × tariff";
    return reject(Reason::AmountMismatch,
                  "The amount " + line.amount.toString() + should + " (" + rule + ").");
}

std::optional<Verdict> checkReferenceNew(const ClaimLine& line, const PriorUse& prior) {
    if (!prior.reference_used) return std::nullopt;
    return reject(Reason::ReferenceUsed, "ReferentieNummer " + line.reference +
                                             " was used before; give every line a new one.");
}

std::optional<Verdict> checkPeriodNotClaimed(const ClaimLine& line, const PriorUse& prior) {
    if (!prior.use || !prior.use->overlapsAccepted(line.period)) return std::nullopt;
    return reject(Reason::PeriodAlreadyClaimed,
                  "Allocation " + std::to_string(line.allocation_number) + ", product " +
                      line.product_code + " was already claimed for days of " +
                      describe(line.period) +
                      "; credit that line first and send one line with the month's total.");
}

std::optional<Verdict> checkFinancing(const AllocationFacts& allocation) {
    if (allocation.zin) return std::nullopt;
    return reject(Reason::NotZin, "Allocation " + std::to_string(allocation.number) +
                                      " is financed as a personal budget (PGB), which is not "
                                      "claimed from the municipality.");
}

std::vector<Verdict> adjudicateDebitAll(const ClaimLine& line, const DeclarationHeader& header,
                                        std::int64_t provider_id,
                                        const std::optional<AllocationFacts>& allocation,
                                        const ContractFacts& contract, const PriorUse& prior,
                                        const ReviewPolicy& policy) {
    ZC_ASSERT(!line.credit);
    std::vector<Verdict> out;
    const auto note = [&](std::optional<Verdict> v) {
        if (v) out.push_back(std::move(*v));
        return !v;
    };
    if (!note(checkAllocationBelongs(line, provider_id, allocation))) return out;
    const AllocationFacts& a = *allocation;
    if (!note(checkPayingMunicipality(header, a))) return out;
    // The order below is the order of precedence. A rule runs only when the rules it relies on
    // passed: a period with an end in one month for the date rules, a period inside the
    // allocation and a fitting unit for the cap rules.
    note(checkAllocationNotRemoved(a));
    note(checkClient(line, a));
    note(checkCategory(line, a));
    note(checkProductCode(line, a));
    const bool one_month = note(checkPeriodInOneMonth(line));
    bool inside = false;
    if (one_month) {
        note(checkPeriodDeclared(line, header));
        note(checkLateness(line, header, policy));
        inside = note(checkPeriodBegin(line, a));
        inside = note(checkPeriodEnd(line, a)) && inside;
        if (inside) {
            note(checkPeriodFromMonthStart(line, a, contract));
            note(checkPeriodToMonthEnd(line, a, contract));
        }
        note(checkContractActive(contract));
    }
    const bool unit_fits = note(checkUnit(line, a));
    note(checkTariff(line, contract));
    note(checkAmount(line, a));
    if (inside && unit_fits) {
        note(checkPeriodCap(line, a, prior, policy));
        note(checkCumulativeCap(line, a, prior, policy));
        note(checkDecisionCap(line, a, prior));
    }
    note(checkReferenceNew(line, prior));
    if (one_month) note(checkPeriodNotClaimed(line, prior));
    note(checkFinancing(a));
    return out;
}

std::optional<Verdict> decisive(const std::vector<Verdict>& verdicts) {
    for (const auto& v : verdicts) {
        if (!v.review) return v;
    }
    if (verdicts.empty()) return std::nullopt;
    return verdicts.front();
}

std::optional<CapFigures> capFigures(const std::vector<Verdict>& verdicts) {
    if (const auto d = decisive(verdicts); d && d->cap) return d->cap;
    for (const auto& v : verdicts) {
        if (v.cap) return v.cap;
    }
    return std::nullopt;
}

std::vector<std::string> retourCodes(const std::vector<Verdict>& verdicts) {
    std::vector<std::string> codes;
    for (const auto& v : verdicts) {
        if (std::find(codes.begin(), codes.end(), v.code) == codes.end()) codes.push_back(v.code);
    }
    return codes;
}

std::optional<Verdict> adjudicateDebit(const ClaimLine& line, const DeclarationHeader& header,
                                       std::int64_t provider_id,
                                       const std::optional<AllocationFacts>& allocation,
                                       const ContractFacts& contract, const PriorUse& prior,
                                       const ReviewPolicy& policy) {
    return decisive(
        adjudicateDebitAll(line, header, provider_id, allocation, contract, prior, policy));
}

std::optional<Verdict> checkDeclarationPeriod(const DeclarationHeader& header) {
    const Period& p = header.declaration_period;
    if (p.begin.ok() && p.begin.day() == std::chrono::day{1} && p.end &&
        *p.end == addMonths(p.begin, 1)) {
        return std::nullopt;
    }
    return reject(Reason::DeclarationPeriodNotOneMonth,
                  "The declaration period " + describe(p) +
                      " must be exactly one calendar month, from its first to its last day.");
}

std::optional<Verdict> checkDeclarationTotals(const DeclarationHeader& header,
                                              const std::vector<ClaimLine>& lines) {
    if (auto v = checkDeclarationPeriod(header)) return v;
    __int128 net = 0;
    for (const ClaimLine& line : lines) {
        const __int128 cents = line.amount.cents();
        net += line.credit ? -cents : cents;
    }
    if (net == header.total_submitted.cents()) return std::nullopt;
    return reject(Reason::DeclarationTotalMismatch,
                  "The declared total " + header.total_submitted.toString() +
                      " differs from the lines' debits minus credits, " + euros(net) + ".");
}

}  // namespace zc::billing
