#!/usr/bin/env bash
# Restores a backup of scripts/backup.sh into the configured database, which must exist and be
# empty (create it first: CREATE DATABASE zorgcontract CHARACTER SET utf8mb4 COLLATE
# utf8mb4_unicode_ci). Checks the MANIFEST's sums, loads the dump and puts the audit checkpoints
# back at audit.checkpoint_file (an existing file is kept aside as FILE.before-restore-TIME).
#   scripts/restore.sh [--config FILE] FOLDER
# Then run, with the same configuration and the key files of the backed-up installation:
#   zorgcontract migrate; zorgcontract verify-audit; zorgcontract check-ledger
set -euo pipefail
# shellcheck source=db-access.sh
. "$(dirname "${BASH_SOURCE[0]}")/db-access.sh"

zc_config_and_folder "restore.sh [--config FILE] FOLDER" "$@"
in="$ZC_FOLDER"
if [ ! -f "$in/MANIFEST" ] || [ ! -f "$in/database.sql.gz" ]; then
    zc_die "$in is not a backup (no MANIFEST or database.sql.gz)"
fi
(cd "$in" && grep -E '^[0-9a-f]{64}  ' MANIFEST | sha256sum --check --quiet --strict) \
    || zc_die "$in: a file does not match its sum in MANIFEST"

umask 077
options="$(mktemp)"
trap 'rm -f "$options"' EXIT
zc_client_options "$options"
db="$ZC_DB_NAME_RESOLVED"
tables="$(mariadb --defaults-file="$options" -N -B -e \
    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '${db//\'/}'")"
[ "$tables" = 0 ] || zc_die "database $db holds $tables tables: restore only into an empty database"

gzip -dc "$in/database.sql.gz" | mariadb --defaults-file="$options" "$db"
checkpoints="$(zc_conf_path audit.checkpoint_file)"
# The checkpoints of the database that was there belong to it: kept aside, replaced by the backup's.
if [ -n "$checkpoints" ] && [ -s "$checkpoints" ]; then
    mv "$checkpoints" "$checkpoints.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
fi
if [ -f "$in/audit-checkpoints.log" ] && [ -n "$checkpoints" ]; then
    mkdir -p "$(dirname "$checkpoints")"
    cp "$in/audit-checkpoints.log" "$checkpoints"
    # The service appends to it: it gets the owner of its folder (zorgcontract in the package).
    chown --reference="$(dirname "$checkpoints")" "$checkpoints" 2>/dev/null || true
fi
echo "restored $(sed -n 's/^taken_at: //p' "$in/MANIFEST") backup into database $db"
echo "next: zorgcontract migrate, then zorgcontract verify-audit and zorgcontract check-ledger"
