#!/usr/bin/env bash
# The main job on the bundled town, from nothing: installs what is needed (Debian packages, and
# the report page's pinned npm packages), builds dayafter in Release mode, then imports Monaco
# (real OpenStreetMap data), loads its illustrative registry bundle, computes access, makes the
# plan, runs the seed what-ifs (bridges destroyed, people displaced, grid down, an entry point
# closed) and writes the report (one HTML file, offline) and the GeoPackage (scripts/main-job.sh).
# Output goes to out/. Map data (c) OpenStreetMap contributors, ODbL 1.0.
#   scripts/quickstart.sh            Monaco
#   scripts/quickstart.sh andorra    the Andorra bundle, whose river bridges are cut points
set -euo pipefail
cd "$(dirname "$0")/.."
town=${1:-monaco}
scripts/install-deps.sh
scripts/build.sh release dayafter
scripts/main-job.sh build/release/apps/cli/dayafter "$town" out
