# Sourced by the golden scripts (tests/golden/*/run.sh), which set $bin (dayafter) and $data
# (tests/data) and run from OUT/work.
# step NAME ARGS...: runs dayafter ARGS, keeps its standard output and exit code as NN-NAME.out
# in OUT (STDERR=1: standard error too, for the steps whose error message is the point).
n=0
step() {
    local name=$1
    shift
    n=$((n + 1))
    local out
    out="../$(printf '%02d' $n)-$name.out"
    local code=0
    if [[ "${STDERR:-}" == 1 ]]; then
        "$bin" -q "$@" >"$out" 2>&1 || code=$?
    else
        "$bin" -q "$@" >"$out" 2>/dev/null || code=$?
    fi
    # Recording times and where the checkout lies change from run to run; nothing else may.
    sed -i -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/RECORDED_AT/g' \
        -e "s|$data|TESTS_DATA|g" -e 's/[0-9]+\.[0-9] s\b/T s/g' "$out"
    echo "exit $code" >>"$out"
}
