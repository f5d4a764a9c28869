#!/usr/bin/env bash
# The main job on a bundled town, with a built dayafter: imports the OpenStreetMap extract, loads
# the town's illustrative registry bundle (status, hazards, population, organisations, crews,
# funding, 3W, admin areas), computes access, makes the plan, runs the seed what-ifs, and writes
# the report and the GeoPackage. Everything goes to OUT; nothing else is touched.
#   scripts/main-job.sh DAYAFTER monaco|andorra OUT
# Map data (c) OpenStreetMap contributors, ODbL 1.0. The registry bundles are illustrative
# scenarios (see tests/data/registry/TOWN/README.md for how each was calibrated).
set -euo pipefail
dayafter=$1
town=$2
out=$3
root="$(cd "$(dirname "$0")/.." && pwd)"
bundle="$root/tests/data/registry/$town"
case "$town" in
monaco)
    scenarios="$root/docs/scenarios"
    seeds=(baseline bridges displaced grid entry)
    ;;
andorra)
    scenarios="$bundle/scenarios"
    seeds=(baseline bridges displaced grid entry)
    ;;
*)
    echo "main-job.sh: no bundle for '$town' (monaco or andorra)" >&2
    exit 2
    ;;
esac
mkdir -p "$out"
project="$out/$town.dayafter"
run() { "$dayafter" -q "$@"; }
config=()
if [[ -f "$bundle/config.json" ]]; then
    config=(--config "$bundle/config.json")
fi

echo "== import $town (OpenStreetMap)"
"$dayafter" import osm "$root/tests/data/osm/$town/$town.osm.pbf" --project "$project" \
    --force --discard-registry
echo "== load the illustrative registry bundle ($bundle)"
for kind in orgs facilities hazards population resources funding activities; do
    file=$(ls "$bundle/$kind".* | head -1)
    run load "$kind" "$file" --project "$project" --by "main job" --reported 2017-12-15
done
run load population "$bundle/areas.geojson" --project "$project" --by "main job" \
    --reported 2017-12-15
echo "== access to each service"
"$dayafter" access --project "$project" "${config[@]}" --out "$out/$town-access" --force
echo "== the plan"
"$dayafter" plan --project "$project" "${config[@]}" --evaluations 600 --no-store \
    --out "$out/$town-plan" --force
echo "== the report, with the seed what-ifs planned"
seed_files=()
for seed in "${seeds[@]}"; do
    seed_files+=("$scenarios/$seed.json")
done
"$dayafter" report --project "$project" "${config[@]}" --evaluations 600 --plan-scenarios \
    --scenarios "${seed_files[@]}" -o "$out/$town-report.html" --force \
    --illustrative-note "$(cat "$bundle/illustrative-note.txt")"
echo "== the GeoPackage for QGIS"
run export gpkg --project "$project" "${config[@]}" -o "$out/$town.gpkg" --force
echo
echo "Report:      $out/$town-report.html   (open it in a browser; it needs no network)"
echo "GeoPackage:  $out/$town.gpkg   (open it in QGIS: styled layers)"
echo "Also:        $out/$town-access/ (places.csv, GeoJSON), $out/$town-plan/ (schedule.csv),"
echo "             the project $project (dayafter --help for what else to ask of it)"
