// Contract status changes and extensions against a store in memory: the reason a suspension
// needs, transitions the status rules refuse, expiry only after the term, and extension options
// running out.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "contracting/app/contracts.hpp"
#include "contracting/kernel/errors.hpp"

namespace zc::contracting {
namespace {

class MemoryContracts final : public ContractStore {
  public:
    std::map<std::int64_t, ContractHead> heads;
    std::map<std::int64_t, ExtensionTerms> extensions;
    std::vector<StatusChange> history;
    int writes = 0;

    std::optional<ContractHead> lockContract(std::int64_t id) override {
        const auto it = heads.find(id);
        return it == heads.end() ? std::nullopt : std::optional(it->second);
    }
    ExtensionTerms extensionTerms(std::int64_t id) override { return extensions.at(id); }
    void setStatus(std::int64_t id, const std::string& status) override {
        heads.at(id).status = parseContractStatus(status);
        ++writes;
    }
    void recordStatus(std::int64_t, const std::optional<std::string>& from, const std::string& to,
                      const std::string& reason, const std::string& by,
                      const std::string& at) override {
        history.push_back({from, to, reason, by, at});
    }
    void extendTerm(std::int64_t id, Date new_end) override {
        heads.at(id).term.end = new_end;
        ++extensions.at(id).used;
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

StatusChangeRequest to(std::int64_t id, ContractStatus s, std::string reason = "") {
    return {id, s, contractStatusName(s), std::move(reason), "cm.jansen", "2026-03-01 09:00:00"};
}

class ContractUseCasesTest : public ::testing::Test {
  protected:
    ContractUseCasesTest() {
        const Period term{parseDate("2026-01-01"), parseDate("2027-01-01")};
        store_.heads[1] = {"framework", ContractStatus::Active, term};
        store_.heads[2] = {"framework", ContractStatus::Terminated, term};
        store_.heads[3] = {"framework", ContractStatus::Draft, term};
        store_.extensions[1] = {2, 0, 12};
        store_.extensions[3] = {2, 0, 12};
    }
    MemoryContracts store_;
    const Date today_ = parseDate("2026-03-01");
};

TEST_F(ContractUseCasesTest, SuspendingNeedsAReason) {
    EXPECT_EQ(refusal([&] { changeStatus(store_, to(1, ContractStatus::Suspended), today_); }),
              "REASON_REQUIRED");
    EXPECT_EQ(store_.writes, 0);
    EXPECT_EQ(changeStatus(store_, to(1, ContractStatus::Suspended, "quality audit"), today_),
              "active");
    EXPECT_EQ(store_.heads.at(1).status, ContractStatus::Suspended);
    ASSERT_EQ(store_.history.size(), 1u);
    EXPECT_EQ(store_.history[0].from, std::optional<std::string>("active"));
    EXPECT_EQ(store_.history[0].to, "suspended");
    EXPECT_EQ(store_.history[0].by, "cm.jansen");
}

TEST_F(ContractUseCasesTest, ATerminatedContractDoesNotComeBack) {
    EXPECT_EQ(refusal([&] { changeStatus(store_, to(2, ContractStatus::Active), today_); }),
              "ILLEGAL_STATUS_CHANGE");
    EXPECT_EQ(refusal([&] { changeStatus(store_, to(99, ContractStatus::Active), today_); }),
              "NOT_FOUND");
    EXPECT_EQ(store_.writes, 0);
    EXPECT_TRUE(store_.history.empty());
}

TEST_F(ContractUseCasesTest, AContractExpiresOnlyAfterItsTerm) {
    EXPECT_EQ(refusal([&] { changeStatus(store_, to(1, ContractStatus::Expired), today_); }),
              "TERM_NOT_ENDED");
    EXPECT_EQ(store_.heads.at(1).status, ContractStatus::Active);
    EXPECT_EQ(changeStatus(store_, to(1, ContractStatus::Expired), parseDate("2027-01-01")),
              "active");
    EXPECT_EQ(store_.heads.at(1).status, ContractStatus::Expired);
}

TEST_F(ContractUseCasesTest, ExtensionsRunOut) {
    auto ext = extendTerm(store_, 1);
    EXPECT_EQ(formatDate(ext.old_end), "2027-01-01");
    EXPECT_EQ(formatDate(ext.new_end), "2028-01-01");
    extendTerm(store_, 1);
    EXPECT_EQ(formatDate(*store_.heads.at(1).term.end), "2029-01-01");
    EXPECT_EQ(refusal([&] { extendTerm(store_, 1); }), "NO_EXTENSION_LEFT");
    EXPECT_EQ(store_.writes, 2);
}

TEST_F(ContractUseCasesTest, OnlyAnActiveOrSuspendedContractIsExtended) {
    EXPECT_EQ(refusal([&] { extendTerm(store_, 3); }), "CONTRACT_CLOSED");
    EXPECT_EQ(refusal([&] { extendTerm(store_, 2); }), "CONTRACT_CLOSED");
    EXPECT_EQ(refusal([&] { extendTerm(store_, 99); }), "NOT_FOUND");
    EXPECT_EQ(store_.writes, 0);
}

}  // namespace
}  // namespace zc::contracting
