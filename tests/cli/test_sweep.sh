#!/usr/bin/env bash
# Sweeps: one row per run in run order, the swept keys as columns, results independent of
# --jobs and --threads, the resolved sweep.yaml reproducing the sweep, keep_runs honoured,
# and Latin hypercube samples inside their ranges.
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

# Replicates share seeds across points (common random numbers); the world is fixed.
[[ $(csv_column "$WORK/a/summary.csv" world_seed | sort -u | wc -l) -eq 1 ]] ||
    fail "vary_world: false but the world seeds differ"
[[ $(csv_column "$WORK/a/summary.csv" seed | sort -u | wc -l) -eq 3 ]] || fail "expected 3 distinct run seeds"

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
