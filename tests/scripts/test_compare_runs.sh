#!/usr/bin/env bash
# compare_runs.py on real runs (a social and an algorithmic feed): default metrics, chosen
# metrics and labels, flows, runs kept by a sweep; its errors exit 2 with one line.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_plotting

SOCIAL=$WORK/social
ALGO=$WORK/algorithmic
grassroots_ok run "$SMALL" -q -o "$SOCIAL" --set ticks=25 --set creators.elite_share=0.2 \
    --set creators.elite.initial_followers=100 --set platform.feed.social=1 --set platform.feed.interest=0
grassroots_ok run "$SMALL" -q -o "$ALGO" --set ticks=25 --set creators.elite_share=0.2 \
    --set creators.elite.initial_followers=100 --set platform.feed.social=0 --set platform.feed.interest=1 \
    --set output.every=5

# python3 from PATH, default metrics and output (in the current directory).
expect_exit 0 "$PYTHON" "$SCRIPTS/compare_runs.py" "$SOCIAL" "$ALGO"
assert_png "$WORK/compare_follower_gini_grassroots_top100_share.png"

# The shebang, chosen metrics (levels and flows, --metric given twice), labels, smoothing.
[[ -x "$SCRIPTS/compare_runs.py" ]] || fail "scripts/compare_runs.py is not executable"
expect_exit 0 "$SCRIPTS/compare_runs.py" "$SOCIAL" "$ALGO" --metric top1_share views --metric online_young \
    --labels social algorithmic --smooth 3 --out "$WORK/out/feeds.png"
assert_png "$WORK/out/feeds.png"

# A run kept by a sweep next to a plain run.
grassroots_ok sweep "$INPUTS/sweeps/grid.yaml" -q -o "$WORK/sweep"
expect_exit 0 "$PYTHON" "$SCRIPTS/compare_runs.py" "$WORK/sweep/runs/000000" "$WORK/sweep/runs/000009" \
    --metric follows --out "$WORK/sweep.png"
assert_png "$WORK/sweep.png"

# Errors.
expect_exit 2 "$PYTHON" "$SCRIPTS/compare_runs.py" "$SOCIAL" "$ALGO" --metric no_such_metric --out "$WORK/x.png"
assert_one_line "$WORK/last.err" "^compare_runs.py: unknown metric 'no_such_metric'.*metrics common to all runs: .*follower_gini"
expect_exit 2 "$PYTHON" "$SCRIPTS/compare_runs.py" "$SOCIAL" "$WORK/sweep/runs/000000" --metric online_young --out "$WORK/x.png"
assert_one_line "$WORK/last.err" "unknown metric 'online_young': not a column of timeseries.csv in .*sweep/runs/000000"
expect_exit 2 "$PYTHON" "$SCRIPTS/compare_runs.py" "$SOCIAL" "$ALGO" --labels only-one --out "$WORK/x.png"
grep -q "got 1 label(s) for 2 run directories" "$WORK/last.err" || fail "label count: $(cat "$WORK/last.err")"
cp -r "$ALGO" "$WORK/unfinished"
rm "$WORK/unfinished/meta.json"
expect_exit 2 "$PYTHON" "$SCRIPTS/compare_runs.py" "$SOCIAL" "$WORK/unfinished" --out "$WORK/x.png"
assert_one_line "$WORK/last.err" "^compare_runs.py: .*unfinished is not a finished run: it has no meta.json"
[[ ! -e "$WORK/x.png" ]] || fail "an error case wrote a figure"
note "ok"
