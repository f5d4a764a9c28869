#!/usr/bin/env bash
# Every test, from nothing: installs what is needed (with the test tools), checks formatting,
# builds Release and AddressSanitizer+UndefinedBehaviorSanitizer builds, and runs the whole
# CTest suite on both. Needs ../shared beside the checkout (reference runners).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test

if [[ ! -f ../shared/bench/compare.py ]]; then
    echo "test.sh: ../shared (the reference runners) must sit beside the checkout" >&2
    exit 1
fi

echo "== format check (clang-format $(clang-format --version | grep -o '[0-9]*\.[0-9.]*' | head -1))"
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
clang-format --dry-run --Werror "${sources[@]}"

for preset in release asan; do
    echo "== build $preset"
    scripts/build.sh "$preset"
    echo "== test $preset"
    ctest --preset "$preset" -j "$(nproc)"
done
