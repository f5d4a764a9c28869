#!/usr/bin/env bash
# Runs a golden script and compares what it writes with the recorded outputs; any difference
# fails, shown as a diff. DAYAFTER_UPDATE_GOLDEN=1 records the new outputs instead (review the
# diff like code).
#   check.sh SCRIPT EXPECTED_DIR OUT_DIR ARGS...
set -euo pipefail
script=$1
expected=$2
out=$3
shift 3
"$script" "$@" "$out"
if [[ "${DAYAFTER_UPDATE_GOLDEN:-}" == 1 ]]; then
    rm -rf "$expected"
    cp -r "$out" "$expected"
    echo "golden: recorded $expected"
    exit 0
fi
diff -r -u "$expected" "$out"
