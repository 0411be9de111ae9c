#!/usr/bin/env bash
# Project bans (style guide 15 and 25): the domain libraries include no Poco, Connector/C++,
# Xerces or OpenSSL; no floating point in domain code. Prints each violation; exits 1 if any.
set -u
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
status=0
domain_dirs=("$ROOT/contracting" "$ROOT/billing" "$ROOT/invoicing")
if grep -rnE '#include *[<"](Poco/|cppconn/|mysql_driver|xercesc/|openssl/)' "${domain_dirs[@]}" \
    --include='*.cpp' --include='*.hpp'; then
    echo "domain code must not include HTTP, SQL, XML or crypto libraries"; status=1
fi
if grep -rnwE '(double|float)' "${domain_dirs[@]}" --include='*.cpp' --include='*.hpp'; then
    echo "no floating point in domain code (money is integer cents)"; status=1
fi
# The dependency rule between contexts and layers (docs/architecture.md).
bash "$ROOT/scripts/check-includes.sh" || status=1
# One definition per type name and context (an ODR clash links silently).
bash "$ROOT/scripts/check-type-names.sh" || status=1
# File and function sizes (docs/architecture.md).
bash "$ROOT/scripts/check-sizes.sh" || status=1
[ $status -eq 0 ] && echo "project bans: none violated"
exit $status
