#!/usr/bin/env bash
# Remakes test/fixture-monaco.json from what `dayafter report` writes for the Monaco bundle (the
# README's main job, scripts/main-job.sh): the data element of the page, as the C++ side fills it.
# The fixture lets the page be worked on and tested without building dayafter.
#   test/make-fixture.sh DAYAFTER > test/fixture-monaco.json
set -euo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$here/../../../scripts/main-job.sh" "$bin" monaco "$out" >/dev/null
node --input-type=module -e '
import { readFileSync } from "node:fs";
const page = readFileSync(process.argv[1], "utf8");
const open = "<script type=\"application/json\" id=\"report-data\">";
const from = page.indexOf(open) + open.length;
process.stdout.write(JSON.stringify(JSON.parse(page.slice(from, page.indexOf("</script>", from)))) + "\n");
' "$out/monaco-report.html"
