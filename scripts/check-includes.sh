#!/usr/bin/env bash
# The dependency rule (docs/architecture.md), checked on every quoted #include of the sources:
#   contracting/kernel   -> the kernel only (and the standard library)
#   */domain             -> the kernel and its own context's domain only
#   */store              -> not its context's app/ (the store is below the use cases)
#   billing/*            -> never invoicing/ (billing announces through ports it owns)
#   contracting/*        -> never billing/ or invoicing/ (contracting is upstream of both)
#   any context          -> never another context's store/ (contexts talk through use cases and
#                           ports); never interfaces/ except interfaces/mysql (stores,
#                           transactions) and interfaces/security (the audit row of each use
#                           case, BSN encryption)
#   interfaces/http      -> never a store/ and never interfaces/mysql
#   interfaces/iwmo/exchange -> never a store/ and never interfaces/mysql (use cases own the
#                           transaction)
#   interfaces/iwmo      -> (the codecs) the kernel, interfaces/xml and iwmo only
# Prints each violation as FILE:LINE: INCLUDE (rule); exits 1 if any. Called by check-bans.sh.
set -u
# ZC_INCLUDE_ROOT checks another tree (the test that proves the check fails on a crossing).
ROOT="${ZC_INCLUDE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$ROOT" || exit 2

# Crossings that remain (docs/architecture.md, "The dependency rule"): the HTTP
# server takes a pooled connection per request and reports the schema version on /health, and
# the error mapping recognises the database's errors. Nothing may be added to this list.
ALLOWED=(
    "interfaces/http/api_server.hpp interfaces/mysql/connection_pool.hpp"
    "interfaces/http/ggk_endpoint.hpp interfaces/mysql/connection_pool.hpp"
    "interfaces/http/api_server.cpp interfaces/mysql/migrations.hpp"
    "interfaces/http/error_mapping.cpp interfaces/mysql/connection.hpp"
)

# The repository path an include of FILE names, in $target: top-level paths as written, others
# relative to FILE's folder (../kernel/money.hpp). Pure bash: this runs for every include.
resolve() {
    local file="$1" inc="$2"
    case "$inc" in
        contracting/* | billing/* | invoicing/* | interfaces/* | tests/*) target="$inc"; return ;;
    esac
    local dir="${file%/*}"
    while [[ "$inc" == ../* ]]; do
        inc="${inc#../}"
        [[ "$dir" == */* ]] && dir="${dir%/*}" || dir=""
    done
    target="${dir:+$dir/}${inc#./}"
}

# The rule FILE breaks by including TARGET, in $rule ("" when none).
broken_rule() {
    local file="$1" target="$2"
    local context="${file%%/*}"
    rule=""
    case "$file" in
        contracting/kernel/*)
            [[ "$target" == contracting/kernel/* ]] || rule="the kernel includes only the kernel"
            return ;;
        */domain/*)
            [[ "$target" == contracting/kernel/* || "$target" == "$context"/domain/* ]] ||
                rule="a domain includes only the kernel and its own domain"
            return ;;
        interfaces/http/*)
            [[ "$target" == */store/* || "$target" == interfaces/mysql/* ]] &&
                rule="http reaches the database only through use cases"
            return ;;
        interfaces/iwmo/exchange/* | interfaces/iwmo/chain/*)
            [[ "$target" == */store/* || "$target" == interfaces/mysql/* ]] &&
                rule="the message exchange reaches the database only through use cases"
            return ;;
        interfaces/iwmo/*)
            [[ "$target" == contracting/kernel/* || "$target" == interfaces/iwmo/* ||
                "$target" == interfaces/xml/* ]] ||
                rule="the iWmo codecs know only the kernel and the XML layer"
            return ;;
        interfaces/*) return ;;
    esac
    [[ "$file" == */store/* && "$target" == "$context"/app/* ]] &&
        { rule="a store does not include its use cases"; return; }
    [[ "$context" == billing && "$target" == invoicing/* ]] &&
        { rule="billing never includes invoicing (use a port billing owns)"; return; }
    [[ "$context" == contracting && ( "$target" == billing/* || "$target" == invoicing/* ) ]] &&
        { rule="contracting is upstream of billing and invoicing"; return; }
    [[ "$target" == */store/* && "$target" != "$context"/store/* ]] &&
        { rule="a context never reads another context's store"; return; }
    [[ "$target" == interfaces/* && "$target" != interfaces/mysql/* &&
        "$target" != interfaces/security/* ]] &&
        rule="a context includes no adapter but interfaces/mysql and interfaces/security"
}

allowed() {
    local pair
    for pair in "${ALLOWED[@]}"; do [[ "$pair" == "$1 $2" ]] && return 0; done
    return 1
}

status=0
while IFS=: read -r file line inc; do
    resolve "$file" "$inc"
    broken_rule "$file" "$target"
    if [[ -n "$rule" ]] && ! allowed "$file" "$target"; then
        echo "$file:$line: $inc ($rule)"
        status=1
    fi
done < <(grep -rnE --include='*.cpp' --include='*.hpp' --include='*.inc' '^#include "[^"]+"' \
    contracting billing invoicing interfaces | sed -E 's/^([^:]+):([0-9]+):#include "([^"]+)".*/\1:\2:\3/')
[ $status -eq 0 ] && echo "include check: the dependency rule holds"
exit $status
