// The national benchmark's data set as a deterministic model (bench/national.sh): which
// municipalities, districts, teams, providers and allocations exist, and what every claim line
// of the twelve service months says. Pure: no database, no files; national_tables.cpp turns it
// into rows. Sizes follow one parameter, the number of claim lines asked for.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench/bench_bsn.hpp"  // bsnOf: valid BSNs, distinct per client

namespace zc::bench {

constexpr int kServiceMonths = 12;  // December 2025 .. November 2026
constexpr int kRegionSize = 8;      // municipalities per Beschermd Wonen region (centrumgemeente)

// One product kind of an allocation (the iWmo product, its category, unit and weekly cap).
struct Kind {
    const char* product;
    const char* category;
    const char* name;
    const char* unit;        // our unit name: hours, day_parts, days_24h
    std::int64_t weekly;     // the allocation's weekly volume
    std::int64_t tariff;     // base tariff in cents per unit
    std::int64_t per_month;  // claimed per month (0: the days of the month)
};

const std::vector<Kind>& kinds();   // IB 02A01, HH 01A01, dagbesteding 07A02, BW 15A01
constexpr int kBeschermdWonen = 3;  // index of 15A01 in kinds()

struct Municipality {
    std::string code;
    std::string name;
    std::string central;  // the centrumgemeente of its region (its own code for a central one)
    int region = 0;
    std::int64_t clients = 0;
    std::int64_t first_district = 0;  // district ids first_district .. + districts - 1
    int districts = 0;
};

struct District {
    std::int64_t id = 0;
    int municipality = 0;
    std::int64_t first_team = 0;  // team ids first_team .. + teams - 1
    int teams = 0;
};

struct Provider {
    std::int64_t id = 0;  // also its contract's id
    std::string agb;
    int region = 0;
};

struct Allocation {
    std::int32_t client = 0;    // client index (id = index + 1)
    std::int32_t provider = 0;  // provider index
    std::int16_t paying = 0;    // municipality index that pays
    std::int8_t kind = 0;       // index in kinds()
};

struct Layout {
    std::vector<Municipality> municipalities;
    std::vector<District> districts;
    std::int64_t teams = 0;
    std::vector<Provider> providers;
    std::vector<std::vector<int>> region_providers;  // provider indexes per region
    std::vector<int> client_municipality;            // per client index
    std::vector<Allocation> allocations;             // allocation number = 100000 + index
    std::int64_t requested_lines = 0;
};

// The layout for about `lines` claim lines: ceil(lines / 12.6) clients over 340 municipalities
// (sized by a power law: a few large, many small), every client one allocation and every 20th
// a second one, each claimed once per service month.
Layout makeLayout(std::int64_t lines, int municipality_count = 340);

// What happens to a debit line: most are accepted; 5 % rejected, 2 % held for review.
enum class Fate { Accepted, Rejected, Review };
// The deterministic fate of claim line `n` (0-based over the whole set).
Fate fateOf(std::int64_t n);
// The retourcode of a rejected line: 0611 (tariff), 9346 (amount), 9307 (period before the
// allocation), cycling.
const char* rejectionCode(std::int64_t n);
// Whether an accepted debit line of a month before October is credited in the next month's
// declaration (about 1 in 200).
bool creditedLater(std::int64_t n);
// Whether a review of a line is decided accepted (4 in 5) when it is decided.
bool reviewAccepted(std::int64_t n);

std::int64_t allocationNumber(std::int64_t index);
std::string dutchIban(const std::string& bank, std::int64_t account);
std::string twoDigits(int v);
std::string codeOf(int municipality_index);
// The contract tariff of a provider for a kind (the base plus a provider's own 0..4 × 50 cents).
std::int64_t tariffOf(const Provider& p, int kind);
// The first day of service month m (0 = 2025-12-01).
std::string monthStart(int m);
std::string monthEnd(int m);  // the last day (inclusive)
int daysIn(int m);
std::uint64_t mix(std::uint64_t x);  // a 64-bit hash (splitmix64)

}  // namespace zc::bench
