#!/usr/bin/env bash
# Command 1: install what is missing, build, start the private MariaDB under var/db, migrate,
# load the demo data and run the service until Ctrl-C (which also stops the database).
set -euo pipefail
ZC_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export ZC_ROOT
# shellcheck source=lib.sh
. "$ZC_ROOT/scripts/lib.sh"
cd "$ZC_ROOT"

zc_install_deps
zc_log "building (build/)"
zc_build "$ZC_ROOT/build" -DZC_BUILD_TESTS=OFF
zc_tls "$ZC_ROOT/var/tls"
zc_secrets "$ZC_ROOT/var"
DB_PORT="${ZC_DB_PORT:-3307}"
zc_db_start "$ZC_ROOT/var/db" "$DB_PORT" "$ZC_ROOT/var/db-app.password"
# A migration user owns the schema; the service's user gets only what migrate grants its role
# (the audit trail: read and append only). docs/security.md, "Database users".
zc_db_split_users "$ZC_ROOT/var/db" "$ZC_ROOT/var/db-owner.password"
export ZC_DB_PORT="$DB_PORT" ZC_DB_MIGRATION_USER=zorgcontract_owner \
    ZC_DB_MIGRATION_PASSWORD_FILE="$ZC_ROOT/var/db-owner.password" ZC_DB_APP_ROLE=zorgcontract_app

SERVER_PID=""
cleanup() {
    set +e
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
    fi
    zc_db_stop "$ZC_ROOT/var/db"
    zc_log "database stopped"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

BIN="$ZC_ROOT/build/interfaces/zorgcontract"
"$BIN" migrate
"$BIN" load-demo
zc_provider_certs "$ZC_ROOT/var/tls" "$ZC_ROOT/var/db"
zc_client_crl "$ZC_ROOT/var/tls"
zc_log "provider client certificates (mutual TLS): var/tls/clients/<AGB>.crt and .key"
"$BIN" serve &
SERVER_PID=$!
wait "$SERVER_PID"
