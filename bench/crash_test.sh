#!/usr/bin/env bash
# bench/crash_test.sh [N] [SECONDS]: crash safety of the WMO323 intake.
# Starts a throwaway MariaDB and the real HTTPS server in its own temporary folder (own ports),
# generates a region and a WMO323 of N prestaties (default 2000), then, bounded by SECONDS
# (default 45): POSTs the file to /api/v1/messages with the provider's client certificate, kills
# the server with SIGKILL at a random moment of the expected ingest time, restarts it and resends,
# until an HTTP 200 with a WMO325 arrives (the last attempts are not killed; at most
# ZC_CRASH_KILLS kills, default 6). The database is then
# compared with one clean run (`zorgcontract ingest`) into a second fresh database: claim lines
# (per status and code), declarations, inbox messages, payables and their sum must be equal —
# no line lost, none twice, no payable twice. A resend of the same file afterwards must change
# nothing. Exit 0 when equal. Environment: ZC_BUILD_DIR (default build/) or ZC_BINARY and
# ZC_BENCH_GENERATE, ZC_CRASH_KEEP=1.
set -euo pipefail
ZC_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export ZC_ROOT
. "$ZC_ROOT/scripts/lib.sh"

N="${1:-2000}"
BUDGET="${2:-45}"
MAX_KILLS="${ZC_CRASH_KILLS:-6}"
[[ "$N" =~ ^[0-9]+$ ]] && [ "$N" -ge 1 ] || { echo "usage: bench/crash_test.sh [N] [SECONDS]" >&2; exit 2; }
BUILD="${ZC_BUILD_DIR:-$ZC_ROOT/build}"
BIN="${ZC_BINARY:-$BUILD/interfaces/zorgcontract}"
GEN="${ZC_BENCH_GENERATE:-$BUILD/bench/zc_bench_generate}"
CONF="$ZC_ROOT/config/zorgcontract.properties"
AGB=73999999
[ -x "$BIN" ] && [ -x "$GEN" ] || { echo "build zorgcontract and zc_bench_generate first" >&2; exit 2; }

WORK="$(mktemp -d /tmp/zc-crash.XXXXXX)"
server_pid=""
stop_server() {
    if [ -n "$server_pid" ]; then
        kill -9 "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}
cleanup() {
    stop_server
    zc_db_stop "$WORK/db" || true
    if [ "${ZC_CRASH_KEEP:-0}" = 1 ]; then zc_log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
deadline=$(( $(date +%s) + BUDGET ))

db_port="$(zc_free_port 26306)"
zc_db_start "$WORK/db" "$db_port" "$WORK/db-app.password" >/dev/null
sock="$(zc_db_socket "$WORK/db")"
root_user="$(zc_db_client_user)"
sql() { mariadb --no-defaults --socket="$sock" -u"$root_user" -N -B "$@"; }
sql -e "CREATE DATABASE zorgcontract_clean CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
        GRANT ALL PRIVILEGES ON zorgcontract_clean.* TO 'zorgcontract'@'127.0.0.1';
        GRANT ALL PRIVILEGES ON zorgcontract_clean.* TO 'zorgcontract'@'localhost';"
zc_secrets "$WORK"
zc_tls "$WORK/tls"
zc_client_cert "$WORK/tls" "$AGB"
zc_client_crl "$WORK/tls"
export ZC_DB_HOST=127.0.0.1 ZC_DB_PORT="$db_port" ZC_DB_USER=zorgcontract \
    ZC_DB_PASSWORD="$(cat "$WORK/db-app.password")" ZC_DB_SOCKET= \
    ZC_SECURITY_BSN_KEY_FILE="$WORK/bsn.key" ZC_SECURITY_BSN_HMAC_KEY_FILE="$WORK/bsn-hmac.key" \
    ZC_SECURITY_AUDIT_KEY_FILE="$WORK/audit.key" ZC_AUDIT_CHECKPOINT_FILE="$WORK/audit-checkpoints.log" \
    ZC_TLS_CERT_FILE="$WORK/tls/server.crt" ZC_TLS_KEY_FILE="$WORK/tls/server.key" \
    ZC_TLS_CA_FILE="$WORK/tls/ca.crt" ZC_TLS_CLIENT_CRL="$WORK/tls/client.crl"

for db in zorgcontract zorgcontract_clean; do
    ZC_DB_NAME="$db" "$BIN" --config "$CONF" migrate >/dev/null
    ZC_DB_NAME="$db" "$GEN" --config "$CONF" --region-only "$N" >/dev/null
done
"$GEN" --file-only "$N" "$WORK/wmo323.xml" > "$WORK/generate.txt"
zc_log "$(tail -1 "$WORK/generate.txt")"

# The clean run, timed: the kill moments are drawn from this duration.
t0=$(date +%s%N)
ZC_DB_NAME=zorgcontract_clean "$BIN" --config "$CONF" ingest "$WORK/wmo323.xml" --as "$AGB" \
    > "$WORK/clean325.xml"
clean_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
zc_log "clean run: ${clean_ms} ms"

export ZC_DB_NAME=zorgcontract
srv_port="$(zc_free_port 19443)"
export ZC_SERVER_PORT="$srv_port"
start_server() {
    "$BIN" --config "$CONF" serve >> "$WORK/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 200); do
        curl -s --cacert "$WORK/tls/ca.crt" "https://localhost:$srv_port/health" 2>/dev/null \
            | grep -q '"ok"' && return 0
        sleep 0.05
    done
    zc_log "server did not come up:"; tail -20 "$WORK/server.log" >&2; return 1
}
post() {  # post OUTFILE -> prints the HTTP status
    curl -s -o "$1" -w '%{http_code}' --max-time 60 --cacert "$WORK/tls/ca.crt" \
        --cert "$WORK/tls/clients/$AGB.crt" --key "$WORK/tls/clients/$AGB.key" \
        -H 'Content-Type: application/xml' --data-binary "@$WORK/wmo323.xml" \
        "https://localhost:$srv_port/api/v1/messages" || true
}

start_server
attempt=0 kills=0 done_ok=0
# Kill moments: uniformly random within 0..1.5 × the clean run (plus the request's transfer).
window_ms=$(( clean_ms * 3 / 2 + 200 ))
while [ "$(date +%s)" -lt "$deadline" ]; do
    attempt=$((attempt + 1))
    post "$WORK/answer.xml" > "$WORK/code.txt" &
    curl_pid=$!
    remaining=$(( deadline - $(date +%s) ))
    # Leave the last part of the budget for attempts without a kill.
    if [ "$kills" -lt "$MAX_KILLS" ] && [ "$remaining" -gt $(( clean_ms / 1000 * 3 + 8 )) ]; then
        delay_ms=$(( (RANDOM * 32768 + RANDOM) % window_ms ))
        sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
        if kill -0 "$curl_pid" 2>/dev/null; then
            kill -9 "$server_pid" 2>/dev/null || true
            wait "$server_pid" 2>/dev/null || true
            server_pid=""
            kills=$((kills + 1))
            wait "$curl_pid" 2>/dev/null || true
            zc_log "attempt $attempt: SIGKILL after ${delay_ms} ms"
            start_server
            continue
        fi
    fi
    wait "$curl_pid" 2>/dev/null || true
    code="$(cat "$WORK/code.txt")"
    if [ "$code" = 200 ] && grep -q 'wmo325:Bericht' "$WORK/answer.xml"; then
        zc_log "attempt $attempt: HTTP 200 with a WMO325 after $kills kill(s)"
        done_ok=1
        break
    fi
    zc_log "attempt $attempt: HTTP $code: $(head -c 300 "$WORK/answer.xml")"
done
[ "$done_ok" = 1 ] || { zc_log "no complete answer within ${BUDGET}s"; exit 1; }

state() {
    sql "$1" -e "
      SELECT 'claim_lines', COUNT(*) FROM claim_lines
      UNION ALL SELECT CONCAT('claim_lines ', status, ' ', COALESCE(code,'-')), COUNT(*)
        FROM claim_lines GROUP BY status, code
      UNION ALL SELECT 'claim_lines distinct references', COUNT(DISTINCT provider_id, reference) FROM claim_lines
      UNION ALL SELECT 'claim_lines amount_cents', COALESCE(SUM(amount_cents),0) FROM claim_lines
      UNION ALL SELECT 'declarations', COUNT(*) FROM declarations
      UNION ALL SELECT CONCAT('declarations ', status, ' awarded'), COALESCE(SUM(total_awarded_cents),0)
        FROM declarations GROUP BY status
      UNION ALL SELECT 'inbox_messages', COUNT(*) FROM inbox_messages
      UNION ALL SELECT CONCAT('inbox_messages ', outcome), COUNT(*) FROM inbox_messages GROUP BY outcome
      UNION ALL SELECT 'payables', COUNT(*) FROM payables
      UNION ALL SELECT 'payables amount_cents', COALESCE(SUM(amount_cents),0) FROM payables
      UNION ALL SELECT 'review_items', COUNT(*) FROM review_items
      UNION ALL SELECT 'outbox 485', COUNT(*) FROM outbox_messages WHERE message_code = '485'"
}
# A resend after the answer must change nothing.
code="$(post "$WORK/again.xml")"
[ "$code" = 200 ] || zc_log "resend after the answer: HTTP $code"
state zorgcontract > "$WORK/crashed.txt"
state zorgcontract_clean > "$WORK/clean.txt"
echo "attempts=$attempt kills=$kills (N=$N, clean run ${clean_ms} ms)"
paste "$WORK/crashed.txt" "$WORK/clean.txt" \
    | awk -F'\t' 'BEGIN { printf "%-40s %12s %12s\n", "", "killed", "clean" }
                  { printf "%-40s %12s %12s%s\n", $1, $2, $4, ($1 != $3 || $2 != $4) ? "  <-- differs" : "" }'
if diff -q "$WORK/crashed.txt" "$WORK/clean.txt" >/dev/null && [ "$code" = 200 ]; then
    echo "crash_safety: EQUAL"
    exit 0
fi
echo "crash_safety: DIFFERENT"
exit 1
