#!/usr/bin/env bash
# plot_sweep.py on a real sweep: line plots with confidence bands, with and without --hue,
# heatmaps, --where and --list; its errors: not a sweep, unfinished sweep, unknown key or
# metric (exit 2, one line listing what exists).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_plotting

SWEEP=$WORK/grid
grassroots_ok sweep "$INPUTS/sweeps/grid.yaml" -q -o "$SWEEP"
X=platform.feed.popularity
H=platform.feed.explore

# python3 from PATH; default output path under SWEEP/figures.
expect_exit 0 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$SWEEP" --x $X --y follower_gini --hue $H
assert_png "$SWEEP/figures/follower_gini_vs_${X}_by_${H}.png"
grep -qx "$SWEEP/figures/follower_gini_vs_${X}_by_${H}.png" "$WORK/last.out" || fail "stdout does not name the figure"

# The shebang: no hue (averages over the other key, and says so), --out.
[[ -x "$SCRIPTS/plot_sweep.py" ]] || fail "scripts/plot_sweep.py is not executable"
expect_exit 0 "$SCRIPTS/plot_sweep.py" "$SWEEP" --x $H --y top1_share --out "$WORK/out/line.png"
assert_png "$WORK/out/line.png"
grep -q "averaging over $X" "$WORK/last.err" || fail "no note about averaging over $X"

# --where fixes the other key: no note.
expect_exit 0 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$SWEEP" --x $H --y views_total --where $X=0.5 --out "$WORK/where.png"
assert_png "$WORK/where.png"
! grep -q "averaging" "$WORK/last.err" || fail "--where did not fix $X"

# Heatmap of two keys.
expect_exit 0 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$SWEEP" --heatmap --x $X --hue $H --y talent_rank_corr
assert_png "$SWEEP/figures/heatmap_talent_rank_corr_${X}_${H}.png"

# --list names the keys and the metrics.
expect_exit 0 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$SWEEP" --list
grep -q "^  $X  \[2 values: 0, 0.5\]" "$WORK/last.out" || fail "--list does not show $X and its values"
grep -qx "  follower_gini" "$WORK/last.out" || fail "--list does not show the metric follower_gini"

# A swept key named like a metric (ticks), runs not kept: sweep.json tells keys and metrics apart.
cat >"$WORK/ticks.yaml" <<YAML
name: ticks_sweep
base: $INPUTS/sweeps/base.yaml
replicates: 2
grid:
  ticks: [4, 6]
  creators.share: [0.05, 0.1]
keep_runs: none
YAML
grassroots_ok sweep "$WORK/ticks.yaml" -q -o "$WORK/ticks"
expect_exit 0 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$WORK/ticks" --list
grep -q "^  ticks  \[2 values: 4, 6\]" "$WORK/last.out" || fail "--list does not show the swept key ticks"
grep -qx "  ticks" "$WORK/last.out" || fail "--list does not show the metric ticks"
expect_exit 0 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$WORK/ticks" --x ticks --y ticks --hue creators.share \
    --out "$WORK/ticks.png"
assert_png "$WORK/ticks.png"

# Errors: exit 2, one line on stderr, nothing written.
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$SWEEP" --x no.such.key --y follower_gini
assert_one_line "$WORK/last.err" "^plot_sweep.py: unknown swept key 'no.such.key' for --x.*swept keys: $X, $H$"
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$SWEEP" --x $X --y no_such_metric
assert_one_line "$WORK/last.err" "^plot_sweep.py: unknown metric 'no_such_metric' for --y.*metrics: .*follower_gini.*wall_seconds$"
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$SWEEP" --x follower_gini --y top1_share
assert_one_line "$WORK/last.err" "it is a metric, not a swept key"
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$SWEEP" --x $X --y top1_share --where $X=0.3
assert_one_line "$WORK/last.err" "matches no run; its values are: 0, 0.5$"
mkdir "$WORK/empty"
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$WORK/empty" --x $X --y top1_share
assert_one_line "$WORK/last.err" "^plot_sweep.py: .*empty is not a sweep directory: it has no summary.csv$"
mkdir "$WORK/unfinished"
cp "$SWEEP/sweep.yaml" "$WORK/unfinished/"
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$WORK/unfinished" --x $X --y top1_share
assert_one_line "$WORK/last.err" "is not a finished sweep"
# A sweep without sweep.json (made by an older grassroots): its keys are not guessed.
cp -r "$WORK/ticks" "$WORK/old"
rm "$WORK/old/sweep.json"
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$WORK/old" --x ticks --y ticks
assert_one_line "$WORK/last.err" "^plot_sweep.py: .*/old has no sweep.json, which names the swept keys .*--resume writes it\)$"
grassroots_ok sweep "$WORK/ticks.yaml" -q -o "$WORK/old" --resume  # as the message says: nothing is run again
cmp "$WORK/old/sweep.json" "$WORK/ticks/sweep.json" || fail "--resume did not write the sweep's sweep.json"
expect_exit 0 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$WORK/old" --list
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$SWEEP/runs/000000" --x $X --y top1_share
assert_one_line "$WORK/last.err" "is a run directory, not a sweep: use plot_run.py"
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$SWEEP" --heatmap --x $X --y top1_share
grep -q "needs --hue" "$WORK/last.err" || fail "--heatmap without --hue: $(cat "$WORK/last.err")"
[[ ! -e "$WORK/empty/figures" && ! -e "$WORK/unfinished/figures" ]] || fail "an error case wrote figures"
note "ok"
