// Integrity blocks and disputes against a store in memory: the reason they need, unknown
// providers and payables, and that only an open payable can be disputed.
#include "invoicing/app/payment_integrity.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

class MemoryIntegrity final : public IntegrityStore {
  public:
    std::map<std::int64_t, std::optional<std::string>> blocks;  // provider -> reason
    std::map<std::int64_t, PayableStatus> statuses;
    std::map<std::int64_t, std::optional<std::string>> disputes;
    int writes = 0;

    std::optional<ProviderBlock> lockProviderBlock(std::int64_t id) override {
        const auto it = blocks.find(id);
        return it == blocks.end() ? std::nullopt : std::optional(ProviderBlock{it->second});
    }
    void setProviderBlock(std::int64_t id, const std::optional<std::string>& reason,
                          const std::string&) override {
        blocks[id] = reason;
        ++writes;
    }
    std::optional<PayableStatus> lockPayableStatus(std::int64_t id) override {
        const auto it = statuses.find(id);
        return it == statuses.end() ? std::nullopt : std::optional(it->second);
    }
    void setPayableDispute(std::int64_t id, const std::optional<std::string>& reason) override {
        disputes[id] = reason;
        ++writes;
    }
};

std::string refusal(const std::function<void()>& call) {
    try {
        call();
    } catch (const ValidationError& e) {
        return e.code();
    }
    return "";
}

class PaymentIntegrityTest : public ::testing::Test {
  protected:
    PaymentIntegrityTest() {
        store_.blocks[101] = std::nullopt;
        store_.statuses[5] = PayableStatus::Open;
        store_.statuses[6] = PayableStatus::InRun;
        store_.statuses[7] = PayableStatus::Paid;
    }
    MemoryIntegrity store_;
};

TEST_F(PaymentIntegrityTest, ABlockNeedsAReasonAndAKnownProvider) {
    EXPECT_EQ(refusal([&] {
                  changeProviderBlock(store_, {101, true, "no", "fin.devries"});
              }),
              "REASON_REQUIRED");
    EXPECT_EQ(refusal([&] {
                  changeProviderBlock(store_, {999, true, "fraud register", "f"});
              }),
              "NOT_FOUND");
    EXPECT_EQ(store_.writes, 0);
    EXPECT_EQ(store_.blocks.at(101), std::nullopt);
}

TEST_F(PaymentIntegrityTest, BlockingAndUnblockingAnswerThePreviousReason) {
    EXPECT_EQ(changeProviderBlock(store_, {101, true, "fraud register hit", "fin.devries"}),
              std::nullopt);
    EXPECT_EQ(store_.blocks.at(101), std::optional<std::string>("fraud register hit"));
    EXPECT_EQ(changeProviderBlock(store_, {101, false, "cleared by the register", "fin.mulder"}),
              std::optional<std::string>("fraud register hit"));
    EXPECT_EQ(store_.blocks.at(101), std::nullopt);
}

TEST_F(PaymentIntegrityTest, OnlyAnOpenPayableIsDisputed) {
    for (const std::int64_t id : {6, 7}) {
        EXPECT_EQ(refusal([&] {
                      changePayableDispute(store_, {id, true, "double claim", "f"});
                  }),
                  "PAYABLE_NOT_OPEN")
            << "payable " << id;
    }
    EXPECT_EQ(refusal([&] {
                  changePayableDispute(store_, {8, true, "double claim", "f"});
              }),
              "NOT_FOUND");
    EXPECT_EQ(refusal([&] {
                  changePayableDispute(store_, {5, true, "", "f"});
              }),
              "REASON_REQUIRED");
    EXPECT_EQ(store_.writes, 0);
    changePayableDispute(store_, {5, true, "double claim", "fin.devries"});
    EXPECT_EQ(store_.disputes.at(5), std::optional<std::string>("double claim"));
    changePayableDispute(store_, {5, false, "resolved with the provider", "fin.devries"});
    EXPECT_EQ(store_.disputes.at(5), std::nullopt);
}

}  // namespace
}  // namespace zc::invoicing
