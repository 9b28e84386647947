#!/usr/bin/env bash
# plot_calibration.py on a calibration directory: four PNGs (three with one parameter),
# the fit table on stdout naming each target, --truth and --out; its errors: no such
# directory, no posterior.csv, a file with the wrong header, weights that do not sum to 1,
# an unknown --truth key, a bad --truth (exit 2, one line, nothing drawn); no matplotlib
# (exit 1, one line).
#
# The directories are written by `grassroots calibrate` (tests/inputs/calibration/small.yaml:
# three priors, ~200 runs of ~0.02 s; small_one.yaml: one prior). Target names and
# parameter keys are read from the directory's own fit.csv and posterior_summary.csv.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_plotting

CALIB=$WORK/calib
expect_exit 0 "$GRASSROOTS" calibrate "$INPUTS/calibration/small.yaml" -q -o "$CALIB"
PLOT=$SCRIPTS/plot_calibration.py
FIGURES="calibration_marginals calibration_pairs calibration_fit calibration_tolerance"

# column FILE NAME: the values of a CSV column, one per line (csv module: names may be quoted).
column() {
    "$PYTHON" -c 'import csv, sys
for row in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")): print(row[sys.argv[2]])' "$1" "$2"
}
mapfile -t TARGETS < <(column "$CALIB/fit.csv" target)
mapfile -t KEYS < <(column "$CALIB/posterior_summary.csv" key)
((${#TARGETS[@]} >= 2 && ${#KEYS[@]} >= 2)) || fail "the calibration needs 2 targets and 2 parameters"

# 1. Every figure under CALIB/figures; the fit table names each target at the start of a
#    row with its yes/no `within`; stdout names each figure.
expect_exit 0 "$PYTHON" "$PLOT" "$CALIB"
for f in $FIGURES; do
    assert_png "$CALIB/figures/$f.png"
    grep -qxF "$CALIB/figures/$f.png" "$WORK/last.out" || fail "stdout does not name $f.png"
done
head -n 1 "$WORK/last.out" | grep -Eq '^target +observed +tolerance +weight +mean +q05 +q95 +within +mean_error/tol$' ||
    fail "no fit table header: $(head -n 1 "$WORK/last.out")"
for t in "${TARGETS[@]}"; do
    awk -v t="$t " 'index($0, t) == 1' "$WORK/last.out" | grep -Eq ' (yes|no) +([+-][0-9]+\.[0-9]{2}|nan)$' ||
        fail "the fit table has no row for target '$t'"
done
[[ ! -s "$WORK/last.err" ]] || fail "unexpected stderr: $(cat "$WORK/last.err")"

# 2. Through the shebang, --out, a --truth for every parameter (the posterior's median:
#    inside the prior, so it lands on the axes).
[[ -x "$PLOT" ]] || fail "scripts/plot_calibration.py is not executable"
head -n 1 "$PLOT" | grep -qx '#!/usr/bin/env python3' || fail "plot_calibration.py: wrong shebang"
mapfile -t MEDIANS < <(column "$CALIB/posterior_summary.csv" q50)
truths=()
for i in "${!KEYS[@]}"; do truths+=(--truth "${KEYS[$i]}=${MEDIANS[$i]}"); done
expect_exit 0 "$PLOT" "$CALIB" "${truths[@]}" --out "$WORK/figs"
for f in $FIGURES; do assert_png "$WORK/figs/$f.png"; done
# A truth line changes the marginals figure.
cmp -s "$WORK/figs/calibration_marginals.png" "$CALIB/figures/calibration_marginals.png" &&
    fail "--truth did not change the marginals figure"

# 3. One parameter: no pairs figure, said on stderr.
expect_exit 0 "$GRASSROOTS" calibrate "$INPUTS/calibration/small_one.yaml" -q -o "$WORK/one"
expect_exit 0 "$PYTHON" "$PLOT" "$WORK/one"
for f in calibration_marginals calibration_fit calibration_tolerance; do assert_png "$WORK/one/figures/$f.png"; done
[[ ! -e "$WORK/one/figures/calibration_pairs.png" ]] || fail "one parameter drew a pairs figure"
assert_one_line "$WORK/last.err" "^plot_calibration.py: one parameter: no calibration_pairs.png$"

# --help: usage and examples.
expect_exit 0 "$PYTHON" "$PLOT" --help
grep -q "^usage: plot_calibration.py" "$WORK/last.out" || fail "--help: no usage line"
grep -q "^examples:" "$WORK/last.out" || fail "--help: no examples"

# 4. Errors: exit 2, one line on stderr `plot_calibration.py: PATH: what (expected)`.
# broken NAME: a copy of CALIB without its figures, to break.
broken() {
    rm -rf "${WORK:?}/$1"
    cp -r "$CALIB" "$WORK/$1"
    rm -rf "$WORK/$1/figures"
}
expect_exit 2 "$PYTHON" "$PLOT" "$WORK/missing"
assert_one_line "$WORK/last.err" \
    "^plot_calibration.py: .*/missing: no such directory \(expected a directory written by grassroots calibrate\)$"
mkdir "$WORK/empty"
expect_exit 2 "$PYTHON" "$PLOT" "$WORK/empty"
assert_one_line "$WORK/last.err" "^plot_calibration.py: .*/empty/posterior.csv: no such file \(run grassroots calibrate"
broken header_fit
sed -i '1s/,within,/,inside,/' "$WORK/header_fit/fit.csv"
expect_exit 2 "$PYTHON" "$PLOT" "$WORK/header_fit"
assert_one_line "$WORK/last.err" "^plot_calibration.py: .*/header_fit/fit.csv: the header is '.*,inside,.*' \
\(expected target,metric,observed_lo,observed_hi,tolerance,weight,mean,q05,q95,within,source\)$"
broken header_posterior   # a target's model column missing: not the targets of fit.csv
"$PYTHON" -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
csv.writer(open(sys.argv[1], "w", newline=""), lineterminator="\n").writerows(r[:-1] for r in rows)' \
    "$WORK/header_posterior/posterior.csv"
expect_exit 2 "$PYTHON" "$PLOT" "$WORK/header_posterior"
assert_one_line "$WORK/last.err" "^plot_calibration.py: .*/header_posterior/posterior.csv: the header is '.*' \
\(expected particle,proposal,.*,weight,distance,model:.*\)$"
broken header_generations
sed -i '1s/^generation,/gen,/' "$WORK/header_generations/generations.csv"
expect_exit 2 "$PYTHON" "$PLOT" "$WORK/header_generations"
assert_one_line "$WORK/last.err" "^plot_calibration.py: .*/header_generations/generations.csv: the header is 'gen,"
broken weights            # 0.5 added to the first particle's weight: they sum to 1.5
"$PYTHON" -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
w = rows[0].index("weight"); rows[1][w] = repr(float(rows[1][w]) + 0.5)
csv.writer(open(sys.argv[1], "w", newline=""), lineterminator="\n").writerows(rows)' "$WORK/weights/posterior.csv"
expect_exit 2 "$PYTHON" "$PLOT" "$WORK/weights"
assert_one_line "$WORK/last.err" \
    "^plot_calibration.py: .*/weights/posterior.csv: the weights sum to 1\.5 \(expected 1\)$"
expect_exit 2 "$PYTHON" "$PLOT" "$CALIB" --truth no.such.key=1 --out "$WORK/bad"
keys_listed=$(IFS=,; echo "${KEYS[*]}" | sed 's/,/, /g; s/\./\\./g')
assert_one_line "$WORK/last.err" "^plot_calibration.py: .*: --truth no\.such\.key: \
not a parameter of this calibration \(expected one of $keys_listed\)$"
for bad in "${KEYS[0]}" "${KEYS[0]}=" "=0.2" "${KEYS[0]}=abc" "${KEYS[0]}=1_0" "${KEYS[0]}=inf"; do
    expect_exit 2 "$PYTHON" "$PLOT" "$CALIB" --truth "$bad" --out "$WORK/bad"
    assert_one_line "$WORK/last.err" "^plot_calibration.py: --truth '.*': not KEY=VALUE with a finite number \(expected"
done
expect_exit 2 "$PYTHON" "$PLOT" "$CALIB" --truth "${KEYS[0]}=1" --truth "${KEYS[0]}=2" --out "$WORK/bad"
assert_one_line "$WORK/last.err" "is given twice"
[[ ! -e "$WORK/bad" && ! -e "$WORK/empty/figures" ]] || fail "an error case drew figures"
[[ -z $(find "$WORK" -path "$CALIB" -prune -o -path "$WORK/figs" -prune -o -path "$WORK/one" -prune -o \
    -name '*.png' -print) ]] || fail "an error case wrote a PNG"

# 5. The checks come before matplotlib is needed; without it (-S hides Debian's
#    dist-packages): exit 1, one line.
if [[ -x /usr/bin/python3 ]] && ! /usr/bin/python3 -S -c 'import matplotlib' 2>/dev/null; then
    expect_exit 2 /usr/bin/python3 -S "$PLOT" "$WORK/empty"
    assert_one_line "$WORK/last.err" "posterior.csv: no such file"
    expect_exit 1 /usr/bin/python3 -S "$PLOT" "$CALIB" --out "$WORK/none"
    assert_one_line "$WORK/last.err" \
        '^plot_calibration.py: needs matplotlib.*install them with: apt-get install python3-matplotlib .*python3-yaml$'
    [[ ! -e "$WORK/none" ]] || fail "wrote an output directory without matplotlib"
fi
note "ok"
