#!/usr/bin/env bash
# Runs the whole Monaco bundle through the dayafter binary: import, every load, status (plain,
# --by-area 2, --as-of), owners, history, access, every export, with and without --json, and
# writes each command's standard output and exit code to OUT, normalised (the recording time is
# replaced, paths are relative). tests/CMakeLists.txt compares OUT with expected/.
#   run.sh DAYAFTER TESTS_DATA_DIR OUT
set -euo pipefail
bin=$1
data=$2
out=$3
source "$(dirname "$0")/../step.sh"
rm -rf "$out"
mkdir -p "$out/work"
cd "$out/work"
bundle="$data/registry/monaco"
step import import osm "$data/osm/monaco/monaco.osm.pbf" --project m.dayafter
step access-before access --project m.dayafter --population-total 38000 --out acc0
step status-before status --project m.dayafter
for kind in orgs facilities hazards population resources funding activities; do
    file=$(ls "$bundle/$kind".* 2>/dev/null | head -1)
    step "load-$kind" load "$kind" "$file" --project m.dayafter --by golden --reported 2017-12-15
done
step load-areas load population "$bundle/areas.geojson" --project m.dayafter --by golden \
    --reported 2017-12-15
# A correction reported later, so --as-of has two states to tell apart.
printf '%s\n' 'code,functionality,reported' '#loc+facility+code,#status+functionality,#date+reported' \
    'n25237989,A3,2018-02-01' >correction.csv
step load-correction load facilities correction.csv --project m.dayafter --by golden
step status status --project m.dayafter
step status-json status --project m.dayafter --json
step status-area status --project m.dayafter --by-area 2
step status-area-json status --project m.dayafter --by-area 2 --json
step status-asof status --project m.dayafter --as-of 2017-12-31
step status-asof-json status --project m.dayafter --as-of 2017-12-31 --json
step owners owners --project m.dayafter
step owners-json owners --project m.dayafter --json
step owners-asof owners --project m.dayafter --as-of 2017-12-31
step history history --project m.dayafter
step history-json history --project m.dayafter --json
step history-object history --project m.dayafter --object n25237989
step access access --project m.dayafter --out acc1
step access-json access --project m.dayafter --json --out acc2
step access-asof access --project m.dayafter --as-of 2017-12-31 --out acc3
step access-hospital access --project m.dayafter --service hospital --per-node pernode.csv --out acc4
for kind in facilities hazards population orgs resources funding activities; do
    step "export-$kind" export "$kind" --project m.dayafter
done
step export-areas export population --project m.dayafter --format geojson
step export-facilities-asof export facilities --project m.dayafter --as-of 2017-12-31
step export-graph export graph --project m.dayafter --mode walk --dir graph-walk
step info info --project m.dayafter
step info-json info --project m.dayafter --json
# The plan, bounded by evaluations (not time) so that it is the same everywhere; the tight
# thresholds make the damage matter in a town 2 km across.
printf '%s\n' '{"services": {"health": {"threshold_min": 6}, "hospital": {"threshold_min": 1.5},' \
    '"bread": {"threshold_min": 4}}}' >tight.json
step plan plan --project m.dayafter --as-of 2017-12-31 --config tight.json --evaluations 300 \
    --time-limit 600 --samples 5 --out plan1
step plan-exact plan --project m.dayafter --as-of 2017-12-31 --config tight.json --solver exact \
    --time-limit 600 --no-store --out plan2
step plans plans --project m.dayafter
# What-ifs: the documented examples (copied here so that paths are relative), side by side, then
# planned (bounded by evaluations), as JSON, and a scenario naming a bridge the town lacks.
cp -r "$data/../../docs/scenarios" scenarios
step compare compare --project m.dayafter --as-of 2017-12-31 --config tight.json \
    scenarios/baseline.json scenarios/bridges.json scenarios/roads.json scenarios/facilities.json \
    scenarios/grid.json scenarios/displaced.json scenarios/arrivals.json scenarios/worst-week.json
step compare-plan compare --project m.dayafter --as-of 2017-12-31 --config tight.json --plan \
    --evaluations 60 --time-limit 600 --csv whatifs.csv scenarios/baseline.json \
    scenarios/bridges.json scenarios/crews.json scenarios/entry.json scenarios/funding.json
step compare-json compare --project m.dayafter --as-of 2017-12-31 --config tight.json --json \
    scenarios/baseline.json scenarios/facilities.json
printf '%s\n' '{"name": "bad", "changes": [{"do": "destroy_bridge", "way": 123}]}' >bad.json
step compare-bad compare --project m.dayafter scenarios/baseline.json bad.json
# The files access and export graph write are large: their checksums stand for them.
for f in acc0/* acc1/* acc3/* acc4/* graph-walk/* pernode.csv plan1/* plan2/* whatifs.csv; do
    sha256sum "$f"
done >../files.sha256
cd ..
rm -rf work
