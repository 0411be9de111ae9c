# shellcheck shell=bash
# Shared by backup.sh and restore.sh (source it; do not run it): the database settings of the
# service's configuration file, read as the service reads them (a ZC_<KEY> environment variable
# overrides a key, dots as underscores; relative paths are relative to the folder above the
# file's folder), and a private option file for the MariaDB client tools, so that the password
# never appears on a command line.

zc_die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# zc_config_and_folder USAGE [--config FILE] FOLDER: sets ZC_CONFIG_FILE (zc_find_config) and
# ZC_FOLDER, or stops with the usage.
zc_config_and_folder() {
    local usage="$1" config=""
    shift
    if [ "${1:-}" = "--config" ]; then config="${2:-}"; shift 2 || zc_die "--config needs a file"; fi
    [ $# -eq 1 ] || zc_die "usage: $usage"
    ZC_FOLDER="$1"
    ZC_CONFIG_FILE="$(zc_find_config "$config")"
    [ -f "$ZC_CONFIG_FILE" ] || zc_die "configuration file not found: $ZC_CONFIG_FILE"
}

# zc_find_config [FILE]: FILE, else $ZC_CONFIG, else the checkout's config/zorgcontract.properties,
# else the Debian package's /etc/zorgcontract/zorgcontract.properties.
zc_find_config() {
    local here
    here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    if [ -n "${1:-}" ]; then echo "$1"
    elif [ -n "${ZC_CONFIG:-}" ]; then echo "$ZC_CONFIG"
    elif [ -f "$here/config/zorgcontract.properties" ]; then echo "$here/config/zorgcontract.properties"
    else echo /etc/zorgcontract/zorgcontract.properties
    fi
}

# zc_conf KEY [DEFAULT]: the key's value ($ZC_CONFIG_FILE must be set).
zc_conf() {
    local key="$1" env value
    env="ZC_$(echo "$key" | tr '.a-z' '_A-Z')"
    if [ -n "${!env+x}" ]; then echo "${!env}"; return; fi
    value="$(sed -n "s/^[[:space:]]*${key//./\\.}[[:space:]]*[=:][[:space:]]*//p" \
        "$ZC_CONFIG_FILE" | tail -n1 | sed 's/[[:space:]]*$//')"
    echo "${value:-${2:-}}"
}

# zc_conf_path KEY [DEFAULT]: a path key, made absolute as the service does.
zc_conf_path() {
    local p root
    p="$(zc_conf "$@")"
    root="$(cd "$(dirname "$ZC_CONFIG_FILE")/.." && pwd)"
    case "$p" in ""|/*) echo "$p" ;; *) echo "$root/$p" ;; esac
}

# zc_client_options OPTION_FILE: writes a [client] option file (mode 600) with the connection
# of the user that owns the schema: db.migration_user when configured (it may read and create
# everything), else db.user. Sets ZC_DB_NAME_RESOLVED and ZC_DB_USER_RESOLVED for the caller.
zc_client_options() {
    local file="$1" user password password_file host port socket
    user="$(zc_conf db.migration_user)"
    if [ -n "$user" ]; then
        password="$(zc_conf db.migration_password)"
        password_file="$(zc_conf_path db.migration_password_file)"
    else
        user="$(zc_conf db.user zorgcontract)"
        password="$(zc_conf db.password)"
        password_file="$(zc_conf_path db.password_file)"
    fi
    if [ -z "$password" ] && [ -n "$password_file" ]; then
        [ -r "$password_file" ] || zc_die "cannot read the database password file $password_file"
        password="$(head -n1 "$password_file")"
    fi
    host="$(zc_conf db.host 127.0.0.1)"; port="$(zc_conf db.port 3306)"
    socket="$(zc_conf_path db.socket)"
    # shellcheck disable=SC2034  # used by backup.sh and restore.sh
    ZC_DB_NAME_RESOLVED="$(zc_conf db.name zorgcontract)"
    # shellcheck disable=SC2034
    ZC_DB_USER_RESOLVED="$user"
    password="${password//\\/\\\\}"; password="${password//\"/\\\"}"
    (umask 077
     {
        echo "[client]"
        echo "user=$user"
        echo "password=\"$password\""
        if [ -n "$socket" ]; then echo "socket=$socket"; else echo "host=$host"; echo "port=$port"; fi
        echo "default-character-set=utf8mb4"
     } > "$file")
}
