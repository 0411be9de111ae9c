# The national data set's counts (bench/national.sh, sourced): what the database holds must be
# what zc_bench_national wrote, in the shares of real life.

# value KEY TEXT -> the number after KEY= in TEXT
value() { sed -n "s/.*\\b$1=\\([0-9]*\\).*/\\1/p" <<< "$2" | head -1; }

# share_between PART WHOLE LOW HIGH: LOW <= PART / WHOLE <= HIGH
share_between() { [ "$(echo "$1 / $2 >= $3 && $1 / $2 <= $4" | bc -l)" = 1 ]; }

# check_counts GENERATE_OUTPUT COUNTS: prints each failed check; false when one failed.
check_counts() {
    local gen db ok=0 key
    gen="$(tr '\n' ' ' < "$1")"; db="$2"
    for key in clients:clients lines:claim_lines review_items:review_items payables:payables \
               runs:payment_runs declarations:declarations; do
        if [ "$(value "${key%%:*}" "$gen")" != "$(value "${key##*:}" "$db")" ]; then
            echo "count check: generated ${key%%:*}=$(value "${key%%:*}" "$gen"), stored ${key##*:}=$(value "${key##*:}" "$db")"
            ok=1
        fi
    done
    local lines; lines="$(value claim_lines "$db")"
    share_between "$(value accepted "$db")" "$lines" 0.90 0.96 || { echo "count check: accepted share"; ok=1; }
    share_between "$(value rejected "$db")" "$lines" 0.04 0.07 || { echo "count check: rejected share"; ok=1; }
    share_between "$(value review_items "$db")" "$lines" 0.015 0.025 || { echo "count check: review share"; ok=1; }
    for key in credits review review_items_open review_items_decided payables_paid payables_open; do
        [ "$(value "$key" "$db")" -gt 0 ] || { echo "count check: no $key"; ok=1; }
    done
    [ "$(value clients "$db")" -ge "$(( $(value claim_lines "$db") / 14 ))" ] \
        || { echo "count check: too few clients for the lines"; ok=1; }
    return "$ok"
}
