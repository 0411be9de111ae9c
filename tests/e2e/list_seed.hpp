#pragma once
// Data for the paged-list tests (issue 15): a declaration of demo provider 73000101 with many
// lines, sent as JSON. Its client, decision and allocation are made first (by ao.bakker), so the
// test can run again on any database.
#include <cstdint>
#include <string>

namespace zc::e2e {

struct SeededDeclaration {
    std::int64_t id = 0;             // declaration id
    std::int64_t provider_id = 0;    // 73000101's
    std::int64_t allocation = 0;     // the fresh allocation's number
    std::string accepted_reference;  // the one line that is accepted
    std::string prefix;              // every line's reference starts with it
    int lines = 0;
};

// A declaration of last month with `lines` lines: the first, the month of the fresh allocation
// at the contracted tariff, is accepted; line k (2..lines) claims k hours of an allocation
// number that does not exist and is rejected. References are prefix + 3 digits (001, 002, …).
SeededDeclaration seedDeclaration(int lines);

}  // namespace zc::e2e
