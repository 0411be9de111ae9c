#pragma once
// A claim line that passes every adjudication rule, with everything the rules look at, so that
// each table row changes only what it is about.
#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "billing/domain/adjudication.hpp"
#include "billing/domain/claim_line.hpp"

namespace zc::billing::testing {

inline Date d(const char* text) { return parseDate(text); }
inline Period p(const char* from, const char* to) { return Period{d(from), d(to)}; }
inline Money cents(std::int64_t c) { return Money::fromCents(c); }

inline constexpr std::int64_t kProvider = 7;
inline constexpr std::int64_t kOtherProvider = 8;
inline constexpr const char* kMunicipality = "0193";  // Zwolle: the recipient and payer

// Four hours a week of Individuele Begeleiding (02A01) from Monday 6 January 2025 to the end of
// 2025, claimed for March 2025: 10 hours at 60.00 = 600.00. March touches ISO weeks 9..14, so the
// period cap is 24 h = 1440 min.
struct Case {
    ClaimLine line;
    DeclarationHeader header;
    std::optional<AllocationFacts> allocation;
    ContractFacts contract;
    PriorUse prior;
    // Accepted, uncredited debits of the allocation before the line (counting unit: minutes).
    std::vector<std::pair<Period, std::int64_t>> accepted;
    std::optional<AllocationUse> use;  // built from `accepted` by prepare()
    ReviewPolicy policy;
    std::int64_t provider_id = kProvider;
    CreditFacts credit;

    AllocationFacts& alloc() { return *allocation; }
    // An accepted line in January 2025 that uses `volume` of the allocation's total.
    void usedBefore(std::int64_t volume) {
        accepted.push_back({p("2025-01-06", "2025-02-01"), volume});
    }
    // An accepted line covering March 2025 with `volume`.
    void usedInMarch(std::int64_t volume) {
        accepted.push_back({p("2025-03-01", "2025-04-01"), volume});
    }
};

// Points c.prior.use at the allocation's use built from c.accepted (call after changing c).
inline void prepare(Case& c) {
    if (!c.allocation) return;
    c.use.emplace(c.alloc().cap, c.alloc().category, c.alloc().period);
    for (const auto& [period, volume] : c.accepted) c.use->add(period, volume);
    c.prior.use = &*c.use;
}

inline Case validCase() {
    Case c;
    c.line.reference = "R-2025-03-001";
    c.line.credit = false;
    c.line.allocation_number = 1001;
    c.line.bsn = "999993653";
    c.line.category = "02";
    c.line.product_code = "02A01";
    c.line.period = p("2025-03-01", "2025-04-01");
    c.line.volume = 10;
    c.line.unit = Unit::Hours;
    c.line.tariff = cents(6000);
    c.line.amount = cents(60000);

    c.header.number = "D-2025-03";
    c.header.declaration_period = p("2025-03-01", "2025-04-01");
    c.header.received_on = d("2025-04-05");
    c.header.total_submitted = cents(60000);
    c.header.recipient = kMunicipality;

    AllocationFacts a;
    a.number = 1001;
    a.provider_id = kProvider;
    a.client_bsn = "999993653";
    a.category = "02";
    a.product_code = "02A01";
    a.period = p("2025-01-06", "2026-01-01");
    a.unit = Unit::Hours;
    a.cap = Cap{4, Unit::Hours, Frequency::PerWeek};
    a.removed = false;
    a.zin = true;
    a.paying_municipality = kMunicipality;
    c.allocation = a;

    c.contract.active_throughout = true;
    c.contract.tariff = cents(6000);

    c.credit.debit_found = true;
    c.credit.debit_already_credited = false;
    c.credit.matches_debit = true;
    return c;
}

// "ok", or "<code> <reason name>", prefixed with "review " for a review verdict. Also checks
// that the verdict's code is its reason's code and that it carries a message.
inline std::string outcome(const std::optional<Verdict>& v) {
    if (!v) return "ok";
    if (v->code != reasonCode(v->reason)) return "code " + v->code + " does not fit the reason";
    if (v->message.empty()) return "no message";
    return (v->review ? "review " : "") + v->code + " " + reasonName(v->reason);
}

struct Row {
    const char* name;
    std::function<void(Case&)> change;
    const char* expected;
};

// Runs `rule` on validCase() changed by each row and compares outcome() with the row.
inline void runTable(const std::vector<Row>& rows,
                     const std::function<std::optional<Verdict>(Case&)>& rule) {
    for (const Row& row : rows) {
        Case c = validCase();
        row.change(c);
        prepare(c);
        EXPECT_EQ(outcome(rule(c)), row.expected) << row.name;
    }
}

inline std::optional<Verdict> debit(Case& c) {
    prepare(c);
    return adjudicateDebit(c.line, c.header, c.provider_id, c.allocation, c.contract, c.prior,
                           c.policy);
}

}  // namespace zc::billing::testing
