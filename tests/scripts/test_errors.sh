#!/usr/bin/env bash
# What the scripts check before they need matplotlib: --help, and directories that are not
# (finished) runs. Exit 2 and exactly one line on stderr, nothing written. Runs even where
# matplotlib is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_python

for script in plot_run plot_sweep compare_runs; do
    [[ -x "$SCRIPTS/$script.py" ]] || fail "scripts/$script.py is not executable"
    head -n 1 "$SCRIPTS/$script.py" | grep -qx '#!/usr/bin/env python3' || fail "$script.py: wrong shebang"
    expect_exit 0 "$PYTHON" "$SCRIPTS/$script.py" --help
    grep -q "^usage: $script.py" "$WORK/last.out" || fail "$script.py --help: no usage line"
    grep -qi "^examples\?:" "$WORK/last.out" || fail "$script.py --help: no example"
    expect_exit 2 "$PYTHON" "$SCRIPTS/$script.py" --no-such-option
done

RUN=$WORK/run
grassroots_ok run "$SMALL" -q -o "$RUN" --set ticks=5

# Not a run: an empty directory, a missing one, a file.
mkdir "$WORK/empty"
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_run.py" "$WORK/empty"
assert_one_line "$WORK/last.err" "^plot_run.py: .*/empty is not a run directory: it has no timeseries.csv$"
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_run.py" "$WORK/missing"
assert_one_line "$WORK/last.err" "^plot_run.py: .*/missing: no such directory$"
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_run.py" "$RUN/summary.csv"
assert_one_line "$WORK/last.err" "no such directory"

# An unfinished run: every file but meta.json.
cp -r "$RUN" "$WORK/unfinished"
rm "$WORK/unfinished/meta.json"
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_run.py" "$WORK/unfinished"
assert_one_line "$WORK/last.err" "^plot_run.py: .*/unfinished is not a finished run: it has no meta.json"

# A sweep directory given to plot_run.py.
grassroots_ok sweep "$INPUTS/sweeps/grid.yaml" -q -o "$WORK/sweep"
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_run.py" "$WORK/sweep"
assert_one_line "$WORK/last.err" "is a sweep directory, not a run: use plot_sweep.py"

# A run directory given to plot_sweep.py; a sweep given to compare_runs.py.
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_sweep.py" "$RUN" --x a --y b
assert_one_line "$WORK/last.err" "^plot_sweep.py: .*/run is a run directory, not a sweep: use plot_run.py on it$"
expect_exit 2 "$PYTHON" "$SCRIPTS/compare_runs.py" "$RUN" "$WORK/sweep"
assert_one_line "$WORK/last.err" "^compare_runs.py: .*/sweep is a sweep directory, not a run"

[[ ! -e "$WORK/empty/figures" && ! -e "$WORK/unfinished/figures" && ! -e "$WORK/sweep/figures" ]] ||
    fail "an error case wrote figures"
[[ -z $(find "$WORK" -name '*.png') ]] || fail "an error case wrote a PNG"
note "ok"
