#!/usr/bin/env bash
# Issue 14 #12: builds the libFuzzer targets of fuzz/ with clang (ASan + UBSan) into build-fuzz/,
# seeds their corpora from tests/data and ../shared/reference, and runs each for SECONDS (default
# 60). Fails (non-zero) on any crash, leak, timeout, out-of-memory or sanitizer report; the input
# is left in build-fuzz/artifacts/ and the log in build-fuzz/logs/. Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
ZC_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export ZC_ROOT
# shellcheck source=lib.sh
. "$ZC_ROOT/scripts/lib.sh"
cd "$ZC_ROOT"

SECONDS_EACH="${1:-60}"
BUILD="$ZC_ROOT/build-fuzz"
REFERENCE="$ZC_ROOT/../shared/reference"

zc_install_deps
missing=()
for p in clang libclang-rt-14-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
zc_apt_install "${missing[@]}"

start=$(date +%s)
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
zc_log "building the fuzz targets with clang (build-fuzz/)"
CC=clang CXX=clang++ cmake -S . -B "$BUILD" -DZC_BUILD_FUZZERS=ON -DZC_BUILD_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
cmake --build "$BUILD" --target zc_fuzzers -j"$(nproc)" >"$BUILD/fuzz-build.log" 2>&1 || {
    tail -40 "$BUILD/fuzz-build.log"
    exit 1
}
zc_log "built in $(($(date +%s) - start)) s"

# Seeds, fresh each run (the corpora in build-fuzz/corpus/ grow across runs).
seeds="$BUILD/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{xml,json,csv} "$BUILD"/corpus/{xml,json,csv} "$BUILD/artifacts" "$BUILD/logs"
n=0
while IFS= read -r -d '' f; do
    n=$((n + 1))
    cp "$f" "$seeds/xml/$n-$(basename "$f")"
done < <(find tests/data "$REFERENCE" -name '*.xml' -size -64k -print0 2>/dev/null)
n=0
while IFS= read -r -d '' f; do
    n=$((n + 1))
    cp "$f" "$seeds/json/$n-$(basename "$f")"
done < <(find "$REFERENCE" -name '*.json' -size -64k -print0 2>/dev/null)
printf '%s' '{"name":"Zorg B.V.","agb_code":"12345678","start_date":"2026-01-01","tariff_cents":4250,"lines":[{"bsn":"999990019","volume":3}],"active":true,"ids":[1,2,3],"tags":["a","b"]}' \
    >"$seeds/json/api-body.json"
printf '%s' '{"session":"cookie","username":"clerk","password":"secret"}' >"$seeds/json/login.json"
printf 'reference,allocation_number,bsn,period_start,period_end,volume\r\nR1,1001,999990019,2026-01-01,2026-02-01,12\r\n\r\n"R2",1002,999990020,2026-01-05,2026-01-06,0\n' \
    >"$seeds/csv/declaration.csv"
find tests/data -name '*.csv' -exec cp {} "$seeds/csv/" \; 2>/dev/null || true

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
status=0
# run TARGET CORPUS MAX_LEN
run() {
    local target=$1 corpus=$2 max_len=$3 log="$BUILD/logs/$1.log"
    zc_log "fuzzing $target for $SECONDS_EACH s"
    if "$BUILD/fuzz/$target" -max_total_time="$SECONDS_EACH" -max_len="$max_len" -timeout=30 \
        -rss_limit_mb=2048 -print_final_stats=1 -dict="fuzz/$corpus.dict" \
        -artifact_prefix="$BUILD/artifacts/$target-" \
        "$BUILD/corpus/$corpus" "$seeds/$corpus" >"$log" 2>&1; then
        grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec' "$log" |
            tr '\n' ' ' | sed "s/^/[zorgcontract] $target: /"
        echo
    else
        zc_log "$target FAILED (log: $log; input: $BUILD/artifacts/$target-*)"
        grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -20 >&2
        status=1
    fi
}
run fuzz_xml_intake xml 65536
run fuzz_json_body json 16384
run fuzz_csv_declaration csv 16384
zc_log "fuzzing done in $(($(date +%s) - start)) s"
exit $status
