#!/usr/bin/env bash
# Writes docs/errors.md and interfaces/web/js/error_texts.js from the outcome registry
# (contracting/kernel/outcome_table.inc). Run after changing the registry; the unit tier fails
# while the committed files differ from what the registry generates.
# usage: scripts/generate-outcome-texts.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
cmake --build "$build" -j2 --target zorgcontract >/dev/null
"$build/interfaces/zorgcontract" outcome-codes markdown >docs/errors.md
"$build/interfaces/zorgcontract" outcome-codes js >interfaces/web/js/error_texts.js
echo "wrote docs/errors.md and interfaces/web/js/error_texts.js"
