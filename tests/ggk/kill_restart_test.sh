#!/usr/bin/env bash
# tests/ggk/kill_restart_test.sh: the chain's outbox survives a SIGKILL of the service between
# send and acknowledgement (issue 16), without losing or doubling a message.
# In a temporary folder of its own (own MariaDB, ports and certificates): the demo data is
# loaded with every provider on the chain (ggk.default_path = ggk), so its allocations queue
# WMO301s as ggk_Di01 envelopes. The GGk test double (zc_ggk_double) reads the first envelope
# and does not answer; while the service waits for that answer it is killed with SIGKILL. After
# the restart every envelope must be delivered: each referentienummer the database holds is
# answered Bv03 by the double exactly once, the one in flight was sent again with the same
# referentienummer, nothing else was sent twice, and every envelope validates against the
# official schema. Environment: ZC_BINARY, ZC_GGK_DOUBLE (the executables), ZC_ARTIFACTS
# (envelopes to $ZC_ARTIFACTS/ggk), ZC_GGK_KILL_KEEP=1 keeps the folder.
set -euo pipefail
ZC_ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export ZC_ROOT
. "$ZC_ROOT/scripts/lib.sh"

BIN="${ZC_BINARY:-$ZC_ROOT/build/interfaces/zorgcontract}"
DOUBLE="${ZC_GGK_DOUBLE:-$ZC_ROOT/build/tests/zc_ggk_double}"
CONF="$ZC_ROOT/config/zorgcontract.properties"
GGK_OIN=00000009990000000001
OUR_OIN=00000001000000000193
[ -x "$BIN" ] && [ -x "$DOUBLE" ] || { echo "build zorgcontract and zc_ggk_double first" >&2; exit 2; }

WORK="$(mktemp -d /tmp/zc-ggk-kill.XXXXXX)"
server_pid=""
double_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null || true
    [ -n "$double_pid" ] && kill "$double_pid" 2>/dev/null || true
    # Only these two: the private MariaDB is a child of this shell too (zc_db_stop ends it).
    for pid in $server_pid $double_pid; do wait "$pid" 2>/dev/null || true; done
    zc_db_stop "$WORK/db" || true
    if [ "${ZC_GGK_KILL_KEEP:-0}" = 1 ]; then zc_log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Ports below the ephemeral range (32768-60999): an outgoing connection cannot hold them.
db_port="$(zc_free_port 29306)"
zc_db_start "$WORK/db" "$db_port" "$WORK/db-app.password" >/dev/null
sock="$(zc_db_socket "$WORK/db")"
sql() { mariadb --no-defaults --socket="$sock" -u"$(zc_db_client_user)" -N -B zorgcontract -e "$1"; }
zc_secrets "$WORK"
zc_tls "$WORK/tls"
zc_client_cert "$WORK/tls" "$OUR_OIN"
zc_client_crl "$WORK/tls"
ggk_port="$(zc_free_port 29643)"
server_port="$(zc_free_port 29443)"
export ZC_DB_HOST=127.0.0.1 ZC_DB_PORT="$db_port" ZC_DB_USER=zorgcontract ZC_DB_NAME=zorgcontract \
    ZC_DB_PASSWORD="$(cat "$WORK/db-app.password")" ZC_DB_SOCKET= \
    ZC_SECURITY_BSN_KEY_FILE="$WORK/bsn.key" ZC_SECURITY_BSN_HMAC_KEY_FILE="$WORK/bsn-hmac.key" \
    ZC_SECURITY_AUDIT_KEY_FILE="$WORK/audit.key" ZC_AUDIT_CHECKPOINT_FILE="$WORK/audit-checkpoints.log" \
    ZC_TLS_CERT_FILE="$WORK/tls/server.crt" ZC_TLS_KEY_FILE="$WORK/tls/server.key" \
    ZC_TLS_CA_FILE="$WORK/tls/ca.crt" ZC_TLS_CLIENT_CRL="$WORK/tls/client.crl" \
    ZC_SERVER_PORT="$server_port" ZC_LOG_FILE="$WORK/requests.log" \
    ZC_GGK_DEFAULT_PATH=ggk ZC_GGK_URL="https://127.0.0.1:$ggk_port/ggk0310/OntvangAsynchroon" \
    ZC_GGK_OIN="$GGK_OIN" ZC_GGK_CLIENT_CERT_FILE="$WORK/tls/clients/$OUR_OIN.crt" \
    ZC_GGK_CLIENT_KEY_FILE="$WORK/tls/clients/$OUR_OIN.key" ZC_GGK_CA_FILE="$WORK/tls/ca.crt" \
    ZC_GGK_TIMEOUT_MS=60000 ZC_GGK_RETRY_INITIAL_MS=200 ZC_GGK_RETRY_MAX_MS=1000 ZC_GGK_POLL_MS=100

"$BIN" --config "$CONF" migrate >/dev/null
"$BIN" --config "$CONF" load-demo --no-activity >/dev/null
queued="$(sql "SELECT COUNT(*) FROM chain_envelopes WHERE state = 'queued'")"
[ "$queued" -ge 2 ] || fail "the demo queued $queued envelope(s) for the chain; expected several"
zc_log "the demo queued $queued envelopes for the GGk"

artifacts=()
[ -n "${ZC_ARTIFACTS:-}" ] && artifacts=(--artifacts "$ZC_ARTIFACTS/ggk")
"$DOUBLE" --port "$ggk_port" --tls-dir "$WORK/tls" --oin "$GGK_OIN" --log "$WORK/ggk.log" \
    --hang-first 1 --hang-ms 120000 "${artifacts[@]}" > "$WORK/double.out" 2>&1 &
double_pid=$!

start_server() {
    "$BIN" --config "$CONF" serve >> "$WORK/server.log" 2>&1 &
    server_pid=$!
}
wait_for() {  # wait_for SECONDS COMMAND...: until COMMAND succeeds
    local until=$(( $(date +%s) + $1 )); shift
    until "$@"; do
        [ "$(date +%s)" -lt "$until" ] || return 1
        sleep 0.1
    done
}
log_lines() { [ -s "$WORK/ggk.log" ] && [ "$(wc -l < "$WORK/ggk.log")" -ge "$1" ]; }

start_server
wait_for 30 log_lines 1 || fail "the double received nothing: $(tail -5 "$WORK/server.log")"
in_flight="$(awk 'NR == 1 {print $3}' "$WORK/ggk.log")"
kill -9 "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
zc_log "killed the service while it waited for the answer to $in_flight"
state="$(sql "SELECT state FROM chain_envelopes WHERE referentienummer = '$in_flight'")"
[ "$state" = queued ] || fail "the envelope in flight is '$state' after the kill, not queued"

start_server
all_delivered() { [ "$(sql "SELECT COUNT(*) FROM chain_envelopes WHERE state <> 'delivered'")" = 0 ]; }
wait_for 60 all_delivered || fail "not every envelope was delivered after the restart:
$(sql "SELECT referentienummer, state, attempts, last_error FROM chain_envelopes WHERE state <> 'delivered'")"

# Every envelope of the database answered Bv03 exactly once; the one in flight sent twice.
sql "SELECT referentienummer FROM chain_envelopes ORDER BY 1" > "$WORK/db.refs"
awk '$5 == "Bv03" {print $3}' "$WORK/ggk.log" | sort > "$WORK/bv03.refs"
diff "$WORK/db.refs" "$WORK/bv03.refs" > "$WORK/refs.diff" ||
    fail "the envelopes answered Bv03 differ from the database's (lost or doubled):
$(cat "$WORK/refs.diff")"
posts="$(wc -l < "$WORK/ggk.log")"
[ "$posts" -eq $(( queued + 1 )) ] ||
    fail "$posts posts for $queued envelopes: only the one in flight may be sent twice"
[ "$(grep -c " $in_flight " "$WORK/ggk.log")" -eq 2 ] ||
    fail "the envelope in flight was not sent again with its referentienummer"
! grep -q " fail$" "$WORK/ggk.log" || fail "an envelope breaks the official schema: $(grep ' fail$' "$WORK/ggk.log")"
[ "$(sql "SELECT COUNT(DISTINCT outbox_message_id) FROM chain_envelopes")" = "$queued" ] ||
    fail "an outbox message has more than one envelope"
echo "ok: $queued envelopes delivered once each after a SIGKILL mid-send; $in_flight sent twice"
