#!/usr/bin/env bash
# plot_run.py on real runs: every figure is a valid PNG, whichever way the script starts
# (python3 on PATH, its shebang, /usr/bin/python3, a virtual environment without
# matplotlib); a figure without data is skipped with a note; a missing matplotlib is one
# line naming the packages to install.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_plotting

ALL_FIGURES="adoption creators concentration grassroots_top100 follower_ccdf lorenz talent_followers commerce"

# A run with everything: two cohorts, elites, creators entering and leaving, merchants with
# live commerce and local services.
RICH=$WORK/rich
grassroots_ok run "$SMALL" -q -o "$RICH" --set creators.elite_share=0.2 \
    --set creators.elite.initial_followers=300 --set creators.entry.rate=0.0003 \
    --set creators.exit.patience=10 --set merchants.count=60 --set merchants.goods_share=0.5 \
    --set merchants.initially_online=0.5 --set commerce.live.min_followers=100

# 1. python3 from PATH (re-executes itself with /usr/bin/python3 when that one lacks matplotlib).
if python3 -c "$PLOT_DEPS" 2>/dev/null; then
    note "python3 on PATH ($(command -v python3)) has matplotlib: no re-execution needed"
else
    note "python3 on PATH ($(command -v python3 || echo none)) lacks matplotlib: the script must re-execute itself"
fi
expect_exit 0 "$PYTHON" "$SCRIPTS/plot_run.py" "$RICH"
for f in $ALL_FIGURES; do
    assert_png "$RICH/figures/$f.png"
    grep -qx "$RICH/figures/$f.png" "$WORK/last.out" || fail "stdout does not list $f.png"
done
! grep -q "skipped" "$WORK/last.err" || fail "a run with every kind of data skipped a figure: $(cat "$WORK/last.err")"
! grep -q "cohort sizes unknown" "$WORK/last.err" || fail "meta.json's cohort sizes were not used: $(cat "$WORK/last.err")"
[[ $(find "$RICH/figures" -name '*.png' | wc -l) -eq 8 ]] || fail "expected exactly 8 figures"

# 2. The shebang, with --out.
[[ -x "$SCRIPTS/plot_run.py" ]] || fail "scripts/plot_run.py is not executable"
expect_exit 0 "$SCRIPTS/plot_run.py" "$RICH" --out "$WORK/out/figs"
for f in $ALL_FIGURES; do assert_png "$WORK/out/figs/$f.png"; done

# 3. A plain run, rows every 4 days, no merchants: commerce.png is skipped with a note.
PLAIN=$WORK/plain
grassroots_ok run "$SMALL" -q -o "$PLAIN" --set output.every=4 --set ticks=30
if [[ -x /usr/bin/python3 ]]; then PY3=/usr/bin/python3; else PY3=$PYTHON; fi
expect_exit 0 "$PY3" "$SCRIPTS/plot_run.py" "$PLAIN"
for f in adoption creators concentration grassroots_top100 follower_ccdf lorenz talent_followers; do
    assert_png "$PLAIN/figures/$f.png"
done
[[ ! -e "$PLAIN/figures/commerce.png" ]] || fail "commerce.png drawn for a run without commerce"
grep -q "skipped commerce.png" "$WORK/last.err" || fail "no note about the skipped commerce.png"

# 4. A run kept by a sweep (result.csv, no meta.json, no creators.csv): the timeseries figures.
grassroots_ok sweep "$INPUTS/sweeps/grid.yaml" -q -o "$WORK/sweep"
expect_exit 0 "$PY3" "$SCRIPTS/plot_run.py" "$WORK/sweep/runs/000003" --out "$WORK/sweeprun"
for f in adoption creators concentration grassroots_top100; do assert_png "$WORK/sweeprun/$f.png"; done
grep -q "skipped lorenz.png: no creators.csv" "$WORK/last.err" || fail "no note about the missing creators.csv"
# Without meta.json the cohort sizes are unknown: counts, not shares.
grep -q "adoption.png shows user counts, not shares: cohort sizes unknown (no meta.json" "$WORK/last.err" ||
    fail "no note about the cohort sizes a kept sweep run lacks: $(cat "$WORK/last.err")"

if [[ -x /usr/bin/python3 ]]; then
    # 5. A virtual environment without matplotlib: the script re-executes with /usr/bin/python3.
    if /usr/bin/python3 -m venv --without-pip "$WORK/venv" >/dev/null 2>&1 &&
        ! "$WORK/venv/bin/python3" -c 'import matplotlib' 2>/dev/null; then
        expect_exit 0 "$WORK/venv/bin/python3" "$SCRIPTS/plot_run.py" "$RICH" --out "$WORK/venvfigs"
        for f in $ALL_FIGURES; do assert_png "$WORK/venvfigs/$f.png"; done
    else
        note "no virtual environment without matplotlib could be made: re-execution from a venv not tested"
    fi

    # 6. No interpreter with matplotlib (-S hides Debian's dist-packages): exit 1, one line.
    if ! /usr/bin/python3 -S -c 'import matplotlib' 2>/dev/null; then
        expect_exit 1 /usr/bin/python3 -S "$SCRIPTS/plot_run.py" "$RICH" --out "$WORK/none"
        assert_one_line "$WORK/last.err" \
            '^plot_run.py: needs matplotlib.*install them with: apt-get install python3-matplotlib .*python3-yaml$'
        [[ ! -e "$WORK/none" ]] || fail "wrote an output directory without matplotlib"
    fi
fi
note "ok"
