#!/usr/bin/env bash
# bench/fault_test.sh [KILLS] [WRITERS]: no acknowledged write is lost when mariadbd is killed.
# Starts a throwaway MariaDB and the real HTTPS server in its own temporary folder (own ports).
# WRITERS client loops (default 4, at most 9) POST mixed writes without pause: providers and products (as an
# administrator, JSON) and WMO323 declarations (/api/v1/messages with the provider's client
# certificate). Meanwhile mariadbd gets KILLS (default 20; ZC_FAULT_KILLS overrides) `kill -9`s at
# random moments, each followed by a restart (zc_db_start). Afterwards every write is looked up:
#   - answered 2xx (acknowledged) and absent         -> LOST (must be 0)
#   - answered otherwise and present                 -> only allowed when the answer was the
#     unknown-outcome answer (503 DATABASE_UNAVAILABLE "may or may not have been saved"), counted
#     as "unknown, saved"; any other answer is INCONSISTENT (must be 0)
#   - a declaration whose intake was cut off is resumable by resending it (bench/crash_test.sh);
#     its inbox row still says 'processing' and it is counted as "unfinished", not as present.
# Then `zorgcontract check-ledger` and `verify-audit` must be clean. Exit 0 when all holds.
# Environment: ZC_BUILD_DIR (default build/) or ZC_BINARY and ZC_BENCH_GENERATE, ZC_FAULT_KEEP=1.
set -euo pipefail
ZC_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export ZC_ROOT
. "$ZC_ROOT/scripts/lib.sh"

KILLS="${1:-${ZC_FAULT_KILLS:-20}}"
WRITERS="${2:-4}"
[[ "$KILLS" =~ ^[0-9]+$ && "$WRITERS" =~ ^[0-9]+$ && "$WRITERS" -ge 1 && "$WRITERS" -le 9 ]] \
    || { echo "usage: bench/fault_test.sh [KILLS] [WRITERS]" >&2; exit 2; }
BUILD="${ZC_BUILD_DIR:-$ZC_ROOT/build}"
BIN="${ZC_BINARY:-$BUILD/interfaces/zorgcontract}"
GEN="${ZC_BENCH_GENERATE:-$BUILD/bench/zc_bench_generate}"
CONF="$ZC_ROOT/config/zorgcontract.properties"
AGB=73999999
[ -x "$BIN" ] && [ -x "$GEN" ] || { echo "build zorgcontract and zc_bench_generate first" >&2; exit 2; }

WORK="$(mktemp -d /tmp/zc-fault.XXXXXX)"
server_pid=""
cleanup() {
    touch "$WORK/stop"
    if [ -n "$server_pid" ]; then kill -9 "$server_pid" 2>/dev/null || true; fi
    zc_db_stop "$WORK/db" || true
    wait 2>/dev/null || true
    if [ "${ZC_FAULT_KEEP:-0}" = 1 ]; then zc_log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

db_port="$(zc_free_port 27306)"
# In a subshell: mariadbd is then no job of this shell (no "Killed" notices).
db_start() { (zc_db_start "$WORK/db" "$db_port" "$WORK/db-app.password" >/dev/null 2>&1); }
db_start
sock="$(zc_db_socket "$WORK/db")"
root_user="$(zc_db_client_user)"
sql() { mariadb --no-defaults --socket="$sock" -u"$root_user" -N -B zorgcontract "$@"; }
zc_secrets "$WORK"
zc_tls "$WORK/tls"
zc_client_cert "$WORK/tls" "$AGB"
zc_client_crl "$WORK/tls"
export ZC_DB_HOST=127.0.0.1 ZC_DB_PORT="$db_port" ZC_DB_USER=zorgcontract ZC_DB_NAME=zorgcontract \
    ZC_DB_PASSWORD="$(cat "$WORK/db-app.password")" ZC_DB_SOCKET= \
    ZC_SECURITY_BSN_KEY_FILE="$WORK/bsn.key" ZC_SECURITY_BSN_HMAC_KEY_FILE="$WORK/bsn-hmac.key" \
    ZC_SECURITY_AUDIT_KEY_FILE="$WORK/audit.key" ZC_AUDIT_CHECKPOINT_FILE="$WORK/audit-checkpoints.log" \
    ZC_TLS_CERT_FILE="$WORK/tls/server.crt" ZC_TLS_KEY_FILE="$WORK/tls/server.key" \
    ZC_TLS_CA_FILE="$WORK/tls/ca.crt" ZC_TLS_CLIENT_CRL="$WORK/tls/client.crl"
"$BIN" --config "$CONF" migrate >/dev/null
"$GEN" --config "$CONF" --region-only 3 >/dev/null
"$GEN" --file-only 3 "$WORK/wmo323.xml" >/dev/null
grep -q 'BENCH3' "$WORK/wmo323.xml" && grep -q 'BD3' "$WORK/wmo323.xml" \
    || { echo "unexpected WMO323 template" >&2; exit 2; }
admin_pw="fault-test-$(openssl rand -hex 12)"
ZC_ADMIN_PASSWORD="$admin_pw" "$BIN" --config "$CONF" create-admin faultadmin >/dev/null

srv_port="$(zc_free_port 20443)"
export ZC_SERVER_PORT="$srv_port"
URL="https://localhost:$srv_port"
"$BIN" --config "$CONF" serve >>"$WORK/server.log" 2>&1 &
server_pid=$!
disown "$server_pid"
for _ in $(seq 1 200); do
    curl -s --cacert "$WORK/tls/ca.crt" "$URL/health" 2>/dev/null | grep -q '"ok"' && break
    sleep 0.05
done
token="$(curl -s --cacert "$WORK/tls/ca.crt" -H 'Content-Type: application/json' \
    -d "{\"username\":\"faultadmin\",\"password\":\"$admin_pw\"}" "$URL/api/v1/auth/login" \
    | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')"
[ -n "$token" ] || { echo "administrator log-in failed" >&2; tail -5 "$WORK/server.log" >&2; exit 1; }
# An administrator needs a second factor before writing: enrol TOTP and confirm it (RFC 6238).
api() {  # api PATH JSON -> the answer body
    curl -s --cacert "$WORK/tls/ca.crt" -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -d "$2" "$URL$1"
}
secret="$(api /api/v1/auth/totp/enrol '{}' | sed -n 's/.*"secret" *: *"\([^"]*\)".*/\1/p')"
api /api/v1/auth/totp/confirm "{\"code\":\"$(zc_totp "$secret")\"}" | grep -q '"totp_enabled" *: *true' \
    || { echo "TOTP enrolment of the administrator failed" >&2; exit 1; }

B36=0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ
# One client loop: writes until $WORK/stop exists; one line per write in $WORK/writes.W:
# KIND KEY HTTP_STATUS ANSWER (ANSWER: ok, unknown = the unknown-outcome answer, or the code).
writer() {
    local w="$1"
    local i=0 kind key status answer out="$WORK/answer.$w"
    while [ ! -e "$WORK/stop" ]; do
        i=$((i + 1))
        case $(((i + w) % 3)) in
        0)  kind=provider; key="9$(printf '%07d' $((w * 100000 + i)))"
            status="$(curl -s -o "$out" -w '%{http_code}' --max-time 30 --cacert "$WORK/tls/ca.crt" \
                -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
                -d "{\"agb\":\"$key\",\"kvk\":\"$(printf '%08d' $((w * 100000 + i)))\",\
\"name\":\"Fault $key\",\"iban\":\"NL91ABNA0417164300\",\"contact_email\":\"info@example.nl\"}" \
                "$URL/api/v1/providers" || true)" ;;
        1)  kind=product; key="Q$w${B36:$((i / 1296 % 36)):1}${B36:$((i / 36 % 36)):1}${B36:$((i % 36)):1}"
            status="$(curl -s -o "$out" -w '%{http_code}' --max-time 30 --cacert "$WORK/tls/ca.crt" \
                -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
                -d "{\"code\":\"$key\",\"category\":\"10\",\"name\":\"Fault $key\",\
\"unit\":\"hours\",\"kind\":\"per_client\"}" "$URL/api/v1/products" || true)" ;;
        *)  kind=declaration; key="F${w}N${i}"
            sed -e "s/BENCH3/$key/g" -e "s/BD3/D$key/g" "$WORK/wmo323.xml" >"$WORK/decl.$w.xml"
            status="$(curl -s -o "$out" -w '%{http_code}' --max-time 60 --cacert "$WORK/tls/ca.crt" \
                --cert "$WORK/tls/clients/$AGB.crt" --key "$WORK/tls/clients/$AGB.key" \
                -H 'Content-Type: application/xml' --data-binary "@$WORK/decl.$w.xml" \
                "$URL/api/v1/messages" || true)" ;;
        esac
        if [ "${status:0:1}" = 2 ]; then answer=ok
        elif grep -q 'may or may not' "$out" 2>/dev/null; then answer=unknown
        else answer="$(sed -n 's/.*"code" *: *"\([A-Z_]*\)".*/\1/p' "$out" 2>/dev/null | head -1)"
        fi
        echo "$kind $key $status ${answer:--}" >>"$WORK/writes.$w"
        [ "$i" -lt 46655 ] || break  # keys stay unique and within their formats
    done
}

t0=$(date +%s)
writer_pids=()
for w in $(seq 1 "$WRITERS"); do writer "$w" & writer_pids+=($!); done
sleep 1
for k in $(seq 1 "$KILLS"); do
    sleep "0.$(printf '%03d' $((RANDOM % 1000)))"
    pid="$(cat "$WORK/db/mariadbd.pid" 2>/dev/null || true)"
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    db_start || { echo "MariaDB did not restart after kill $k" >&2; exit 1; }
    sleep 0.3
done
sleep 1
touch "$WORK/stop"
wait "${writer_pids[@]}" 2>/dev/null || true
elapsed=$(($(date +%s) - t0))

# What is in the database now.
{
    sql -e "SELECT 'provider', agb, 'done' FROM providers"
    sql -e "SELECT 'product', code, 'done' FROM products"
    sql -e "SELECT 'declaration', identificatie, outcome FROM inbox_messages"
} >"$WORK/present.txt"
cat "$WORK"/writes.* >"$WORK/writes.txt"
awk -v lostfile="$WORK/lost.txt" '
    NR == FNR { state[$1 " " $2] = $3; next }
    {
        writes++; k = $1 " " $2; s = (k in state) ? state[k] : "absent"
        if ($4 == "unknown") unknown++
        if ($4 == "ok") {
            acked++
            if (s != "absent" && s != "processing") next
            lost++; print "LOST: " $0 " (" s ")" > lostfile; next
        }
        failed++
        if (s == "absent") next
        if (s == "processing") { unfinished++; next }
        if ($4 == "unknown") { unknown_saved++; next }
        inconsistent++; print "INCONSISTENT: " $0 > lostfile
    }
    END {
        printf "writes=%d acknowledged=%d failed=%d lost=%d inconsistent=%d", writes, acked, failed,
            lost, inconsistent
        printf " unknown_outcome_answers=%d unknown_saved=%d unfinished_intakes=%d\n", unknown,
            unknown_saved, unfinished
        exit (lost + inconsistent > 0 || acked == 0) ? 1 : 0
    }' "$WORK/present.txt" "$WORK/writes.txt" >"$WORK/summary.txt" && verdict=0 || verdict=1
ledger=0; "$BIN" --config "$CONF" check-ledger >"$WORK/ledger.txt" 2>&1 || ledger=1
audit=0; "$BIN" --config "$CONF" verify-audit >"$WORK/audit.txt" 2>&1 || audit=1
echo "kills=$KILLS writers=$WRITERS seconds=$elapsed $(cat "$WORK/summary.txt")"
[ -s "$WORK/lost.txt" ] && head -20 "$WORK/lost.txt"
[ "$ledger" = 0 ] || { echo "check-ledger:"; tail -5 "$WORK/ledger.txt"; }
[ "$audit" = 0 ] || { echo "verify-audit:"; tail -5 "$WORK/audit.txt"; }
if [ "$verdict" = 0 ] && [ "$ledger" = 0 ] && [ "$audit" = 0 ]; then
    echo "fault_test: NO ACKNOWLEDGED WRITE LOST"
    exit 0
fi
echo "fault_test: FAILED"
exit 1
