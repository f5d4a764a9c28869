#!/usr/bin/env bash
# Import speed against its anchor: `dayafter import osm` versus
# `osmium cat -O FILE -o /dev/null -f opl` on the same file, alternating runs, medians.
#   bench/import_vs_osmium.sh [FILE] [RUNS]     (default: the bundled Monaco, 15 runs)
# Target (DESIGN.md): dayafter at most 2x osmium's time.
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-tests/data/osm/monaco/monaco.osm.pbf}
runs=${2:-15}
dayafter=build/release/apps/cli/dayafter
[[ -x $dayafter ]] || scripts/build.sh release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f\n", b - a}'
}
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

: >"$work/osmium"; : >"$work/dayafter"
for ((run = 0; run < runs; run++)); do
    seconds osmium cat -O "$file" -o /dev/null -f opl >>"$work/osmium"
    seconds "$dayafter" -q import osm "$file" --project "$work/p.dayafter" --force >>"$work/dayafter"
done
osmium_s=$(median <"$work/osmium")
dayafter_s=$(median <"$work/dayafter")
printf 'file            %s\n' "$file"
printf 'runs            %d (alternating), median wall time\n' "$runs"
printf 'osmium cat opl  %.3f s\n' "$osmium_s"
printf 'dayafter import %.3f s\n' "$dayafter_s"
awk -v d="$dayafter_s" -v o="$osmium_s" 'BEGIN {printf "ratio           %.2fx (target <= 2x)\n", d / o}'
