#!/usr/bin/env bash
# Runs the dayafter CLI on the Monaco bundle (as tests/golden/monaco_bundle/run.sh does) and
# keeps the outputs the report is made of in OUT; make-fixture.mjs then turns them into
# test/fixture-monaco.json. Until `dayafter report` writes the report's data itself, this is how
# the fixture stays close to what the C++ side computes.
#   test/make-fixture.sh DAYAFTER OUT        (needs ogr2ogr for the GeoPackage's layers)
#   node test/make-fixture.mjs OUT > test/fixture-monaco.json
set -euo pipefail
bin=$(realpath "$1")
out=$(realpath -m "$2")
repo=$(cd "$(dirname "$0")/../../.." && pwd)
data=$repo/tests/data
bundle=$data/registry/monaco
rm -rf "$out"
mkdir -p "$out"
cd "$out"
run() { "$bin" -q "$@"; }

run import osm "$data/osm/monaco/monaco.osm.pbf" --project m.dayafter >/dev/null
for kind in orgs facilities hazards population resources funding activities; do
    file=$(ls "$bundle/$kind".* | head -1)
    run load "$kind" "$file" --project m.dayafter --by fixture --reported 2017-12-15 >/dev/null
done
run load population "$bundle/areas.geojson" --project m.dayafter --by fixture --reported 2017-12-15 >/dev/null

asof=2017-12-31
# The golden test's tight thresholds make the damage matter in a town 2 km across.
source='ASSUMPTION: the golden test'"'"'s tight threshold (tests/golden/monaco_bundle/run.sh), so that the damage matters in a town 2 km across'
cat >tight.json <<EOF
{"services": {"health": {"threshold_min": 6, "source": "$source"},
              "hospital": {"threshold_min": 1.5, "source": "$source"},
              "bread": {"threshold_min": 4, "source": "$source"}}}
EOF
run status --project m.dayafter --as-of $asof --json >status.json
run owners --project m.dayafter --as-of $asof --json >owners.json
run access --project m.dayafter --as-of $asof --config tight.json --json --out access >access.json
run export facilities --project m.dayafter --as-of $asof >facilities.csv
run export gpkg --project m.dayafter --as-of $asof -o m.gpkg >/dev/null
for layer in roads facilities hazard_areas hazard_lines hazard_points places; do
    if ogrinfo -so m.gpkg "$layer" >/dev/null 2>&1; then
        ogr2ogr -f GeoJSON -lco RFC7946=YES "gpkg-$layer.geojson" m.gpkg "$layer"
    fi
done
run plan --project m.dayafter --as-of $asof --config tight.json --evaluations 300 --time-limit 600 \
    --out plan >plan.txt
run plans --project m.dayafter --show 1 --json >plan-summary.json
cp -r "$repo/docs/scenarios" scenarios
run compare --project m.dayafter --as-of $asof --config tight.json --plan --evaluations 60 \
    --time-limit 600 --json scenarios/baseline.json scenarios/bridges.json scenarios/roads.json \
    scenarios/grid.json scenarios/funding.json >compare.json
run --version >version.txt 2>&1 || echo "dayafter (version unknown)" >version.txt
echo "wrote $out"
