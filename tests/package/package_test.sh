#!/usr/bin/env bash
# The Debian package (issue 15, Operations), ctest label `package`: builds it with CPack from the
# test build, checks its metadata and contents with dpkg-deb, extracts it (never installs it)
# and runs the extracted binary with the packaged configuration, its paths moved into the
# extraction folder and the database of the throwaway MariaDB: `--version`, `migrate` (the
# packaged migrations apply) and `validate` (the packaged XSDs load). `systemd-analyze verify`
# checks the units when the tool exists.
#   package_test.sh BUILD_DIR TESTENV_DIR PROJECT_VERSION
set -euo pipefail
build="$1"; testenv="$2"; version="$3"
src="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
db_name="zc_package_$$"
fail() { echo "FAIL: $*" >&2; exit 1; }
set -a; . "$testenv/db.env"; set +a
root_sql() { mariadb --no-defaults --socket="$ZC_DB_ROOT_SOCKET" -uroot -N -B -e "$1"; }
cleanup() {
    root_sql "DROP DATABASE IF EXISTS $db_name" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# 1. Build the package from the test build (cpack installs into its own staging folder).
cpack -G DEB -B "$work/out" --config "$build/CPackConfig.cmake" > "$work/cpack.log" 2>&1 \
    || { cat "$work/cpack.log"; fail "cpack failed"; }
deb="$(ls "$work"/out/zorgcontract_"$version"_*.deb)" || fail "no zorgcontract_${version}_*.deb"
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# 2. Metadata: name, version, dependencies derived from the binary's libraries.
dpkg-deb -I "$deb" > "$work/info"
[ "$(dpkg-deb -f "$deb" Package)" = zorgcontract ] || fail "package name"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "version $(dpkg-deb -f "$deb" Version)"
depends="$(dpkg-deb -f "$deb" Depends)"
for lib in libpoconet libpoconetssl libpocofoundation libpocoutil libpocojson libmysqlcppconn7 \
           libxerces-c3.2 libssl3 adduser; do
    grep -q "$lib" <<< "$depends" || fail "Depends lacks $lib: $depends"
done
for script in postinst prerm postrm conffiles; do
    grep -q " $script" "$work/info" || fail "control lacks $script"
done
mkdir -p "$work/control"
dpkg-deb -e "$deb" "$work/control"
grep -qx /etc/zorgcontract/zorgcontract.properties "$work/control/conffiles" || fail "conffiles"
grep -q "adduser --system" "$work/control/postinst" || fail "postinst creates no system user"

# 3. Contents.
dpkg-deb -c "$deb" | awk '{print $NF}' > "$work/contents"
for path in ./usr/bin/zorgcontract ./etc/zorgcontract/zorgcontract.properties \
        ./usr/share/zorgcontract/web/index.html \
        ./usr/share/zorgcontract/schemas/iwmo-3.2/wmo323.xsd \
        ./usr/share/zorgcontract/schemas/iso20022/pain.001.001.03.xsd \
        ./usr/share/zorgcontract/scripts/backup.sh ./usr/share/zorgcontract/scripts/restore.sh \
        ./lib/systemd/system/zorgcontract.service \
        ./lib/systemd/system/zorgcontract-answer-overdue.timer \
        ./lib/systemd/system/zorgcontract-post-advances.timer \
        ./usr/share/doc/zorgcontract/operations.md; do
    grep -qx "$path" "$work/contents" || fail "package lacks $path"
done
for m in "$src"/config/migrations/*.sql; do
    grep -qx "./usr/share/zorgcontract/migrations/$(basename "$m")" "$work/contents" \
        || fail "package lacks migration $(basename "$m")"
done
if grep -E '\.(cpp|hpp|o|a)$|/tests/|\.key$|\.password$' "$work/contents"; then
    fail "package holds sources, tests or secrets"
fi

# 4. The packaged configuration: absolute paths, no secrets.
conf="$work/root/etc/zorgcontract/zorgcontract.properties"
dpkg-deb -x "$deb" "$work/root"
if grep -E '^[a-z_.]*(_file|_dir|\.root|dir)[[:space:]]*=[[:space:]]*[^/[:space:]]' "$conf"; then
    fail "a relative path in the packaged configuration"
fi
if grep -E '^[a-z_.]*password[[:space:]]*=[[:space:]]*[^[:space:]]' "$conf"; then
    fail "a password in the packaged configuration"
fi
unit="$work/root/lib/systemd/system/zorgcontract.service"
for line in "User=zorgcontract" "NoNewPrivileges=yes" "ProtectSystem=strict" "ProtectHome=yes" \
        "PrivateTmp=yes" "PrivateDevices=yes" "ProtectKernelTunables=yes" \
        "ProtectKernelModules=yes" "CapabilityBoundingSet=" "Restart=on-failure" \
        "ReadWritePaths=/var/lib/zorgcontract /var/log/zorgcontract"; do
    grep -qx "$line" "$unit" || fail "unit lacks $line"
done
grep -q "^RestrictAddressFamilies=" "$unit" || fail "unit lacks RestrictAddressFamilies"
port="$(sed -n 's/^server.port *= *//p' "$conf")"
[ "$port" -gt 1024 ] || fail "port $port needs a capability the unit does not grant"

# 5. The extracted binary with the packaged configuration, moved into the extraction folder.
moved="$work/root/etc/zorgcontract/moved.properties"
sed -e "s#= /usr/share/zorgcontract#= $work/root/usr/share/zorgcontract#" \
    -e "s#= /etc/zorgcontract#= $work/root/etc/zorgcontract#" \
    -e "s#= /var/lib/zorgcontract#= $work/var#" "$conf" > "$moved"
mkdir -p "$work/root/etc/zorgcontract/keys" "$work/var"
for key in bsn.key bsn-hmac.key audit.key; do
    od -An -tx1 -N32 /dev/urandom | tr -d ' \n' > "$work/root/etc/zorgcontract/keys/$key"
done
bin="$work/root/usr/bin/zorgcontract"
got="$(env -i PATH=/usr/bin:/bin "$bin" --version)"
[ "$got" = "zorgcontract $version" ] || fail "--version said: $got"
root_sql "CREATE DATABASE $db_name CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
root_sql "GRANT ALL PRIVILEGES ON $db_name.* TO '$ZC_DB_USER'@'127.0.0.1'"
(cd "$work" && env -i PATH=/usr/bin:/bin ZC_DB_HOST="$ZC_DB_HOST" ZC_DB_PORT="$ZC_DB_PORT" \
    ZC_DB_NAME="$db_name" ZC_DB_USER="$ZC_DB_USER" ZC_DB_PASSWORD="$ZC_DB_PASSWORD" \
    "$bin" --config "$moved" migrate) > "$work/migrate.log" 2>&1 \
    || { cat "$work/migrate.log"; fail "migrate with the packaged configuration"; }
last="$(ls "$src"/config/migrations/*.sql | sed 's#.*/0*\([0-9]*\)_.*#\1#' | sort -n | tail -1)"
grep -qx "schema version $last" "$work/migrate.log" \
    || { cat "$work/migrate.log"; fail "schema version $last expected"; }
message="$src/tests/data/iwmo/wmo315.xml"
(cd "$work" && env -i PATH=/usr/bin:/bin "$bin" --config "$moved" validate "$message") \
    > "$work/validate.log" 2>&1 || { cat "$work/validate.log"; fail "validate with the packaged XSDs"; }
echo "extracted binary: $got; migrate applied $(grep -c '^applied' "$work/migrate.log") migrations"

# 6. The units, when systemd-analyze is there (ExecStart pointed at the extracted binary).
if command -v systemd-analyze >/dev/null; then
    mkdir -p "$work/units"
    for u in "$work"/root/lib/systemd/system/*; do
        sed "s#/usr/bin/zorgcontract#$bin#" "$u" > "$work/units/$(basename "$u")"
    done
    if ! systemd-analyze verify "$work"/units/* > "$work/verify.log" 2>&1; then
        cat "$work/verify.log"; fail "systemd-analyze verify"
    fi
    echo "systemd-analyze verify: $(ls "$work/units" | wc -l) units clean"
else
    echo "systemd-analyze not found: units not verified"
fi
echo "package ok"
