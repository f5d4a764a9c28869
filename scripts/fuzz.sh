#!/usr/bin/env bash
# Fuzzes the readers with libFuzzer (clang, the `fuzz` preset; docs/fuzzing.md).
#   scripts/fuzz.sh [SECONDS_PER_READER] [READER...]   (default: 600 s each, every reader)
# Readers: hxl_csv config scenario registry raster osm_xml. New inputs that grow coverage go to
# build/fuzz/found/<reader>/ (the checked-in corpus under fuzz/corpus/ stays small and reviewed);
# a crash is written to build/fuzz/crash-<reader>-* and stops that reader's run. To keep a crash
# for good, fix it and copy the input into fuzz/corpus/<reader>/ as crash-<what>.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
readers=("$@")
if [[ ${#readers[@]} -eq 0 ]]; then
    readers=(hxl_csv config scenario registry raster osm_xml)
fi
cmake --preset fuzz >/dev/null
targets=()
for reader in "${readers[@]}"; do targets+=(--target "fuzz_$reader"); done
cmake --build --preset fuzz -j "${JOBS:-1}" "${targets[@]}"
status=0
for reader in "${readers[@]}"; do
    found=build/fuzz/found/$reader
    mkdir -p "$found"
    # osm_xml starts libosmium's reader threads per input: small inputs keep it fast.
    max_len=$([[ $reader == osm_xml ]] && echo 8192 || echo 65536)
    echo "== fuzz_$reader for ${seconds}s"
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "build/fuzz/fuzz/fuzz_$reader" "$found" "fuzz/corpus/$reader" \
        -max_total_time="$seconds" -max_len="$max_len" -timeout=30 -rss_limit_mb=4096 \
        -artifact_prefix="build/fuzz/crash-$reader-" -print_final_stats=1 || status=1
done
exit $status
