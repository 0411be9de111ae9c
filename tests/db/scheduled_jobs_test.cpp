// The daily jobs (issue 15, Operations): `post-advances` and `answer-overdue` run once a day from
// systemd timers; when two runs meet (a timer on two machines, or a run next to the API's
// POST), the database serialises them and nothing is posted or answered twice.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "db/demo_database.hpp"

namespace zc {
namespace {

std::int64_t number(const std::string& output, const std::string& pattern) {
    std::smatch m;
    if (!std::regex_search(output, m, std::regex(pattern))) return -1;
    return std::stoll(m[1].str());
}

TEST(ScheduledJobs, PostAdvancesRunThreeTimesAtOnceCreatesEachAdvancePayableOnce) {
    dbtest::DemoDatabase demo;
    auto& db = demo.db();
    // A date every run accepts (not after today) with the demo coalition's advances due.
    const std::string date =
        db.queryOne("SELECT DATE_FORMAT(DATE_SUB(CURRENT_DATE, INTERVAL 2 DAY), '%Y-%m-%d')")
            ->str(0);
    const std::int64_t due =
        db.queryOne(
              "SELECT COUNT(*) FROM advances a JOIN contracts c ON c.id = a.contract_id"
              " WHERE c.kind = 'budget' AND c.status = 'active' AND a.due_date <= ?"
              " AND NOT EXISTS (SELECT 1 FROM settlements s"
              " WHERE s.contract_id = a.contract_id AND s.year = a.year)",
              {date})
            ->i64(0);
    ASSERT_GT(due, 0) << "the demo's budget-financed contract has advances due";
    const auto payables = [&] {
        return db.queryOne("SELECT COUNT(*) FROM payables WHERE source_type = 'advance'")->i64(0);
    };
    const std::int64_t before = payables();

    const std::vector<std::string> job{"post-advances", "--date", date};
    const auto runs = dbtest::runCliAtOnce({job, job, job}, demo.name(), demo.keys());
    std::int64_t created = 0;
    for (const auto& r : runs) {
        ASSERT_EQ(r.exit_code, 0) << r.output;
        const auto n = number(r.output, "([0-9]+) advance payable\\(s\\) created");
        ASSERT_GE(n, 0) << r.output;
        created += n;
    }
    EXPECT_EQ(payables(), due) << "every due advance is payable";
    EXPECT_EQ(created, due - before) << "the runs together created each payable once";
    EXPECT_FALSE(
        db.queryOne("SELECT source_id FROM payables WHERE source_type = 'advance'"
                    " GROUP BY source_id HAVING COUNT(*) > 1"))
        << "no advance paid twice";
    std::multiset<std::string> audited;
    for (const auto& row : db.query("SELECT object_id FROM audit_log WHERE action ="
                                    " 'payable.create' AND object_type = 'payable'")) {
        audited.insert(row.str(0));
    }
    for (const auto& row : db.query("SELECT id FROM payables WHERE source_type = 'advance'")) {
        EXPECT_EQ(audited.count(row.str(0)), 1u) << "one audit row for payable " << row.str(0);
    }
    // A fourth run finds nothing left.
    const auto again = demo.cli(job);
    EXPECT_EQ(number(again.output, "([0-9]+) advance payable\\(s\\) created"), 0) << again.output;
}

TEST(ScheduledJobs, AnswerOverdueRunThreeTimesAtOnceAnswersEachDeclarationOnce) {
    dbtest::DemoDatabase demo;
    auto& db = demo.db();
    const auto provider = db.queryOne("SELECT id FROM providers ORDER BY id LIMIT 1")->i64(0);
    // Declarations whose review was not decided by yesterday (JSON ones: answered without a
    // WMO325), next to the demo's own.
    constexpr int kOverdue = 40;
    for (int i = 0; i < kOverdue; ++i) {
        db.execute(
            "INSERT INTO declarations (provider_id, source, declaratie_nummer, period_begin,"
            " period_end, received_at, total_submitted_cents, status, answer_due,"
            " municipality_code) VALUES (?, 'json', ?, '2026-01-01', '2026-02-01',"
            " UTC_TIMESTAMP(6), 1000, 'awaiting_review', DATE_SUB(CURRENT_DATE, INTERVAL 1 DAY),"
            " '0193')",
            {provider, "OVERDUE" + std::to_string(i)});
    }
    const std::int64_t overdue =
        db.queryOne(
              "SELECT COUNT(*) FROM declarations WHERE status = 'awaiting_review'"
              " AND answer_due < CURRENT_DATE")
            ->i64(0);
    const auto audited = [&] {
        return db
            .queryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'declaration.answer_due'")
            ->i64(0);
    };
    const std::int64_t audited_before = audited();

    const std::vector<std::string> job{"answer-overdue"};
    const auto runs = dbtest::runCliAtOnce({job, job, job}, demo.name(), demo.keys());
    std::int64_t answered = 0;
    for (const auto& r : runs) {
        ASSERT_EQ(r.exit_code, 0) << r.output;
        const auto n = number(r.output, "([0-9]+) declaration\\(s\\) answered");
        ASSERT_GE(n, 0) << r.output;
        answered += n;
    }
    EXPECT_EQ(answered, overdue) << "each overdue declaration answered by exactly one run";
    EXPECT_EQ(audited() - audited_before, overdue) << "one audit row per answer";
    EXPECT_EQ(db.queryOne("SELECT COUNT(*) FROM declarations WHERE declaratie_nummer LIKE "
                          "'OVERDUE%' AND status = 'answered'")
                  ->i64(0),
              kOverdue);
}

}  // namespace
}  // namespace zc
