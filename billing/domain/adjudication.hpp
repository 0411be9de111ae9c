#pragma once
// Claim adjudication (issue 4, iwmo-3.2.md §10.5): every rule a declared line must pass, as a
// pure function of the line and of facts the app layer gathered from the database beforehand.
// A rule returns nullopt when the line passes and a Verdict when it fails; the verdict names a
// Reason, its iWmo retourcode (WJ001) and an English message the provider can act on.
// No clock, no I/O, no exceptions for bad input (std::overflow_error is impossible within the
// basisschema bounds of claim_line.hpp). Thread-safe: no shared state.
//
// Order of precedence (Reason values are declared in this order; adjudicateDebitAll runs the
// debit rules in it and reports every failure, adjudicateDebit the first):
//
//   Declaration (rejects the whole declaration; checkDeclarationTotals)
//    1. DeclarationPeriodNotOneMonth  0001  DeclaratiePeriode is not exactly one calendar month
//    2. DeclarationTotalMismatch      0001  TotaalIngediendBedrag ≠ Σ debit − Σ credit
//   Debit line (rejects the line; adjudicateDebit)
//    3. AllocationNotFound            9338  no such allocation of this provider
//    3a. WrongMunicipality            9338  the allocation is paid by another municipality
//                                           than the declaration's recipient (TR338)
//    4. AllocationRemoved             9384  allocation withdrawn (RedenWijziging 13)
//    5. ClientMismatch                8187  BSN is not the allocation's client
//    6. CategoryMismatch              9339  ProductCategorie differs from the allocation's
//    7. ProductCodeMismatch           9340  ProductCode differs from the allocation's
//    8. PeriodNotOneMonth             0001  ProductPeriode empty or not inside one calendar month
//    9. PeriodAfterDeclaration        9319  ProductPeriode ends after the DeclaratiePeriode
//   10. LateDeclaration               9319  review: the period ended more than
//                                           ReviewPolicy::late_months whole months before receipt
//   11. BeginOutsideAllocation        9307  period begins outside the allocation
//   12. EndOutsideAllocation          9308  period ends outside the allocation
//   12a. PeriodNotFromMonthStart      9387  period does not begin on the 1st (or the allocation's
//                                           start, or a tariff change inside the month)
//   12b. PeriodNotToMonthEnd          9388  period does not end on the month's last day (or the
//                                           allocation's end, or the day before a tariff change)
//   13. NoActiveContract              0611  no active contract for the product on all those dates
//   14. UnitMismatch                  9341  Eenheid differs (minutes on an hours allocation pass)
//   15. TariffMismatch                0611  tariff missing or ≠ the contracted tariff (euros:
//                                           a tariff present)
//   16. AmountMismatch                9346  amount ≠ volume × tariff (euros: amount ≠ volume)
//   17. PeriodVolumeExceeded          9321  volume beyond the cap in the windows the period
//                                           touches, with every accepted line of the month
//   18. CumulativeVolumeExceeded      9322  volume beyond the cap over the whole allocation
//   18a. DecisionVolumeExceeded       9322  volume beyond what the access decision granted,
//                                           over all allocations of the granted product
//   19. ReferenceUsed                 8021  ReferentieNummer used before by this provider
//   20. PeriodAlreadyClaimed          9389  an accepted, uncredited debit of the allocation
//                                           shares a day with the period
//   21. NotZin                        9338  the allocation is not care in kind (a PGB)
//   Credit line (adjudicateCredit)
//   22. CreditWithoutDebit            8017  no VorigReferentieNummer, or no accepted debit behind
//   it
//   23. CreditAlreadyCredited         9390  that debit was credited before
//   24. CreditDoesNotMatchDebit       8017  the credit does not repeat the debit line
//
// Review instead of rejection (ReviewPolicy): LateDeclaration always, and 9321/9322 when the
// volume is at most over_cap_percent over the limit, yield a Verdict with review = true: the line
// goes to a contract manager's queue. A review never hides a rejection: a line is rejected when
// any rule rejects it, and goes to review only when no rule does.
//
// Every applicable rule is checked (the WMO325 may give several retourcodes per prestatie); a
// rule whose precondition failed (e.g. the cap checks for a period outside the allocation) is
// skipped, since its answer would be meaningless.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "billing/domain/cap_use.hpp"
#include "billing/domain/claim_line.hpp"
#include "contracting/kernel/cap.hpp"
#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/money.hpp"
#include "contracting/kernel/unit.hpp"

namespace zc::billing {

// The allocation named by the line's ToewijzingNummer, as stored.
struct AllocationFacts {
    std::int64_t number = 0;       // ToewijzingNummer
    std::int64_t provider_id = 0;  // the provider it was allocated to
    std::string client_bsn;
    std::string category;
    std::string product_code;
    Period period;  // half-open; an absent end is open-ended
    Unit unit = Unit::Hours;
    Cap cap;                          // every allocation of this platform has one (Omvang)
    bool removed = false;             // RedenWijziging 13
    bool zin = true;                  // financing: care in kind (ZIN) rather than a PGB
    std::string paying_municipality;  // the municipality that pays for it (gemeentecode)
};

// The allocation's own contract for the product over the line's period.
struct ContractFacts {
    // The contract ran on every day of the period: its term covers them and it was not draft,
    // nor terminated or suspended on or before them (a contract ended or terminated after the
    // service dates still covers care delivered while it ran).
    bool active_throughout = false;
    // The contracted tariff per allocation unit on those dates; nullopt when there is none or
    // when it changes inside the period.
    std::optional<Money> tariff;
    // Days inside the line's calendar month on which a new tariff version takes effect: a
    // ProductPeriode may be split there (TR387/TR388 then allow that begin or end).
    std::vector<Date> tariff_changes;
};

// The access decision's granted product, bound across all its allocations (a client who
// switches provider keeps what was granted once). Volumes in the allocation's counting unit.
struct DecisionCap {
    std::int64_t limit = 0;     // the most the granted product allows over the decision
    std::int64_t accepted = 0;  // accepted, uncredited over all its allocations
};

// What was accepted before this line.
struct PriorUse {
    // The allocation's accepted, uncredited debits, including earlier accepted lines of the
    // same declaration; nullptr when there are none.
    const AllocationUse* use = nullptr;
    // The decision's binding total, when it is finite.
    std::optional<DecisionCap> decision;
    bool reference_used = false;  // this ReferentieNummer was used before by the provider
};

// What the credit's VorigReferentieNummer points at.
struct CreditFacts {
    bool debit_found = false;             // an accepted debit of this provider
    bool debit_already_credited = false;  // that debit was credited before
    bool matches_debit = false;           // same allocation, product, period, volume and amount
};

// Configurable rules that send a line to review instead of rejecting it.
struct ReviewPolicy {
    // A cap failure (9321/9322) at most this many percent over the limit goes to review;
    // 0 or less: never.
    int over_cap_percent = 10;
    // A line whose period ended more than this many whole months before the declaration was
    // received goes to review; 0 or less: off.
    int late_months = 0;
};

// In order of precedence (see the list above).
enum class Reason {
    DeclarationPeriodNotOneMonth,
    DeclarationTotalMismatch,
    AllocationNotFound,
    WrongMunicipality,
    AllocationRemoved,
    ClientMismatch,
    CategoryMismatch,
    ProductCodeMismatch,
    PeriodNotOneMonth,
    PeriodAfterDeclaration,
    LateDeclaration,
    BeginOutsideAllocation,
    EndOutsideAllocation,
    PeriodNotFromMonthStart,
    PeriodNotToMonthEnd,
    NoActiveContract,
    UnitMismatch,
    TariffMismatch,
    AmountMismatch,
    PeriodVolumeExceeded,
    CumulativeVolumeExceeded,
    DecisionVolumeExceeded,
    ReferenceUsed,
    PeriodAlreadyClaimed,
    NotZin,
    CreditWithoutDebit,
    CreditAlreadyCredited,
    CreditDoesNotMatchDebit,
};

// Every Reason in order of precedence (for documentation and exhaustive tests).
const std::vector<Reason>& allReasons();
// snake_case name, e.g. "allocation_not_found".
std::string reasonName(Reason r);
// iWmo retourcode (WJ001), e.g. "9338".
std::string reasonCode(Reason r);

// What a cap verdict counted: the cap windows the line's period touches (9321), the whole
// allocation (9322) or everything the access decision granted, over all its allocations (9322).
enum class CapScope { Period, Allocation, Decision };
// "period", "allocation", "decision"
std::string capScopeName(CapScope scope);

// The numbers behind a cap verdict, so that a provider sees why the line went over: the cap,
// what was accepted before this line and what this line claimed, all in the cap's counting
// unit (capCountingUnit(cap_unit): minutes for an hours cap). before + claimed > limit.
struct CapFigures {
    CapScope scope = CapScope::Period;
    Unit cap_unit = Unit::Hours;  // the allocation cap's own unit
    std::int64_t limit = 0;
    std::int64_t before = 0;
    std::int64_t claimed = 0;
    // The days counted (half-open): the run of cap windows for Period, within the line's month
    // (a week touched counts whole in the limit), the allocation's
    // validity for Allocation; none for Decision.
    std::optional<Period> window;
};

struct Verdict {
    Reason reason;
    std::string code;     // iWmo retourcode, reasonCode(reason)
    bool review = false;  // to the review queue instead of a rejection
    std::string message;  // English sentence a provider can act on
    // Set by the cap rules (checkPeriodCap, checkCumulativeCap, checkDecisionCap) when every
    // number fits 64 bits.
    std::optional<CapFigures> cap;
};

// --- Debit rules, in order of precedence ---------------------------------------------------
// The allocation exists, has the line's number and belongs to this provider. 9338.
std::optional<Verdict> checkAllocationBelongs(const ClaimLine& line, std::int64_t provider_id,
                                              const std::optional<AllocationFacts>& allocation);
// The allocation is paid by the municipality the declaration is sent to: an allocation number
// belongs to the municipality that issued it (TR338). 9338 (reason WrongMunicipality).
std::optional<Verdict> checkPayingMunicipality(const DeclarationHeader& header,
                                               const AllocationFacts& allocation);
// Not withdrawn with RedenWijziging 13. 9384.
std::optional<Verdict> checkAllocationNotRemoved(const AllocationFacts& allocation);
// The line's BSN is the allocation's client. 8187.
std::optional<Verdict> checkClient(const ClaimLine& line, const AllocationFacts& allocation);
// ProductCategorie equals the allocation's. 9339.
std::optional<Verdict> checkCategory(const ClaimLine& line, const AllocationFacts& allocation);
// ProductCode equals the allocation's. 9340.
std::optional<Verdict> checkProductCode(const ClaimLine& line, const AllocationFacts& allocation);
// The period has an end, is not empty and lies within one calendar month (CS337). 0001.
std::optional<Verdict> checkPeriodInOneMonth(const ClaimLine& line);
// The period ends no later than the declaration period (it lies in that period or an earlier
// one, TR319). 9319.
std::optional<Verdict> checkPeriodDeclared(const ClaimLine& line, const DeclarationHeader& header);
// Review (9319, review = true) when late_months > 0 and the period's last day plus late_months
// months (day clamped to the month's end) is before header.received_on. Precondition: the line
// passed checkPeriodInOneMonth.
std::optional<Verdict> checkLateness(const ClaimLine& line, const DeclarationHeader& header,
                                     const ReviewPolicy& policy);
// The period begins inside the allocation. 9307.
std::optional<Verdict> checkPeriodBegin(const ClaimLine& line, const AllocationFacts& allocation);
// The period's last day lies inside the allocation. 9308. Precondition: period.end is set.
std::optional<Verdict> checkPeriodEnd(const ClaimLine& line, const AllocationFacts& allocation);
// The period begins on the 1st of its month, or on the allocation's start later in that month,
// or on a tariff change (TR387). 9387. Precondition: the line passed checkPeriodInOneMonth.
std::optional<Verdict> checkPeriodFromMonthStart(const ClaimLine& line,
                                                 const AllocationFacts& allocation,
                                                 const ContractFacts& contract);
// The period ends on the last day of its month, or on the allocation's last day earlier in that
// month, or on the day before a tariff change (TR388). 9388. Same precondition.
std::optional<Verdict> checkPeriodToMonthEnd(const ClaimLine& line,
                                             const AllocationFacts& allocation,
                                             const ContractFacts& contract);
// The allocation's contract ran on every day of the period. 0611 ("no active contract").
std::optional<Verdict> checkContractActive(const ContractFacts& contract);
// Eenheid equals the allocation's; minutes on an hours allocation pass. 9341.
std::optional<Verdict> checkUnit(const ClaimLine& line, const AllocationFacts& allocation);
// Non-euro lines: a tariff is present and equals the contracted tariff (per allocation unit;
// minutes on an hours allocation carry the hourly tariff). Euro lines: no tariff. 0611.
std::optional<Verdict> checkTariff(const ClaimLine& line, const ContractFacts& contract);
// amount == volume × tariff exactly; minutes on an hours allocation: hourly tariff × minutes ÷ 60
// rounded half-up to whole cents (divideRoundHalfUp); euro lines: amount == volume cents. 9346.
std::optional<Verdict> checkAmount(const ClaimLine& line, const AllocationFacts& allocation);
// In every run of cap windows the line touches, the accepted lines of the month plus this one
// stay within the run's limit (AllocationUse::windowBreach, counted in capCountingUnit). 9321;
// review when at most policy.over_cap_percent over. Passes for a cap over the whole validity.
// Preconditions: the line passed the period and unit checks.
std::optional<Verdict> checkPeriodCap(const ClaimLine& line, const AllocationFacts& allocation,
                                      const PriorUse& prior, const ReviewPolicy& policy);
// accepted total + volume ≤ maxVolumeOverAllocation. 9322; review as above. Passes when the
// allocation has no finite total (open end). Same preconditions.
std::optional<Verdict> checkCumulativeCap(const ClaimLine& line, const AllocationFacts& allocation,
                                          const PriorUse& prior, const ReviewPolicy& policy);
// decision.accepted + volume ≤ decision.limit, when the decision's total is finite. 9322
// (reason DecisionVolumeExceeded); never a review: what was granted binds.
std::optional<Verdict> checkDecisionCap(const ClaimLine& line, const AllocationFacts& allocation,
                                        const PriorUse& prior);
// The ReferentieNummer is new for this provider (TR314). 8021.
std::optional<Verdict> checkReferenceNew(const ClaimLine& line, const PriorUse& prior);
// No accepted, uncredited debit of the allocation shares a day with the period (TR389, TR416):
// one prestatie per allocation, product and month until it is credited. 9389.
std::optional<Verdict> checkPeriodNotClaimed(const ClaimLine& line, const PriorUse& prior);
// The allocation is care in kind; a PGB is not claimable. 9338 (reason NotZin).
std::optional<Verdict> checkFinancing(const AllocationFacts& allocation);

// Runs every debit rule 3..21 in order of precedence and returns each failure in that order
// (rules whose preconditions failed are skipped); empty when the line is accepted. The line is
// rejected when any verdict is a rejection, else held for review when there is a verdict.
// Precondition: !line.credit.
std::vector<Verdict> adjudicateDebitAll(const ClaimLine& line, const DeclarationHeader& header,
                                        std::int64_t provider_id,
                                        const std::optional<AllocationFacts>& allocation,
                                        const ContractFacts& contract, const PriorUse& prior,
                                        const ReviewPolicy& policy);
// The verdict that decides the line's status: the first rejection, else the first review.
std::optional<Verdict> decisive(const std::vector<Verdict>& verdicts);
// The cap figures to show with a line: the decisive verdict's, else the first verdict's that
// has them; nullopt when no cap rule failed.
std::optional<CapFigures> capFigures(const std::vector<Verdict>& verdicts);
// The distinct retourcodes of the verdicts, in the order of the rule table.
std::vector<std::string> retourCodes(const std::vector<Verdict>& verdicts);
// decisive(adjudicateDebitAll(...)). Precondition: !line.credit.
std::optional<Verdict> adjudicateDebit(const ClaimLine& line, const DeclarationHeader& header,
                                       std::int64_t provider_id,
                                       const std::optional<AllocationFacts>& allocation,
                                       const ContractFacts& contract, const PriorUse& prior,
                                       const ReviewPolicy& policy);

// --- Credit rules --------------------------------------------------------------------------
// A VorigReferentieNummer naming an accepted debit of this provider (TR323). 8017.
std::optional<Verdict> checkCreditHasDebit(const ClaimLine& line, const CreditFacts& facts);
// That debit was not credited before (TR390). 9390.
std::optional<Verdict> checkCreditNotRepeated(const CreditFacts& facts);
// The credit repeats the debit line (IV091). 8017.
std::optional<Verdict> checkCreditMatchesDebit(const CreditFacts& facts);
// Runs the credit rules 22..24 in order. Precondition: line.credit.
std::optional<Verdict> adjudicateCredit(const ClaimLine& line, const CreditFacts& facts);

// --- Declaration rules ---------------------------------------------------------------------
// DeclaratiePeriode is exactly one calendar month [first day, first day of next month) (CS340).
// 0001.
std::optional<Verdict> checkDeclarationPeriod(const DeclarationHeader& header);
// checkDeclarationPeriod, then TotaalIngediendBedrag == Σ debit amounts − Σ credit amounts
// (TR358). 0001; either failure rejects the whole declaration.
std::optional<Verdict> checkDeclarationTotals(const DeclarationHeader& header,
                                              const std::vector<ClaimLine>& lines);

}  // namespace zc::billing
