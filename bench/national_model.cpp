#include "bench/national_model.hpp"

#include <algorithm>
#include <cmath>


namespace zc::bench {

const std::vector<Kind>& kinds() {
    static const std::vector<Kind> k{
        {"02A01", "02", "Individuele Begeleiding", "hours", 3, 6500, 12},
        {"01A01", "01", "Huishoudelijke Hulp 1 (schoonmaakwerkzaamheden)", "hours", 3, 3100, 10},
        {"07A02", "07", "Dagbesteding (per dagdeel)", "day_parts", 4, 5200, 16},
        {"15A01", "15", "Beschermd Wonen", "days_24h", 7, 14500, 0},
    };
    return k;
}

std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::string twoDigits(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

std::string codeOf(int i) {
    // The largest municipality gets Amsterdam's code; the others 0001 .. 0339.
    if (i == 0) return "0363";
    std::string s = std::to_string(i);
    return std::string(4 - s.size(), '0') + s;
}

std::string monthStart(int m) { return m == 0 ? "2025-12-01" : "2026-" + twoDigits(m) + "-01"; }

int daysIn(int m) {
    static const int days[] = {31, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30};
    return days[m];
}

std::string monthEnd(int m) {
    return (m == 0 ? "2025-12-" : "2026-" + twoDigits(m) + "-") + std::to_string(daysIn(m));
}

std::int64_t allocationNumber(std::int64_t index) { return 100000 + index; }

std::string dutchIban(const std::string& bank, std::int64_t account) {
    std::string acc = std::to_string(account);
    acc = std::string(10 - acc.size(), '0') + acc;
    // ISO 7064 mod 97-10 over BANK ACCOUNT "NL00", letters as 10..35.
    std::string digits;
    for (char c : bank + acc + "NL00") {
        digits += (c >= 'A' && c <= 'Z') ? std::to_string(c - 'A' + 10) : std::string(1, c);
    }
    int mod = 0;
    for (char c : digits) mod = (mod * 10 + (c - '0')) % 97;
    return "NL" + twoDigits(98 - mod) + bank + acc;
}

std::int64_t tariffOf(const Provider& p, int kind) {
    return kinds()[static_cast<std::size_t>(kind)].tariff + (p.id % 5) * 50;
}

Fate fateOf(std::int64_t n) {
    const auto h = mix(static_cast<std::uint64_t>(n) ^ 0x5a17ULL) % 1000;
    if (h < 50) return Fate::Rejected;
    if (h < 70) return Fate::Review;
    return Fate::Accepted;
}

const char* rejectionCode(std::int64_t n) {
    static const char* codes[] = {"0611", "9346", "9307"};
    return codes[mix(static_cast<std::uint64_t>(n) ^ 0xc0deULL) % 3];
}

bool creditedLater(std::int64_t n) {
    return mix(static_cast<std::uint64_t>(n) ^ 0xc4ed) % 200 == 0;
}

bool reviewAccepted(std::int64_t n) { return mix(static_cast<std::uint64_t>(n) ^ 0x4e71) % 5 != 0; }

namespace {

void sizeMunicipalities(Layout& l, int count, std::int64_t clients) {
    std::vector<double> w(static_cast<std::size_t>(count));
    double total = 0;
    for (int i = 0; i < count; ++i) total += w[static_cast<std::size_t>(i)] = std::pow(i + 1, -0.7);
    const int regions = (count + kRegionSize - 1) / kRegionSize;
    for (int i = 0; i < count; ++i) {
        Municipality m;
        m.code = codeOf(i);
        m.name = i == 0 ? "Amsterdam" : "Gemeente " + m.code;
        // The largest municipalities are the centrumgemeenten, one per region.
        m.region = i < regions ? i : (i - regions) % regions;
        m.central = codeOf(m.region);
        m.clients = std::max<std::int64_t>(
            5, std::llround(static_cast<double>(clients) * w[static_cast<std::size_t>(i)] / total));
        l.municipalities.push_back(m);
    }
}

void addDistrictsAndTeams(Layout& l) {
    std::int64_t next_team = 1;
    for (std::size_t i = 0; i < l.municipalities.size(); ++i) {
        auto& m = l.municipalities[i];
        m.districts = static_cast<int>(std::clamp<std::int64_t>(m.clients / 5000, 1, 10));
        m.first_district = static_cast<std::int64_t>(l.districts.size()) + 1;
        const int teams =
            static_cast<int>(std::clamp<std::int64_t>(m.clients / m.districts / 1500, 1, 6));
        for (int d = 0; d < m.districts; ++d) {
            District dist;
            dist.id = static_cast<std::int64_t>(l.districts.size()) + 1;
            dist.municipality = static_cast<int>(i);
            dist.first_team = next_team;
            dist.teams = teams;
            next_team += teams;
            l.districts.push_back(dist);
        }
    }
    l.teams = next_team - 1;
}

void addProviders(Layout& l) {
    const int regions = static_cast<int>(l.municipalities.size() + kRegionSize - 1) / kRegionSize;
    std::vector<std::int64_t> per_region(static_cast<std::size_t>(regions));
    for (const auto& m : l.municipalities)
        per_region[static_cast<std::size_t>(m.region)] += m.clients;
    l.region_providers.resize(static_cast<std::size_t>(regions));
    for (int r = 0; r < regions; ++r) {
        const auto n = std::max<std::int64_t>(3, per_region[static_cast<std::size_t>(r)] / 400);
        for (std::int64_t k = 0; k < n; ++k) {
            Provider p;
            p.id = static_cast<std::int64_t>(l.providers.size()) + 1;
            p.agb = std::to_string(70000000 + p.id);
            p.region = r;
            l.region_providers[static_cast<std::size_t>(r)].push_back(
                static_cast<int>(l.providers.size()));
            l.providers.push_back(p);
        }
    }
}

int firstKind(std::uint64_t h) {
    const auto p = h % 100;
    if (p < 45) return 0;
    if (p < 80) return 1;
    if (p < 95) return 2;
    return kBeschermdWonen;
}

void addAllocations(Layout& l) {
    for (std::size_t i = 0; i < l.municipalities.size(); ++i) {
        const auto& m = l.municipalities[i];
        const auto& providers = l.region_providers[static_cast<std::size_t>(m.region)];
        for (std::int64_t c = 0; c < m.clients; ++c) {
            const auto client = static_cast<std::int32_t>(l.client_municipality.size());
            l.client_municipality.push_back(static_cast<int>(i));
            const auto h = mix(static_cast<std::uint64_t>(client));
            Allocation a;
            a.client = client;
            a.kind = static_cast<std::int8_t>(firstKind(h));
            a.provider = providers[(h >> 20) % providers.size()];
            a.paying = static_cast<std::int16_t>(a.kind == kBeschermdWonen ? m.region : i);
            l.allocations.push_back(a);
            if (client % 20 == 7) {
                a.kind = static_cast<std::int8_t>(a.kind == 0 ? 1 : 0);
                a.provider = providers[(h >> 40) % providers.size()];
                a.paying = static_cast<std::int16_t>(i);
                l.allocations.push_back(a);
            }
        }
    }
}

}  // namespace

Layout makeLayout(std::int64_t lines, int municipality_count) {
    Layout l;
    l.requested_lines = lines;
    sizeMunicipalities(l, municipality_count,
                       static_cast<std::int64_t>(std::ceil(static_cast<double>(lines) / 12.6)));
    addDistrictsAndTeams(l);
    addProviders(l);
    addAllocations(l);
    return l;
}

}  // namespace zc::bench
