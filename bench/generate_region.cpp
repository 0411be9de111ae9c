// Benchmark generator: a realistic region (municipality 0193, provider AGB 73999999 with an
// active framework contract for 02A01 and 01A01, clients with access decisions and allocations)
// and a WMO323 declaration of N prestaties, about 5 % of which must be rejected.
//
//   zc_bench_generate [--config FILE] [--region-only | --file-only] N OUT.xml [OUT.csv]
//
// The database comes from the configuration file and the ZC_* environment variables, as for the
// zorgcontract CLI; the BSN keys from security.bsn_key_file / security.bsn_hmac_key_file. The
// region is created once (idempotent: allocations that exist already are kept) with plain SQL
// that writes exactly what the use cases write (bsn_enc AES-256-GCM, bsn_hash HMAC-SHA256).
// One prestatie per allocation per month over 12 months (Nov 2025 .. Oct 2026), declared in the
// declaration for October 2026. OUT.csv (optional) holds N rows shaped like claim_lines for the
// LOAD DATA comparison. The last lines of the output are
//   expected_lines=N expected_rejected=R expected_awarded_cents=A
// and the number of rejections per code.
#include <cstdint>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bench_bsn.hpp"
#include "contracting/kernel/civil_date.hpp"
#include "interfaces/http/clients_api.hpp"
#include "interfaces/iwmo/declaration.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/connection_pool.hpp"
#include "interfaces/security/aes_gcm.hpp"
#include "interfaces/security/bsn_protection.hpp"
#include "interfaces/server/settings.hpp"

namespace {

using namespace zc;

constexpr const char* kAgb = "73999999";
constexpr const char* kMunicipality = "0193";
constexpr int kMonths = 12;
constexpr const char* kAllocationStart = "2025-11-01";
constexpr const char* kAllocationEnd = "2026-11-01";  // exclusive
constexpr std::int64_t kIbTariff = 6500;              // 02A01, cents per hour
constexpr std::int64_t kHhTariff = 3100;              // 01A01, cents per hour
constexpr std::int64_t kWeeklyHours = 3;
constexpr std::size_t kBatch = 500;

struct Kind {
    const char* product;
    const char* category;
    std::int64_t tariff;
    std::int64_t monthly_hours;  // always within the cap: IB 3 h × >= 4 ISO weeks, HH 3 h × 6
};

// Every third client has household help (01A01), the others individual support (02A01).
Kind kindOf(std::int64_t allocation_index) {
    if (allocation_index % 3 == 2) return {"01A01", "01", kHhTariff, 10};
    return {"02A01", "02", kIbTariff, 12};
}

using bench::bsnOf;

std::int64_t allocationNumber(std::int64_t index) { return 100000 + index; }

Date monthStart(int m) { return addMonths(parseDate(kAllocationStart), m); }

std::string now() { return "2026-10-01 08:00:00.000000"; }

std::int64_t scalar(db::Connection& c, const std::string& sql, const db::Params& p = {}) {
    auto r = c.queryOne(sql, p);
    return r && !r->isNull(0) ? r->i64(0) : 0;
}

// Municipality, products, provider, contract with tariffs; returns {provider_id, contract_id}.
std::pair<std::int64_t, std::int64_t> ensureBase(db::Connection& c) {
    c.execute(
        "INSERT IGNORE INTO municipalities (code, name, central_code) VALUES (?, 'Zwolle', NULL)",
        {std::string(kMunicipality)});
    c.execute(
        "INSERT IGNORE INTO products (code, category, name, unit, kind) VALUES"
        " ('02A01','02','Individuele Begeleiding','hours','per_client'),"
        " ('01A01','01','Huishoudelijke Hulp 1 (schoonmaakwerkzaamheden)','hours','per_client')");
    c.execute(
        "INSERT IGNORE INTO providers (agb, kvk, name, iban, contact_name, contact_email)"
        " VALUES (?, '73999999', 'Benchmark Zorg B.V.', 'NL91ABNA0417164300', 'Bench',"
        " 'bench@example.org')",
        {std::string(kAgb)});
    const std::int64_t provider = scalar(c, "SELECT id FROM providers WHERE agb = ?", {kAgb});
    std::int64_t contract = scalar(c,
                                   "SELECT id FROM contracts WHERE provider_id = ? AND status ="
                                   " 'active' AND kind = 'framework' ORDER BY id LIMIT 1",
                                   {provider});
    if (contract == 0) {
        c.execute(
            "INSERT INTO contracts (kind, provider_id, municipality_code, status, term_start,"
            " term_end) VALUES ('framework', ?, ?, 'active', '2025-01-01', '2028-01-01')",
            {provider, std::string(kMunicipality)});
        contract = c.lastInsertId();
        c.execute(
            "INSERT INTO contract_municipalities (contract_id, municipality_code) VALUES (?, ?)",
            {contract, std::string(kMunicipality)});
        for (const auto& [product, tariff] : std::vector<std::pair<std::string, std::int64_t>>{
                 {"02A01", kIbTariff}, {"01A01", kHhTariff}}) {
            c.execute("INSERT INTO contract_products (contract_id, product_code) VALUES (?, ?)",
                      {contract, product});
            c.execute(
                "INSERT INTO tariffs (contract_id, product_code, unit, tariff_cents, valid_from,"
                " valid_to, reason) VALUES (?, ?, 'hours', ?, '2025-01-01', NULL, 'benchmark')",
                {contract, product, tariff});
        }
    }
    return {provider, contract};
}

std::string placeholders(std::size_t columns) {
    std::string s = "(";
    for (std::size_t i = 0; i < columns; ++i) s += i == 0 ? "?" : ",?";
    return s + ")";
}

// Clients, decisions, granted products and allocations [from, to), in batches of kBatch.
void createAllocations(db::Connection& c, const app::AppConfig& config, std::int64_t provider,
                       std::int64_t contract, std::int64_t from, std::int64_t to) {
    for (std::int64_t first = from; first < to; first += kBatch) {
        const std::int64_t last = std::min<std::int64_t>(to, first + kBatch);
        db::Transaction tx(c);
        std::string sql =
            "INSERT INTO clients (bsn_hash, bsn_enc, surname, initials, birth_date, gender,"
            " street, house_number, postcode, city, municipality_code, created_at) VALUES ";
        db::Params p;
        for (std::int64_t i = first; i < last; ++i) {
            const std::string bsn = bsnOf(i);
            sql += (i == first ? "" : ",") + placeholders(12);
            p.insert(p.end(), {security::bsnLookupHash(config, bsn),
                               security::encryptAesGcm(config.bsn_key, bsn),
                               "Client " + std::to_string(i), std::string("B."),
                               formatDate(addDays(parseDate("1940-01-01"), (i * 97) % 25000)),
                               std::string(i % 2 == 0 ? "1" : "2"), std::string("Bankastraat"),
                               std::to_string(1 + i % 200), std::string("8011AB"),
                               std::string("Zwolle"), std::string(kMunicipality), now()});
        }
        c.execute(sql, p);
        const std::int64_t first_client = c.lastInsertId();  // consecutive in one INSERT

        sql =
            "INSERT INTO access_decisions (client_id, number, decision_date, valid_from, valid_to,"
            " created_by, created_at) VALUES ";
        p.clear();
        for (std::int64_t i = first; i < last; ++i) {
            sql += (i == first ? "" : ",") + placeholders(7);
            p.insert(p.end(), {first_client + (i - first), allocationNumber(i),
                               std::string("2025-10-15"), std::string(kAllocationStart),
                               std::string(kAllocationEnd), std::string("bench"), now()});
        }
        c.execute(sql, p);
        const std::int64_t first_decision = c.lastInsertId();

        sql =
            "INSERT INTO granted_products (decision_id, product_code, volume, unit, frequency,"
            " financing, paying_municipality_code) VALUES ";
        p.clear();
        for (std::int64_t i = first; i < last; ++i) {
            sql += (i == first ? "" : ",") + placeholders(7);
            p.insert(p.end(), {first_decision + (i - first), std::string(kindOf(i).product),
                               kWeeklyHours, std::string("hours"), std::string("week"),
                               std::string("ZIN"), std::string(kMunicipality)});
        }
        c.execute(sql, p);
        const std::int64_t first_grant = c.lastInsertId();

        sql =
            "INSERT INTO allocations (number, version, is_current, client_id, decision_id,"
            " granted_product_id, provider_id, contract_id, product_code, start_date, end_date,"
            " volume, unit, frequency, allocated_at, created_by, paying_municipality_code) VALUES ";
        p.clear();
        for (std::int64_t i = first; i < last; ++i) {
            sql += (i == first ? "" : ",") + placeholders(17);
            p.insert(
                p.end(),
                {allocationNumber(i), std::int64_t{1}, std::int64_t{1}, first_client + (i - first),
                 first_decision + (i - first), first_grant + (i - first), provider, contract,
                 std::string(kindOf(i).product), std::string(kAllocationStart),
                 std::string(kAllocationEnd), kWeeklyHours, std::string("hours"),
                 std::string("week"), now(), std::string("bench"), std::string(kMunicipality)});
        }
        c.execute(sql, p);
        c.execute(
            "UPDATE allocation_sequence SET last_number = GREATEST(last_number, ?) WHERE id = 1",
            {allocationNumber(last - 1)});
        tx.commit();
    }
}

// Which line is deliberately bad and how: 1 in 20 (5 %), the reason cycling over 5 kinds.
enum class Bad { None, Tariff, Amount, UnknownAllocation, OverCap, OutsidePeriod };

Bad badness(std::int64_t i) {
    if ((i * 7919 + 13) % 20 != 0) return Bad::None;
    switch ((i / 20) % 5) {
        case 0:
            return Bad::Tariff;
        case 1:
            return Bad::Amount;
        case 2:
            return Bad::UnknownAllocation;
        case 3:
            return Bad::OverCap;
        default:
            return Bad::OutsidePeriod;
    }
}

const char* codeOf(Bad b) {
    switch (b) {
        case Bad::Tariff:
            return "0611";
        case Bad::Amount:
            return "9346";
        case Bad::UnknownAllocation:
            return "9338";
        case Bad::OverCap:
            return "9321";
        case Bad::OutsidePeriod:
            return "9307";
        case Bad::None:
            break;
    }
    return "0200";
}

iwmo::Prestatie prestatie(std::int64_t i) {
    const std::int64_t a = i / kMonths;
    const int m = static_cast<int>(i % kMonths);
    const Kind k = kindOf(a);
    iwmo::Prestatie p{};
    p.bsn = bsnOf(a);
    p.reference = "BR" + std::to_string(1000000000 + i);
    p.allocation_number = std::to_string(allocationNumber(a));
    p.category = k.category;
    p.product_code = k.product;
    p.begin = monthStart(m);
    p.end_inclusive = addDays(monthStart(m + 1), -1);
    p.volume = k.monthly_hours;
    p.unit_code = "04";
    p.tariff_cents = k.tariff;
    p.credit = false;
    switch (badness(i)) {
        case Bad::Tariff:
            p.tariff_cents = k.tariff + 100;
            break;
        case Bad::Amount:
            break;
        case Bad::UnknownAllocation:
            p.allocation_number = std::to_string(900000000 + i);
            break;
        case Bad::OverCap:
            p.volume = 40;
            break;
        case Bad::OutsidePeriod:  // the month before the allocation starts
            p.begin = addMonths(parseDate(kAllocationStart), -1);
            p.end_inclusive = addDays(parseDate(kAllocationStart), -1);
            break;
        case Bad::None:
            break;
    }
    p.amount_cents = p.volume * *p.tariff_cents + (badness(i) == Bad::Amount ? 1 : 0);
    return p;
}

int usage() {
    std::cerr << "usage: zc_bench_generate [--config FILE] [--region-only|--file-only] N OUT.xml"
                 " [OUT.csv]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        std::string config_file = std::getenv("ZC_CONFIG") ? std::getenv("ZC_CONFIG") : "";
        bool region = true, file = true;
        std::vector<std::string> args;
        for (int i = 1; i < argc; ++i) {
            const std::string a = argv[i];
            if (a == "--config" && i + 1 < argc) {
                config_file = argv[++i];
            } else if (a == "--region-only") {
                file = false;
            } else if (a == "--file-only") {
                region = false;
            } else {
                args.push_back(a);
            }
        }
        if (args.empty() || (file && args.size() < 2)) return usage();
        const std::int64_t n = std::stoll(args[0]);
        if (n < 1) return usage();
        const std::int64_t allocations = (n + kMonths - 1) / kMonths;

        if (region) {
            if (config_file.empty()) config_file = "config/zorgcontract.properties";
            auto settings = server::loadSettings(config_file);
            if (!settings.db_password_problem.empty()) {
                throw std::runtime_error(settings.db_password_problem);
            }
            server::loadBsnKeys(settings);
            db::ensureThreadInit();
            db::Connection c(settings.db);
            std::pair<std::int64_t, std::int64_t> ids;
            {
                db::Transaction tx(c);
                ids = ensureBase(c);
                tx.commit();
            }
            const std::int64_t existing =
                scalar(c, "SELECT COUNT(*) FROM allocations WHERE provider_id = ?", {ids.first});
            if (existing < allocations) {
                createAllocations(c, settings.app, ids.first, ids.second, existing, allocations);
            }
            std::cout << "region: provider " << kAgb << " (id " << ids.first << "), contract "
                      << ids.second << ", " << std::max(existing, allocations)
                      << " clients with allocations (" << existing << " existed)\n";
        }
        if (!file) return 0;

        iwmo::DeclarationHead head{};
        head.afzender = kAgb;
        head.ontvanger = kMunicipality;
        head.identificatie = "BENCH" + std::to_string(n);
        head.dagtekening = parseDate("2026-11-02");
        head.declaratie_nummer = "BD" + std::to_string(n);
        head.period_begin = parseDate("2026-10-01");
        head.period_end_inclusive = parseDate("2026-10-31");
        head.declaratie_dagtekening = parseDate("2026-11-02");
        head.xsd_basis = "1.0.0";
        head.xsd_bericht = "1.0.0";
        std::int64_t total = 0, awarded = 0, rejected = 0;
        std::map<std::string, std::int64_t> per_code;
        for (std::int64_t i = 0; i < n; ++i) {
            const auto p = prestatie(i);
            total += p.amount_cents;
            const Bad b = badness(i);
            if (b == Bad::None) {
                awarded += p.amount_cents;
            } else {
                ++rejected;
                ++per_code[codeOf(b)];
            }
        }
        iwmo::setTotal(head, total);
        {
            std::ofstream out(args[1], std::ios::binary);
            if (!out) throw std::runtime_error("cannot write " + args[1]);
            iwmo::Wmo323Writer w(out, head);
            for (std::int64_t i = 0; i < n; ++i) w.add(prestatie(i));
            w.finish();
        }
        if (args.size() >= 3) {
            // Rows shaped like claim_lines (without id), tab-separated, \N for NULL.
            std::ofstream csv(args[2], std::ios::binary);
            if (!csv) throw std::runtime_error("cannot write " + args[2]);
            const std::string hash(64, 'a');
            for (std::int64_t i = 0; i < n; ++i) {
                const auto p = prestatie(i);
                const Bad b = badness(i);
                csv << 1 << '\t' << 1 << '\t' << p.reference << "\t\\N\t0\t" << p.allocation_number
                    << '\t' << hash << '\t'
                    << (b == Bad::None ? "\\N" : "encrypted-bsn-placeholder") << '\t' << p.category
                    << '\t' << p.product_code << '\t' << formatDate(p.begin) << '\t'
                    << formatDate(addDays(p.end_inclusive, 1)) << '\t' << p.volume << "\thours\t"
                    << *p.tariff_cents << '\t' << p.amount_cents << '\t'
                    << (b == Bad::None ? "accepted" : "rejected") << '\t' << codeOf(b) << "\t0\n";
            }
        }
        for (const auto& [code, count] : per_code) {
            std::cout << "expected_code_" << code << "=" << count << "\n";
        }
        std::cout << "expected_lines=" << n << " expected_rejected=" << rejected
                  << " expected_awarded_cents=" << awarded << " total_cents=" << total << std::endl;
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "zc_bench_generate: " << e.what() << std::endl;
        return 1;
    }
}
