#!/usr/bin/env bash
# Configures and builds one preset of CMakePresets.json (default: release) into build/<preset>.
#   scripts/build.sh [release|asan|dev] [TARGET...]   (default: everything)
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-release}
cmake --preset "$preset" >/dev/null
shift || true
targets=()
for target in "$@"; do targets+=(--target "$target"); done
cmake --build --preset "$preset" -j "$(nproc)" "${targets[@]}"
