#include "declaration_checks.hpp"

#include <algorithm>
#include <functional>

#include "billing/domain/adjudication.hpp"

namespace zc::billing {
namespace {

constexpr int kMaxMonthsBack = 60;  // TR335

Date earliest() { return parseDate("2021-01-01"); }

std::uint64_t hashOf(const std::string& text) { return std::hash<std::string>{}(text); }

std::string inclusive(const Period& p) {
    return formatDate(p.begin) + " to " + (p.end ? formatDate(addDays(*p.end, -1)) : "?");
}

class MemoryHashColumn final : public HashColumn {
  public:
    void add(std::uint64_t value) override { values_.push_back(value); }
    bool next(std::uint64_t& value) override {
        if (!sorted_) {
            std::sort(values_.begin(), values_.end());
            sorted_ = true;
        }
        if (at_ == values_.size()) return false;
        value = values_[at_++];
        return true;
    }
    void rewind() override { at_ = 0; }

  private:
    std::vector<std::uint64_t> values_;
    bool sorted_ = false;
    std::size_t at_ = 0;
};

// Whether a value occurs twice in the column.
bool hasDuplicate(HashColumn& column) {
    column.rewind();
    std::uint64_t previous = 0;
    std::uint64_t value = 0;
    for (bool first = true; column.next(value); first = false) {
        if (!first && value == previous) return true;
        previous = value;
    }
    return false;
}

// Whether the two columns share a value.
bool intersect(HashColumn& a, HashColumn& b) {
    a.rewind();
    b.rewind();
    std::uint64_t x = 0;
    std::uint64_t y = 0;
    bool more = a.next(x) && b.next(y);
    while (more) {
        if (x == y) return true;
        more = x < y ? a.next(x) : b.next(y);
    }
    return false;
}

}  // namespace

std::unique_ptr<HashColumn> memoryHashColumn() { return std::make_unique<MemoryHashColumn>(); }

InMessageRules::InMessageRules(const HashColumnFactory& columns)
    : references_(columns()), previous_(columns()), debits_(columns()), prestaties_(columns()) {}

void InMessageRules::problem(const char* rule, std::string message, int line_number) {
    ++count_;
    if (problems_.size() < kMaxProblems)
        problems_.push_back({rule, std::move(message), line_number});
}

void InMessageRules::head(const DeclarationHeader& header, std::int64_t total_cents,
                          bool total_is_credit, Date dated) {
    header_ = header;
    total_cents_ = total_cents;
    total_is_credit_ = total_is_credit;
    dated_ = dated;
    if (header.declaration_period.begin < earliest()) {
        problem("CS100", "The DeclaratiePeriode begins before 2021-01-01.", 0);
    }
    if (checkDeclarationPeriod(header)) {
        problem("CS340",
                "The DeclaratiePeriode " + inclusive(header.declaration_period) +
                    " is not exactly one calendar month.",
                0);
    }
    if (total_cents == 0 && total_is_credit) {
        problem("CS325", "A TotaalIngediendBedrag of 0 must be debit (D).", 0);
    }
}

void InMessageRules::line(const ClaimLine& l, int n) {
    net_ += l.credit ? -static_cast<__int128>(l.amount.cents()) : l.amount.cents();
    const Period& p = l.period;
    const Date last = p.end ? addDays(*p.end, -1) : p.begin;
    if (p.begin < earliest()) problem("CS100", "The ProductPeriode begins before 2021-01-01.", n);
    if (!p.end || !p.isValid() || last.year() != p.begin.year() ||
        last.month() != p.begin.month()) {
        problem("CS337",
                "The ProductPeriode " + inclusive(p) +
                    " must end in the calendar month in which it begins.",
                n);
    }
    const auto& declared_end = header_.declaration_period.end;
    if (declared_end && (!(p.begin < *declared_end) || !p.end || *p.end > *declared_end)) {
        problem("TR319",
                "The ProductPeriode " + inclusive(p) + " lies after the DeclaratiePeriode " +
                    inclusive(header_.declaration_period) + ".",
                n);
    }
    if (addMonths(last, kMaxMonthsBack) < dated_) {
        problem("TR335",
                "The ProductPeriode ended more than 60 months before the DeclaratieDagtekening.",
                n);
    }
    if (l.credit != l.previous_reference.has_value()) {
        problem("CD060",
                l.credit ? "A credit prestatie needs a VorigReferentieNummer."
                         : "A debit prestatie has no VorigReferentieNummer.",
                n);
    }
    const bool euros = l.unit == Unit::Euros;
    if (euros == l.tariff.has_value()) {
        problem("CD087",
                euros ? "A prestatie in euros (Eenheid 83) has no ProductTarief."
                      : "A prestatie needs a ProductTarief unless its Eenheid is 83 (euros).",
                n);
    }
    if (euros && l.amount.cents() != l.volume) {
        problem("CS339", "For Eenheid 83 the IngediendBedrag must equal the GeleverdVolume.", n);
    }
    if (l.amount.cents() == 0 && l.credit) {
        problem("CS325", "An IngediendBedrag of 0 must be debit (D).", n);
    }
    references_->add(hashOf(l.reference));
    prestaties_->add(hashOf(l.reference + '\n' + l.previous_reference.value_or("\n")));
    if (l.previous_reference) previous_->add(hashOf(*l.previous_reference));
    if (!l.credit) {
        debits_->add(hashOf(std::to_string(l.allocation_number) + "/" + l.category + "/" +
                            l.product_code + "/" + formatDate(p.begin) + "/" +
                            (p.end ? formatDate(*p.end) : "")));
    }
}

const std::vector<RuleProblem>& InMessageRules::finish() {
    if (finished_) return problems_;
    finished_ = true;
    const __int128 declared =
        total_is_credit_ ? -static_cast<__int128>(total_cents_) : total_cents_;
    if (net_ != declared) {
        problem("TR358",
                "The TotaalIngediendBedrag " + Money::fromCents(total_cents_).toString() +
                    (total_is_credit_ ? " C" : " D") +
                    " differs from the prestaties' debits minus credits.",
                0);
    }
    if (hasDuplicate(*prestaties_)) {
        problem("TR101", "A prestatie occurs twice in the declaration (the same ReferentieNummer).",
                0);
    }
    if (hasDuplicate(*previous_)) {
        problem("TR315", "A VorigReferentieNummer occurs more than once in the declaration.", 0);
    }
    if (intersect(*references_, *previous_)) {
        problem("TR316",
                "A VorigReferentieNummer names a ReferentieNummer of the same declaration; a "
                "credit cancels a debit of an earlier declaration.",
                0);
    }
    if (hasDuplicate(*debits_)) {
        problem("TR416",
                "Two debit prestaties have the same ToewijzingNummer, ProductCategorie, "
                "ProductCode and ProductPeriode; send one line per period.",
                0);
    }
    return problems_;
}

}  // namespace zc::billing
