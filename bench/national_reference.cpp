// Reference data, clients, access decisions, allocations and budgets of the national data set,
// as the use cases write them (clients: bsn_enc AES-256-GCM and bsn_hash HMAC-SHA256 as
// createClient; one decision per client with one granted product per allocation).
#include <cmath>

#include "bench/national_tables.hpp"
#include "bench/national_tsv.hpp"
#include "contracting/kernel/request_context.hpp"
#include "interfaces/security/aes_gcm.hpp"
#include "interfaces/security/bsn_protection.hpp"

namespace zc::bench {
namespace {

constexpr const char* kCreated = "2025-11-15 09:00:00.000000";
constexpr const char* kStart = "2025-12-01";
constexpr const char* kEnd = "2026-12-31";
constexpr const char* kValidTo = "2027-01-01";

const District& districtRow(const Layout& l, std::int64_t client) {
    return l.districts[static_cast<std::size_t>(districtOf(l, client) - 1)];
}

void writeMunicipalities(const Layout& l, const std::string& dir, std::string& sql) {
    Tsv m(dir, "municipalities", "code, name, central_code");
    for (const auto& x : l.municipalities) {
        m << x.code << x.name;
        if (x.central == x.code) {
            m.null();
        } else {
            m << x.central;
        }
        m.end();
    }
    Tsv d(dir, "districts", "id, municipality_code, name");
    Tsv t(dir, "teams", "id, district_id, name");
    for (const auto& x : l.districts) {
        const auto& mun = l.municipalities[static_cast<std::size_t>(x.municipality)];
        d << x.id << mun.code << "Wijk " + std::to_string(x.id - mun.first_district + 1);
        d.end();
        for (int k = 0; k < x.teams; ++k) {
            t << x.first_team + k << x.id << "Sociaal wijkteam " + std::to_string(k + 1);
            t.end();
        }
    }
    Tsv p(dir, "products", "code, category, name, unit, kind");
    for (const auto& k : kinds()) {
        p << k.product << k.category << k.name << k.unit << "per_client";
        p.end();
    }
    Tsv a(dir, "debtor_accounts", "id, municipality_code, iban, name, is_default, active");
    for (std::size_t i = 0; i < l.municipalities.size(); ++i) {
        a << static_cast<std::int64_t>(i + 1) << l.municipalities[i].code
          << dutchIban("BNGH", 285000000 + static_cast<std::int64_t>(i))
          << "Gemeente " + l.municipalities[i].name << 1 << 1;
        a.end();
    }
    sql += m.loadStatements() + d.loadStatements() + t.loadStatements() + p.loadStatements() +
           a.loadStatements();
}

void writeProviders(const Layout& l, const std::string& dir, std::string& sql) {
    Tsv p(dir, "providers", "id, agb, kvk, name, iban, contact_name, contact_email, created_at");
    Tsv c(dir, "contracts",
          "id, kind, provider_id, municipality_code, status, term_start, term_end, created_at");
    Tsv cm(dir, "contract_municipalities", "contract_id, municipality_code");
    Tsv cp(dir, "contract_products", "contract_id, product_code");
    Tsv t(dir, "tariffs", "contract_id, product_code, unit, tariff_cents, valid_from, reason");
    for (const auto& x : l.providers) {
        p << x.id << x.agb << std::to_string(50000000 + x.id) << "Zorgaanbieder " + x.agb
          << dutchIban("RABO", 300000000 + x.id) << "Administratie"
          << "declaraties@aanbieder" + x.agb + ".example.nl" << kCreated;
        p.end();
        const std::string central = codeOf(x.region);
        c << x.id << "framework" << x.id << central << "active"
          << "2025-01-01"
          << "2028-01-01" << kCreated;
        c.end();
        for (const auto& m : l.municipalities) {
            if (m.region != x.region) continue;
            cm << x.id << m.code;
            cm.end();
        }
        for (std::size_t k = 0; k < kinds().size(); ++k) {
            cp << x.id << kinds()[k].product;
            cp.end();
            t << x.id << kinds()[k].product << kinds()[k].unit << tariffOf(x, static_cast<int>(k))
              << "2025-01-01"
              << "raamovereenkomst";
            t.end();
        }
    }
    sql += p.loadStatements() + c.loadStatements() + cm.loadStatements() + cp.loadStatements() +
           t.loadStatements();
}

void writeClients(const Layout& l, const app::AppConfig& config, const std::string& dir,
                  std::string& sql) {
    Tsv c(dir, "clients",
          "id, bsn_hash, bsn_enc, surname, initials, birth_date, gender, street, house_number,"
          " postcode, city, municipality_code, district_id, team_id, created_at");
    for (std::size_t i = 0; i < l.client_municipality.size(); ++i) {
        const auto k = static_cast<std::int64_t>(i);
        const auto& m = l.municipalities[static_cast<std::size_t>(l.client_municipality[i])];
        const std::string bsn = bsnOf(k);
        const auto h = mix(static_cast<std::uint64_t>(k) ^ 0xb1);
        c << k + 1 << security::bsnLookupHash(config, bsn)
          << security::encryptAesGcm(config.bsn_key, bsn) << "Client " + std::to_string(k + 1)
          << "A."
          << "19" + twoDigits(30 + static_cast<int>(h % 70)) + "-0" + std::to_string(1 + h % 9) +
                 "-1" + std::to_string(h % 9)
          << (h % 2 == 0 ? "1" : "2") << "Dorpsstraat" << std::to_string(1 + h % 300) << "1000AB"
          << m.name << m.code << districtOf(l, k);
        if (const auto team = teamOf(l, k); team == 0) {
            c.null();
        } else {
            c << team;
        }
        c << kCreated;
        c.end();
    }
    Tsv d(dir, "access_decisions",
          "id, client_id, number, decision_date, valid_from, valid_to, created_by, created_at");
    for (std::size_t i = 0; i < l.client_municipality.size(); ++i) {
        const auto id = static_cast<std::int64_t>(i + 1);
        d << id << id << id << "2025-11-15" << kStart << kValidTo << "bench" << kCreated;
        d.end();
    }
    sql += c.loadStatements() + d.loadStatements();
}

void writeAllocations(const Layout& l, const std::string& dir, std::string& sql) {
    Tsv g(dir, "granted_products",
          "id, decision_id, product_code, volume, unit, frequency, financing,"
          " paying_municipality_code");
    Tsv a(dir, "allocations",
          "id, number, version, is_current, client_id, decision_id, granted_product_id,"
          " provider_id, contract_id, product_code, start_date, end_date, volume, unit,"
          " frequency, allocated_at, created_by, paying_municipality_code");
    for (std::size_t i = 0; i < l.allocations.size(); ++i) {
        const auto& x = l.allocations[i];
        const auto& k = kinds()[static_cast<std::size_t>(x.kind)];
        const auto id = static_cast<std::int64_t>(i + 1);
        const std::string paying = l.municipalities[static_cast<std::size_t>(x.paying)].code;
        const std::int64_t provider = l.providers[static_cast<std::size_t>(x.provider)].id;
        g << id << std::int64_t{x.client} + 1 << k.product << k.weekly << k.unit << "week"
          << "ZIN" << paying;
        g.end();
        a << id << allocationNumber(static_cast<std::int64_t>(i)) << 1 << 1
          << std::int64_t{x.client} + 1 << std::int64_t{x.client} + 1 << id << provider << provider
          << k.product << kStart << kEnd << k.weekly << k.unit << "week" << kCreated << "bench"
          << paying;
        a.end();
    }
    sql += g.loadStatements() + a.loadStatements();
    sql += "UPDATE allocation_sequence SET last_number = " +
           std::to_string(allocationNumber(static_cast<std::int64_t>(l.allocations.size()))) +
           " WHERE id = 1;\nCOMMIT;\n";
}

// What a year of an allocation costs at its contract tariff.
std::int64_t yearlyCost(const Layout& l, const Allocation& a) {
    const auto& k = kinds()[static_cast<std::size_t>(a.kind)];
    const auto per_year = k.per_month == 0 ? 365 : k.per_month * 12;
    return per_year * tariffOf(l.providers[static_cast<std::size_t>(a.provider)], a.kind);
}

struct Spend {
    std::map<std::string, std::int64_t> by_scope;  // "mun/district/team/category"
};

std::string scopeKey(const std::string& mun, std::int64_t district, std::int64_t team,
                     const std::string& category) {
    return mun + "/" + std::to_string(district) + "/" + std::to_string(team) + "/" + category;
}

Spend spending(const Layout& l) {
    Spend s;
    for (const auto& a : l.allocations) {
        const auto& k = kinds()[static_cast<std::size_t>(a.kind)];
        const std::string mun = l.municipalities[static_cast<std::size_t>(a.paying)].code;
        const auto cost = yearlyCost(l, a);
        s.by_scope[scopeKey(mun, 0, 0, k.category)] += cost;
        if (a.kind == kBeschermdWonen) continue;  // regional care: municipality budgets only
        const auto district = districtOf(l, a.client);
        s.by_scope[scopeKey(mun, district, 0, k.category)] += cost;
        if (const auto team = teamOf(l, a.client); team != 0) {
            s.by_scope[scopeKey(mun, district, team, k.category)] += cost;
        }
    }
    return s;
}

void writeBudgets(const Layout& l, const std::string& dir, BudgetIds& ids, std::string& sql,
                  std::int64_t& count) {
    Tsv b(dir, "budgets",
          "id, year, municipality_code, district_id, team_id, product_category, financing_kind,"
          " amount_cents, name, created_at, created_by");
    const Spend s = spending(l);
    for (const auto& [key, cost] : s.by_scope) {
        const auto a = key.find('/'), d = key.find('/', a + 1), t = key.find('/', d + 1);
        const std::string mun = key.substr(0, a), category = key.substr(t + 1);
        const std::int64_t district = std::stoll(key.substr(a + 1, d - a - 1));
        const std::int64_t team = std::stoll(key.substr(d + 1, t - d - 1));
        // Between 90 % and 114 % of what the allocations cost: some budgets run over.
        const auto factor = 90 + static_cast<std::int64_t>(mix(std::hash<std::string>{}(key)) % 25);
        for (int year : {2025, 2026}) {
            if (year == 2025 && district != 0) continue;  // last year: municipality-wide only
            const auto id = ++count;
            if (district == 0) ids[budgetKey(year, mun, category)] = id;
            b << id << year << mun;
            district == 0 ? b.null() : b << district;
            team == 0 ? b.null() : b << team;
            b << category << "ZIN" << cost / 100 * factor
              << "Budget " + category + " " + key.substr(0, t) + " " + std::to_string(year)
              << kCreated << "bench";
            b.end();
        }
    }
    sql += b.loadStatements();
}

}  // namespace

std::string budgetKey(int year, const std::string& municipality, const std::string& category) {
    return std::to_string(year) + "/" + municipality + "/" + category;
}

std::int64_t districtOf(const Layout& l, std::int64_t client) {
    const auto& m = l.municipalities[static_cast<std::size_t>(
        l.client_municipality[static_cast<std::size_t>(client)])];
    return m.first_district +
           static_cast<std::int64_t>(mix(static_cast<std::uint64_t>(client) ^ 0xd1) %
                                     static_cast<std::uint64_t>(m.districts));
}

std::int64_t teamOf(const Layout& l, std::int64_t client) {
    if (mix(static_cast<std::uint64_t>(client) ^ 0x7e) % 10 == 0) return 0;
    const auto& d = districtRow(l, client);
    return d.first_team + static_cast<std::int64_t>(mix(static_cast<std::uint64_t>(client) ^ 0x7f) %
                                                    static_cast<std::uint64_t>(d.teams));
}

std::string writeReference(const Layout& l, const app::AppConfig& config, const std::string& dir,
                           BudgetIds& budgets, ReferenceCounts& counts) {
    std::string sql;
    writeMunicipalities(l, dir, sql);
    writeProviders(l, dir, sql);
    writeClients(l, config, dir, sql);
    writeAllocations(l, dir, sql);
    writeBudgets(l, dir, budgets, sql, counts.budgets);
    counts.clients = static_cast<std::int64_t>(l.client_municipality.size());
    counts.allocations = static_cast<std::int64_t>(l.allocations.size());
    return sql;
}

}  // namespace zc::bench
