#!/usr/bin/env bash
# bench/ingest.sh N: measures, in one run on this machine,
#  (a) our end-to-end ingest of a WMO323 of N prestaties (validate, adjudicate, persist, WMO325)
#      with `zorgcontract ingest FILE --as 73999999`, its wall time and peak memory;
#  (b) `xmllint --noout --stream --schema wmo323.xsd` over the same file (the official XSD under
#      ../shared/reference/iwmo-3.2/ when present, else ours);
#  (c) MariaDB LOAD DATA LOCAL INFILE of N rows into a table shaped like claim_lines;
#  (d) the same file POSTed over HTTPS with the provider's client certificate (mutual TLS) to
#      the real server (`zorgcontract serve`, started fresh for it on a free port) against a
#      second database holding the same region: its wall time, and the server's peak memory
#      (VmHWM of /proc/PID/status) before and after the request.
# Everything runs against a throwaway MariaDB in a temporary folder on a free port, removed at
# the end. The last line is
#   lines=N ours_s=… xmllint_s=… loaddata_s=… lines_per_s=… ratio=… peak_rss_mb=…
#     https_s=… https_lines_per_s=… https_ratio=… server_hwm_before_mb=… server_hwm_mb=…
# (one line) with ratio = ours / (xmllint + loaddata), https_ratio the same for (d).
# Environment: ZC_BUILD_DIR (default build/), ZC_BENCH_TIMEOUT (seconds per step, default 1800),
# ZC_BENCH_KEEP=1 keeps the temp folder, ZC_BENCH_HTTPS=0 leaves out (d), ZC_BENCH_SLOWLOG=1
# logs every statement of (a) to the temp folder's slow.log (keep it), ZC_BENCH_BUFFER_POOL=2G
# enlarges the database's buffer pool, ZC_BENCH_WRAP
# prefixes the ingest command (e.g. "perf record -g -o /tmp/perf.data").
set -euo pipefail
ZC_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export ZC_ROOT
. "$ZC_ROOT/scripts/lib.sh"

N="${1:-10000}"
[[ "$N" =~ ^[0-9]+$ ]] && [ "$N" -ge 1 ] || { echo "usage: bench/ingest.sh N" >&2; exit 2; }
BUILD="${ZC_BUILD_DIR:-$ZC_ROOT/build}"
STEP_TIMEOUT="${ZC_BENCH_TIMEOUT:-1800}"
BIN="$BUILD/interfaces/zorgcontract"
GEN="$BUILD/bench/zc_bench_generate"
CONF="$ZC_ROOT/config/zorgcontract.properties"
# A national-scale file may exceed the service's default 512 MiB: the command line takes what
# the disk holds (limits.max_declaration_bytes has no ceiling in code below 1 TiB).
export ZC_LIMITS_MAX_DECLARATION_BYTES="${ZC_LIMITS_MAX_DECLARATION_BYTES:-1099511627776}"

# Tools: GNU time and xmllint (Debian packages time and libxml2-utils).
need=()
[ -x /usr/bin/time ] || need+=(time)
command -v xmllint >/dev/null || need+=(libxml2-utils)
if [ ${#need[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ ! -x "$BIN" ] || [ ! -x "$GEN" ]; then
    cmake -S "$ZC_ROOT" -B "$BUILD" >/dev/null
    cmake --build "$BUILD" -j2 --target zorgcontract zc_bench_generate >/dev/null
fi

WORK="$(mktemp -d /tmp/zc-bench.XXXXXX)"
HTTPS="${ZC_BENCH_HTTPS:-1}"
AGB=73999999
server_pid=""
stop_server() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}
cleanup() {
    stop_server
    zc_db_stop "$WORK/db" || true
    if [ "${ZC_BENCH_KEEP:-0}" = 1 ]; then zc_log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

port="$(zc_free_port 25306)"
zc_db_start "$WORK/db" "$port" "$WORK/db-app.password" >/dev/null
zc_secrets "$WORK"
sock="$(zc_db_socket "$WORK/db")"
root_user="$(zc_db_client_user)"
# ZC_BENCH_BUFFER_POOL (e.g. 2G) sizes InnoDB's buffer pool of the private MariaDB (256M as the
# tests start it): at a million lines the claim lines and their indexes outgrow 256 MiB.
if [ -n "${ZC_BENCH_BUFFER_POOL:-}" ]; then
    mariadb --no-defaults --socket="$sock" -u"$root_user" -e \
        "SET GLOBAL innodb_buffer_pool_size = $(numfmt --from=iec "$ZC_BENCH_BUFFER_POOL")"
    sleep 1  # the pool is resized in the background
fi
export ZC_DB_HOST=127.0.0.1 ZC_DB_PORT="$port" ZC_DB_NAME=zorgcontract ZC_DB_USER=zorgcontract \
    ZC_DB_PASSWORD="$(cat "$WORK/db-app.password")" ZC_DB_SOCKET= \
    ZC_SECURITY_BSN_KEY_FILE="$WORK/bsn.key" ZC_SECURITY_BSN_HMAC_KEY_FILE="$WORK/bsn-hmac.key" \
    ZC_SECURITY_AUDIT_KEY_FILE="$WORK/audit.key" ZC_AUDIT_CHECKPOINT_FILE="$WORK/audit-checkpoints.log"

"$BIN" --config "$CONF" migrate >/dev/null
t0=$(date +%s.%N)
timeout "$STEP_TIMEOUT" "$GEN" --config "$CONF" "$N" "$WORK/wmo323.xml" "$WORK/claim_lines.tsv" \
    > "$WORK/generate.txt"
if [ "$HTTPS" = 1 ]; then
    # The same region (the generator is deterministic) in a second database for (d).
    mariadb --no-defaults --socket="$sock" -u"$root_user" -e \
        "CREATE DATABASE zorgcontract_https CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
         GRANT ALL PRIVILEGES ON zorgcontract_https.* TO 'zorgcontract'@'127.0.0.1';
         GRANT ALL PRIVILEGES ON zorgcontract_https.* TO 'zorgcontract'@'localhost';"
    ZC_DB_NAME=zorgcontract_https "$BIN" --config "$CONF" migrate >/dev/null
    ZC_DB_NAME=zorgcontract_https timeout "$STEP_TIMEOUT" "$GEN" --config "$CONF" --region-only \
        "$N" >/dev/null
fi
t1=$(date +%s.%N)
expected_rejected="$(sed -n 's/.*expected_rejected=\([0-9]*\).*/\1/p' "$WORK/generate.txt")"
expected_awarded="$(sed -n 's/.*expected_awarded_cents=\([0-9]*\).*/\1/p' "$WORK/generate.txt")"
zc_log "generated region and $(du -h "$WORK/wmo323.xml" | cut -f1) WMO323 in $(echo "$t1 - $t0" | bc) s; expecting $expected_rejected rejections"

# (a) Our end-to-end ingest (with ZC_BENCH_SLOWLOG=1 every statement of it in $WORK/slow.log).
if [ "${ZC_BENCH_SLOWLOG:-0}" = 1 ]; then
    mariadb --no-defaults --socket="$sock" -u"$root_user" -e "SET GLOBAL log_output = 'FILE',
        slow_query_log_file = '$WORK/slow.log', long_query_time = 0, slow_query_log = 1"
fi
t0=$(date +%s.%N)
timeout "$STEP_TIMEOUT" /usr/bin/time -v -o "$WORK/time.txt" ${ZC_BENCH_WRAP:-} \
    "$BIN" --config "$CONF" ingest "$WORK/wmo323.xml" --as 73999999 > "$WORK/wmo325.xml"
t1=$(date +%s.%N)
ours_s="$(echo "scale=3; ($t1 - $t0) / 1" | bc)"
if [ "${ZC_BENCH_SLOWLOG:-0}" = 1 ]; then
    mariadb --no-defaults --socket="$sock" -u"$root_user" -e "SET GLOBAL slow_query_log = 0"
fi
rss_kb="$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$WORK/time.txt")"
peak_rss_mb="$(echo "scale=1; $rss_kb / 1024" | bc)"
# The 325 lists exactly the rejected prestaties, each with one ReferentieNummer.
got_rejected="$( (grep -o '<[a-z0-9]*:*ReferentieNummer>' "$WORK/wmo325.xml" || true) | wc -l)"
got_awarded="$(tr -d ' \r\n' < "$WORK/wmo325.xml" \
    | sed -n 's/.*TotaalToegekendBedrag><[a-z0-9]*:*TotaalBedrag>\([0-9]*\)<.*/\1/p')"
db_counts="$(mariadb --no-defaults --socket="$sock" -u"$root_user" -N -B zorgcontract -e \
    "SELECT CONCAT(COUNT(*), ' ', SUM(status='rejected'), ' ', (SELECT COALESCE(SUM(amount_cents),0) FROM payables)) FROM claim_lines")"
read -r db_lines db_rejected db_payable <<< "$db_counts"
zc_log "ours: ${ours_s}s, peak RSS ${peak_rss_mb} MB; WMO325 rejects $got_rejected (awards $got_awarded cents), stored $db_lines lines ($db_rejected rejected), payable $db_payable cents"
status=0
if [ "$got_rejected" != "$expected_rejected" ] || [ "$got_awarded" != "$expected_awarded" ] \
    || [ "$db_rejected" != "$expected_rejected" ] \
    || [ "$db_lines" != "$N" ] || [ "$db_payable" != "$expected_awarded" ]; then
    zc_log "MISMATCH: expected $N lines, $expected_rejected rejected, payable $expected_awarded cents"
    grep -o '<[a-z0-9]*:*RetourCode>[0-9]*' "$WORK/wmo325.xml" | sort | uniq -c >&2 || true
    status=1
fi

# (b) xmllint, streaming, against the official XSD when present.
xsd="$ZC_ROOT/../shared/reference/iwmo-3.2/wmo323.xsd"
[ -f "$xsd" ] || xsd="$ZC_ROOT/interfaces/xml/schemas/iwmo-3.2/wmo323.xsd"
t0=$(date +%s.%N)
timeout "$STEP_TIMEOUT" xmllint --noout --stream --schema "$xsd" "$WORK/wmo323.xml" \
    2> "$WORK/xmllint.txt" || { zc_log "xmllint: $(tail -3 "$WORK/xmllint.txt")"; status=1; }
t1=$(date +%s.%N)
xmllint_s="$(echo "scale=3; ($t1 - $t0) / 1" | bc)"
zc_log "xmllint ($xsd): ${xmllint_s}s: $(tail -1 "$WORK/xmllint.txt")"

# (c) LOAD DATA LOCAL INFILE of N rows into a copy of claim_lines (same columns and indexes).
mariadb --no-defaults --socket="$sock" -u"$root_user" zorgcontract -e \
    "CREATE TABLE bench_claim_lines LIKE claim_lines; SET GLOBAL local_infile = 1;"
t0=$(date +%s.%N)
timeout "$STEP_TIMEOUT" mariadb --no-defaults --local-infile=1 --socket="$sock" -u"$root_user" \
    zorgcontract -e "LOAD DATA LOCAL INFILE '$WORK/claim_lines.tsv' INTO TABLE bench_claim_lines
      (declaration_id, provider_id, reference, previous_reference, credit, allocation_number,
       bsn_hash, bsn_enc, category, product_code, period_begin, period_end, volume, unit,
       tariff_cents, amount_cents, status, code, credited)"
t1=$(date +%s.%N)
loaddata_s="$(echo "scale=3; ($t1 - $t0) / 1" | bc)"
loaded="$(mariadb --no-defaults --socket="$sock" -u"$root_user" -N -B zorgcontract -e \
    "SELECT COUNT(*) FROM bench_claim_lines")"
zc_log "LOAD DATA: ${loaddata_s}s for $loaded rows"
[ "$loaded" = "$N" ] || { zc_log "LOAD DATA loaded $loaded rows, not $N"; status=1; }

# (d) Over HTTPS: a fresh server, its peak memory before and after the one request.
https_s=0 server_hwm_before_mb=0 server_hwm_mb=0
hwm_mb() { echo "scale=1; $(awk '/^VmHWM:/ { print $2 }' "/proc/$1/status") / 1024" | bc; }
if [ "$HTTPS" = 1 ]; then
    zc_tls "$WORK/tls"; zc_client_cert "$WORK/tls" "$AGB"; zc_client_crl "$WORK/tls"
    srv_port="$(zc_free_port 19443)"
    ZC_DB_NAME=zorgcontract_https ZC_SERVER_PORT="$srv_port" ZC_TLS_CERT_FILE="$WORK/tls/server.crt" \
        ZC_TLS_KEY_FILE="$WORK/tls/server.key" ZC_TLS_CA_FILE="$WORK/tls/ca.crt" \
        ZC_TLS_CLIENT_CRL="$WORK/tls/client.crl" "$BIN" --config "$CONF" serve > "$WORK/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 200); do
        curl -s --cacert "$WORK/tls/ca.crt" "https://localhost:$srv_port/health" 2>/dev/null \
            | grep -q '"ok"' && break
        sleep 0.05
    done
    server_hwm_before_mb="$(hwm_mb "$server_pid")"
    t0=$(date +%s.%N)
    code="$(curl -s -o "$WORK/https325.xml" -w '%{http_code}' --max-time "$STEP_TIMEOUT" \
        --cacert "$WORK/tls/ca.crt" --cert "$WORK/tls/clients/$AGB.crt" \
        --key "$WORK/tls/clients/$AGB.key" -H 'Content-Type: application/xml' \
        --data-binary "@$WORK/wmo323.xml" "https://localhost:$srv_port/api/v1/messages" || true)"
    t1=$(date +%s.%N)
    https_s="$(echo "scale=3; ($t1 - $t0) / 1" | bc)"
    server_hwm_mb="$(hwm_mb "$server_pid")"
    stop_server
    https_rejected="$( (grep -o '<[a-z0-9]*:*ReferentieNummer>' "$WORK/https325.xml" || true) | wc -l)"
    https_lines="$(mariadb --no-defaults --socket="$sock" -u"$root_user" -N -B zorgcontract_https \
        -e "SELECT COUNT(*) FROM claim_lines")"
    # The same answer as the command line's (both databases are fresh: the same identification).
    zc_log "https: HTTP $code in ${https_s}s, server VmHWM ${server_hwm_before_mb} -> ${server_hwm_mb} MB; WMO325 rejects $https_rejected, stored $https_lines lines"
    if [ "$code" != 200 ] || [ "$https_rejected" != "$expected_rejected" ] || [ "$https_lines" != "$N" ] \
        || ! cmp -s <(tr -d '\r\n' < "$WORK/https325.xml") <(tr -d '\r\n' < "$WORK/wmo325.xml"); then
        zc_log "MISMATCH over HTTPS (HTTP $code): $(head -c 300 "$WORK/https325.xml")"
        status=1
    fi
fi

zc_log "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
fmt() { LC_ALL=C awk -v v="$1" -v d="$2" 'BEGIN { printf "%.*f", d, v }'; }
lines_per_s="$(fmt "$(echo "scale=3; $N / $ours_s" | bc)" 0)"
ratio="$(fmt "$(echo "scale=4; $ours_s / ($xmllint_s + $loaddata_s)" | bc)" 2)"
ours_s="$(fmt "$ours_s" 3)"; xmllint_s="$(fmt "$xmllint_s" 3)"; loaddata_s="$(fmt "$loaddata_s" 3)"
https_lines_per_s=0 https_ratio=0
if [ "$HTTPS" = 1 ]; then
    https_lines_per_s="$(fmt "$(echo "scale=3; $N / $https_s" | bc)" 0)"
    https_ratio="$(fmt "$(echo "scale=4; $https_s / ($xmllint_s + $loaddata_s)" | bc)" 2)"
    https_s="$(fmt "$https_s" 3)"
fi
echo "lines=$N ours_s=$ours_s xmllint_s=$xmllint_s loaddata_s=$loaddata_s lines_per_s=$lines_per_s ratio=$ratio peak_rss_mb=$peak_rss_mb https_s=$https_s https_lines_per_s=$https_lines_per_s https_ratio=$https_ratio server_hwm_before_mb=$server_hwm_before_mb server_hwm_mb=$server_hwm_mb"
exit "$status"
