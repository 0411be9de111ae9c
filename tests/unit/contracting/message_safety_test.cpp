// Withholding a client's messages (iWmo OP003) against a store in memory: withholding needs a
// reason, an unknown client is refused, and only releasing withheld messages sends the
// providers their allocations again.
#include "contracting/app/message_safety.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "contracting/kernel/errors.hpp"

namespace zc::contracting {
namespace {

class MemoryMessageSafety final : public MessageSafetyStore {
  public:
    struct Client {
        std::optional<std::string> since, reason;
    };
    std::map<std::int64_t, Client> clients;
    std::map<std::int64_t, std::vector<ProviderToInform>> providers;  // client -> to inform
    int writes = 0;

    std::optional<bool> lockWithheld(std::int64_t id) override {
        const auto it = clients.find(id);
        if (it == clients.end()) return std::nullopt;
        return it->second.since.has_value();
    }
    void withhold(std::int64_t id, const std::string& now, const std::string& reason) override {
        auto& c = clients.at(id);
        if (!c.since) c.since = now;
        c.reason = reason;
        ++writes;
    }
    void release(std::int64_t id) override {
        clients.at(id) = Client{};
        ++writes;
    }
    std::vector<ProviderToInform> providersWithAllocations(std::int64_t id) override {
        return providers[id];
    }
};

std::string refusal(const std::function<void()>& call) {
    try {
        call();
    } catch (const ValidationError& e) {
        return e.code() + "/" + e.field();
    }
    return "";
}

class MessageSafetyTest : public ::testing::Test {
  protected:
    MessageSafetyTest() {
        store_.clients[7] = {};
        store_.providers[7] = {{101, "0166"}, {101, "0193"}, {102, "0166"}};
    }
    MemoryMessageSafety store_;
};

TEST_F(MessageSafetyTest, WithholdingNeedsAReasonBeforeTheClientIsLookedUp) {
    EXPECT_EQ(refusal([&] {
                  changeMessageSafety(store_, {7, true, std::nullopt}, "t1");
              }),
              "MISSING_FIELD/reason");
    EXPECT_EQ(refusal([&] {
                  changeMessageSafety(store_, {999, true, ""}, "t1");
              }),
              "MISSING_FIELD/reason");
    EXPECT_EQ(refusal([&] {
                  changeMessageSafety(store_, {999, false, std::nullopt}, "t1");
              }),
              "NOT_FOUND/");
    EXPECT_EQ(store_.writes, 0);
}

TEST_F(MessageSafetyTest, WithholdingKeepsTheFirstMomentAndInformsNoProvider) {
    auto first = changeMessageSafety(store_, {7, true, "shelter"}, "t1");
    EXPECT_FALSE(first.before);
    EXPECT_TRUE(first.providers_to_inform.empty());
    auto again = changeMessageSafety(store_, {7, true, "still in the shelter"}, "t2");
    EXPECT_TRUE(again.before);
    EXPECT_TRUE(again.providers_to_inform.empty());
    EXPECT_EQ(store_.clients.at(7).since, std::optional<std::string>("t1"));
    EXPECT_EQ(store_.clients.at(7).reason, std::optional<std::string>("still in the shelter"));
}

TEST_F(MessageSafetyTest, OnlyReleasingWithheldMessagesInformsTheProviders) {
    EXPECT_TRUE(
        changeMessageSafety(store_, {7, false, std::nullopt}, "t1").providers_to_inform.empty());
    changeMessageSafety(store_, {7, true, "shelter"}, "t2");
    const auto released = changeMessageSafety(store_, {7, false, std::nullopt}, "t3");
    EXPECT_TRUE(released.before);
    // One WMO301 per provider and paying municipality (Beschermd Wonen comes from Zwolle).
    EXPECT_EQ(released.providers_to_inform,
              (std::vector<ProviderToInform>{{101, "0166"}, {101, "0193"}, {102, "0166"}}));
    EXPECT_FALSE(store_.clients.at(7).since.has_value());
}

}  // namespace
}  // namespace zc::contracting
