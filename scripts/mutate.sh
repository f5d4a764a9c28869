#!/usr/bin/env bash
# Mutation testing, as a habit (docs/mutation.md): applies each mutant of scripts/mutants.txt to
# the source, one at a time, rebuilds only what changed, runs the tests that should notice, and
# records whether they did (caught) or not (survived). The file is restored with git checkout after
# each mutant, whatever happens, so a run leaves the tree as it found it.
#
#   scripts/mutate.sh [BUILD_DIR] [NAME...]     default build/release (configured and built once);
#                                               NAMEs: only these mutants
#   JOBS=1 scripts/mutate.sh                    build parallelism (default 1: shared machines)
#
# Writes BUILD_DIR/mutation/results.tsv (name, caught|survived|broken, seconds) and a log per
# mutant, and prints the score. "broken" is a mutant that does not compile: it counts as caught (a
# compiler is a test too) but is listed so the list can be fixed. Needs only bash, git, cmake,
# ctest and Debian's python3. It is not run in CI: a run takes about an hour on two cores.
set -euo pipefail

root=$(git rev-parse --show-toplevel)
cd "$root"
build=${1:-build/release}
shift || true
jobs=${JOBS:-1}
list=scripts/mutants.txt
out="$build/mutation"
mkdir -p "$out"

if [[ -n "$(git status --porcelain -- src include apps)" ]]; then
    echo "mutate.sh: src, include or apps has uncommitted changes; commit or stash them first" >&2
    exit 2
fi

# The mutants as NAME<TAB>FILE<TAB>BUILD<TAB>TESTS lines; python applies and checks the text.
mapfile -t mutants < <(/usr/bin/python3 - "$list" <<'PY'
import sys
blocks, current = [], None
for raw in open(sys.argv[1], encoding="utf-8"):
    line = raw.rstrip("\n")
    if line.startswith("== "):
        current = {"name": line[3:].strip()}
        blocks.append(current)
    elif current is not None and ":" in line and not line.startswith("#"):
        key, _, value = line.partition(":")
        current[key.strip()] = value.strip()
for b in blocks:
    for key in ("file", "find", "build", "tests"):
        if not b.get(key):
            sys.exit(f"mutants.txt: mutant {b['name']} has no {key}")
    print("\t".join([b["name"], b["file"], b["build"], b["tests"]]))
PY
)

# apply NAME: replaces the mutant's find text (which must occur exactly once) by its replacement.
apply() {
    /usr/bin/python3 - "$list" "$1" <<'PY'
import sys
path, wanted = sys.argv[1], sys.argv[2]
blocks, current = [], None
for raw in open(path, encoding="utf-8"):
    line = raw.rstrip("\n")
    if line.startswith("== "):
        current = {"name": line[3:].strip()}
        blocks.append(current)
    elif current is not None and ":" in line and not line.startswith("#"):
        key, _, value = line.partition(":")
        current[key.strip()] = value.strip()
b = next(b for b in blocks if b["name"] == wanted)
text = open(b["file"], encoding="utf-8").read()
count = text.count(b["find"])
if count != 1:
    sys.exit(f"{wanted}: the text to find occurs {count} times in {b['file']}")
open(b["file"], "w", encoding="utf-8").write(text.replace(b["find"], b.get("replace", "")))
PY
}

results="$out/results.tsv"
: >"$results"
caught=0
total=0
survivors=()
declare -A touched=()
for entry in "${mutants[@]}"; do
    IFS=$'\t' read -r name file targets pattern <<<"$entry"
    if [[ $# -gt 0 && ! " $* " =~ " $name " ]]; then
        continue
    fi
    total=$((total + 1))
    for t in $targets; do touched[$t]=1; done
    log="$out/$name.log"
    start=$(date +%s)
    trap 'git checkout -- "$file"' EXIT
    apply "$name"
    # shellcheck disable=SC2086 # several targets
    if ! cmake --build "$build" -j"$jobs" --target $targets >"$log" 2>&1; then
        verdict=broken
    elif ctest --test-dir "$build" -R "$pattern" -j"$jobs" --no-tests=error --stop-on-failure \
        >>"$log" 2>&1; then
        verdict=survived
    else
        verdict=caught
    fi
    git checkout -- "$file"
    trap - EXIT
    [[ $verdict == survived ]] && survivors+=("$name") || caught=$((caught + 1))
    printf '%s\t%s\t%s\n' "$name" "$verdict" $(($(date +%s) - start)) | tee -a "$results"
done
# Rebuild what the mutants touched from the restored tree, so the binaries match the source again.
if [[ ${#touched[@]} -gt 0 ]]; then
    cmake --build "$build" -j"$jobs" --target "${!touched[@]}" >/dev/null 2>&1 || true
fi
echo "mutation score: $caught of $total caught"
for s in "${survivors[@]}"; do
    echo "  survived: $s"
done
