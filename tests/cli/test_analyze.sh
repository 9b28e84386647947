#!/usr/bin/env bash
# grassroots analyze on sweep directories written here by the contract (sweep.json with its
# design, design.csv, summary.csv): a Morris design of a linear metric, whose mu* is known
# exactly; default metric selection; and every bad input: exit 2, one line naming the file,
# nothing written. (The indices against analytic values: grassroots_tests "[analysis]".)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

source "$SRC/tests/analysis/sweeps.sh"

# value FILE METRIC INDEX KEY: the value column of that row.
value() {
    awk -F, -v m="$2" -v i="$3" -v k="$4" '$1 == m && $3 == i && $4 == k { print $6 }' "$1"
}

# --- a good sweep ---------------------------------------------------------------------------
GOOD=$WORK/good
make_morris_sweep "$GOOD" 10
run_ok analyze "$GOOD"
OUT=$GOOD/sensitivity.csv
[[ -f $OUT ]] || fail "no sensitivity.csv"
[[ $(head -n 1 "$OUT") == "metric,method,index,key,key2,value,ci_low,ci_high,samples,warning" ]] ||
    fail "header: $(head -n 1 "$OUT")"
# Two metrics (top1_share, follower_gini) x 3 indices x 2 keys.
[[ $(($(wc -l <"$OUT") - 1)) -eq 12 ]] || fail "expected 12 rows, got $(($(wc -l <"$OUT") - 1))"
# The EE of 3 a - b: 3 for a and -1 for b at every step, whatever the design drew.
awk -v a="$(value "$OUT" top1_share mu_star k.a)" -v b="$(value "$OUT" top1_share mu_star k.b)" \
    -v m="$(value "$OUT" top1_share mu k.b)" \
    'BEGIN { exit !((a - 3) ^ 2 < 1e-18 && (b - 1) ^ 2 < 1e-18 && (m + 1) ^ 2 < 1e-18) }' ||
    fail "mu* of 3a - b is not 3 and 1: $(grep top1_share "$OUT")"
grep -q "skipped metric users: constant" "$WORK/last.err" || fail "users not reported as skipped: $(cat "$WORK/last.err")"
grep -q "skipped metric talent_rank_corr: run 5 (point 5, replicate 0) has 'nan'" "$WORK/last.err" ||
    fail "talent_rank_corr not reported as skipped: $(cat "$WORK/last.err")"
! grep -q "wall_seconds" "$OUT" || fail "wall_seconds analysed"
! grep -q "few_samples" "$OUT" || fail "r = 10 marked few_samples"

# --metric, -o and -q: only that metric, to that file, nothing on stderr.
run_ok analyze "$GOOD" --metric follower_gini -o "$WORK/out/fg.csv" -q --bootstrap 200 --seed 3
[[ $(cut -d, -f1 "$WORK/out/fg.csv" | sort -u | tr '\n' ' ') == "follower_gini metric " ]] ||
    fail "--metric follower_gini wrote: $(cut -d, -f1 "$WORK/out/fg.csv" | sort -u | tr '\n' ' ')"
[[ ! -s $WORK/last.err ]] || fail "-q printed: $(cat "$WORK/last.err")"

# A small sample: the rows say so, and so does a warning (shown with -q too).
make_morris_sweep "$WORK/small" 4
run_ok analyze "$WORK/small" -q
grep -q "r = 4 is below 10" "$WORK/last.err" || fail "no warning about r = 4: $(cat "$WORK/last.err")"
[[ $(grep -c ",4,few_samples" "$WORK/small/sensitivity.csv") -eq 12 ]] || fail "rows not marked few_samples"

# A Sobol sweep through the command: S = ST = 9/10 and 1/10 for 3 a - b (N = 2048: the
# indices within 0.1, about 4 standard errors (95% half-widths measured ~0.05 for k.a);
# the intervals at 99.9% cover them).
make_sobol_sweep "$WORK/sobol" 2048 true
run_ok analyze "$WORK/sobol" --metric top1_share --confidence 0.999 --bootstrap 2000
S=$WORK/sobol/sensitivity.csv
[[ $(grep -c "^top1_share,sobol,S1,\|^top1_share,sobol,ST,\|^top1_share,sobol,S2,k.a,k.b," "$S") -eq 5 ]] ||
    fail "expected S1 and ST for two keys and one S2: $(cat "$S")"
awk -F, '$3 == "S1" || $3 == "ST" { t = $4 == "k.a" ? 0.9 : 0.1
           if (($6 - t) ^ 2 > 0.01 || $7 > t || $8 < t) { print "bad: " $0; bad = 1 } }
         $3 == "S2" && ($7 > 0 || $8 < 0) { print "bad: " $0; bad = 1 }
         END { exit bad }' "$S" || fail "Sobol indices of 3 a - b: $(cat "$S")"

# --- bad input: exit 2, one line FILE:LINE:COL: ..., no sensitivity.csv -----------------------
# bad DIR REGEX [ARGS...]: analyze DIR must refuse with a message matching REGEX.
bad() {
    local dir=$1 regex=$2
    shift 2
    rm -f "$dir/sensitivity.csv" 2>/dev/null || true
    run_rc 2 analyze "$dir" "$@"
    assert_one_line_error "$WORK/last.err"
    grep -Eq -- "$regex" "$WORK/last.err" || fail "analyze $dir $*: expected /$regex/, got: $(cat "$WORK/last.err")"
    [[ ! -e "$dir/sensitivity.csv" ]] || fail "analyze $dir $*: wrote sensitivity.csv"
    [[ ! -s "$WORK/last.out" ]] || fail "analyze $dir $*: printed on stdout"
}
# copy NAME: a fresh copy of the good sweep (without its output) to break.
copy() {
    rm -rf "${WORK:?}/$1"
    cp -r "$GOOD" "$WORK/$1"
    rm -f "$WORK/$1/sensitivity.csv"
    echo "$WORK/$1"
}

bad "$WORK/nowhere" "nowhere:0:0: analyze: no such directory"
mkdir "$WORK/empty"
bad "$WORK/empty" "empty:0:0: analyze: not a sweep directory: it has no sweep.json"
D=$(copy run) && rm "$D/sweep.json" && touch "$D/meta.json"
bad "$D" "run:0:0: analyze: is a run directory, not a sweep"

D=$(copy lhs) && sed -i 's/"method": "morris", "trajectories": 10, "levels": 4,/"method": "latin_hypercube",/' "$D/sweep.json"
bad "$D" "sweep.json:10:[0-9]+: design.method: the sweep's design is latin_hypercube: sensitivity indices need a Sobol or Morris design"
D=$(copy old) && sed -i '/"design"/,$d' "$D/sweep.json" && sed -i 's/"program": "test",/"program": "test"/' "$D/sweep.json" &&
    echo "}" >>"$D/sweep.json"
bad "$D" "sweep.json:[0-9]+:[0-9]+: design: sweep.json has no design"
D=$(copy levels) && sed -i 's/"levels": 4/"levels": 5/' "$D/sweep.json"
bad "$D" "sweep.json:10:[0-9]+: design.levels: odd"

D=$(copy unfinished) && rm "$D/summary.csv"
bad "$D" "summary.csv:0:0: analyze: no summary.csv: the sweep has not finished \(all 30 runs missing\).*--resume"
D=$(copy missing_rows) && sed -i '29,31d' "$D/summary.csv"
bad "$D" "summary.csv:28:1: summary.csv: 27 of the sweep's 30 runs: 3 missing"
D=$(copy no_design) && rm "$D/design.csv"
bad "$D" "design.csv:0:0: analyze: no such file \(the sweep's design"
D=$(copy moved) && awk -F, -v OFS=, 'NR == 3 { $5 = $5 > 0.5 ? $5 - 0.1 : $5 + 0.1 } { print }' "$GOOD/design.csv" >"$D/design.csv"
bad "$D" "design.csv:3:[0-9]+: u:k\.(a|b): (a Morris step of|[0-9.e-]+ differs from the previous point)"
D=$(copy role) && sed -i '2s/,base,/,step,/' "$D/design.csv"
bad "$D" "design.csv:2:[0-9]+: role: 'step' out of order \(expected base at position 0"
D=$(copy unit) && sed -i '2s/,base,-1,[^,]*,/,base,-1,1.5,/' "$D/design.csv"
bad "$D" "design.csv:2:[0-9]+: u:k.a: '1.5' is not a unit coordinate"

bad "$GOOD" "summary.csv:[0-9]+:[0-9]+: talent_rank_corr: run 5 \(point 5, replicate 0\) has 'nan', not a finite number" \
    --metric talent_rank_corr
bad "$GOOD" "summary.csv:1:0: --metric: no metric 'top1_shar' in summary.csv \(did you mean top1_share\?\)" \
    --metric top1_shar
bad "$GOOD" "--metric: 'k.a' is a swept key, not a metric" --metric k.a
bad "$GOOD" "--metric: wall_seconds is the run's time" --metric wall_seconds
bad "$GOOD" "^command line:0:0: --confidence: 1.5 is not in \(0, 1\)" --confidence 1.5
bad "$GOOD" "^command line:0:0: .*--bootstrap" --bootstrap -1
note "ok"
