#!/usr/bin/env bash
# One name, one type: a struct or class defined in two headers of one context would share its
# namespace (zc::contracting, zc::billing, zc::invoicing), and the linker would silently keep one
# of them (an ODR violation that crashes at run time instead of failing to build). Prints each
# name defined twice in a context with its places; exits 1 if any. Called by check-bans.sh.
set -u
# ZC_TYPES_ROOT checks another tree (the test that proves the check finds a clash).
ROOT="${ZC_TYPES_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$ROOT" || exit 2
status=0
for context in contracting billing invoicing; do
    [ -d "$context" ] || continue
    # Definitions only (a brace or a base list follows the name), not forward declarations; the
    # kernel has namespaces of its own.
    clashes="$(grep -rnE '^(struct|class) [A-Za-z_][A-Za-z0-9_]*( final)? *(\{|:[^:])' "$context" \
        --include='*.hpp' | grep -v '^contracting/kernel/' |
        sed -E 's/^([^:]+):([0-9]+):(struct|class) ([A-Za-z0-9_]+).*/\4 \1:\2/' | sort |
        awk '{ places[$1] = places[$1] " " $2; n[$1]++ } END { for (t in n) if (n[t] > 1) print t ":" places[t] }')"
    if [ -n "$clashes" ]; then
        echo "$clashes" | sed "s/^/$context: type defined twice: /"
        status=1
    fi
done
[ $status -eq 0 ] && echo "type names: each defined once per context"
exit $status
