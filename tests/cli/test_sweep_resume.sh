#!/usr/bin/env bash
# Fault tolerance: a sweep killed mid-way (SIGKILL, as a crash or a lost rank) or stopped
# with SIGINT or SIGTERM loses no finished run, and --resume runs only what is missing and gives the
# summary of an uninterrupted sweep (every column but wall_seconds).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SWEEP=$INPUTS/sweeps/slow.yaml
without_wall() { sed 's/,[^,]*$//' "$1"; }

run_ok sweep "$SWEEP" -q -o "$WORK/clean" --jobs 2 --threads 2
total=$(($(wc -l <"$WORK/clean/summary.csv") - 1))
[[ $total -eq 40 ]] || fail "the clean sweep has $total rows, expected 40"
# A run's meta.json records the threads its sweep shared, the runs sharing them, and the
# process's peak memory (a run of slow.yaml alone needs several MB).
meta=$WORK/clean/runs/000000/meta.json
grep -q '"threads": 2,' "$meta" && grep -q '"concurrent_runs": 2,' "$meta" ||
    fail "a sweep run's meta.json does not record 2 threads shared by 2 runs: $(cat "$meta")"
peak=$(sed -n 's/.*"peak_memory_bytes": \([0-9]*\),.*/\1/p' "$meta")
[[ $peak -gt 1000000 ]] || fail "a sweep run's meta.json gives peak memory '$peak'"

# finished DIR: how many runs have their result on disk.
finished() { find "$1/runs" -name result.csv 2>/dev/null | wc -l; }

# wait_for DIR N: waits (at most ~60 s) until N runs have finished.
wait_for() {
    for _ in $(seq 600); do
        [[ $(finished "$1") -ge $2 ]] && return 0
        sleep 0.1
    done
    fail "no $2 finished runs in $1 after 60 s"
}

for signal in KILL INT TERM; do
    dir=$WORK/$signal
    "$GRASSROOTS" sweep "$SWEEP" -q -o "$dir" --jobs 2 >/dev/null 2>&1 &
    pid=$!
    wait_for "$dir" 5
    kill -s "$signal" "$pid"
    rc=0
    wait "$pid" || rc=$?
    done_before=$(finished "$dir")
    [[ $done_before -lt 40 ]] || { note "the sweep finished before SIG$signal; nothing to resume"; continue; }
    [[ ! -f "$dir/summary.csv" ]] || fail "an interrupted sweep wrote summary.csv"
    # SIGINT and SIGTERM stop it at the end of the current ticks: exit 128 + signal.
    if [[ $signal != KILL ]]; then
        expected=$((128 + $(kill -l "$signal")))
        [[ $rc -eq $expected ]] || fail "a sweep stopped by SIG$signal exited $rc, expected $expected"
    fi
    # Every run directory with a result is complete.
    for result in "$dir"/runs/*/result.csv; do
        run=$(dirname "$result")
        [[ -s "$run/timeseries.csv" && -s "$run/meta.json" ]] || fail "$run has a result but not all its files"
    done
    run_ok sweep "$SWEEP" -q -o "$dir" --resume --jobs 2
    cmp <(without_wall "$WORK/clean/summary.csv") <(without_wall "$dir/summary.csv") >&2 ||
        fail "after SIG$signal and --resume, summary.csv differs from the uninterrupted sweep"
    note "SIG$signal after $done_before of 40 runs; --resume completed the same summary"
done

# A lost run (its result removed, as if its process died) is redone by --resume alone.
rm "$WORK/clean/runs/000007/result.csv"
mv "$WORK/clean/summary.csv" "$WORK/summary.before"
run_ok sweep "$SWEEP" -q -o "$WORK/clean" --resume
cmp <(without_wall "$WORK/summary.before") <(without_wall "$WORK/clean/summary.csv") >&2 ||
    fail "--resume of one lost run changed the summary"

# --resume refuses a directory that holds another sweep, and one with no sweep at all.
run_rc 2 sweep "$INPUTS/sweeps/grid.yaml" -q -o "$WORK/clean" --resume
assert_one_line_error "$WORK/last.err"
run_rc 2 sweep "$SWEEP" -q -o "$WORK/empty" --resume
assert_one_line_error "$WORK/last.err"

# --resume refuses a sweep whose base scenario changed since its runs were made (sweep.yaml
# names the base by its path only): the finished runs' scenario.yaml says what they ran.
mkdir "$WORK/edited"
cp "$INPUTS/sweeps/base.yaml" "$WORK/edited/base.yaml"
sed "s#^base: .*#base: base.yaml#" "$INPUTS/sweeps/grid.yaml" >"$WORK/edited/grid.yaml"
run_ok sweep "$WORK/edited/grid.yaml" -q -o "$WORK/edited/out"
rm "$WORK/edited/out/runs/000001/result.csv" "$WORK/edited/out/summary.csv"
sed -i 's/m: 3}/m: 4}/' "$WORK/edited/base.yaml"  # another graph (ticks is fixed by the sweep)
cmp -s "$INPUTS/sweeps/base.yaml" "$WORK/edited/base.yaml" && fail "the base scenario was not edited"
run_rc 2 sweep "$WORK/edited/grid.yaml" -q -o "$WORK/edited/out" --resume
assert_one_line_error "$WORK/last.err"
grep -q "ran another scenario than this sweep runs for it now" "$WORK/last.err" ||
    fail "an edited base was not refused: $(cat "$WORK/last.err")"
# The base as it was: resumed.
cp "$INPUTS/sweeps/base.yaml" "$WORK/edited/base.yaml"
run_ok sweep "$WORK/edited/grid.yaml" -q -o "$WORK/edited/out" --resume
# Another build of grassroots (sweep.json names the program that started the sweep).
rm "$WORK/edited/out/runs/000001/result.csv" "$WORK/edited/out/summary.csv"
sed -i 's/"program": "grassroots [^"]*"/"program": "grassroots 0.0.1 (commit 000000000000)"/' "$WORK/edited/out/sweep.json"
run_rc 2 sweep "$WORK/edited/grid.yaml" -q -o "$WORK/edited/out" --resume
assert_one_line_error "$WORK/last.err"
grep -q "started by another build of grassroots" "$WORK/last.err" ||
    fail "a sweep of another build was resumed: $(cat "$WORK/last.err")"
note "--resume refuses an edited base scenario and another build's sweep"
