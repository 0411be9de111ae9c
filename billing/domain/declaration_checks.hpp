#pragma once
// The in-message rules of a WMO323 (control level 2, iwmo-3.2.md §9): the CD/CS/TR rules the
// official validation stylesheet checks within one declaration. Any failure rejects the message
// as a whole: the WMO325 is the Header with retourcode 0001, nothing of the declaration is
// stored and its DeclaratieNummer stays free. Fed line by line (a declaration may hold a
// million lines): the cross-line rules (TR315, TR316, TR416) keep a 64-bit hash per reference
// and per debit key (at most 32 bytes a line), never the lines themselves, in HashColumns: in
// memory by default, or spilled to disk in sorted runs by the intake (billing/app/
// spilled_hashes.hpp) so that memory does not grow with the file. Two different keys share a
// hash with a chance of about n² / 2⁶⁵ (10⁻⁸ for a million lines). Pure: no clock, no I/O.
//
//   CS100  DeclaratiePeriode and ProductPeriode begin on or after 2021-01-01
//   CS340  DeclaratiePeriode is exactly one calendar month
//   CS325  a (Totaal)Bedrag of 0 is debit (D)
//   TR358  TotaalIngediendBedrag = Σ debit − Σ credit of the prestaties
//   CS337  ProductPeriode ends in the calendar month in which it begins (and not before it)
//   TR319  ProductPeriode begins and ends no later than the DeclaratiePeriode ends
//   TR335  ProductPeriode ended at most 60 months before the DeclaratieDagtekening
//   CD060  VorigReferentieNummer is filled for a credit, and only for a credit
//   CD087  ProductTarief is filled unless the Eenheid is 83 (euros), and then left out
//   CS339  for Eenheid 83 the IngediendBedrag equals the GeleverdVolume
//   TR101  no prestatie twice: a ReferentieNummer with the same (or no) VorigReferentieNummer
//          occurs once in the message
//   TR315  a VorigReferentieNummer occurs once in the message
//   TR316  a VorigReferentieNummer names no ReferentieNummer of the same message
//   TR416  no two debits for the same ToewijzingNummer, ProductCategorie, ProductCode and
//          ProductPeriode in the message
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "billing/domain/claim_line.hpp"

namespace zc::billing {

// One broken in-message rule.
struct RuleProblem {
    std::string rule;     // e.g. "TR358"
    std::string message;  // English, names the values
    int line = 0;         // line of the prestatie in the file; 0 for the declaration itself
};

// A column of 64-bit hashes that the cross-line rules compare: filled with add(), then read
// back in ascending order (duplicates kept) with next(); rewind() reads it again from the start.
class HashColumn {
  public:
    virtual ~HashColumn() = default;
    virtual void add(std::uint64_t value) = 0;
    // The next value in ascending order; false after the last. The first call ends the adding.
    virtual bool next(std::uint64_t& value) = 0;
    virtual void rewind() = 0;
};
using HashColumnFactory = std::function<std::unique_ptr<HashColumn>()>;
// Columns held in memory (a vector, sorted once).
std::unique_ptr<HashColumn> memoryHashColumn();

class InMessageRules {
  public:
    explicit InMessageRules(const HashColumnFactory& columns = memoryHashColumn);

    // The most problems kept (the rest are counted).
    static constexpr std::size_t kMaxProblems = 100;

    // The declaration's head. `total_is_credit` is the TotaalIngediendBedrag's DebetCredit;
    // `total_cents` its (unsigned) TotaalBedrag. `dated` is the DeclaratieDagtekening.
    void head(const DeclarationHeader& header, std::int64_t total_cents, bool total_is_credit,
              Date dated);
    // One prestatie as read (line: its line in the file).
    void line(const ClaimLine& l, int line_number);
    // After the last prestatie: the rules over the whole message. Returns every problem found
    // (at most kMaxProblems), in the order found.
    const std::vector<RuleProblem>& finish();
    std::size_t problemCount() const { return count_; }

  private:
    void problem(const char* rule, std::string message, int line_number);

    DeclarationHeader header_;
    std::int64_t total_cents_ = 0;
    bool total_is_credit_ = false;
    Date dated_;
    __int128 net_ = 0;
    std::unique_ptr<HashColumn> references_, previous_, debits_, prestaties_;
    std::vector<RuleProblem> problems_;
    std::size_t count_ = 0;
    bool finished_ = false;
};

}  // namespace zc::billing
