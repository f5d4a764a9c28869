#!/usr/bin/env bash
# Installs every Debian 12 package dayafter needs to build, run and test. Nothing else is
# downloaded. Runs apt-get through sudo when not root; skips apt entirely when all are present.
#   scripts/install-deps.sh          build and run
#   scripts/install-deps.sh --test   also what the tests use (osmium-tool, scipy, jsonschema,
#                                    clang-format)
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    libosmium2-dev libprotozero-dev libexpat1-dev libbz2-dev zlib1g-dev
    libsqlite3-dev libboost-dev libcli11-dev libfmt-dev nlohmann-json3-dev libgdal-dev libproj-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    coinor-libcbc-dev
    # help2man: the manual pages, written at build time from each verb's --help.
    help2man
)
if [[ "${1:-}" == "--test" ]]; then
    # osmium-tool: independent reference counts; python3-scipy: reference shortest paths
    # (../shared/bench); libboost-graph-dev: the Boost.Graph reference runner.
    # gdal-bin: gdal_translate writes the test rasters. python3-jsonschema: scenario files
    # checked against docs/scenario.schema.json by an independent validator. gzip, bzip2:
    # compressed OSM XML made in the tests.
    # chromium: the report page opened headless in its test (web/report).
    packages+=(gdal-bin osmium-tool python3 python3-numpy python3-scipy python3-jsonschema
               libboost-graph-dev clang-format gzip bzip2 chromium)
fi
# Node.js and npm install the report page's pinned front-end packages (web/report); a machine
# that has Node already (20 or later, which the page's test needs) keeps its own.
if ! command -v npm >/dev/null 2>&1; then
    packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
# The report page's libraries, exactly as package-lock.json pins them (npm's cache serves them
# when the registry cannot be reached).
install_page_packages() {
    if [[ ! -d web/report/node_modules ]] || [[ web/report/package-lock.json -nt web/report/node_modules ]]; then
        echo "install-deps: npm ci in web/report"
        (cd web/report && npm ci --no-audit --no-fund --prefer-offline >/dev/null)
    fi
}
cd "$(dirname "$0")/.."
if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps: all ${#packages[@]} packages present"
    install_page_packages
    exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    sudo_cmd=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
install_page_packages
