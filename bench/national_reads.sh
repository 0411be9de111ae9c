# The reads of bench/national.sh (sourced; needs sql, MUN, auditor, finance): the screens'
# reads of the largest municipality with realistic parameters, as request files for
# zc_bench_load (NAME, METHOD, PATH, TOKEN[, BODY], tab-separated).

one() { sql -e "$1" | head -1; }

# write_reads READS MIX: READS, each read once (measured N times one after the other); MIX, the
# screens' reads over many budgets, pages, declarations and providers (cycled at a fixed rate),
# interleaved (spread_kinds).
write_reads() {
    local reads="$1" mix="$2" v=/api/v1 year=2026 tab=$'\t'
    local mun_budget district_budget team_budget declaration provider declarations decided
    mun_budget="$(one "SELECT id FROM budgets WHERE year = $year AND municipality_code = '$MUN'
        AND district_id IS NULL AND product_category = '02'")"
    district_budget="$(one "SELECT id FROM budgets WHERE year = $year AND municipality_code = '$MUN'
        AND district_id IS NOT NULL AND team_id IS NULL AND product_category = '02' ORDER BY id")"
    team_budget="$(one "SELECT id FROM budgets WHERE year = $year AND municipality_code = '$MUN'
        AND team_id IS NOT NULL AND product_category = '02' ORDER BY id")"
    declaration="$(one "SELECT id FROM declarations WHERE municipality_code = '$MUN'
        ORDER BY total_submitted_cents DESC LIMIT 1")"
    provider="$(one "SELECT provider_id FROM declarations WHERE municipality_code = '$MUN'
        GROUP BY provider_id ORDER BY SUM(total_submitted_cents) DESC LIMIT 1")"
    declarations="$(one "SELECT COUNT(*) FROM declarations WHERE municipality_code = '$MUN'")"
    decided="$(one "SELECT COUNT(*) FROM review_items r JOIN declarations d ON d.id = r.declaration_id
        WHERE d.municipality_code = '$MUN' AND r.status <> 'open'")"
    local deep_declarations=$((declarations * 4 / 5 / 50 * 50)) deep_reviews=$((decided * 4 / 5 / 50 * 50))
    local today execution
    today="$(date -u +%F)"; execution="$(date -u -d '+5 days' +%F)"
    {
        echo "budgets_list${tab}GET${tab}$v/budgets?year=$year&municipality=$MUN${tab}$auditor"
        echo "budget_overview${tab}GET${tab}$v/budgets/overview?year=$year&municipality=$MUN&month=11${tab}$auditor"
        echo "budget_overview_csv${tab}GET${tab}$v/budgets/overview?year=$year&municipality=$MUN&month=11&format=csv${tab}$auditor"
        echo "budgets_monthly_csv${tab}GET${tab}$v/exports/budgets.csv?year=$year&municipality=$MUN&month=10${tab}$auditor"
        echo "exhaustion_municipality${tab}GET${tab}$v/budgets/$mun_budget/exhaustion?date=2026-11-30${tab}$auditor"
        echo "exhaustion_district${tab}GET${tab}$v/budgets/$district_budget/exhaustion?date=2026-11-30${tab}$auditor"
        echo "exhaustion_team${tab}GET${tab}$v/budgets/$team_budget/exhaustion?date=2026-11-30${tab}$auditor"
        echo "reviews_open_page1${tab}GET${tab}$v/reviews?status=open&limit=50&offset=0${tab}$auditor"
        echo "reviews_decided_deep${tab}GET${tab}$v/reviews?status=decided&limit=50&offset=$deep_reviews${tab}$auditor"
        echo "declarations_page1${tab}GET${tab}$v/declarations?limit=50&offset=0${tab}$auditor"
        echo "declarations_deep${tab}GET${tab}$v/declarations?limit=50&offset=$deep_declarations${tab}$auditor"
        echo "declaration_detail${tab}GET${tab}$v/declarations/$declaration?lines=false${tab}$auditor"
        echo "declaration_lines_page1${tab}GET${tab}$v/declarations/$declaration/lines?limit=50&offset=0${tab}$auditor"
        echo "provider_statement${tab}GET${tab}$v/providers/$provider/statement?from=2026-01-01&to=2027-01-01${tab}$auditor"
        echo "payment_runs${tab}GET${tab}$v/payment-runs?municipality=$MUN&limit=50${tab}$auditor"
        echo "payment_run_preparation${tab}POST${tab}$v/payment-runs${tab}$finance${tab}{\"municipality_code\":\"$MUN\",\"due_until\":\"$today\",\"execution_date\":\"$execution\"}"
    } > "$reads"
    {
        local id offset
        for id in $(sql -e "SELECT id FROM budgets WHERE year = $year AND municipality_code = '$MUN'
                ORDER BY id LIMIT 24"); do
            echo "exhaustion${tab}GET${tab}$v/budgets/$id/exhaustion?date=2026-11-30${tab}$auditor"
        done
        for m in 6 11; do
            echo "budget_overview${tab}GET${tab}$v/budgets/overview?year=$year&municipality=$MUN&month=$m${tab}$auditor"
        done
        echo "reviews_open${tab}GET${tab}$v/reviews?status=open&limit=50&offset=0${tab}$auditor"
        for offset in 0 50 500 $((deep_reviews / 2)) $deep_reviews; do
            echo "reviews_decided${tab}GET${tab}$v/reviews?status=decided&limit=50&offset=$offset${tab}$auditor"
        done
        for offset in 0 0 50 100 1000 $((deep_declarations / 2)) $deep_declarations; do
            echo "declarations${tab}GET${tab}$v/declarations?limit=50&offset=$offset${tab}$auditor"
        done
        for id in $(sql -e "SELECT id FROM declarations WHERE municipality_code = '$MUN'
                ORDER BY id DESC LIMIT 40"); do
            echo "declaration_lines${tab}GET${tab}$v/declarations/$id/lines?limit=50&offset=0${tab}$auditor"
            echo "declaration_detail${tab}GET${tab}$v/declarations/$id?lines=false${tab}$auditor"
        done
        for id in $(sql -e "SELECT DISTINCT provider_id FROM declarations WHERE municipality_code = '$MUN'
                ORDER BY provider_id LIMIT 12"); do
            echo "provider_statement${tab}GET${tab}$v/providers/$id/statement?from=2026-01-01&to=2027-01-01${tab}$auditor"
        done
        echo "payment_runs${tab}GET${tab}$v/payment-runs?municipality=$MUN&limit=50${tab}$auditor"
    } | spread_kinds > "$mix"
}

# spread_kinds: the lines of each kind (first field) spread evenly over the file, in their order
# (the i-th of n at (i - 0.5) / n), as many users' requests arrive. Written kind by kind, the mix
# sent its heavy reads in one burst every 132 requests (24 exhaustion reports, 2 overviews and
# 13 review and declaration pages: about 90 ms of CPU due within 39 ms), which queued behind
# one another on two cores (docs/benchmarks.md).
spread_kinds() {
    awk -F'\t' '{ kind[NR] = $1; line[NR] = $0; n[$1]++ }
        END { for (i = 1; i <= NR; i++) printf "%.9f\t%09d\t%s\n", (++seen[kind[i]] - 0.5) / n[kind[i]], i, line[i] }' \
        | sort -t "$(printf '\t')" -k1,1n -k2,2n | cut -f3-
}
