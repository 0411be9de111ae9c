#!/usr/bin/env bash
# Backs the database up into a new folder: a consistent dump (mariadb-dump --single-transaction:
# one snapshot, without locking the service out; routines, triggers and events included) and a
# copy of the audit chain's checkpoint file (audit.checkpoint_file), with a MANIFEST of
# SHA-256 sums. The key files (security.*) are NOT in it: back them up separately
# (docs/operations.md, "Back up and restore").
#   scripts/backup.sh [--config FILE] FOLDER
# The folder must not exist yet; it is created with mode 700 (the dump holds personal data).
set -euo pipefail
# shellcheck source=db-access.sh
. "$(dirname "${BASH_SOURCE[0]}")/db-access.sh"

zc_config_and_folder "backup.sh [--config FILE] FOLDER" "$@"
out="$ZC_FOLDER"
[ -e "$out" ] && zc_die "$out exists already; name a new folder"
command -v mariadb-dump >/dev/null || zc_die "mariadb-dump not found (Debian package mariadb-client)"

umask 077
mkdir -p "$out"
options="$(mktemp)"
complete=0
# A backup that failed half-way is removed, never left to be mistaken for a good one.
trap 'rm -f "$options"; [ "$complete" = 1 ] || rm -rf "$out"' EXIT
zc_client_options "$options"
db="$ZC_DB_NAME_RESOLVED"

# The checkpoints first: each names a row the dump (taken after it) holds.
checkpoints="$(zc_conf_path audit.checkpoint_file)"
if [ -n "$checkpoints" ] && [ -f "$checkpoints" ]; then
    cp "$checkpoints" "$out/audit-checkpoints.log"
fi
mariadb-dump --defaults-file="$options" --single-transaction --routines --triggers --events \
    --hex-blob --no-tablespaces --default-character-set=utf8mb4 "$db" \
    | gzip -6 > "$out/database.sql.gz"
version="$(mariadb --defaults-file="$options" -N -B "$db" \
    -e "SELECT COALESCE(MAX(version), 0) FROM schema_migrations")"
(
    cd "$out"
    {
        echo "# zorgcontract backup"
        echo "database: $db"
        echo "schema_version: $version"
        echo "taken_at: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "user: $ZC_DB_USER_RESOLVED"
        sha256sum database.sql.gz
        if [ -f audit-checkpoints.log ]; then sha256sum audit-checkpoints.log; fi
    } > MANIFEST
)
complete=1
echo "backup of database $db (schema version $version) in $out"
echo "the key files are not in it: back up $(zc_conf_path security.bsn_key_file var/bsn.key)," \
     "$(zc_conf_path security.bsn_hmac_key_file var/bsn-hmac.key) and" \
     "$(zc_conf_path security.audit_key_file var/audit.key) separately"
