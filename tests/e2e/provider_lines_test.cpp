// A declaration line the contract manager decided after a review shows the provider the
// reason (issue 15, Providers), on the declaration's paged lines.
#include <gtest/gtest.h>

#include <string>

#include "contracting/kernel/civil_date.hpp"
#include "e2e/csv_exports.hpp"
#include "session.hpp"

namespace zc {
namespace {

using test::jsonObject;

TEST(ProviderLines, ADecidedReviewShowsTheManagersReasonOnTheLine) {
    const auto line = e2e::declareForReview();
    const auto queue =
        e2e::client().get("/api/v1/reviews?status=open&q=" + line.reference, e2e::as("cm.jansen"));
    ASSERT_EQ(queue.status, 200) << queue.describe();
    ASSERT_EQ(queue.array()->size(), 1u) << queue.text.substr(0, 400);
    const auto review = queue.array()->getObject(0)->getValue<std::int64_t>("id");
    const std::string reason = "Meer uren dan toegewezen; neem contact op voor een herindicatie.";
    const auto decided = e2e::client().post(
        "/api/v1/reviews/" + std::to_string(review) + "/decision",
        jsonObject({{"decision", "reject"}, {"reason", reason}}), e2e::as("cm.jansen"));
    ASSERT_EQ(decided.status, 200) << decided.describe();
    const auto lines =
        e2e::client().get("/api/v1/declarations/" + std::to_string(line.declaration_id) +
                              "/lines?q=" + line.reference,
                          e2e::asProvider(line.provider_id));
    ASSERT_EQ(lines.status, 200) << lines.describe();
    ASSERT_EQ(lines.array()->size(), 1u) << lines.text.substr(0, 400);
    const auto l = lines.array()->getObject(0);
    EXPECT_EQ(l->getValue<std::string>("review_reason"), reason);
    EXPECT_EQ(l->getValue<std::string>("review"), "rejected");
    // The rule's numbers stay with the line: the weekly cap over the weeks of last month, in
    // minutes of the hours cap, one hour over.
    const auto cap = l->getObject("cap_figures");
    ASSERT_TRUE(cap) << lines.text.substr(0, 600);
    EXPECT_EQ(cap->getValue<std::string>("scope"), "period");
    EXPECT_EQ(cap->getValue<std::string>("cap_unit"), "hours");
    EXPECT_EQ(cap->getValue<std::string>("counting_unit"), "minutes");
    EXPECT_EQ(cap->getValue<std::int64_t>("limit"), (line.volume - 1) * 60);
    EXPECT_EQ(cap->getValue<std::int64_t>("used_before"), 0);
    EXPECT_EQ(cap->getValue<std::int64_t>("claimed"), line.volume * 60);
}

// A line far over its cap is rejected outright (9321) and shows the provider the cap, the use
// before it and what it claimed, and the days the weekly cap was counted over.
TEST(ProviderLines, ARejectedLineShowsTheCapTheUseAndTheClaim) {
    const auto line = e2e::declareOverWeeklyCap(20, "answered");
    ASSERT_GT(line.declaration_id, 0);
    const auto lines =
        e2e::client().get("/api/v1/declarations/" + std::to_string(line.declaration_id) +
                              "/lines?status=not_accepted",
                          e2e::asProvider(line.provider_id));
    ASSERT_EQ(lines.status, 200) << lines.describe();
    ASSERT_EQ(lines.array()->size(), 1u) << lines.text.substr(0, 400);
    const auto l = lines.array()->getObject(0);
    EXPECT_EQ(l->getValue<std::string>("status"), "rejected");
    EXPECT_EQ(l->getValue<std::string>("code"), "9321");
    const auto cap = l->getObject("cap_figures");
    ASSERT_TRUE(cap) << lines.text.substr(0, 600);
    EXPECT_EQ(cap->getValue<std::int64_t>("limit"), (line.volume - 20) * 60);
    EXPECT_EQ(cap->getValue<std::int64_t>("claimed"), line.volume * 60);
    EXPECT_EQ(cap->getValue<std::int64_t>("used_before"), 0);
    // The days counted are those of the weeks in the line's month: the whole month here (the
    // window's last day is inclusive, the line's period_end half-open).
    EXPECT_EQ(cap->getValue<std::string>("window_start"), l->getValue<std::string>("period_start"));
    EXPECT_EQ(parseDate(cap->getValue<std::string>("window_end")),
              addDays(parseDate(l->getValue<std::string>("period_end")), -1));
}

}  // namespace
}  // namespace zc
