#!/usr/bin/env bash
# Sweeps: one row per run in run order, the swept keys as columns, results independent of
# --jobs and --threads, the resolved sweep.yaml reproducing the sweep, keep_runs honoured,
# Latin hypercube samples inside their ranges, Sobol' and Morris designs with their
# design.csv (also after --resume and from the resolved sweep), and a points_file.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SWEEPS=$INPUTS/sweeps

# every column but wall_seconds (the last)
without_wall() { sed 's/,[^,]*$//' "$1"; }

run_ok sweep "$SWEEPS/grid.yaml" -q -o "$WORK/a" --jobs 1 --threads 1
run_ok sweep "$SWEEPS/grid.yaml" -q -o "$WORK/b" --jobs 2 --threads 2
[[ -f "$WORK/a/summary.csv" && -f "$WORK/a/sweep.yaml" ]] || fail "summary.csv or sweep.yaml missing"
rows=$(($(wc -l <"$WORK/a/summary.csv") - 1))
[[ $rows -eq 12 ]] || fail "summary.csv has $rows rows, expected 2 x 2 points x 3 replicates = 12"
header=$(head -n 1 "$WORK/a/summary.csv")
[[ "$header" == run_id,point_id,replicate,seed,world_seed,platform.feed.popularity,platform.feed.explore,* ]] ||
    fail "unexpected summary header: $header"
[[ "$header" == *,wall_seconds ]] || fail "summary header does not end with wall_seconds: $header"
for column in follower_gini grassroots_top100_share talent_rank_corr views_total; do
    [[ ",$header," == *",$column,"* ]] || fail "summary.csv lacks the run metric $column"
done
[[ "$(csv_column "$WORK/a/summary.csv" run_id | paste -sd' ')" == "0 1 2 3 4 5 6 7 8 9 10 11" ]] ||
    fail "rows are not in run order"
cmp <(without_wall "$WORK/a/summary.csv") <(without_wall "$WORK/b/summary.csv") >&2 ||
    fail "summary.csv differs between --jobs 1 --threads 1 and --jobs 2 --threads 2"

# The long ("tidy") form: one row per run and metric, the same values. 7 key columns (5 ids,
# 2 swept keys), so each run has (columns - 7) metric rows.
long=$WORK/a/summary_long.csv
[[ -f $long ]] || fail "summary_long.csv missing"
[[ "$(head -n 1 "$long")" == run_id,point_id,replicate,seed,world_seed,platform.feed.popularity,platform.feed.explore,metric,value ]] ||
    fail "unexpected summary_long.csv header: $(head -n 1 "$long")"
metrics=$(($(head -n 1 "$WORK/a/summary.csv" | tr ',' '\n' | wc -l) - 7))
[[ $(($(wc -l <"$long") - 1)) -eq $((12 * metrics)) ]] ||
    fail "summary_long.csv has $(($(wc -l <"$long") - 1)) rows, expected 12 runs x $metrics metrics"
wide=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; ++i) if ($i == "follower_gini") c = i } NR > 1 && $1 == 5 { print $c }' \
    "$WORK/a/summary.csv")
tidy=$(awk -F, '$1 == 5 && $8 == "follower_gini" { print $9 }' "$long")
[[ -n $wide && $wide == "$tidy" ]] || fail "run 5's follower_gini: $wide in summary.csv, '$tidy' in summary_long.csv"

# Replicates share seeds across points (common random numbers); the world is fixed.
[[ $(csv_column "$WORK/a/summary.csv" world_seed | sort -u | wc -l) -eq 1 ]] ||
    fail "vary_world: false but the world seeds differ"
[[ $(csv_column "$WORK/a/summary.csv" seed | sort -u | wc -l) -eq 3 ]] || fail "expected 3 distinct run seeds"

# common_random_numbers: false gives every run its own seeds (12 of them, each world one),
# and the resolved sweep.yaml keeps the setting.
sed -e 's/^replicates:.*/&\ncommon_random_numbers: false\nvary_world: true/' -e "s|^base: .*|base: $SWEEPS/base.yaml|" \
    "$SWEEPS/grid.yaml" >"$WORK/independent.yaml"
run_ok sweep "$WORK/independent.yaml" -q -o "$WORK/ind"
[[ $(csv_column "$WORK/ind/summary.csv" seed | sort -u | wc -l) -eq 12 ]] ||
    fail "common_random_numbers: false but runs share seeds"
[[ $(csv_column "$WORK/ind/summary.csv" world_seed | sort -u | wc -l) -eq 12 ]] ||
    fail "common_random_numbers: false with vary_world but runs share worlds"
grep -q '^common_random_numbers: false$' "$WORK/ind/sweep.yaml" || fail "sweep.yaml lost common_random_numbers: false"

# keep_runs: timeseries keeps the timeseries (and the run's summary), not creators.csv.
[[ -f "$WORK/a/runs/000000/timeseries.csv" ]] || fail "keep_runs timeseries did not keep timeseries.csv"
[[ ! -f "$WORK/a/runs/000000/creators.csv" ]] || fail "keep_runs timeseries kept creators.csv"

# The resolved sweep is itself a sweep file that gives the same summary.
run_ok sweep "$WORK/a/sweep.yaml" -q -o "$WORK/c"
cmp <(without_wall "$WORK/a/summary.csv") <(without_wall "$WORK/c/summary.csv") >&2 ||
    fail "re-running the resolved sweep.yaml gave another summary"

# A run directory of a sweep replays as a plain run: same timeseries.
run_ok run "$WORK/a/runs/000004/scenario.yaml" -q -o "$WORK/replay"
cmp "$WORK/a/runs/000004/timeseries.csv" "$WORK/replay/timeseries.csv" >&2 ||
    fail "a sweep run's scenario.yaml does not reproduce its timeseries"

# Latin hypercube: 8 points x 2 replicates, values inside the ranges, an integer key
# kept integral, one value per stratum of each range.
run_ok sweep "$SWEEPS/sample.yaml" -q -o "$WORK/s"
rows=$(($(wc -l <"$WORK/s/summary.csv") - 1))
[[ $rows -eq 16 ]] || fail "sample sweep has $rows rows, expected 16"
csv_column "$WORK/s/summary.csv" creators.share |
    awk '{ if ($1 < 0.02 || $1 > 0.1) bad = 1; s[int(($1 - 0.02) / 0.01)]++ }
         END { if (bad) exit 1; for (i = 0; i < 8; ++i) if (s[i] != 2) exit 1 }' ||
    fail "creators.share values are not one per stratum of [0.02, 0.1]"
csv_column "$WORK/s/summary.csv" population.cohorts.0.attention | grep -qvE '^[0-9]+$' &&
    fail "an integer range gave a non-integer value"
[[ $(csv_column "$WORK/s/summary.csv" world_seed | sort -u | wc -l) -eq 2 ]] ||
    fail "vary_world: true should give one world per replicate"
[[ ! -e "$WORK/s/runs/000000/timeseries.csv" ]] || fail "keep_runs none kept a timeseries"
note "grid and sample sweeps: 12 and 16 runs, identical at any --jobs/--threads"

# Sobol' (Saltelli) design, second order: N (2D + 2) = 4 x 6 points; design.csv in point
# order (A, AB^1, AB^2, BA^1, BA^2, B per block); sweep.json's design; --resume writes
# design.csv again; the resolved sweep.yaml (which keeps the sample block) gives the same.
run_ok sweep "$SWEEPS/sobol.yaml" -q -o "$WORK/sobol" --jobs 2
design=$WORK/sobol/design.csv
[[ $(($(wc -l <"$design") - 1)) -eq 24 ]] || fail "sobol design.csv has $(($(wc -l <"$design") - 1)) rows, expected 24"
[[ $(($(wc -l <"$WORK/sobol/summary.csv") - 1)) -eq 24 ]] || fail "sobol sweep: expected 24 runs"
[[ "$(head -n 1 "$design")" == "point_id,block,role,changed,u:creators.share,u:population.cohorts.0.attention" ]] ||
    fail "unexpected design.csv header: $(head -n 1 "$design")"
[[ "$(csv_column "$design" role | paste -sd' ')" == "$(for _ in 1 2 3 4; do printf 'A AB AB BA BA B '; done | sed 's/ $//')" ]] ||
    fail "sobol roles are not A AB AB BA BA B per block"
[[ "$(csv_column "$design" changed | head -n 6 | paste -sd' ')" == "-1 0 1 0 1 -1" ]] || fail "sobol changed column"
grep -q '"design": {"method": "sobol", "n": 4, "second_order": true, "ranges": {"creators.share": {"lo": 0.02, "hi": 0.1, "scale": "linear", "integer": false}, "population.cohorts.0.attention": {"lo": 2, "hi": 50, "scale": "log", "integer": true}}}' \
    "$WORK/sobol/sweep.json" || fail "sweep.json lacks the sobol design"
csv_column "$WORK/sobol/summary.csv" population.cohorts.0.attention |
    awk '$1 !~ /^[0-9]+$/ || $1 < 2 || $1 > 50 { exit 1 }' || fail "a log integer range gave a value outside [2, 50]"
cp "$design" "$WORK/design.first"
rm "$design" "$WORK/sobol/sweep.json"
run_ok sweep "$SWEEPS/sobol.yaml" -q -o "$WORK/sobol" --resume
cmp "$design" "$WORK/design.first" >&2 || fail "--resume wrote another design.csv"
[[ -f "$WORK/sobol/sweep.json" ]] || fail "--resume did not write sweep.json"
grep -q '^sample:' "$WORK/sobol/sweep.yaml" || fail "sweep.yaml of a sobol design lost its sample block"
run_ok sweep "$WORK/sobol/sweep.yaml" -q -o "$WORK/sobol2"
cmp "$design" "$WORK/sobol2/design.csv" >&2 || fail "the resolved sweep.yaml gave another design.csv"
cmp <(without_wall "$WORK/sobol/summary.csv") <(without_wall "$WORK/sobol2/summary.csv") >&2 ||
    fail "the resolved sobol sweep.yaml gave another summary"

# Morris: 3 trajectories of 3 keys, 4 points each (base, 3 steps).
run_ok sweep "$SWEEPS/morris.yaml" -q -o "$WORK/morris"
[[ "$(csv_column "$WORK/morris/design.csv" role | paste -sd' ')" == "base step step step base step step step base step step step" ]] ||
    fail "morris roles are not base step step step per trajectory"
grep -q '"design": {"method": "morris", "trajectories": 3, "levels": 4, "delta": 0.6666666666666666, ' \
    "$WORK/morris/sweep.json" || fail "sweep.json lacks the morris design"

# A fresh sweep of another design into that directory leaves no stale design.csv.
run_ok sweep "$SWEEPS/points_file.yaml" -q -o "$WORK/morris"
[[ ! -e "$WORK/morris/design.csv" ]] || fail "a points_file sweep kept the morris design.csv"
# points_file: the CSV's rows, values unchanged, replicates within each point.
[[ "$(csv_column "$WORK/morris/summary.csv" creators.share | paste -sd' ')" == "0.03 0.03 0.08 0.08 0.05 0.05" ]] ||
    fail "points_file values differ from points.csv"
[[ "$(csv_column "$WORK/morris/summary.csv" population.cohorts.0.attention | paste -sd' ')" == "5 5 12 12 20 20" ]] ||
    fail "points_file values differ from points.csv"
grep -q '"design": {"method": "points_file"}' "$WORK/morris/sweep.json" || fail "sweep.json lacks the points_file design"
note "sobol (24 runs), morris (12) and points_file (6) sweeps: design.csv and sweep.json as documented"
