// The credit rules of claim adjudication (adjudication.hpp, rules 22..24): a credit line
// cancels exactly one accepted debit of the provider, once.
#include <string>
#include <utility>

#include "billing/domain/adjudication.hpp"
#include "billing/domain/verdict_text.hpp"
#include "contracting/kernel/errors.hpp"

namespace zc::billing {
namespace {

using verdict_text::reject;

}  // namespace

std::optional<Verdict> checkCreditHasDebit(const ClaimLine& line, const CreditFacts& facts) {
    if (line.previous_reference && !line.previous_reference->empty() && facts.debit_found) {
        return std::nullopt;
    }
    const std::string named = line.previous_reference
                                  ? "VorigReferentieNummer " + *line.previous_reference
                                  : "A credit line without VorigReferentieNummer";
    return reject(Reason::CreditWithoutDebit,
                  named +
                      " does not name an accepted debit line of yours; a credit must point "
                      "to the debit it cancels.");
}

std::optional<Verdict> checkCreditNotRepeated(const CreditFacts& facts) {
    if (!facts.debit_already_credited) return std::nullopt;
    return reject(Reason::CreditAlreadyCredited,
                  "The debit line was credited before; a line can be credited only once.");
}

std::optional<Verdict> checkCreditMatchesDebit(const CreditFacts& facts) {
    if (facts.matches_debit) return std::nullopt;
    return reject(Reason::CreditDoesNotMatchDebit,
                  "A credit line must repeat the debit's allocation, product, period, volume and "
                  "amount; only the references and the debit/credit sign differ.");
}

std::optional<Verdict> adjudicateCredit(const ClaimLine& line, const CreditFacts& facts) {
    ZC_ASSERT(line.credit);
    if (auto v = checkCreditHasDebit(line, facts)) return v;
    if (auto v = checkCreditNotRepeated(facts)) return v;
    return checkCreditMatchesDebit(facts);
}

}  // namespace zc::billing
