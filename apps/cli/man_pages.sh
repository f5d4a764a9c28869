#!/usr/bin/env bash
# Writes the manual pages of dayafter with help2man, from the very text `--help` prints:
# dayafter.1, and one page per verb and subverb (dayafter-access.1, dayafter-import.1,
# dayafter-import-osm.1, ...). The verbs are read from the help too, so a new verb gets its page.
#   man_pages.sh DAYAFTER OUT_DIR [HELP2MAN]
set -euo pipefail
bin=$1
out=$2
help2man=${3:-help2man}
version=$("$bin" --version)
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The verbs listed under "Subcommands:" in the help of `dayafter WORDS...`.
verbs_under() {
    "$bin" "$@" --help | awk '/^Subcommands:/ { listed = 1; next }
                              listed && /^$/ { exit }
                              listed && /^  [^ ]/ { print $1 }'
}

# The NAME line: the description up to its first colon, full stop, semicolon or parenthesis.
summary_of() {
    "$bin" "$@" --help | awk '/^Usage:/ { exit } { printf "%s ", $0 }' |
        sed -E -e 's/^dayafter: //' -e 's/(: |\. |; | \().*//' -e 's/[ .]*$//'
}

# help2man fills indented text (the examples, the table of templates) into one paragraph;
# there each line of the help is a command of its own, so its lines are kept apart.
keep_lines() {
    awk '/^\.IP$/ { indented = 1; text = 0; print; next }
         /^\./ { indented = 0 }
         indented && text { print ".br" }
         { text = indented; print }'
}

pages=()
# page WORDS...: dayafter-WORD-WORD.1 from `dayafter WORDS... --help`, then its subverbs' pages.
page() {
    local name=dayafter word
    for word in "$@"; do
        name+="-$word"
    done
    pages+=("$name")
    # help2man names the page after the program it runs: a wrapper carries the verb's name.
    printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$bin" "$*" >"$work/$name"
    chmod +x "$work/$name"
    printf '[SEE ALSO]\n.BR dayafter (1)\n' >"$work/$name.see-also"
    "$help2man" --no-info --section=1 --manual="dayafter manual" --source="$version" \
        --version-string="$name ${version#dayafter }" --name="$(summary_of "$@")" \
        --include="$work/$name.see-also" --output="$work/$name.1" "$work/$name"
    keep_lines <"$work/$name.1" >"$out/$name.1"
    for word in $(verbs_under "$@"); do
        page "$@" "$word"
    done
}
page
# The top page points at every verb's page instead of at itself.
{
    printf '[SEE ALSO]\n'
    for name in "${pages[@]:1}"; do
        printf '.BR %s (1)\n' "$name"
    done
} >"$work/dayafter.see-also"
"$help2man" --no-info --section=1 --manual="dayafter manual" --source="$version" \
    --version-string="$version" --name="$(summary_of)" --include="$work/dayafter.see-also" \
    --output="$work/dayafter.1" "$bin"
keep_lines <"$work/dayafter.1" >"$out/dayafter.1"
