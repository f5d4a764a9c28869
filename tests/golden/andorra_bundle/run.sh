#!/usr/bin/env bash
# Runs the Andorra bundle (tests/data/registry/andorra) through the dayafter binary: import,
# every load, status, owners, access, a plan, and the seed what-ifs of issue #15 side by side and
# planned, and writes each command's standard output and exit code to OUT, normalised as
# monaco_bundle/run.sh does. tests/CMakeLists.txt compares OUT with expected/.
#   run.sh DAYAFTER TESTS_DATA_DIR OUT
set -euo pipefail
bin=$1
data=$2
out=$3
source "$(dirname "$0")/../step.sh"
rm -rf "$out"
mkdir -p "$out/work"
cd "$out/work"
bundle="$data/registry/andorra"
step import import osm "$data/osm/andorra/andorra.osm.pbf" --project a.dayafter
step info info --project a.dayafter
for kind in orgs facilities hazards population resources funding activities; do
    file=$(ls "$bundle/$kind".* 2>/dev/null | head -1)
    step "load-$kind" load "$kind" "$file" --project a.dayafter --by golden --reported 2017-12-15
done
step load-areas load population "$bundle/areas.geojson" --project a.dayafter --by golden \
    --reported 2017-12-15
step status status --project a.dayafter
step status-json status --project a.dayafter --json
step status-area status --project a.dayafter --by-area 2
step owners owners --project a.dayafter
step access access --project a.dayafter --out acc1
step access-json access --project a.dayafter --json --out acc2
# The plan, bounded by evaluations (not time) so that it is the same everywhere.
step plan plan --project a.dayafter --evaluations 200 --time-limit 600 --samples 5 --out plan1
# The seed what-ifs (copied here so that paths are relative): side by side, then planned.
cp -r "$bundle/scenarios" scenarios
step compare compare --project a.dayafter scenarios/baseline.json scenarios/bridges.json \
    scenarios/bridges-branches.json scenarios/displaced.json scenarios/grid.json \
    scenarios/entry.json
step compare-plan compare --project a.dayafter --plan --evaluations 60 --time-limit 600 \
    --csv whatifs.csv scenarios/baseline.json scenarios/bridges.json scenarios/displaced.json \
    scenarios/grid.json scenarios/entry.json
step compare-json compare --project a.dayafter --json scenarios/baseline.json \
    scenarios/bridges.json
# The templates give the same seeds: the grid's substations, and the river's name as the import
# has it (the Gran Valira is "Valira" in OSM; a wrong name lists the right ones).
step scenario-grid scenario grid-down --project a.dayafter
STDERR=1 step scenario-bad-river scenario bridges-over --waterway 'Gran Valira' --project a.dayafter
# The files access and plan write are large: their checksums stand for them.
for f in acc1/* plan1/* whatifs.csv; do
    sha256sum "$f"
done >../files.sha256
cd ..
rm -rf work
