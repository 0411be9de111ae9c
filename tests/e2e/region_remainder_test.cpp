// A claw-back beyond what a provider is owed (ctest label `region`, issue 13, slice S11): the
// demo provider declares June 2026 to Kampen (0166) and is paid; it then credits that line in a
// new declaration (a negative payable) and declares three hours of July. Kampen's next run has
// nothing to transfer to it: the July payable is settled by offset, the credit is used for the
// July amount only, and the rest stays open as a 'remainder' payable that the provider's
// statement explains ("Verrekend in betaalrun N; resterend te vorderen € X"). The run after, with
// a bigger August declaration, offsets the remainder and transfers the difference. Kampen's
// books stay balanced throughout.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include "declarations.hpp"
#include "e2e/region_seed.hpp"
#include "interfaces/mysql/connection.hpp"
#include "invoicing/domain/ledger_check.hpp"
#include "invoicing/store/ledger_store.hpp"
#include "session.hpp"
#include "support/https_client.hpp"

namespace zc {
namespace {

using test::Response;

constexpr const char* kKampen = "0166";
constexpr const char* kKampenIban = "NL13BNGH0285170032";  // as RegionFlow sets it

// Sends the demo provider's WMO323 for `month` ("2026-07") with `lines` to Kampen; the
// declaration's number is "D" + `suffix`.
void declare(const std::string& suffix, const std::string& month,
             const std::vector<iwmo::Prestatie>& lines) {
    std::int64_t net = 0;
    for (const auto& l : lines) net += l.credit ? -l.amount_cents : l.amount_cents;
    auto h = e2e::headFor(suffix, net, month, formatDate(addMonths(parseDate(month + "-02"), 1)));
    h.ontvanger = kKampen;
    const auto r =
        e2e::client().asProvider(e2e::kAgb).postXml("/api/v1/messages", e2e::write323(h, lines));
    ASSERT_EQ(r.status, 200) << r.describe();
}

// `hours` of household help in the month starting `first` ("2026-07-01").
iwmo::Prestatie householdHelpIn(const std::string& first, const std::string& ref,
                                const std::string& bsn, std::int64_t number, std::int64_t hours,
                                std::int64_t tariff) {
    auto p = e2e::juneHouseholdHelp(ref, bsn, number, hours, tariff);
    p.begin = parseDate(first);
    p.end_inclusive = addDays(addMonths(p.begin, 1), -1);
    return p;
}

// Prepares Kampen's run for the provider and approves it; returns the approved run's detail.
Response payKampen(std::int64_t provider) {
    const Response prepared = e2e::prepareRun(kKampen, provider);
    EXPECT_EQ(prepared.status, 201) << prepared.describe();
    const std::string run = "/api/v1/payment-runs/" + std::to_string(prepared.num("id"));
    const Response approved = e2e::client().post(
        run + "/approve", Poco::JSON::Object::Ptr(new Poco::JSON::Object), e2e::as("fin.mulder"));
    EXPECT_EQ(approved.status, 200) << approved.describe();
    return approved;
}

std::int64_t paidTo(const Response& run, std::int64_t provider) {
    std::int64_t total = 0;
    const auto transfers = run.object()->getArray("transfers");
    for (std::size_t i = 0; i < transfers->size(); ++i) {
        const auto t = transfers->getObject(static_cast<unsigned>(i));
        if (t->getValue<std::int64_t>("provider_id") == provider) {
            total += t->getValue<std::int64_t>("amount_cents");
        }
    }
    return total;
}

// "1.234,56" (the statement's Dutch amount).
std::string dutch(std::int64_t cents) {
    std::string whole = std::to_string(cents / 100);
    for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) {
        whole.insert(static_cast<std::size_t>(i), ".");
    }
    const auto rest = std::to_string(100 + cents % 100).substr(1);
    return whole + "," + rest;
}

TEST(RegionFlow, AClawBackBeyondWhatIsOwedIsCarriedAsAReceivable) {
    db::Connection db(test::appDbConfig());
    const auto provider = e2e::providerId(db, e2e::kAgb);
    const auto tariff = e2e::householdHelpTariff();
    const std::string bsn = e2e::elfproefBsn('5');
    const auto number =
        e2e::householdHelpAllocation(kKampen, bsn, provider, 4)->getValue<std::int64_t>("number");
    e2e::setDebtorAccount(kKampen, kKampenIban, "Gemeente Kampen");
    payKampen(provider);  // whatever other tests left open for the provider in Kampen

    // June, 8 hours: declared and paid.
    const std::string june = "R" + e2e::uniqueDigits(9);
    const auto june_line = householdHelpIn("2026-06-01", june, bsn, number, 8, tariff);
    declare(june, "2026-06", {june_line});
    ASSERT_EQ(paidTo(payKampen(provider), provider), june_line.amount_cents);

    // The June line credited in full (a claw-back of 8 hours), and 3 hours of July.
    const std::string credit = "R" + e2e::uniqueDigits(9);
    auto credit_line = householdHelpIn("2026-06-01", "C" + credit, bsn, number, 8, tariff);
    credit_line.credit = true;
    credit_line.previous_reference = june_line.reference;
    declare(credit, "2026-06", {credit_line});
    const std::string july = "R" + e2e::uniqueDigits(9);
    const auto july_line = householdHelpIn("2026-07-01", july, bsn, number, 3, tariff);
    declare(july, "2026-07", {july_line});
    const auto clawback = e2e::declarationPayable(db, credit);
    const auto july_payable = e2e::declarationPayable(db, july);
    ASSERT_NE(clawback, 0) << "the credit was not accepted";
    ASSERT_NE(july_payable, 0) << "July was not accepted";

    // Kampen's run: nothing transferred to the provider, July settled by offset.
    const Response offset_run = payKampen(provider);
    const auto run_id = offset_run.num("id");
    EXPECT_EQ(paidTo(offset_run, provider), 0) << offset_run.describe();
    const auto after = [&](std::int64_t id) {
        return db.queryOne(
            "SELECT amount_cents, status, COALESCE(offset_run_id, 0) FROM payables"
            " WHERE id = ?",
            {id});
    };
    EXPECT_EQ(after(july_payable)->str(1), "paid");
    EXPECT_EQ(after(july_payable)->i64(2), run_id);
    EXPECT_EQ(after(clawback)->i64(0), -july_line.amount_cents) << "the used part stays";
    EXPECT_EQ(after(clawback)->str(1), "paid");
    const auto remainder = db.queryOne(
        "SELECT id, amount_cents, status, municipality_code, provider_id FROM payables"
        " WHERE source_type = 'remainder' AND split_from_id = ?",
        {clawback});
    ASSERT_TRUE(remainder.has_value()) << "the rest of the claw-back was not carried";
    const std::int64_t rest = credit_line.amount_cents - july_line.amount_cents;
    EXPECT_EQ(remainder->i64(1), -rest);
    EXPECT_EQ(remainder->str(2), "open");
    EXPECT_EQ(remainder->str(3), kKampen);
    EXPECT_EQ(remainder->i64(4), provider);
    // Nothing was transferred in that run, so there is no bank file; finance finds the
    // remainder among the provider's payables.
    EXPECT_EQ(offset_run.num("transactions"), 0);
    const Response file = e2e::client().get(
        "/api/v1/payment-runs/" + std::to_string(run_id) + "/pain001", e2e::as("fin.mulder"));
    EXPECT_EQ(file.status, 404) << file.describe();
    const Response remainders = e2e::client().get(
        "/api/v1/payables?source_type=remainder&provider_id=" + std::to_string(provider),
        e2e::as("fin.devries"));
    ASSERT_EQ(remainders.status, 200) << remainders.describe();
    bool listed = false;
    for (std::size_t i = 0; i < remainders.array()->size(); ++i) {
        const auto p = remainders.array()->getObject(static_cast<unsigned>(i));
        listed = listed || p->getValue<std::int64_t>("id") == remainder->i64(0);
    }
    EXPECT_TRUE(listed) << remainders.describe();

    // The provider's statement explains the remainder.
    const Response statement = e2e::client().get(
        "/api/v1/providers/" + std::to_string(provider) + "/statement", e2e::asProvider(provider));
    ASSERT_EQ(statement.status, 200) << statement.describe();
    std::string note;
    const auto lines = statement.object()->getArray("lines");
    for (std::size_t i = 0; i < lines->size(); ++i) {
        const auto l = lines->getObject(static_cast<unsigned>(i));
        if (l->getValue<std::int64_t>("payable_id") == remainder->i64(0)) {
            note = l->getValue<std::string>("note");
        }
    }
    EXPECT_EQ(note, "Verrekend in betaalrun " + std::to_string(run_id) +
                        "; resterend te vorderen \u20ac " + dutch(rest));

    // August, 10 hours: the next run offsets the remainder and transfers the difference.
    const std::string august = "R" + e2e::uniqueDigits(9);
    const auto august_line = householdHelpIn("2026-08-01", august, bsn, number, 10, tariff);
    declare(august, "2026-08", {august_line});
    EXPECT_EQ(paidTo(payKampen(provider), provider), august_line.amount_cents - rest);
    EXPECT_NE(after(remainder->i64(0))->str(1), "open") << "the remainder was offset";

    for (const auto& r : invoicing::checkLedgerPerMunicipality(invoicing::loadLedgerFacts(db))) {
        EXPECT_FALSE(r.violation.has_value())
            << r.municipality << ": " << r.violation->subject << " " << r.violation->message;
    }
}

}  // namespace
}  // namespace zc
