#!/usr/bin/env bash
# Command 2: install what is missing, build with tests, and run the whole suite: unit tests,
# tests against a throwaway MariaDB and end-to-end tests against the real HTTPS server (both
# started by ctest fixtures under build/testenv). Ends with ctest's summary line.
set -euo pipefail
ZC_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export ZC_ROOT
# shellcheck source=lib.sh
. "$ZC_ROOT/scripts/lib.sh"
cd "$ZC_ROOT"

zc_install_deps
zc_install_browser_deps
build="$ZC_ROOT/build"
if [ "${ZC_SANITIZE:-0}" = 1 ]; then
    # ZC_SANITIZE=1: the same suite against an ASan + UBSan build (build-asan/) of the server,
    # the tools and the tests; any sanitizer report fails the test that caused it (CI runs this).
    build="$ZC_ROOT/build-asan"
    zc_sanitizer_env
    zc_log "building with tests and ASan + UBSan (build-asan/)"
    zc_build "$build" -DZC_BUILD_TESTS=ON -DZC_SANITIZE=ON
else
    zc_log "building with tests (build/)"
    zc_build "$build" -DZC_BUILD_TESTS=ON
fi
cd "$build"
ctest --output-on-failure --timeout 600 "$@"
