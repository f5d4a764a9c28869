#!/usr/bin/env bash
# The README's main job on the bundled town (scripts/main-job.sh), then the report it wrote opened
# offline in headless Chromium by web/report's own test: the map's layers, the curves, the Gantt
# chart and the tables with the counts of the data inside the page, no console error, no request
# leaving the page. The screenshot is kept in OUT for CI.
#   main_job_page_test.sh DAYAFTER OUT
set -euo pipefail
bin=$1
out=$2
root="$(cd "$(dirname "$0")/../.." && pwd)"
rm -rf "$out"
mkdir -p "$out"
if ! "$root/scripts/main-job.sh" "$bin" monaco "$out/job" >"$out/main-job.log" 2>&1; then
    cat "$out/main-job.log"
    exit 1
fi
cd "$root/web/report"
REPORT_HTML="$out/job/monaco-report.html" REPORT_SCREENSHOT="$out/report-monaco.png" \
    npm test --silent
