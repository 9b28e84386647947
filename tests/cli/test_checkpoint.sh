#!/usr/bin/env bash
# Checkpoints: a run killed (SIGKILL) or stopped (SIGINT, SIGTERM) after a checkpoint is
# continued by `grassroots resume`, at any thread count, to outputs byte-identical to an
# uninterrupted run's (meta.json aside: its timings are the resumed process's). A corrupt,
# truncated, foreign or mismatched checkpoint, a finished run and a directory without a
# checkpoint are refused with exit 2, one line, and nothing changed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Every mechanism on, a world whose parallel loops all have more blocks than 4 threads
# (asserted below), rows every 7 ticks; 100 ticks (about 2 s at 2 threads in a Release
# build, a minute under AddressSanitizer), long enough to kill after the first checkpoint
# at tick 10.
SCENARIO=$INPUTS/good/many_blocks.yaml
LENGTH=(--set ticks=100)
OUTPUTS=(timeseries.csv creators.csv merchants.csv summary.csv scenario.yaml)

marker_value() { awk -v key="$2:" '$1 == key { print $2 }' "$1/INCOMPLETE"; }

# assert_like_reference DIR: every output equals the uninterrupted run's, the run is
# marked finished, and neither the marker nor the checkpoint is left.
assert_like_reference() {
    local f
    for f in "${OUTPUTS[@]}"; do
        cmp "$WORK/ref/$f" "$1/$f" >&2 || fail "$f of the resumed run differs from the uninterrupted run's"
    done
    grep -q '"complete": true' "$1/meta.json" || fail "the resumed run has no complete meta.json"
    [[ ! -e "$1/INCOMPLETE" && ! -e "$1/checkpoint.bin" ]] || fail "a finished run left INCOMPLETE or checkpoint.bin"
    [[ -z $(find "$1" -name '*.tmp') ]] || fail "temporary files left in $1"
}

# start_run DIR ARGS...: starts a checkpointing run in the background; sets $pid.
start_run() {
    local dir=$1
    shift
    "$GRASSROOTS" run "$SCENARIO" "${LENGTH[@]}" -q -o "$dir" --checkpoint-every 10 "$@" >/dev/null 2>"$WORK/err" &
    pid=$!
}

# wait_for_checkpoint DIR: until a checkpoint (renamed into place: always whole) exists.
wait_for_checkpoint() {
    for _ in $(seq 600); do
        [[ -e "$1/checkpoint.bin" ]] && return 0
        sleep 0.05
    done
    fail "no checkpoint in $1 after 30 s"
}

# stop PID SIGNAL: sends it and checks the exit code the shell sees (128 + signal).
stop() {
    local rc=0
    kill -s "$2" "$1"
    wait "$1" || rc=$?
    [[ $rc -eq $((128 + $(kill -l "$2"))) ]] || fail "SIG$2 gave exit $rc: $(cat "$WORK/err")"
}

run_ok run "$SCENARIO" "${LENGTH[@]}" -q -o "$WORK/ref" --threads 2
assert_blocks_exceed "$WORK/ref" 4

# Killed outright: the directory holds the last checkpoint and a marker saying so.
start_run "$WORK/kill" --threads 2
wait_for_checkpoint "$WORK/kill"
# While it runs, neither a resume nor another run may work in its directory.
run_rc 2 resume "$WORK/kill" -q
assert_one_line_error "$WORK/last.err"
grep -q "another grassroots process is running in this directory" "$WORK/last.err" ||
    fail "a resume during the run: $(cat "$WORK/last.err")"
run_rc 2 run "$SCENARIO" -q -o "$WORK/kill"
grep -q "another grassroots process is running" "$WORK/last.err" || fail "a second run: $(cat "$WORK/last.err")"
kill -0 "$pid" 2>/dev/null || fail "the run ended before SIGKILL; make it longer"
stop "$pid" KILL
[[ ! -e "$WORK/kill/meta.json" ]] || fail "a killed run has meta.json"
[[ $(marker_value "$WORK/kill" status) == running_or_killed ]] || fail "INCOMPLETE: $(cat "$WORK/kill/INCOMPLETE")"
marked=$(marker_value "$WORK/kill" checkpoint_tick)
run_ok resume "$WORK/kill" -q --threads 1
assert_like_reference "$WORK/kill"
killed_at=$(sed -n 's/.*"resumed_from_tick": \([0-9]*\),.*/\1/p' "$WORK/kill/meta.json")
# The marker is renamed into place just after checkpoint.bin: a kill between the two
# renames leaves it one checkpoint (10 ticks) behind the checkpoint that resume uses
# ("none" before the first, at tick 10).
previous=$([[ $marked == none ]] && echo 0 || echo "$marked")
[[ $killed_at == "$marked" || $killed_at == $((previous + 10)) ]] ||
    fail "resumed at tick '$killed_at', but INCOMPLETE named checkpoint tick $marked"
grep -q '"threads": 1,' "$WORK/kill/meta.json" || fail "meta.json does not record the resumed threads"
note "SIGKILL after the checkpoint at tick $killed_at; resumed with 1 thread: identical outputs"

# Stopped by SIGINT: a checkpoint at the stop tick. The resumed run (4 threads) is
# stopped again by SIGTERM once it has written a checkpoint of its own; then resumed again.
start_run "$WORK/int" --threads 2
wait_for_checkpoint "$WORK/int"
stop "$pid" INT
tick=$(marker_value "$WORK/int" tick)
[[ $(marker_value "$WORK/int" reason) == SIGINT && $(marker_value "$WORK/int" checkpoint_tick) == "$tick" ]] ||
    fail "INCOMPLETE after SIGINT: $(cat "$WORK/int/INCOMPLETE")"
cp -a "$WORK/int" "$WORK/stopped"  # kept for the refusals below
"$GRASSROOTS" resume "$WORK/int" -q --threads 4 >/dev/null 2>"$WORK/err" &
pid=$!
for _ in $(seq 600); do
    [[ $(marker_value "$WORK/int" status) == running_or_killed ]] && break
    sleep 0.05
done
stop "$pid" TERM
[[ $(marker_value "$WORK/int" reason) == SIGTERM ]] || fail "INCOMPLETE after SIGTERM: $(cat "$WORK/int/INCOMPLETE")"
second=$(marker_value "$WORK/int" tick)
[[ $second -gt $tick ]] || fail "the resumed run stopped at tick $second, not after $tick"
run_ok resume "$WORK/int" -q --threads 2
assert_like_reference "$WORK/int"
note "SIGINT at tick $tick, resumed with 4 threads, SIGTERM at tick $second, resumed with 2: identical outputs"

# Refusals: exit 2, one line naming the problem, the directory untouched.
# refuse DIR PATTERN: resume DIR must fail so.
refuse() {
    local before
    before=$(snapshot "$1")
    run_rc 2 resume "$1" -q
    assert_one_line_error "$WORK/last.err"
    grep -q "$2" "$WORK/last.err" || fail "resume $1: expected '$2', got: $(cat "$WORK/last.err")"
    [[ "$(snapshot "$1")" == "$before" ]] || fail "a refused resume changed $1"
}
# case_dir NAME: a fresh copy of the stopped run to damage.
case_dir() { rm -rf "$WORK/$1" && cp -a "$WORK/stopped" "$WORK/$1" && echo "$WORK/$1"; }

refuse "$WORK/ref" "is finished"
mkdir "$WORK/empty"
refuse "$WORK/empty" "no checkpoint here"
run_rc 2 resume "$WORK/missing" -q
assert_one_line_error "$WORK/last.err"
[[ ! -e "$WORK/missing" ]] || fail "resume created a directory"

size=$(stat -c %s "$WORK/stopped/checkpoint.bin")
for offset in 40 $((size / 2)) $((size - 3)); do
    dir=$(case_dir flipped)
    byte=$(od -An -tu1 -j "$offset" -N1 "$dir/checkpoint.bin" | tr -d ' ')
    printf "\\$(printf %03o $((byte ^ 4)))" | dd of="$dir/checkpoint.bin" bs=1 seek="$offset" conv=notrunc status=none
    cmp -s "$dir/checkpoint.bin" "$WORK/stopped/checkpoint.bin" && fail "the byte at $offset was not changed"
    refuse "$dir" "corrupt or truncated"
done
dir=$(case_dir truncated)
truncate -s $((size - 1000)) "$dir/checkpoint.bin"
refuse "$dir" "corrupt or truncated"
dir=$(case_dir foreign)
cp "$SCENARIO" "$dir/checkpoint.bin"
refuse "$dir" "not a grassroots checkpoint"
# The checkpoint of another run (another seed) next to this run's scenario.yaml.
start_run "$WORK/other" --seed 7 --threads 2
wait_for_checkpoint "$WORK/other"
stop "$pid" KILL
dir=$(case_dir mismatched)
cp "$WORK/other/checkpoint.bin" "$dir/checkpoint.bin"
refuse "$dir" "scenario.yaml:0:0: resume: differs from the scenario the checkpoint was written for"
dir=$(case_dir edited)
sed -i 's/^seed: 3$/seed: 4/' "$dir/scenario.yaml"
grep -q "^seed: 4$" "$dir/scenario.yaml" || fail "scenario.yaml was not edited"
refuse "$dir" "differs from the scenario the checkpoint was written for"

# `run` into a directory with a stopped run starts afresh: the old checkpoint goes.
dir=$(case_dir rerun)
run_ok run "$SCENARIO" -q -o "$dir" --set ticks=20
[[ ! -e "$dir/checkpoint.bin" && ! -e "$dir/INCOMPLETE" ]] || fail "a new run left the old checkpoint"

# The untouched copy still resumes to the reference outputs.
run_ok resume "$WORK/stopped" -q
assert_like_reference "$WORK/stopped"

note "corrupt, truncated, foreign and mismatched checkpoints, finished and empty directories refused"
