#!/usr/bin/env bash
# An existing output directory: a successful run replaces the old run cleanly, a failing
# run leaves it untouched. An -o that is a file is bad input. A failure to write is exit 1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OUT=$WORK/out
run_ok run "$SMALL" -q -o "$OUT"
grep -q '"seed": 1,' "$OUT/meta.json" || fail "first run's meta.json lacks seed 1"
touch -d "2001-02-03 04:05:06" "$OUT"/* "$WORK/old_ref"

# A second, different run into the same directory replaces every file.
run_ok run "$SMALL" -q --seed 2 -o "$OUT"
run_ok run "$SMALL" -q --seed 2 -o "$WORK/fresh"
assert_same_outputs "$OUT" "$WORK/fresh"
grep -q '"seed": 2,' "$OUT/meta.json" || fail "meta.json was not rewritten by the second run"
grep -q '"complete": true' "$OUT/meta.json" || fail "the rewritten meta.json is not complete"
for f in timeseries.csv creators.csv summary.csv scenario.yaml meta.json; do
    [[ "$OUT/$f" -nt "$WORK/old_ref" ]] ||
        fail "$f was not rewritten"
done
leftovers=$(cd "$OUT" && find . -mindepth 1 ! -name timeseries.csv ! -name creators.csv \
    ! -name summary.csv ! -name scenario.yaml ! -name meta.json)
[[ -z "$leftovers" ]] || fail "the second run left extra files: $leftovers"

# A failing run (bad input) into it leaves it exactly as it was.
before=$(snapshot "$OUT")
run_rc 2 run "$SMALL" -q --set creators.share=2 -o "$OUT"
assert_one_line_error "$WORK/last.err"
[[ "$(snapshot "$OUT")" == "$before" ]] || fail "a run with bad input modified the existing output directory"
run_rc 2 run "$SMALL" -q --set population.cohorts.0.p=-1 -o "$OUT"
[[ "$(snapshot "$OUT")" == "$before" ]] || fail "a run with bad input modified the existing output directory"
# Bad input found only when the graph is built (after parsing) must not touch it either.
run_rc 2 run "$SMALL" -q --set population.users=3 -o "$OUT"
assert_one_line_error "$WORK/last.err"
[[ "$(snapshot "$OUT")" == "$before" ]] || fail "a run failing at graph building modified the output directory"

# -o naming an existing file: exit 2, file untouched.
echo "not a directory" >"$WORK/plain_file"
run_rc 2 run "$SMALL" -q -o "$WORK/plain_file"
assert_one_line_error "$WORK/last.err"
grep -q 'not a directory' "$WORK/last.err" || fail "the error does not say -o is not a directory"
[[ "$(cat "$WORK/plain_file")" == "not a directory" ]] || fail "the file given as -o was modified"

# Nested output directories are created.
run_ok run "$SMALL" -q --set ticks=2 -o "$WORK/a/b/c"
[[ -f "$WORK/a/b/c/meta.json" ]] || fail "-o a/b/c was not created"

# A directory that cannot be created is not bad input but a failure: exit 1, one line.
run_rc 1 run "$SMALL" -q --set ticks=2 -o /dev/null/out
[[ $(wc -l <"$WORK/last.err") -eq 1 ]] || fail "the failure message is not one line: $(cat "$WORK/last.err")"

# The default output directory is results/<name> under the working directory.
run_ok run "$SMALL" -q --set ticks=2
[[ -f "$WORK/results/small/meta.json" ]] || fail "without -o, the run did not write results/small/"
note "existing output directories are replaced cleanly or left untouched"
