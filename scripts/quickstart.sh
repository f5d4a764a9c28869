#!/usr/bin/env bash
# The main job on the bundled town, from nothing: installs what is needed, builds dayafter in
# Release mode, imports Monaco (real OpenStreetMap data), prints its summary and computes access
# to each service (table on the terminal; CSV with HXL tags and GeoJSON in out/town-access/).
# Output goes to out/. Map data (c) OpenStreetMap contributors, ODbL 1.0.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release dayafter
mkdir -p out
dayafter=build/release/apps/cli/dayafter
town=${1:-tests/data/osm/monaco/monaco.osm.pbf}
"$dayafter" import osm "$town" --project out/town.dayafter --force
"$dayafter" info --project out/town.dayafter
echo
"$dayafter" access --project out/town.dayafter --force
echo
echo "Project written to out/town.dayafter, access files to out/town-access/ (open the"
echo ".geojson files in QGIS). Next: $dayafter --help"
