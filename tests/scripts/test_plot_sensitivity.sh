#!/usr/bin/env bash
# plot_sensitivity.py on what grassroots analyze wrote for a Sobol sweep (with second-order
# indices) and a Morris sweep made by tests/analysis/sweeps.sh: one PNG per metric; its
# errors: no sensitivity.csv, a CSV that is not one, an unknown metric (exit 2, one line).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$SRC/tests/analysis/sweeps.sh"
require_plotting

make_sobol_sweep "$WORK/sobol" 128 true
make_morris_sweep "$WORK/morris" 12
grassroots_ok analyze "$WORK/sobol" -q --bootstrap 200
grassroots_ok analyze "$WORK/morris" -q --bootstrap 200

# Every metric by default, under SWEEP_DIR/figures; stdout names each figure.
expect_exit 0 "$PYTHON" "$SCRIPTS/plot_sensitivity.py" "$WORK/sobol"
for m in top1_share follower_gini; do
    assert_png "$WORK/sobol/figures/sensitivity_$m.png"
    grep -qx "$WORK/sobol/figures/sensitivity_$m.png" "$WORK/last.out" || fail "stdout does not name the $m figure"
done
# Through the shebang, one metric, --out; a CSV file given directly.
[[ -x "$SCRIPTS/plot_sensitivity.py" ]] || fail "scripts/plot_sensitivity.py is not executable"
expect_exit 0 "$SCRIPTS/plot_sensitivity.py" "$WORK/morris/sensitivity.csv" --metric top1_share --out "$WORK/figs"
assert_png "$WORK/figs/sensitivity_top1_share.png"
[[ ! -e "$WORK/figs/sensitivity_follower_gini.png" ]] || fail "--metric top1_share drew follower_gini too"
# Without intervals (--bootstrap 0) and with a small sample: still a figure.
make_sobol_sweep "$WORK/tiny" 8 false
grassroots_ok analyze "$WORK/tiny" -q --bootstrap 0 -o "$WORK/tiny/none.csv"
expect_exit 0 "$PYTHON" "$SCRIPTS/plot_sensitivity.py" "$WORK/tiny/none.csv" --out "$WORK/tiny/figs"
assert_png "$WORK/tiny/figs/sensitivity_top1_share.png"

# Errors: exit 2, one line on stderr, nothing drawn.
mkdir "$WORK/empty"
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_sensitivity.py" "$WORK/empty"
assert_one_line "$WORK/last.err" "^plot_sensitivity.py: .*empty/sensitivity.csv: no such file \(run grassroots analyze"
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_sensitivity.py" "$WORK/sobol/summary.csv"
assert_one_line "$WORK/last.err" "is not a sensitivity.csv: its header is"
expect_exit 2 "$PYTHON" "$SCRIPTS/plot_sensitivity.py" "$WORK/sobol" --metric users
assert_one_line "$WORK/last.err" "^plot_sensitivity.py: unknown metric 'users': .* has top1_share, follower_gini$"
[[ ! -e "$WORK/empty/figures" ]] || fail "an error case drew figures"
note "ok"
