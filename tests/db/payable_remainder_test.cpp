// The claw-back remainder (config/migrations/0027_payable_remainder.sql, issue 13 S11) against
// a real schema: Kampen owes provider 1 30.00 and claws back 80.00 from it; provider 2 is owed
// 100.00 less a 25.00 claw-back. The run transfers 75.00 to provider 2 only; provider 1's
// payable is settled by offset. Nothing changes before approval (a cancelled run splits
// nothing); the approval splits the claw-back into the used 30.00 (settled) and an open
// 'remainder' of 50.00, which the statement explains and the next run offsets. Kampen's books
// stay balanced with no journal for the split.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "db_test_env.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "invoicing/app/payments.hpp"
#include "invoicing/app/provider_statements.hpp"
#include "invoicing/domain/ledger_check.hpp"
#include "invoicing/store/ledger_store.hpp"

namespace zc {
namespace {

class JuneClock : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::sys_days{
                   Date{std::chrono::year{2026}, std::chrono::June, std::chrono::day{1}}} +
               std::chrono::hours{9};
    }
};

class NoFile final : public invoicing::PaymentFileWriter {
  public:
    int written = 0;
    invoicing::PaymentFile write(const invoicing::PaymentOrder& order) override {
        ++written;
        return {"<pain.001 " + order.message_id + ">", "sha"};
    }
};

const char* const kKampenOwes[] = {
    "INSERT INTO municipalities (code, name, central_code) VALUES ('0193','Zwolle',NULL),"
    " ('0166','Kampen','0193')",
    "INSERT INTO debtor_accounts (id, municipality_code, iban, name, is_default) VALUES"
    " (1,'0166','NL13BNGH0285170032','Gemeente Kampen',1)",
    "INSERT INTO providers (id, agb, kvk, name, iban) VALUES"
    " (1,'12345670','12345678','Zorg Een','NL91ABNA0417164300'),"
    " (2,'12345671','12345679','Zorg Twee','NL20INGB0001234567')",
    "INSERT INTO payables (id, municipality_code, provider_id, source_type, source_id,"
    " amount_cents, due_date, created_at) VALUES"
    " (1,'0166',1,'declaration',1,3000,'2026-05-15','2026-05-01'),"
    " (2,'0166',1,'declaration',2,-8000,'2026-05-15','2026-05-01'),"
    " (3,'0166',2,'declaration',3,10000,'2026-05-15','2026-05-01'),"
    " (4,'0166',2,'review',4,-2500,'2026-05-15','2026-05-01')",
    "INSERT INTO ledger_journals (id, municipality_code, kind, source, entry_date, created_at,"
    " created_by) VALUES (1,'0166','accepted_claim','declaration:1','2026-05-01',NOW(6),'t'),"
    " (2,'0166','credit','declaration:2','2026-05-01',NOW(6),'t'),"
    " (3,'0166','accepted_claim','declaration:3','2026-05-01',NOW(6),'t'),"
    " (4,'0166','credit','claim-line:4','2026-05-01',NOW(6),'t')",
    "INSERT INTO ledger_lines (journal_id, account, amount_cents) VALUES"
    " (1,'expense:budget:1',3000), (1,'payable:provider:1',-3000),"
    " (2,'payable:provider:1',8000), (2,'expense:budget:1',-8000),"
    " (3,'expense:budget:1',10000), (3,'payable:provider:2',-10000),"
    " (4,'payable:provider:2',2500), (4,'expense:budget:1',-2500)",
};

struct PayableNow {
    std::int64_t amount = 0;
    std::string status;
    std::int64_t offset_run = 0;
};

PayableNow payable(db::Connection& db, std::int64_t id) {
    const auto r = db.queryOne(
        "SELECT amount_cents, status, COALESCE(offset_run_id, 0) FROM payables WHERE id = ?", {id});
    return {r->i64(0), r->str(1), r->i64(2)};
}

void expectBooksBalance(db::Connection& db) {
    for (const auto& r : invoicing::checkLedgerPerMunicipality(invoicing::loadLedgerFacts(db))) {
        EXPECT_FALSE(r.violation.has_value())
            << r.municipality << ": " << r.violation->subject << " " << r.violation->message;
    }
}

class PayableRemainder : public ::testing::Test {
  protected:
    PayableRemainder() : conn_(scratch_.connect()) {
        db::migrate(*conn_, dbtest::migrationsDir());
        for (const char* sql : kKampenOwes) conn_->execute(sql);
        preparer_.role = approver_.role = app::Role::Finance;
        preparer_.name = "fin.devries";
        approver_.name = "fin.mulder";
    }

    invoicing::RunDetail prepare() {
        app::RequestContext ctx{*conn_, preparer_, "test", clock_, config_};
        return invoicing::prepareRun(ctx, {{"0166"},
                                           parseDate("2026-06-30"),
                                           std::nullopt,
                                           std::nullopt,
                                           preparer_.name,
                                           clock_.today()});
    }

    invoicing::RunDetail approve(std::int64_t run_id) {
        app::RequestContext ctx{*conn_, approver_, "test", clock_, config_};
        return invoicing::approveRun(ctx, run_id, writer_);
    }

    // The provider's 2026 statement as the provider sees it: all of it, or the page.
    invoicing::ProviderStatement statementOf(std::int64_t provider_id,
                                             std::optional<app::ListQuery> page = {}) {
        app::Actor provider;
        provider.role = app::Role::Provider;
        provider.provider_id = provider_id;
        app::RequestContext ctx{*conn_, provider, "test", clock_, config_};
        return invoicing::providerStatement(ctx, provider_id, "2026-01-01", "2027-01-01", page);
    }

    std::int64_t remainders() {
        return conn_->queryOne("SELECT COUNT(*) FROM payables WHERE source_type = 'remainder'")
            ->i64(0);
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    JuneClock clock_;
    app::AppConfig config_;
    app::Actor preparer_, approver_;
    NoFile writer_;
};

TEST_F(PayableRemainder, TheApprovalSplitsAClawBackUsedInPartAndTheNextRunOffsetsTheRest) {
    expectBooksBalance(*conn_);
    // A cancelled run splits and settles nothing.
    const auto cancelled = prepare();
    app::RequestContext ctx{*conn_, preparer_, "test", clock_, config_};
    invoicing::cancelRun(ctx, cancelled.run.id, "Wrong date");
    EXPECT_EQ(remainders(), 0);
    EXPECT_EQ(payable(*conn_, 2).amount, -8000);

    const auto run = prepare();
    ASSERT_EQ(run.transfers.size(), 1u);
    EXPECT_EQ(run.transfers[0].provider_id, 2);
    EXPECT_EQ(run.transfers[0].amount_cents, 7500);
    std::vector<std::string> items;
    for (const auto& i : run.items) {
        items.push_back(std::to_string(i.payable_id) + " " + i.outcome + " " +
                        std::to_string(i.amount_cents) + (i.instruction_id ? " transfer" : ""));
    }
    EXPECT_EQ(items, (std::vector<std::string>{"3 paid 10000 transfer", "2 offset -3000",
                                               "4 offset -2500 transfer", "1 paid 3000"}));
    EXPECT_EQ(remainders(), 0) << "nothing is split before the approval";
    EXPECT_EQ(payable(*conn_, 1).status, "open");

    approve(run.run.id);
    EXPECT_EQ(writer_.written, 1);
    EXPECT_EQ(payable(*conn_, 1).status, "paid") << "settled by offset, without a transfer";
    EXPECT_EQ(payable(*conn_, 1).offset_run, run.run.id);
    EXPECT_EQ(payable(*conn_, 2).amount, -3000) << "the claw-back keeps the part used";
    EXPECT_EQ(payable(*conn_, 2).status, "paid");
    EXPECT_EQ(payable(*conn_, 4).status, "in_run") << "used up under provider 2's transfer";
    const auto rest = conn_->queryOne(
        "SELECT id, amount_cents, status, municipality_code, provider_id, source_id, due_date"
        " FROM payables WHERE source_type = 'remainder' AND split_from_id = 2");
    ASSERT_TRUE(rest.has_value());
    EXPECT_EQ(rest->i64(1), -5000);
    EXPECT_EQ(rest->str(2), "open");
    EXPECT_EQ(rest->str(3), "0166");
    EXPECT_EQ(rest->i64(4), 1);
    EXPECT_EQ(rest->i64(5), 2);
    EXPECT_EQ(rest->str(6), "2026-05-15");
    EXPECT_EQ(remainders(), 1);
    expectBooksBalance(*conn_);

    // The provider's statement explains both lines.
    const auto statement = statementOf(1);
    std::vector<std::string> notes;
    for (const auto& l : statement.lines) notes.push_back(l.note);
    const std::string run_text = "Verrekend in betaalrun " + std::to_string(run.run.id);
    EXPECT_EQ(notes, (std::vector<std::string>{
                         run_text,
                         run_text + " (deels); resterend te vorderen \u20ac 50,00 (post " +
                             rest->str(0) + ")",
                         run_text + "; resterend te vorderen \u20ac 50,00"}));

    // The next run: 60.00 owed to provider 1 less the 50.00 still to be clawed back.
    conn_->execute(
        "INSERT INTO payables (id, municipality_code, provider_id, source_type, source_id,"
        " amount_cents, due_date, created_at) VALUES"
        " (9,'0166',1,'declaration',9,6000,'2026-05-20','2026-05-02')");
    conn_->execute(
        "INSERT INTO ledger_journals (id, municipality_code, kind, source, entry_date,"
        " created_at, created_by) VALUES"
        " (9,'0166','accepted_claim','declaration:9','2026-05-02',NOW(6),'t')");
    conn_->execute(
        "INSERT INTO ledger_lines (journal_id, account, amount_cents) VALUES"
        " (9,'expense:budget:1',6000), (9,'payable:provider:1',-6000)");
    const auto next = prepare();
    ASSERT_EQ(next.transfers.size(), 1u);
    EXPECT_EQ(next.transfers[0].amount_cents, 1000);
    approve(next.run.id);
    EXPECT_EQ(payable(*conn_, rest->i64(0)).status, "in_run");
    EXPECT_EQ(remainders(), 1) << "a remainder used in full is not split again";
    expectBooksBalance(*conn_);
}

// Issue 17: the statement pages its lines and payments; its counts and totals cover the whole
// period whatever the page, and the pages together hold every line once, in order.
TEST_F(PayableRemainder, TheStatementIsPagedAndItsTotalsCoverThePeriod) {
    conn_->execute(
        "INSERT INTO payables (id, municipality_code, provider_id, source_type, source_id,"
        " amount_cents, due_date, created_at, status, disputed_reason) VALUES"
        " (11,'0166',2,'declaration',11,1100,'2026-05-15','2026-05-03','open',NULL),"
        " (12,'0166',2,'declaration',12,1200,'2026-05-15','2026-05-03','open','Dubbel'),"
        " (13,'0166',2,'review',13,-300,'2026-05-15','2026-05-04','open',NULL),"
        " (14,'0166',2,'declaration',14,1400,'2026-05-15','2026-05-04','open',NULL),"
        " (15,'0166',2,'declaration',15,1500,'2025-12-31','2025-12-20','open',NULL)");
    const auto run = prepare();
    approve(run.run.id);
    const auto all = statementOf(2);
    std::vector<std::int64_t> ids;
    std::int64_t claimed = 0, open = 0;
    for (const auto& l : all.lines) {
        ids.push_back(l.payable_id);
        if (l.amount_cents >= 0) claimed += l.amount_cents;
        if (l.status == "open") open += l.amount_cents;
    }
    ASSERT_EQ(ids, (std::vector<std::int64_t>{3, 4, 11, 12, 13, 14})) << "2025's payable is out";
    EXPECT_EQ(all.lines_total, 6);
    EXPECT_EQ(all.claimed, claimed);
    EXPECT_EQ(all.open, open);
    EXPECT_EQ(all.lines[3].disputed_reason, "Dubbel");
    EXPECT_EQ(all.lines[4].source_id, 13);
    ASSERT_EQ(all.payments.size(), 1u);

    std::vector<std::int64_t> paged;
    for (std::int64_t offset = 0; offset < 8; offset += 4) {
        const auto page = statementOf(2, app::ListQuery{4, offset, "", "", false});
        for (const auto& l : page.lines) paged.push_back(l.payable_id);
        EXPECT_EQ(page.lines_total, 6);
        EXPECT_EQ(page.payments_total, 1);
        EXPECT_EQ(page.payments.size(), offset == 0 ? 1u : 0u);
        EXPECT_EQ(std::tie(page.claimed, page.offsets, page.open, page.in_transit, page.paid),
                  std::tie(all.claimed, all.offsets, all.open, all.in_transit, all.paid))
            << "the totals do not depend on the page";
    }
    EXPECT_EQ(paged, ids);
}

}  // namespace
}  // namespace zc
