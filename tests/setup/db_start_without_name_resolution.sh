#!/usr/bin/env bash
# Issue 14 #10: the private MariaDB starts where neither the host name nor "localhost" resolves.
# Runs zc_db_start in its own UTS and mount namespace with an empty /etc/hosts and a host name
# nobody knows, then checks that the application user can log in over TCP on 127.0.0.1.
# Needs root (namespaces); exits 77 (skipped) otherwise.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null; then
    echo "skipped: needs root and unshare"; exit 77
fi
if ! unshare --uts --mount true 2>/dev/null; then
    echo "skipped: this machine does not allow new UTS and mount namespaces"; exit 77
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/zc-noresolve.XXXXXX")"
trap 'bash -c ". \"$here/scripts/lib.sh\"; zc_db_stop \"$work/db\"" || true; rm -rf "$work"' EXIT
: > "$work/hosts"
port="$(bash -c ". '$here/scripts/lib.sh'; zc_free_port $((24000 + RANDOM % 2000))")"
unshare --uts --mount bash -euo pipefail -c '
    mount --bind "$1/hosts" /etc/hosts
    hostname "zc-unknown-host-$$"
    if getent hosts localhost >/dev/null; then echo "localhost still resolves" >&2; exit 1; fi
    . "$2/scripts/lib.sh"
    zc_db_start "$1/db" "$3" "$1/db.password"
    mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$3" -uzorgcontract -p"$(cat "$1/db.password")" \
        -N -B zorgcontract -e "SELECT CONCAT(\"connected as \", CURRENT_USER())"
' _ "$work" "$here" "$port"
