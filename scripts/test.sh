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
zc_log "building with tests (build/)"
zc_build "$ZC_ROOT/build" -DZC_BUILD_TESTS=ON
cd "$ZC_ROOT/build"
ctest --output-on-failure --timeout 600 "$@"
