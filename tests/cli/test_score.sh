#!/usr/bin/env bash
# grassroots score on real runs and a real sweep: a run scored against its own values has
# distance 0; a hand-computed case (two targets, known errors and weights); ranges;
# timeseries targets divided by a summary column, a timeseries column or a number; a sweep
# with replicates whose points' means and distances are recomputed here from its rows;
# the refusals (a sweep without timeseries, an unfinished sweep, no run at all).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# score_value FILE TARGET COLUMN: a column of score.csv's row for TARGET.
score_value() {
    awk -F, -v target="$2" -v name="$3" '
        NR == 1 { for (i = 1; i <= NF; ++i) if ($i == name) col = i; next }
        $1 == target { print $col }' "$1"
}
# same A B [RELATIVE]: the numbers agree (exactly, or within the relative margin).
same() {
    awk -v a="$1" -v b="$2" -v r="${3:-0}" 'BEGIN { d = a - b; if (d < 0) d = -d
        m = (a < 0 ? -a : a); exit !(d <= r * m) }'
}

run_ok run "$SMALL" -q -o "$WORK/run"
RUN=$WORK/run
summary=$RUN/summary.csv

# users_<cohort>: the cohorts' sizes, as meta.json gives them, summing to users.
young=$(csv_value "$summary" users_young)
old=$(csv_value "$summary" users_old)
[[ $((young + old)) -eq $(csv_value "$summary" users) ]] || fail "users_young + users_old != users"
grep -q "\"name\": \"young\", \"users\": $young}" "$RUN/meta.json" || fail "users_young $young differs from meta.json"
grep -q "\"name\": \"old\", \"users\": $old}" "$RUN/meta.json" || fail "users_old $old differs from meta.json"

# 1. Observed = the run's own values (as the files print them, which read back as the same
# doubles): every error is exactly 0, and so is the distance. The range contains the value.
top3=$(csv_value "$summary" views_top3_share)
gini=$(csv_value "$summary" follower_gini)
online_old_20=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; ++i) c[$i] = i; next }
                         $c["tick"] == 20 { print $c["online_old"] }' "$RUN/timeseries.csv")
users_online_20=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; ++i) c[$i] = i; next }
                         $c["tick"] == 20 { print $c["users_online"] }' "$RUN/timeseries.csv")
share_old=$(awk -v a="$online_old_20" -v b="$old" 'BEGIN { printf "%.17g", a / b }')
[[ $online_old_20 -gt 0 && $online_old_20 -lt $old ]] ||
    fail "online_old at tick 20 is $online_old_20 of $old: the share test needs one strictly inside (0, 1)"
cat >"$WORK/self.yaml" <<EOF
name: self
targets:
  - {name: top3, metric: views_top3_share, observed: $top3, tolerance: 0.05, source: the run itself}
  - {name: gini, metric: follower_gini, observed: [0, 1], tolerance: 0.1, weight: 2, source: the run itself}
  - name: old_online
    metric: {timeseries: online_old, tick: 20, over: users_old}
    observed: $share_old
    tolerance: 0.05
    source: the run itself
EOF
run_ok score "$RUN" --targets "$WORK/self.yaml"
[[ $(cat "$WORK/last.out") == "distance 0" ]] || fail "self-scoring printed '$(cat "$WORK/last.out")', expected distance 0"
[[ -f "$RUN/score.csv" ]] || fail "no RUN/score.csv (the default output)"
[[ $(head -n 1 "$RUN/score.csv") == target,metric,observed_lo,observed_hi,tolerance,weight,model,error,scaled_error ]] ||
    fail "score.csv header: $(head -n 1 "$RUN/score.csv")"
[[ $(($(wc -l <"$RUN/score.csv") - 1)) -eq 3 ]] || fail "score.csv does not have one row per target"
for target in top3 gini old_online; do
    [[ $(score_value "$RUN/score.csv" $target error) == 0 ]] || fail "$target: error is not 0"
done
[[ $(score_value "$RUN/score.csv" gini model) == "$gini" ]] || fail "gini: model is not summary.csv's follower_gini"
[[ $(score_value "$RUN/score.csv" gini observed_hi) == 1 ]] || fail "gini: observed_hi is not 1"
[[ $(score_value "$RUN/score.csv" old_online metric) == online_old@20/users_old ]] ||
    fail "old_online: metric label $(score_value "$RUN/score.csv" old_online metric)"

# 2. By hand, on integer measures (exact in doubles): users 3000 against 2990, tolerance 5:
# error 10, scaled 2, weight 1; creators_active C against the range [C + 4, C + 100],
# tolerance 4: error -4, scaled -1, weight 3. Distance sqrt((1 * 2^2 + 3 * 1^2) / (1 + 3))
# = sqrt(7 / 4), exactly the double nearest it: no margin.
active=$(csv_value "$summary" creators_active)
cat >"$WORK/hand.yaml" <<EOF
targets:
  - {name: users, metric: users, observed: 2990, tolerance: 5, source: by hand}
  - {name: active, metric: creators_active, observed: [$((active + 4)), $((active + 100))], tolerance: 4, weight: 3, source: by hand}
EOF
run_ok score "$RUN" --targets "$WORK/hand.yaml" -o "$WORK/out/hand.csv" -q
[[ -f "$WORK/out/hand.csv" ]] || fail "-o did not write $WORK/out/hand.csv"
distance=$(sed -n 's/^distance //p' "$WORK/last.out")
same "$distance" "$(awk 'BEGIN { printf "%.17g", sqrt(7 / 4) }')" || fail "hand case: distance $distance, expected sqrt(7/4)"
[[ $(score_value "$WORK/out/hand.csv" users error) == 10 && $(score_value "$WORK/out/hand.csv" users scaled_error) == 2 ]] ||
    fail "hand case: users error/scaled error are not 10/2"
[[ $(score_value "$WORK/out/hand.csv" active error) == -4 && $(score_value "$WORK/out/hand.csv" active scaled_error) == -1 ]] ||
    fail "hand case: active error/scaled error are not -4/-1"
[[ $(score_value "$RUN/score.csv" top3 error) == 0 ]] || fail "-o also rewrote RUN/score.csv"

# 3. Timeseries targets divided by a summary column, a number (users_old itself) and a
# timeseries column at the tick (users_online at tick 20).
cat >"$WORK/over.yaml" <<EOF
targets:
  - {name: by_column, metric: {timeseries: online_old, tick: 20, over: users_old}, observed: 0, tolerance: 1, source: s}
  - {name: by_number, metric: {timeseries: online_old, tick: 20, over: $old}, observed: 0, tolerance: 1, source: s}
  - {name: by_level, metric: {timeseries: online_old, tick: 20, over: users_online}, observed: 0, tolerance: 1, source: s}
  - {name: plain, metric: {timeseries: online_old, tick: 20}, observed: 0, tolerance: 1, source: s}
EOF
run_ok score "$RUN" --targets "$WORK/over.yaml" -o "$WORK/over.csv" -q
by_column=$(score_value "$WORK/over.csv" by_column model)
same "$by_column" "$share_old" || fail "online_old@20/users_old is $by_column, expected $share_old"
[[ $(score_value "$WORK/over.csv" by_number model) == "$by_column" ]] || fail "over: $old differs from over: users_old"
same "$(score_value "$WORK/over.csv" by_level model)" "$(awk -v a="$online_old_20" -v b="$users_online_20" \
    'BEGIN { printf "%.17g", a / b }')" || fail "online_old@20/users_online is not the timeseries' ratio at tick 20"
[[ $(score_value "$WORK/over.csv" plain model) == "$online_old_20" ]] || fail "online_old@20 is not the timeseries value"

# 4. The shipped stylized facts score a run: one row per target.
run_ok score "$RUN" --targets "$SRC/targets/stylized_facts.yaml" -o "$WORK/facts.csv" -q
facts=$(grep -c '^  - name:' "$SRC/targets/stylized_facts.yaml")
[[ $(($(wc -l <"$WORK/facts.csv") - 1)) -eq $facts ]] || fail "stylized_facts: not one row per target ($facts)"

# 5. A sweep: 2 x 2 points x 3 replicates. scores.csv repeats the sweep's values run by run;
# scores_points.csv's means, distances and mean run distances are recomputed here.
run_ok sweep "$INPUTS/sweeps/grid.yaml" -q -o "$WORK/sweep" --jobs 2 --threads 2
cat >"$WORK/sweep.yaml" <<EOF
targets:
  - {name: top3, metric: views_top3_share, observed: 0.85, tolerance: 0.05, source: Bartl 2018}
  - {name: online, metric: {timeseries: online_all, tick: 20, over: users_all}, observed: [0.2, 0.3], tolerance: 0.05, weight: 2, source: s}
EOF
run_ok score "$WORK/sweep" --targets "$WORK/sweep.yaml"
scores=$WORK/sweep/scores.csv
points=$WORK/sweep/scores_points.csv
[[ $(head -n 1 "$scores") == run_id,point_id,replicate,platform.feed.popularity,platform.feed.explore,model:top3,model:online,distance ]] ||
    fail "scores.csv header: $(head -n 1 "$scores")"
[[ $(head -n 1 "$points") == point_id,platform.feed.popularity,platform.feed.explore,replicates,model:top3,model:online,distance,mean_run_distance ]] ||
    fail "scores_points.csv header: $(head -n 1 "$points")"
[[ $(($(wc -l <"$scores") - 1)) -eq 12 && $(($(wc -l <"$points") - 1)) -eq 4 ]] ||
    fail "expected 12 runs and 4 points"
[[ "$(csv_column "$points" point_id | paste -sd' ')" == "0 1 2 3" ]] || fail "points are not sorted by point_id"
cmp <(csv_column "$scores" model:top3) <(csv_column "$WORK/sweep/summary.csv" views_top3_share) >&2 ||
    fail "model:top3 is not the sweep summary's views_top3_share, run by run"
for run in 0 7; do
    ts=$WORK/sweep/runs/$(printf '%06d' $run)/timeseries.csv
    expected=$(awk -F, -v n="$(csv_column "$WORK/sweep/summary.csv" users | head -n 1)" '
        NR == 1 { for (i = 1; i <= NF; ++i) c[$i] = i; next } $c["tick"] == 20 { printf "%.17g", $c["online_all"] / n }' "$ts")
    got=$(awk -F, -v r=$run 'NR > 1 && $1 == r { print $7 }' "$scores")
    same "$got" "$expected" || fail "run $run: model:online $got, expected $expected from its timeseries"
done
# Point 2 by hand: the means of its three rows, the distance of the means (top3: a point
# target, 0.85, tolerance 0.05, weight 1; online: the range [0.2, 0.3], tolerance 0.05,
# weight 2), and the mean of the runs' distances. Margin 1e-12 relative: the same sums in
# another order (awk's) may differ in the last bits.
read -r mean_top3 mean_online mean_run < <(awk -F, 'NR > 1 && $2 == 2 { a += $6; b += $7; d += $8; n++ }
    END { printf "%.17g %.17g %.17g\n", a / n, b / n, d / n }' "$scores")
expected=$(awk -v a="$mean_top3" -v b="$mean_online" 'BEGIN {
    ea = (a - 0.85) / 0.05; eb = (b > 0.3 ? b - 0.3 : (b < 0.2 ? b - 0.2 : 0)) / 0.05
    printf "%.17g", sqrt((ea * ea + 2 * eb * eb) / 3) }')
row=$(awk -F, '$1 == 2' "$points")
IFS=, read -r _ popularity explore replicates p_top3 p_online p_distance p_mean_run <<<"$row"
[[ $popularity == 0.5 && $explore == 0.0 && $replicates == 3 ]] || fail "point 2's keys or replicates: $row"
same "$p_top3" "$mean_top3" 1e-12 || fail "point 2: mean top3 $p_top3, expected $mean_top3"
same "$p_online" "$mean_online" 1e-12 || fail "point 2: mean online $p_online, expected $mean_online"
same "$p_distance" "$expected" 1e-12 || fail "point 2: distance $p_distance, expected $expected"
same "$p_mean_run" "$mean_run" 1e-12 || fail "point 2: mean_run_distance $p_mean_run, expected $mean_run"
best=$(awk -F, 'NR > 1 && (b == "" || $7 < d) { b = $1; d = $7 } END { print b }' "$points")
grep -q "^best point $best: distance " "$WORK/last.out" || fail "stdout does not name best point $best: $(cat "$WORK/last.out")"

# A sweep directory's run (runs/<id>/) is scored like a run.
run_ok score "$WORK/sweep/runs/000007" --targets "$WORK/sweep.yaml" -q
same "$(score_value "$WORK/sweep/runs/000007/score.csv" online model)" \
    "$(awk -F, 'NR > 1 && $1 == 7 { print $7 }' "$scores")" || fail "runs/000007 scored alone differs from its scores.csv row"

# -o for a sweep: the points file beside it, _points added.
run_ok score "$WORK/sweep" --targets "$WORK/sweep.yaml" -o "$WORK/elsewhere/s.csv" -q
[[ -f "$WORK/elsewhere/s.csv" && -f "$WORK/elsewhere/s_points.csv" ]] || fail "-o for a sweep: files missing"
cmp "$WORK/elsewhere/s_points.csv" "$points" >&2 || fail "-o for a sweep wrote other points"

# 6. Refusals, exit 2 with one line and nothing written.
cat >"$WORK/none.yaml" <<EOF
name: none
base: $INPUTS/sweeps/base.yaml
replicates: 2
keep_runs: none
fixed: {ticks: 10}
points: [{creators.share: 0.05}]
EOF
run_ok sweep "$WORK/none.yaml" -q -o "$WORK/none"
run_rc 2 score "$WORK/none" --targets "$WORK/sweep.yaml"
assert_one_line_error "$WORK/last.err"
grep -q "sweep.yaml:3:.*targets.1.metric: the sweep .* kept no timeseries (its sweep.yaml says keep_runs: none)" \
    "$WORK/last.err" || fail "keep_runs none: $(cat "$WORK/last.err")"
[[ ! -e "$WORK/none/scores.csv" && ! -e "$WORK/none/scores_points.csv" ]] || fail "a refused score wrote files"
# Summary targets need no timeseries.
head -n 2 "$WORK/sweep.yaml" >"$WORK/summary_only.yaml"
run_ok score "$WORK/none" --targets "$WORK/summary_only.yaml" -q
[[ $(($(wc -l <"$WORK/none/scores.csv") - 1)) -eq 2 ]] || fail "keep_runs none: expected 2 scored runs"

mv "$WORK/none/summary.csv" "$WORK/none/summary.csv.away"
run_rc 2 score "$WORK/none" --targets "$WORK/summary_only.yaml"
assert_one_line_error "$WORK/last.err"
grep -q "summary.csv:0:0: score: no such file: the sweep has not finished" "$WORK/last.err" ||
    fail "unfinished sweep: $(cat "$WORK/last.err")"

mkdir "$WORK/empty"
run_rc 2 score "$WORK/empty" --targets "$WORK/summary_only.yaml"
assert_one_line_error "$WORK/last.err"
grep -q "empty:0:0: score: neither meta.json nor sweep.json" "$WORK/last.err" || fail "empty dir: $(cat "$WORK/last.err")"
run_rc 2 score "$RUN" --targets "$WORK/no_such.yaml"
assert_one_line_error "$WORK/last.err"
[[ -z $(ls "$WORK/empty") ]] || fail "a refused score wrote into the directory"

# The command is listed.
run_ok --help
grep -Eq '^ +score +' "$WORK/last.out" || fail "grassroots --help does not list score"
note "self-score 0, hand case sqrt(7/4), sweep of 12 runs / 4 points recomputed; distance of point 2: $p_distance"
