#!/usr/bin/env bash
# SIGINT and SIGTERM stop a run at the end of a tick: exit 128 + signal, a message, the
# outputs as of that tick (exactly those of a run that ends there), an INCOMPLETE marker
# saying at which tick and why, and no meta.json. A run into the directory again clears it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SCENARIO=$INPUTS/good/everything.yaml

# marker_value DIR KEY: a value of the INCOMPLETE marker.
marker_value() { awk -v key="$2:" '$1 == key { print $2 }' "$1/INCOMPLETE"; }

for signal in INT TERM; do
    dir=$WORK/$signal
    # 3000 ticks take tens of seconds here: the signal comes long before the end.
    "$GRASSROOTS" run "$SCENARIO" -q -o "$dir" --set ticks=3000 --threads 2 >"$WORK/out" 2>"$WORK/err" &
    pid=$!
    sleep 1
    kill -s "$signal" "$pid"
    rc=0
    wait "$pid" || rc=$?
    expected=$((128 + $(kill -l "$signal")))
    [[ $rc -eq $expected ]] || fail "a run stopped by SIG$signal exited $rc, expected $expected: $(cat "$WORK/err")"
    grep -q "stopped by SIG$signal at the end of tick [0-9]* of 3000" "$WORK/err" ||
        fail "no stop message on stderr (with -q): $(cat "$WORK/err")"
    [[ ! -e "$dir/meta.json" ]] || fail "a stopped run wrote meta.json"
    [[ ! -e "$dir/checkpoint.bin" ]] || fail "a run without --checkpoint-every wrote a checkpoint"
    [[ -z $(find "$dir" -name '*.tmp') ]] || fail "temporary files left in $dir"
    [[ $(marker_value "$dir" status) == stopped ]] || fail "INCOMPLETE does not say stopped: $(cat "$dir/INCOMPLETE")"
    [[ $(marker_value "$dir" reason) == "SIG$signal" ]] || fail "INCOMPLETE does not name SIG$signal"
    [[ $(marker_value "$dir" checkpoint_tick) == none ]] || fail "INCOMPLETE claims a checkpoint"
    tick=$(marker_value "$dir" tick)
    [[ $tick -ge 1 && $tick -lt 3000 ]] || fail "INCOMPLETE names tick '$tick'"
    [[ $(tail -n 1 "$dir/timeseries.csv" | cut -d, -f1) == "$tick" ]] ||
        fail "timeseries.csv does not end at the stop tick $tick"
    # The outputs are the state at the stop tick: those of a run that ends there.
    run_ok run "$SCENARIO" -q -o "$WORK/until_$signal" --set ticks="$tick"
    for f in timeseries.csv creators.csv merchants.csv summary.csv; do
        cmp "$dir/$f" "$WORK/until_$signal/$f" >&2 || fail "$f of the run stopped at tick $tick differs from a $tick-tick run's"
    done
    note "SIG$signal: exit $rc at tick $tick; outputs equal a $tick-tick run's"
done

# A new run into a stopped run's directory replaces it and leaves no marker.
run_ok run "$SCENARIO" -q -o "$WORK/INT" --set ticks=20
[[ -s "$WORK/INT/meta.json" && ! -e "$WORK/INT/INCOMPLETE" ]] || fail "a finished run left INCOMPLETE or no meta.json"
