// The hash columns of the in-message rules spilled to disk in sorted runs: they read back as
// the values in memory would, and the cross-line rules find duplicates across runs.
#include "billing/app/spilled_hashes.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "claim_fixture.hpp"

namespace zc::billing {
namespace {

std::vector<std::uint64_t> readAll(HashColumn& c) {
    std::vector<std::uint64_t> out;
    std::uint64_t v = 0;
    while (c.next(v)) out.push_back(v);
    return out;
}

TEST(SpilledHashes, ReadBackSortedAcrossRunsAndAgainAfterRewind) {
    std::mt19937_64 random(17);
    for (const std::size_t n : {0, 1, 6, 7, 100, 5000}) {
        auto spilled = spilledHashColumn(7);  // runs of 7: many runs, a partial last one
        std::vector<std::uint64_t> expected;
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t v = random() % 50;  // with duplicates
            spilled->add(v);
            expected.push_back(v);
        }
        std::sort(expected.begin(), expected.end());
        EXPECT_EQ(readAll(*spilled), expected) << n << " values";
        spilled->rewind();
        EXPECT_EQ(readAll(*spilled), expected) << n << " values, read again";
    }
}

TEST(SpilledHashes, LargeValuesKeepTheirOrder) {
    auto spilled = spilledHashColumn(2);
    for (const std::uint64_t v : {~std::uint64_t{0}, std::uint64_t{0}, std::uint64_t{1} << 63,
                                  std::uint64_t{5}, ~std::uint64_t{0} - 1}) {
        spilled->add(v);
    }
    EXPECT_EQ(readAll(*spilled),
              (std::vector<std::uint64_t>{0, 5, std::uint64_t{1} << 63, ~std::uint64_t{0} - 1,
                                          ~std::uint64_t{0}}));
}

// A message of `n` debits with distinct references, plus whatever `extra` adds.
std::vector<std::string> rulesBroken(std::size_t n, const std::vector<ClaimLine>& extra) {
    InMessageRules rules([] { return spilledHashColumn(5); });
    ClaimLine base = testing::validCase().line;
    std::vector<ClaimLine> lines;
    for (std::size_t i = 0; i < n; ++i) {
        ClaimLine l = base;
        l.reference = "R" + std::to_string(i);
        l.allocation_number = 1000 + static_cast<std::int64_t>(i);
        lines.push_back(l);
    }
    lines.insert(lines.end(), extra.begin(), extra.end());
    std::int64_t net = 0;
    for (const auto& l : lines) net += l.credit ? -l.amount.cents() : l.amount.cents();
    DeclarationHeader header = testing::validCase().header;
    rules.head(header, net < 0 ? -net : net, net < 0, header.received_on);
    int number = 1;
    for (const auto& l : lines) rules.line(l, number++);
    std::vector<std::string> out;
    for (const auto& p : rules.finish()) out.push_back(p.rule);
    return out;
}

TEST(SpilledHashes, InMessageRulesFindDuplicatesFarApartInTheFile) {
    EXPECT_TRUE(rulesBroken(40, {}).empty());
    ClaimLine twice = testing::validCase().line;
    twice.reference = "R3";  // the same prestatie as line 4, 37 lines later (TR101)
    twice.allocation_number = 9999;
    EXPECT_EQ(rulesBroken(40, {twice}), std::vector<std::string>{"TR101"});
    ClaimLine same_key = testing::validCase().line;
    same_key.reference = "OTHER";
    same_key.allocation_number = 1002;  // the debit key of line 3 (TR416)
    EXPECT_EQ(rulesBroken(40, {same_key}), std::vector<std::string>{"TR416"});
    ClaimLine credit = testing::validCase().line;
    credit.reference = "C1";
    credit.credit = true;
    credit.previous_reference = "R30";  // names a reference of the same message (TR316)
    ClaimLine credit2 = credit;
    credit2.reference = "C2";  // and the same VorigReferentieNummer again (TR315)
    EXPECT_EQ(rulesBroken(40, {credit, credit2}), (std::vector<std::string>{"TR315", "TR316"}));
}

}  // namespace
}  // namespace zc::billing
