#!/usr/bin/env bash
# bench/national.sh [--build-only | --cpu-only | --serve]: the national-scale read benchmark
# (issue 17), one command. --cpu-only runs part d alone (below), e.g. while making a read cheaper;
# --serve stops after step 2 and keeps the server running on the data set (for perf, strace, or a
# second binary started with the same environment, /proc/PID/environ, measured in turns against
# it): it prints the port and the server's pid; the reads with their staff tokens are in
# $ZC_NATIONAL_DIR/reads.tsv and mix.tsv; Ctrl-C ends it.
#  1. A private MariaDB (scripts/lib.sh) in ZC_NATIONAL_DIR (kept, so the large build is done
#     once and reused) or in a temporary folder (removed); migrated; when it holds no claim lines
#     yet, zc_bench_national writes the data set (ZC_NATIONAL_LINES claim lines, default
#     10,200,000: about 810,000 clients in 340 municipalities) as LOAD DATA files and load.sql
#     loads them; then `zorgcontract check-budget-figures --rebuild` when the binary has it.
#     --build-only stops here (the ctest test `national_small` checks the counts).
#  2. The real HTTPS server on it; staff log in as the e2e tests and fault_test.sh do (create-admin,
#     TOTP enrolment, POST /users: an auditor and a finance user for the largest municipality).
#  3. With MariaDB's slow-query log on (log_slow_verbosity = query_plan,explain; long_query_time
#     0 for a, every statement, and 0.1 for b, when the server has been started again):
#     a. each read (budget overview, its CSV, exhaustion of a municipality, district and team
#        budget, review queue and declaration pages 1 and deep, a declaration's lines, a provider
#        statement, payment runs, payment-run preparation) ZC_NATIONAL_N times (default 50)
#        one after the other: p50/p99/max, pass when p99 < 200 ms;
#     b. the screens' reads mixed at ZC_NATIONAL_RATE req/s (default 1000) for
#        ZC_NATIONAL_SECONDS (default 60), open loop (bench/load.cpp): pass when p99 < 50 ms,
#        no errors and at least 99 % of the rate achieved; before it, not measured, the same
#        mix for ZC_NATIONAL_WARMUP seconds (default 30) on the freshly started server;
#     c. the slow log of a and b: FAIL on any statement over 100 ms and any full scan (EXPLAIN
#        type ALL) of claim_lines, printed with its plan (the warm-up's statements over 100 ms,
#        cold pages and tables opened after the start, are counted in slow-warmup.log, not
#        judged);
#     d. the CPU per request of each of the mix's reads alone (bench/national_cpu.sh), and the
#        mix's weighted average: the most requests a second this machine's cores can answer;
#        with ZC_NATIONAL_PROFILE_DIR, perf records the server and MariaDB during each read
#        (NAME.data).
#     Before a, each read is called once and its time printed as "first NAME ...": the budget
#     reads keep what they compute (the committed part per municipality, category and report
#     date), so the first call after a change pays for the computation; its statements are in
#     slow-setup.log, not in the slow log that c checks.
#  The last line is the summary; exit 1 when a target is missed.
# Environment: ZC_BUILD_DIR (default build/), ZC_NATIONAL_DIR, ZC_NATIONAL_LINES, ZC_NATIONAL_N,
# ZC_NATIONAL_RATE, ZC_NATIONAL_SECONDS, ZC_NATIONAL_CONNECTIONS (default 16), ZC_NATIONAL_WARMUP,
# ZC_NATIONAL_BUFFER_POOL (InnoDB buffer pool, default 4G), ZC_NATIONAL_PORT (default 28306),
# ZC_NATIONAL_READ_SECONDS (a read's sequential calls stop after this long, default 60),
# ZC_NATIONAL_STATEMENT_SECONDS (MariaDB's max_statement_time during the reads, default 30).
set -euo pipefail
ZC_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export ZC_ROOT
. "$ZC_ROOT/scripts/lib.sh"

BUILD_ONLY=0 CPU_ONLY=0 SERVE=0
[ "${1:-}" = "--build-only" ] && BUILD_ONLY=1
[ "${1:-}" = "--cpu-only" ] && CPU_ONLY=1
[ "${1:-}" = "--serve" ] && SERVE=1
LINES="${ZC_NATIONAL_LINES:-10200000}"
N="${ZC_NATIONAL_N:-50}"
RATE="${ZC_NATIONAL_RATE:-1000}"
SECONDS_MIX="${ZC_NATIONAL_SECONDS:-60}"
CONNECTIONS="${ZC_NATIONAL_CONNECTIONS:-16}"
WARMUP="${ZC_NATIONAL_WARMUP:-30}"
BUILD="${ZC_BUILD_DIR:-$ZC_ROOT/build}"
BIN="$BUILD/interfaces/zorgcontract"
GEN="$BUILD/bench/zc_bench_national"
LOAD="$BUILD/bench/zc_bench_load"
CONF="$ZC_ROOT/config/zorgcontract.properties"
MUN=0363  # the largest municipality of the data set
for f in "$BIN" "$GEN" "$LOAD"; do
    [ -x "$f" ] || { echo "build zorgcontract zc_bench_national zc_bench_load first ($f)" >&2; exit 2; }
done
command -v bc >/dev/null || zc_apt_install bc

# main: the whole run as one function, parsed before it starts (the script may be edited while
# a long run is going on).
main() {
    if [ -n "${ZC_NATIONAL_DIR:-}" ]; then
        WORK="$(mkdir -p "$ZC_NATIONAL_DIR" && cd "$ZC_NATIONAL_DIR" && pwd)"; KEEP=1
    else
        WORK="$(mktemp -d /tmp/zc-national.XXXXXX)"; KEEP=0
    fi
    server_pid=""
    cleanup() {
        if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
        zc_db_stop "$WORK/db" || true
        [ "$KEEP" = 1 ] || rm -rf "$WORK"
    }
    trap cleanup EXIT

    db_port="$(zc_free_port "${ZC_NATIONAL_PORT:-28306}")"
    zc_db_start "$WORK/db" "$db_port" "$WORK/db-app.password" >/dev/null
    sock="$(zc_db_socket "$WORK/db")"
    root_user="$(zc_db_client_user)"
    sql() { mariadb --no-defaults --socket="$sock" -u"$root_user" -N -B zorgcontract "$@"; }
    sql -e "SET GLOBAL innodb_buffer_pool_size = ${ZC_NATIONAL_BUFFER_POOL:-4294967296}; SET GLOBAL local_infile = 1;"
    zc_secrets "$WORK"
    zc_tls "$WORK/tls"
    zc_client_crl "$WORK/tls"
    export ZC_DB_HOST=127.0.0.1 ZC_DB_PORT="$db_port" ZC_DB_NAME=zorgcontract ZC_DB_USER=zorgcontract \
        ZC_DB_PASSWORD="$(cat "$WORK/db-app.password")" ZC_DB_SOCKET= \
        ZC_SECURITY_BSN_KEY_FILE="$WORK/bsn.key" ZC_SECURITY_BSN_HMAC_KEY_FILE="$WORK/bsn-hmac.key" \
        ZC_SECURITY_AUDIT_KEY_FILE="$WORK/audit.key" ZC_AUDIT_CHECKPOINT_FILE="$WORK/audit-checkpoints.log" \
        ZC_TLS_CERT_FILE="$WORK/tls/server.crt" ZC_TLS_KEY_FILE="$WORK/tls/server.key" \
        ZC_TLS_CA_FILE="$WORK/tls/ca.crt" ZC_TLS_CLIENT_CRL="$WORK/tls/client.crl"
    "$BIN" --config "$CONF" migrate >/dev/null

    # 1. The data set, once.
    if [ "$(sql -e 'SELECT COUNT(*) FROM municipalities')" = 0 ]; then
        [ "$(sql -e 'SELECT (SELECT COUNT(*) FROM claim_lines) + (SELECT COUNT(*) FROM clients)')" = 0 ] \
            || { zc_log "the database is not empty"; exit 2; }
        t0=$(date +%s.%N)
        "$GEN" --config "$CONF" --lines "$LINES" --out "$WORK/tsv" > "$WORK/generate.txt"
        t1=$(date +%s.%N)
        mariadb --no-defaults --local-infile=1 --socket="$sock" -u"$root_user" zorgcontract < "$WORK/tsv/load.sql"
        t2=$(date +%s.%N)
        sql -e "ANALYZE TABLE claim_lines, declarations, payables, review_items, allocations, clients, budgets, ledger_journals, ledger_lines, payment_run_items" >/dev/null
        t3=$(date +%s.%N)
        tsv_mb=$(du -sm "$WORK/tsv" | cut -f1)
        rm -rf "$WORK/tsv"
        printf 'generate_s=%.1f load_s=%.1f analyze_s=%.1f total_s=%.1f tsv_mb=%s\n' \
            "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$(echo "$t3 - $t2" | bc)" \
            "$(echo "$t3 - $t0" | bc)" "$tsv_mb" > "$WORK/build.txt"
    fi
    # The pre-summed budget figures (the lead's check-budget-figures, migration 0042), once per data
    # set, also for one built before the binary knew them.
    if [ ! -s "$WORK/budget-figures.txt" ] && ("$BIN" help 2>&1 || true) | grep -q check-budget-figures; then
        t0=$(date +%s.%N)
        "$BIN" --config "$CONF" check-budget-figures --rebuild > "$WORK/budget-figures.txt"
        echo "budget_figures_rebuild_s=$(echo "$(date +%s.%N) - $t0" | bc)" >> "$WORK/budget-figures.txt"
    fi
    cat "$WORK/generate.txt" "$WORK/build.txt"
    [ -s "$WORK/budget-figures.txt" ] && tail -1 "$WORK/budget-figures.txt"
    db_mb="$(du -sm "$WORK/db" | cut -f1)"
    counts="$(sql -e "SELECT CONCAT('clients=', (SELECT COUNT(*) FROM clients),
     ' municipalities=', (SELECT COUNT(*) FROM municipalities),
     ' claim_lines=', (SELECT COUNT(*) FROM claim_lines),
     ' accepted=', (SELECT COUNT(*) FROM claim_lines WHERE status = 'accepted'),
     ' rejected=', (SELECT COUNT(*) FROM claim_lines WHERE status = 'rejected'),
     ' review=', (SELECT COUNT(*) FROM claim_lines WHERE status = 'review'),
     ' credits=', (SELECT COUNT(*) FROM claim_lines WHERE credit = 1),
     ' review_items_open=', (SELECT COUNT(*) FROM review_items WHERE status = 'open'),
     ' review_items_decided=', (SELECT COUNT(*) FROM review_items WHERE status <> 'open'),
     ' declarations=', (SELECT COUNT(*) FROM declarations),
     ' payables_paid=', (SELECT COUNT(*) FROM payables WHERE status = 'paid'),
     ' payables_open=', (SELECT COUNT(*) FROM payables WHERE status = 'open'),
     ' payment_runs=', (SELECT COUNT(*) FROM payment_runs WHERE status = 'approved'),
     ' review_items=', (SELECT COUNT(*) FROM review_items),
     ' payables=', (SELECT COUNT(*) FROM payables),
     ' budgets=', (SELECT COUNT(*) FROM budgets))")"
    echo "counts: $counts db_mb=$db_mb"
    . "$ZC_ROOT/bench/national_checks.sh"
    check_counts "$WORK/generate.txt" "$counts" || exit 1
    [ "$BUILD_ONLY" = 1 ] && exit 0

    # 2. The server, and staff who log in. The slow-query log is set up first: MariaDB applies
    # long_query_time and log_slow_verbosity to the sessions opened after the change, i.e. the
    # server's pool; what the set-up logs is moved aside before the measurements.
    slow="$WORK/slow.log"
    rm -f "$slow" "$WORK/slow-setup.log"
    # A statement that runs longer than ZC_NATIONAL_STATEMENT_SECONDS (default 30) is ended by
    # MariaDB (max_statement_time): its request fails, and counts as the miss it is, instead of
    # keeping a core busy for the rest of the benchmark.
    sql -e "SET GLOBAL slow_query_log_file = '$slow'; SET GLOBAL log_slow_verbosity = 'query_plan,explain';
            SET GLOBAL long_query_time = 0; SET GLOBAL slow_query_log = 1;
            SET GLOBAL max_statement_time = ${ZC_NATIONAL_STATEMENT_SECONDS:-30};"
    srv_port="$(zc_free_port 21443)"
    export ZC_SERVER_PORT="$srv_port"
    URL="https://localhost:$srv_port"
    start_server() {
        "$BIN" --config "$CONF" serve >>"$WORK/server.log" 2>&1 &
        server_pid=$!
        for _ in $(seq 1 200); do
            curl -s --cacert "$WORK/tls/ca.crt" "$URL/health" 2>/dev/null | grep -q '"ok"' && break
            sleep 0.1
        done
    }
    start_server
    . "$ZC_ROOT/bench/national_staff.sh"
    admin_pw="national-$(openssl rand -hex 12)"
    [ "$(sql -e "SELECT COUNT(*) FROM users WHERE username = 'benchadmin'")" = 0 ] &&
        ZC_ADMIN_PASSWORD="$admin_pw" "$BIN" --config "$CONF" create-admin benchadmin >/dev/null &&
        echo "$admin_pw" > "$WORK/admin.password"
    admin_pw="$(cat "$WORK/admin.password")"
    if [ "$(sql -e "SELECT COUNT(*) FROM users WHERE username IN ('bench.auditor', 'bench.finance')")" != 2 ]; then
        ADMIN_TOKEN="$(login benchadmin "$admin_pw")"
    fi
    auditor="$(staff_token benchadmin "$admin_pw" bench.auditor auditor "[\"$MUN\"]")"
    finance="$(staff_token benchadmin "$admin_pw" bench.finance finance "[\"$MUN\"]")"

    # 3. The reads, with the slow-query log on.
    . "$ZC_ROOT/bench/national_reads.sh"
    write_reads "$WORK/reads.tsv" "$WORK/mix.tsv"
    if [ "$SERVE" = 1 ]; then
        sql -e "SET GLOBAL slow_query_log = 0; SET GLOBAL max_statement_time = 0;"
        echo "serving port=$srv_port server_pid=$server_pid db_pid=$(cat "$WORK/db/mariadbd.pid") reads=$WORK/reads.tsv mix=$WORK/mix.tsv (Ctrl-C ends it)"
        wait "$server_pid" || true
        exit 0
    fi
    if [ "$CPU_ONLY" = 1 ]; then
        sql -e "SET GLOBAL slow_query_log = 0; SET GLOBAL max_statement_time = 0;"
        db_pid="$(cat "$WORK/db/mariadbd.pid" 2>/dev/null || true)"
        # Each of the mix's requests once first, as part b would have: the budget reads keep
        # what their first call computes.
        "$LOAD" --port "$srv_port" --ca "$WORK/tls/ca.crt" --requests "$WORK/mix.tsv" \
            --sequential 1 >/dev/null
        . "$ZC_ROOT/bench/national_cpu.sh"
        cpu_per_read "$WORK/mix.tsv" | tee "$WORK/cpu.txt"
        exit 0
    fi
    # The first call of each read, before the measurements: the budget reads compute the
    # committed part of their municipality, category and report date and keep it (migration
    # 0045) for the calls after it, until what it depends on changes. Reported on its own
    # (first-call ms); its statements stay in slow-setup.log.
    "$LOAD" --port "$srv_port" --ca "$WORK/tls/ca.crt" --requests "$WORK/reads.tsv" --sequential 1 \
        | sed 's/^read /first /' | tee "$WORK/reads-first.txt"
    mv "$slow" "$WORK/slow-setup.log"
    sql -e "FLUSH SLOW LOGS"
    "$LOAD" --port "$srv_port" --ca "$WORK/tls/ca.crt" --requests "$WORK/reads.tsv" --sequential "$N" \
        --read-seconds "${ZC_NATIONAL_READ_SECONDS:-60}" \
        | tee "$WORK/reads.txt"
    # The mix with the slow-query log at 100 ms: logging every statement with its EXPLAIN costs
    # MariaDB more CPU than the statements themselves at this rate. The sessions take the new
    # threshold when they connect, so the server (its pool) starts again; the staff's sessions
    # are in the database and stay valid.
    sql -e "SET GLOBAL long_query_time = 0.1"
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
    start_server
    # Warm-up, not measured: the same mix for ZC_NATIONAL_WARMUP seconds (default 30), so that the
    # measurement sees a running service (its pool's connections open, MariaDB's buffer pool
    # holding the pages the screens read, the budget figure parts read once), not the minute after
    # a start: the database starts with a 256 MB buffer pool that the bench then enlarges, so
    # nearly every page is read from disk the first time.
    # Its statements over 100 ms (pages read from disk for the first time, tables opened) go to
    # slow-warmup.log: counted and shown below, not judged by c.
    rm -f "$WORK/slow-warmup.log"
    if [ "$WARMUP" -gt 0 ]; then
        sql -e "SET GLOBAL slow_query_log_file = '$WORK/slow-warmup.log'"
        "$LOAD" --port "$srv_port" --ca "$WORK/tls/ca.crt" --requests "$WORK/mix.tsv" --rate "$RATE" \
            --seconds "$WARMUP" --connections "$CONNECTIONS" | tail -1 | sed 's/^/warm-up: /' | tee "$WORK/warmup.txt"
        sql -e "SET GLOBAL slow_query_log_file = '$slow'"
        warm_slow="$(grep -c '^# Query_time' "$WORK/slow-warmup.log" 2>/dev/null || true)"
        echo "warm-up: ${warm_slow:-0} statements over 100 ms (slow-warmup.log, not judged)" | tee -a "$WORK/warmup.txt"
    fi
    # The CPU seconds the server, MariaDB and the load tool use during the mix (utime + stime of
    # /proc/PID/stat, in clock ticks); with ZC_NATIONAL_PROFILE=FILE, perf records the server.
    db_pid="$(cat "$WORK/db/mariadbd.pid" 2>/dev/null || true)"
    . "$ZC_ROOT/bench/national_cpu.sh"
    srv_cpu0="$(cpu_ticks "$server_pid")"; db_cpu0="$(cpu_ticks "$db_pid")"
    perf_pid=""
    if [ -n "${ZC_NATIONAL_PROFILE:-}" ]; then
        perf record -g -o "$ZC_NATIONAL_PROFILE" -p "$server_pid" >/dev/null 2>&1 & perf_pid=$!
    fi
    /usr/bin/time -f 'load_cpu_s=%U+%S' -o "$WORK/load-cpu.txt" \
        "$LOAD" --port "$srv_port" --ca "$WORK/tls/ca.crt" --requests "$WORK/mix.tsv" --rate "$RATE" \
        --seconds "$SECONDS_MIX" --connections "$CONNECTIONS" | tee "$WORK/mix.txt"
    [ -n "$perf_pid" ] && { kill -INT "$perf_pid"; wait "$perf_pid" || true; }
    tck="$(getconf CLK_TCK)"
    echo "mix cpu: server_s=$(( ($(cpu_ticks "$server_pid") - srv_cpu0) / tck )) mariadb_s=$(( ($(cpu_ticks "$db_pid") - db_cpu0) / tck )) $(cat "$WORK/load-cpu.txt") (of ${SECONDS_MIX} s × $(nproc) cores)" | tee -a "$WORK/mix.txt"
    sql -e "SET GLOBAL slow_query_log = 0; SET GLOBAL long_query_time = 10; SET GLOBAL max_statement_time = 0;"
    # d. What each of the mix's reads costs in CPU, alone (bench/national_cpu.sh).
    cpu_per_read "$WORK/mix.tsv" | tee "$WORK/cpu.txt"

    status=0
    reads_total=0; reads_ok=0; missed=""
    while read -r _ name rest; do
        p99="$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<< "$rest")"
        errors="$(sed -n 's/.*errors=\([0-9]*\).*/\1/p' <<< "$rest")"
        reads_total=$((reads_total + 1))
        if [ "$(echo "$p99 < 200" | bc)" = 1 ] && [ "$errors" = 0 ]; then
            reads_ok=$((reads_ok + 1))
        else
            missed="$missed $name(p99=${p99}ms,errors=$errors)"; status=1
        fi
    done < <(grep '^read ' "$WORK/reads.txt")
    [ -n "$missed" ] && echo "reads over 200 ms p99 or with errors:$missed"
    mix="$(grep '^total ' "$WORK/mix.txt")"
    mix_p99="$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<< "$mix")"
    mix_errors="$(sed -n 's/.*errors=\([0-9]*\).*/\1/p' <<< "$mix")"
    mix_rps="$(sed -n 's/.*achieved_rps=\([0-9.]*\).*/\1/p' <<< "$mix")"
    mix_ok=1
    if [ "$(echo "$mix_p99 < 50" | bc)" != 1 ] || [ "$mix_errors" != 0 ] \
        || [ "$(echo "$mix_rps >= $RATE * 0.99" | bc)" != 1 ]; then mix_ok=0; status=1; fi

    # c. The slow log: statements over 100 ms, full scans of claim_lines.
    awk -f "$ZC_ROOT/bench/slow_log.awk" "$slow" > "$WORK/slow-offenders.txt" || true
    slow_n="$(awk -F'count=' '/^OVER_100MS/ { n += $2 } END { print n + 0 }' "$WORK/slow-offenders.txt")"
    scan_n="$(awk -F'count=' '/^CLAIM_LINES_FULL_SCAN/ { n += $2 } END { print n + 0 }' "$WORK/slow-offenders.txt")"
    statements="$(grep -c '^# Query_time' "$slow" || true)"
    if [ "$slow_n" != 0 ] || [ "$scan_n" != 0 ]; then
        status=1
        echo "slow-query log: $slow_n statements over 100 ms, $scan_n full scans of claim_lines (of $statements), by statement:"
        awk '/^NOTE_FULL_SCAN/ { skip = 1; next } /^[A-Z]/ { skip = 0 } !skip' "$WORK/slow-offenders.txt"
    fi
    result=PASS; [ "$status" = 0 ] || result=FAIL
    echo "national lines=$(sed -n 's/.*claim_lines=\([0-9]*\).*/\1/p' <<< "$counts") db_mb=$db_mb reads_pass=$reads_ok/$reads_total mix_rps=$mix_rps mix_p99_ms=$mix_p99 mix_errors=$mix_errors mix_pass=$mix_ok statements_logged=$statements over_100ms=$slow_n claim_lines_scans=$scan_n result=$result"
    exit "$status"
}

main "$@"
