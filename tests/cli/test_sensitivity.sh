#!/usr/bin/env bash
# Sobol' indices of a real grassroots sweep (tests/inputs/sweeps/inert_key.yaml: N = 32,
# three keys, 160 runs of ~0.05 s) through `grassroots sweep` and `grassroots analyze`: a key
# that has no effect (commerce.local.tourism_rate in a world without merchants) gets total
# index 0 with an interval that contains 0, while the feed's exploration share, which
# decides how views spread, gets a total index whose interval stays above 0.
# Measured (seed 11, bootstrap seed 1): views_total ST explore 0.49 [0.21, 0.82], like 0.67
# [0.37, 1.09], tourism_rate 0 [0, 0]; follows_total ST explore 0.08 [0.03, 0.16], like
# 0.95 [0.63, 1.37]. The checks are on signs and on zero, not on those values: N = 32 is
# small (rows few_samples).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
TEST_NAME="sensitivity"

run_ok sweep "$INPUTS/sweeps/inert_key.yaml" -q -o "$WORK/inert" --jobs 2
[[ $(($(wc -l <"$WORK/inert/summary.csv") - 1)) -eq 160 ]] || fail "expected 160 runs (32 x (3 + 2))"
run_ok analyze "$WORK/inert" --metric views_total --metric follows_total --seed 1 -q
OUT=$WORK/inert/sensitivity.csv

# row METRIC INDEX KEY: "value ci_low ci_high" of that row.
row() {
    awk -F, -v m="$1" -v i="$2" -v k="$3" '$1 == m && $3 == i && $4 == k { print $6, $7, $8 }' "$OUT"
}
for metric in views_total follows_total; do
    read -r value low high <<<"$(row "$metric" ST commerce.local.tourism_rate)"
    [[ -n ${value:-} ]] || fail "no ST row for tourism_rate and $metric"
    awk -v v="$value" -v l="$low" -v h="$high" 'BEGIN { exit !(v == 0 && l <= 0 && h >= 0) }' ||
        fail "$metric: the inert key's ST is $value [$low, $high], expected 0 in an interval containing 0"
    read -r value low high <<<"$(row "$metric" S1 commerce.local.tourism_rate)"
    awk -v v="$value" 'BEGIN { exit !(v == 0) }' || fail "$metric: the inert key's S1 is $value, expected 0"
    read -r value low high <<<"$(row "$metric" ST platform.feed.explore)"
    awk -v v="$value" -v l="$low" 'BEGIN { exit !(v > 0 && l > 0) }' ||
        fail "$metric: ST of platform.feed.explore is $value [$low, ...], expected an interval above 0"
    note "$metric: ST explore $value [$low, $high]"
done
