// National-scale data set generator (issue 17, bench/national.sh): writes, for an empty migrated
// database, LOAD DATA files of about N claim lines over 12 service months (December 2025 ..
// November 2026) and OUT/load.sql, which loads them in foreign-key order:
//
//   zc_bench_national [--config FILE] --lines N --out DIR
//
// About N / 12.6 clients over 340 municipalities (a few large, many small) in 43 Beschermd
// Wonen regions, with districts and social neighbourhood teams; providers with a regional
// framework contract (02A01, 01A01, 07A02 dagbesteding, 15A01 Beschermd Wonen, the latter paid
// by the centrumgemeente); monthly declarations per provider and paying municipality (~93 %
// accepted, 5 % rejected, 2 % to review; some credits); payables, ledger journals and an
// approved, booked payment run per municipality and month up to September 2026; budgets per
// municipality, district and team and category. The BSN keys come from the configuration
// (security.bsn_key_file, security.bsn_hmac_key_file) as for the server, so that the server
// reads what is written. The last lines are the counts, key=value.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "bench/national_model.hpp"
#include "bench/national_tables.hpp"
#include "interfaces/server/settings.hpp"

namespace {

int usage() {
    std::cerr << "usage: zc_bench_national [--config FILE] --lines N --out DIR\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace zc::bench;
    try {
        std::string config = std::getenv("ZC_CONFIG") ? std::getenv("ZC_CONFIG") : "";
        std::string out;
        std::int64_t lines = 0;
        for (int i = 1; i + 1 < argc; i += 2) {
            const std::string a = argv[i];
            if (a == "--config") {
                config = argv[i + 1];
            } else if (a == "--lines") {
                lines = std::stoll(argv[i + 1]);
            } else if (a == "--out") {
                out = argv[i + 1];
            } else {
                return usage();
            }
        }
        if (lines < 100 || out.empty()) return usage();
        if (config.empty()) config = "config/zorgcontract.properties";
        auto settings = zc::server::loadSettings(config);
        zc::server::loadBsnKeys(settings);
        std::filesystem::create_directories(out);
        out = std::filesystem::absolute(out).string();

        const Layout layout = makeLayout(lines);
        BudgetIds budgets;
        ReferenceCounts ref;
        ClaimCounts claims;
        std::string sql =
            "SET SESSION foreign_key_checks = 0;\nSET SESSION unique_checks = 0;\n"
            "SET SESSION autocommit = 0;\n";
        sql += writeReference(layout, settings.app, out, budgets, ref);
        sql += writeClaims(layout, settings.app, budgets, out, claims);
        sql += "SET SESSION foreign_key_checks = 1;\nSET SESSION unique_checks = 1;\n";
        std::ofstream(out + "/load.sql") << sql;

        std::cout << "municipalities=" << layout.municipalities.size()
                  << " districts=" << layout.districts.size() << " teams=" << layout.teams
                  << " providers=" << layout.providers.size() << "\n"
                  << "clients=" << ref.clients << " allocations=" << ref.allocations
                  << " budgets=" << ref.budgets << "\n"
                  << "declarations=" << claims.declarations << " lines=" << claims.lines
                  << " accepted=" << claims.accepted << " rejected=" << claims.rejected
                  << " review_lines=" << claims.review << " credits=" << claims.credits << "\n"
                  << "review_items=" << claims.review_items
                  << " open_reviews=" << claims.open_reviews << " payables=" << claims.payables
                  << " paid_payables=" << claims.paid_payables << " runs=" << claims.runs
                  << " instructions=" << claims.instructions << " journals=" << claims.journals
                  << std::endl;
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "zc_bench_national: " << e.what() << std::endl;
        return 1;
    }
}
