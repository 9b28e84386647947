#!/usr/bin/env bash
# run_fuzzers.sh FUZZ_BIN_DIR [SECONDS] [TARGET...]
#
# Runs each libFuzzer target (built with -DGRASSROOTS_FUZZ=ON) for SECONDS (default 60)
# from its seed corpus, listed in FUZZ_BIN_DIR/seeds.txt (written by tests/fuzz/CMakeLists.txt).
# The seed directories are only read: new inputs and crash artifacts go to a temporary
# directory, removed at the end unless a target failed. A crash, a sanitizer report, an
# uncaught exception, a leak, an input slower than 10 s or above 2 GiB of memory fails.
# Targets: scenario, set, edge_list, sweep (default all four; two run at a time on two cores).
set -euo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: $0 FUZZ_BIN_DIR [SECONDS] [TARGET...]" >&2
    exit 2
fi
bin_dir=$(cd "$1" && pwd)
seconds=${2:-60}
shift $(($# >= 2 ? 2 : 1))
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(scenario set edge_list sweep)
seeds_file=$bin_dir/seeds.txt
[[ -f "$seeds_file" ]] || { echo "run_fuzzers: no $seeds_file (configure with -DGRASSROOTS_FUZZ=ON)" >&2; exit 2; }
dict_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/grassroots-fuzz.XXXXXX")
keep_work=0
trap '[[ $keep_work -eq 1 ]] || rm -rf "$work"' EXIT

# fuzz TARGET: runs one target; its log is $work/TARGET.log.
fuzz() {
    local target=$1 binary=$bin_dir/fuzz_$1 seeds
    seeds=$(awk -v t="$target" '$1 == t { $1 = ""; print }' "$seeds_file")
    [[ -x "$binary" ]] || { echo "run_fuzzers: no executable $binary" >&2; return 2; }
    [[ -n "$seeds" ]] || { echo "run_fuzzers: no seeds for $target in $seeds_file" >&2; return 2; }
    local corpus=$work/$target/corpus artifacts=$work/$target/artifacts
    mkdir -p "$corpus" "$artifacts"
    local dict=()
    [[ -f "$dict_dir/$target.dict" ]] && dict=(-dict="$dict_dir/$target.dict")
    # The first corpus directory (the temporary one) receives the new inputs; the seed
    # directories after it are read only. -seed fixes the mutations for a given binary.
    # shellcheck disable=SC2086  # the seed directories are one word each
    "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -seed=1 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" \
        "$corpus" $seeds >"$work/$target.log" 2>&1
}

pids=()
running=()
failed=()
wait_one() {
    local pid=${pids[0]} target=${running[0]} rc=0
    wait "$pid" || rc=$?
    pids=("${pids[@]:1}")
    running=("${running[@]:1}")
    local stats
    stats=$(grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::new_units_added)' \
            "$work/$target.log" | tr '\n' ' ')
    if [[ $rc -eq 0 ]]; then
        echo "fuzz $target: ok, ${seconds}s: $stats"
    else
        echo "fuzz $target: FAILED (exit $rc); the end of its log:" >&2
        tail -n 60 "$work/$target.log" >&2
        echo "fuzz $target: inputs that failed (add them to tests/fuzz/regressions/$target/):" >&2
        ls -l "$work/$target/artifacts" >&2
        failed+=("$target")
    fi
}
for target in "${targets[@]}"; do
    fuzz "$target" &
    pids+=($!)
    running+=("$target")
    [[ ${#pids[@]} -lt 2 ]] || wait_one
done
while [[ ${#pids[@]} -gt 0 ]]; do wait_one; done

if [[ ${#failed[@]} -gt 0 ]]; then
    keep_work=1
    echo "run_fuzzers: failed: ${failed[*]} (logs and artifacts kept in $work)" >&2
    exit 1
fi
echo "run_fuzzers: ${#targets[@]} targets, ${seconds}s each, no failure"
