# Shared shell functions of the set-up, run and test scripts. Source it; do not run it.

# xsltproc and libxml2-utils (xmllint): the tests run the official iWmo validation stylesheet
# and schemas over the messages we emit; dpkg-dev (dpkg-shlibdeps): the Debian package's test.
ZC_PACKAGES="g++ make cmake pkg-config libpoco-dev libmysqlcppconn-dev libxerces-c-dev libssl-dev \
openssl mariadb-server mariadb-client libgtest-dev libgmock-dev curl ca-certificates \
xsltproc libxml2-utils dpkg-dev"

zc_log() { echo "[zorgcontract] $*" >&2; }

# Installs the Debian packages that are missing (needs root, as on a fresh machine and in CI).
zc_install_deps() {
    local missing=() p
    for p in $ZC_PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    zc_apt_install "${missing[@]}"
}

# zc_apt_install PACKAGE...: apt-get install (nothing when no package is named).
zc_apt_install() {
    [ $# -eq 0 ] && return 0
    zc_log "installing missing packages: $*"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    # Debian starts mariadb-server's system service on install; policy-rc.d keeps it from doing so.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
        $sudo chmod +x /usr/sbin/policy-rc.d
        $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
        $sudo rm -f /usr/sbin/policy-rc.d
    else
        $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
    fi
}

# The browser tests' tools: Debian's chromium, Node.js with npm (kept when node/npm are already on
# the PATH, e.g. from another Node.js package) and playwright-core and axe-core from tests/browser's
# lock file. playwright-core downloads no browser; the tests drive /usr/bin/chromium. npm ci runs
# again when the lock file changed since the last install (its checksum in the stamp) or when a
# package of the lock file is missing (a node_modules from before axe-core was added).
zc_install_browser_deps() {
    local missing=()
    command -v chromium >/dev/null || missing+=(chromium)
    command -v node >/dev/null || missing+=(nodejs)
    command -v npm >/dev/null || missing+=(npm)
    zc_apt_install "${missing[@]}"
    local dir="$ZC_ROOT/tests/browser" stamp sum
    stamp="$dir/node_modules/.zc-lock.sha256"
    sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
    local pkg stale=""
    for pkg in playwright-core axe-core; do
        [ -f "$dir/node_modules/$pkg/package.json" ] || stale=1
    done
    if [ -n "$stale" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
        zc_log "installing playwright-core and axe-core for the browser tests (npm ci in tests/browser)"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || return 1
        echo "$sum" > "$stamp"
    fi
}

# zc_build BUILD_DIR [cmake args...]
zc_build() {
    local dir="$1"; shift
    cmake -S "$ZC_ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
    local status=0
    cmake --build "$dir" -j"$(nproc)" > "$dir/build.log" 2>&1 || status=$?
    grep -vE '^\[ *[0-9]+%\]' "$dir/build.log" || true
    [ "$status" -eq 0 ] || { zc_log "build failed (see $dir/build.log)"; return 1; }
}

# zc_sanitizer_env: the options of an ASan + UBSan build (-DZC_SANITIZE=ON) for every process
# started from here on: reports go to stderr (the server's log), any report ends the process with
# a failure, leaks are reported at exit (tests/lsan.supp: third-party leaks we cannot fix).
zc_sanitizer_env() {
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1"
    export LSAN_OPTIONS="suppressions=$ZC_ROOT/tests/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
}

# zc_sanitizer_report LOG: prints the sanitizer reports in LOG; true when there is one.
zc_sanitizer_report() {
    [ -f "$1" ] || return 1
    grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$1" || return 1
    zc_log "sanitizer report in $1:"
    grep -E -A40 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$1" | head -120 >&2
    return 0
}

# zc_totp BASE32_SECRET: the current 6-digit TOTP code (RFC 6238: HMAC-SHA1, 30 s steps), for the
# benches and fault tests that log staff in with a second factor.
zc_totp() {
    local key counter mac offset
    key="$(printf '%s' "$1" | base32 -d 2>/dev/null | od -An -tx1 | tr -d ' \n')"
    counter="$(printf '%016x' $(($(date +%s) / 30)))"
    # shellcheck disable=SC2059
    mac="$(printf "$(printf '%s' "$counter" | sed 's/../\\x&/g')" | openssl dgst -sha1 -mac HMAC -macopt "hexkey:$key" \
        | sed 's/.*= *//')"
    offset=$((16#${mac:39:1} * 2))
    printf '%06d' $(((16#${mac:offset:8} & 0x7fffffff) % 1000000))
}

# zc_free_port START: the first port from START on that no socket of this machine uses, listening
# or not (an outgoing connection's local end holds a port too: /proc/net/tcp lists both). Start
# below the ephemeral range (32768-60999), where outgoing connections take their ports.
zc_free_port() {
    local p="$1" used
    used="$(cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk 'NR > 0 { split($2, a, ":"); print a[2] }')"
    while grep -qix "$(printf '%04X' "$p")" <<< "$used" ||
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
    echo "$p"
}

# zc_tls DIR: private CA and a server certificate for localhost (kept when present).
zc_tls() {
    local dir="$1"
    [ -s "$dir/server.crt" ] && [ -s "$dir/ca.crt" ] && return 0
    mkdir -p "$dir" && chmod 700 "$dir"
    openssl req -x509 -newkey rsa:3072 -nodes -sha256 -days 3650 -keyout "$dir/ca.key" \
        -out "$dir/ca.crt" -subj "/O=zorgcontract/CN=zorgcontract private CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        2>/dev/null
    openssl req -newkey rsa:2048 -nodes -sha256 -keyout "$dir/server.key" -out "$dir/server.csr" \
        -subj "/O=zorgcontract/CN=localhost" 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' \
        > "$dir/server.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" \
        -CAcreateserial -out "$dir/server.crt" -days 825 -sha256 -extfile "$dir/server.ext" 2>/dev/null
    chmod 600 "$dir"/*.key
}

# zc_secrets DIR: the BSN encryption and look-up keys and the audit chain's key (bsn.key,
# bsn-hmac.key, audit.key: 32 random bytes as 64 hex characters, mode 600), created only when
# missing so that stored BSNs stay readable and the audit chain verifiable.
zc_secrets() {
    local dir="$1" f
    mkdir -p "$dir"
    for f in bsn.key bsn-hmac.key audit.key; do
        if [ ! -s "$dir/$f" ]; then
            (umask 077; openssl rand -hex 32 > "$dir/$f")
        fi
        chmod 600 "$dir/$f"
    done
}

# zc_client_cert TLS_DIR AGB: a client certificate for the provider with that AGB code, issued by
# the private CA, with the AGB in the subject's serialNumber (mutual TLS for iWmo messages).
# Written to TLS_DIR/clients/AGB.crt and AGB.key (kept when present).
zc_client_cert() {
    local dir="$1/clients" agb="$2"
    [ -s "$dir/$agb.crt" ] && return 0
    mkdir -p "$dir" && chmod 700 "$dir"
    openssl req -newkey rsa:2048 -nodes -sha256 -keyout "$dir/$agb.key" -out "$dir/$agb.csr" \
        -subj "/O=zorgcontract provider/CN=AGB $agb/serialNumber=$agb" 2>/dev/null
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n' \
        > "$dir/client.ext"
    openssl x509 -req -in "$dir/$agb.csr" -CA "$1/ca.crt" -CAkey "$1/ca.key" -CAcreateserial \
        -out "$dir/$agb.crt" -days 825 -sha256 -extfile "$dir/client.ext" 2>/dev/null
    rm -f "$dir/$agb.csr"
    chmod 600 "$dir/$agb.key"
}

# zc_client_crl TLS_DIR: the private CA's certificate revocation list for client certificates,
# TLS_DIR/client.crl (tls.client_crl), created empty when missing. The server re-reads the file
# when it changes. To revoke a provider's certificate: zc_revoke_client_cert TLS_DIR AGB.
zc_client_crl() {
    local dir="$1"
    [ -s "$dir/client.crl" ] && return 0
    zc_crl_config "$dir"
    openssl ca -config "$dir/crl.cnf" -gencrl -out "$dir/client.crl" 2>/dev/null
}

# zc_revoke_client_cert TLS_DIR AGB: revokes TLS_DIR/clients/AGB.crt and publishes a new CRL.
zc_revoke_client_cert() {
    local dir="$1"
    zc_crl_config "$dir"
    openssl ca -config "$dir/crl.cnf" -revoke "$dir/clients/$2.crt" 2>/dev/null
    openssl ca -config "$dir/crl.cnf" -gencrl -out "$dir/client.crl.new" 2>/dev/null
    mv "$dir/client.crl.new" "$dir/client.crl"
}

# zc_crl_config TLS_DIR: the minimal `openssl ca` set-up for the CRL (index of revocations).
zc_crl_config() {
    local dir="$1"
    [ -f "$dir/crl-index.txt" ] || : > "$dir/crl-index.txt"
    [ -s "$dir/crl-number" ] || echo 1000 > "$dir/crl-number"
    printf '[ca]\ndefault_ca = zc\n[zc]\ndatabase = %s\ncrlnumber = %s\ncertificate = %s\nprivate_key = %s\ndefault_md = sha256\ndefault_crl_days = 30\n' \
        "$dir/crl-index.txt" "$dir/crl-number" "$dir/ca.crt" "$dir/ca.key" > "$dir/crl.cnf"
}

# zc_provider_certs TLS_DIR DATADIR: a client certificate for every provider in the private
# database (the demo providers).
zc_provider_certs() {
    local agb sock user
    sock="$(zc_db_socket "$(cd "$2" && pwd)")"; user="$(zc_db_client_user)"
    for agb in $(mariadb --no-defaults --socket="$sock" -u"$user" -N -B zorgcontract \
                 -e "SELECT agb FROM providers ORDER BY agb"); do
        zc_client_cert "$1" "$agb"
    done
}

zc_db_socket() {
    local sock="$1/mysqld.sock"
    if [ ${#sock} -gt 100 ]; then sock="/tmp/zc-$(echo "$1" | md5sum | cut -c1-12).sock"; fi
    echo "$sock"
}

zc_db_client_user() { if [ "$(id -u)" -eq 0 ]; then echo root; else id -un; fi; }

# zc_db_start DATADIR PORT PASSWORD_FILE: initialise (first time) and start a private MariaDB on
# loopback, then make sure the database and the application user exist. Nothing depends on name
# resolution: install-db's host name check is skipped (--force --skip-name-resolve; the users are
# created below for 127.0.0.1 and the socket) and mariadbd runs with --skip-name-resolve.
# InnoDB's adaptive hash index is on (MariaDB's default is off since 10.5): the screens' reads
# are point and short range lookups, and MariaDB used about a tenth less CPU per request of the
# national mix with it (docs/benchmarks.md).
zc_db_start() {
    local datadir port pwfile sock user
    datadir="$(mkdir -p "$1" && cd "$1" && pwd)"; port="$2"; pwfile="$3"
    sock="$(zc_db_socket "$datadir")"; user="$(zc_db_client_user)"
    if [ ! -d "$datadir/mysql" ]; then
        zc_log "initialising a private MariaDB in $datadir"
        mariadb-install-db --no-defaults --force --skip-name-resolve --datadir="$datadir" --user="$user" \
            --auth-root-authentication-method=socket --skip-test-db >"$datadir/../install-db.log" 2>&1 \
            || { cat "$datadir/../install-db.log" >&2; return 1; }
    fi
    if ! mariadb-admin --no-defaults --socket="$sock" -u"$user" ping >/dev/null 2>&1; then
        mariadbd --no-defaults --datadir="$datadir" --socket="$sock" --port="$port" \
            --bind-address=127.0.0.1 --pid-file="$datadir/mariadbd.pid" \
            --log-error="$datadir/mariadbd.err" --user="$user" --skip-name-resolve \
            --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
            --innodb-buffer-pool-size=256M --max-connections=300 --max-allowed-packet=1G \
            --innodb-adaptive-hash-index=ON \
            >/dev/null 2>&1 &
        for _ in $(seq 1 100); do
            mariadb-admin --no-defaults --socket="$sock" -u"$user" ping >/dev/null 2>&1 && break
            sleep 0.1
        done
        mariadb-admin --no-defaults --socket="$sock" -u"$user" ping >/dev/null 2>&1 \
            || { zc_log "MariaDB did not start:"; tail -20 "$datadir/mariadbd.err" >&2; return 1; }
    fi
    if [ ! -s "$pwfile" ]; then
        (umask 077; openssl rand -hex 24 > "$pwfile")
    fi
    local pw; pw="$(cat "$pwfile")"
    mariadb --no-defaults --socket="$sock" -u"$user" <<SQL
CREATE DATABASE IF NOT EXISTS zorgcontract CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'zorgcontract'@'127.0.0.1' IDENTIFIED BY '$pw';
CREATE USER IF NOT EXISTS 'zorgcontract'@'localhost' IDENTIFIED BY '$pw';
ALTER USER 'zorgcontract'@'127.0.0.1' IDENTIFIED BY '$pw';
ALTER USER 'zorgcontract'@'localhost' IDENTIFIED BY '$pw';
SQL
    # Until the users are split (zc_db_split_users), the application user owns its schema.
    if [ "$(mariadb --no-defaults --socket="$sock" -u"$user" -N -B -e \
            "SELECT COUNT(*) FROM mysql.user WHERE User = 'zorgcontract_owner'")" = 0 ]; then
        mariadb --no-defaults --socket="$sock" -u"$user" <<SQL
GRANT ALL PRIVILEGES ON zorgcontract.* TO 'zorgcontract'@'127.0.0.1';
GRANT ALL PRIVILEGES ON zorgcontract.* TO 'zorgcontract'@'localhost';
SQL
    fi
}

# zc_db_split_users DATADIR OWNER_PASSWORD_FILE: the migration user `zorgcontract_owner` (owns the
# schema, applies the migrations, grants WITH GRANT OPTION) and the role `zorgcontract_app`, the
# application user's only privileges: `migrate` grants the role every table but the audit trail in
# full, the audit trail only SELECT and INSERT (interfaces/mysql/app_grants.hpp). The application
# user's schema-wide grant of older set-ups is taken away. Run after zc_db_start.
zc_db_split_users() {
    local datadir sock user opw acct
    datadir="$(cd "$1" && pwd)"; sock="$(zc_db_socket "$datadir")"; user="$(zc_db_client_user)"
    if [ ! -s "$2" ]; then
        (umask 077; openssl rand -hex 24 > "$2")
    fi
    opw="$(cat "$2")"
    mariadb --no-defaults --socket="$sock" -u"$user" <<SQL
CREATE USER IF NOT EXISTS 'zorgcontract_owner'@'127.0.0.1' IDENTIFIED BY '$opw';
CREATE USER IF NOT EXISTS 'zorgcontract_owner'@'localhost' IDENTIFIED BY '$opw';
ALTER USER 'zorgcontract_owner'@'127.0.0.1' IDENTIFIED BY '$opw';
ALTER USER 'zorgcontract_owner'@'localhost' IDENTIFIED BY '$opw';
GRANT ALL PRIVILEGES ON zorgcontract.* TO 'zorgcontract_owner'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON zorgcontract.* TO 'zorgcontract_owner'@'localhost' WITH GRANT OPTION;
CREATE ROLE IF NOT EXISTS zorgcontract_app;
GRANT zorgcontract_app TO 'zorgcontract'@'127.0.0.1';
GRANT zorgcontract_app TO 'zorgcontract'@'localhost';
SET DEFAULT ROLE zorgcontract_app FOR 'zorgcontract'@'127.0.0.1';
SET DEFAULT ROLE zorgcontract_app FOR 'zorgcontract'@'localhost';
SQL
    for acct in 127.0.0.1 localhost; do
        if [ "$(mariadb --no-defaults --socket="$sock" -u"$user" -N -B -e \
                "SELECT COUNT(*) FROM mysql.db WHERE User = 'zorgcontract' AND Host = '$acct' AND Db = 'zorgcontract'")" != 0 ]; then
            mariadb --no-defaults --socket="$sock" -u"$user" \
                -e "REVOKE ALL PRIVILEGES ON zorgcontract.* FROM 'zorgcontract'@'$acct'"
        fi
    done
}

# zc_db_stop DATADIR: clean shutdown.
zc_db_stop() {
    local datadir sock user
    [ -d "$1" ] || return 0
    datadir="$(cd "$1" && pwd)"; sock="$(zc_db_socket "$datadir")"; user="$(zc_db_client_user)"
    mariadb-admin --no-defaults --socket="$sock" -u"$user" shutdown >/dev/null 2>&1 || true
}
