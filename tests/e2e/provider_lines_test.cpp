// A declaration line the contract manager decided after a review shows the provider the
// reason (issue 15, Providers), on the declaration's paged lines.
#include <gtest/gtest.h>

#include <string>

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
}

}  // namespace
}  // namespace zc
