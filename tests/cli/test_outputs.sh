#!/usr/bin/env bash
# The run's output files and the columns and totals scripts rely on.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OUT=$WORK/out
run_ok run "$SMALL" -q -o "$OUT"
[[ ! -s "$WORK/last.out" && ! -s "$WORK/last.err" ]] || fail "-q run printed something"
for f in timeseries.csv creators.csv summary.csv scenario.yaml meta.json; do
    [[ -s "$OUT/$f" ]] || fail "$f is missing or empty"
done
leftovers=$(cd "$OUT" && find . -mindepth 1 ! -name timeseries.csv ! -name creators.csv \
    ! -name summary.csv ! -name scenario.yaml ! -name meta.json)
[[ -z "$leftovers" ]] || fail "unexpected files in the output directory: $leftovers"
grep -q '"complete": true' "$OUT/meta.json" || fail "meta.json does not say \"complete\": true"
grep -q '"seed": 1,' "$OUT/meta.json" || fail "meta.json does not record the seed"
grep -q '"world_seed": 1,' "$OUT/meta.json" || fail "meta.json does not record the world_seed"
# meta.json is written last: no file may be newer.
for f in timeseries.csv creators.csv summary.csv scenario.yaml; do
    [[ ! "$OUT/$f" -nt "$OUT/meta.json" ]] || fail "$f is newer than meta.json"
done

# timeseries.csv: a header, then ticks 0..40 (output.every 1).
ticks=40
header=$(head -n 1 "$OUT/timeseries.csv")
for column in tick users_online online_young online_old creators_active items views likes \
    shares follows follower_gini top1_share; do
    [[ ",$header," == *",$column,"* ]] || fail "timeseries.csv header lacks $column: $header"
done
[[ "$header" == tick,* ]] || fail "timeseries.csv does not start with the tick column: $header"
rows=$(wc -l <"$OUT/timeseries.csv")
[[ $rows -eq $((ticks + 2)) ]] || fail "timeseries.csv has $rows lines, expected $((ticks + 2))"
expected_ticks=$(seq 0 $ticks | paste -sd' ')
got_ticks=$(csv_column "$OUT/timeseries.csv" tick | paste -sd' ')
[[ "$got_ticks" == "$expected_ticks" ]] || fail "timeseries ticks are '$got_ticks'"
# Every row has as many fields as the header.
awk -F, 'NR == 1 { n = NF } NF != n { exit 1 }' "$OUT/timeseries.csv" ||
    fail "timeseries.csv rows do not all have the header's field count"
# users_online is the sum of the cohorts' columns.
awk -F, 'NR == 1 { for (i = 1; i <= NF; ++i) c[$i] = i; next }
         $c["users_online"] != $c["online_young"] + $c["online_old"] { exit 1 }' \
    "$OUT/timeseries.csv" || fail "users_online is not online_young + online_old in some row"

# creators.csv
creators_header=$(head -n 1 "$OUT/creators.csv")
[[ "$creators_header" == creator_id,* ]] || fail "creators.csv does not start with creator_id: $creators_header"
for column in creator_id user_id talent topic followers views likes background income joined_tick status; do
    [[ ",$creators_header," == *",$column,"* ]] || fail "creators.csv header lacks $column: $creators_header"
done
creators=$(($(wc -l <"$OUT/creators.csv") - 1))
# 3000 users * share 0.05 = 150 at tick 0; entry may add more.
[[ $creators -ge 150 ]] || fail "creators.csv has $creators creators, expected at least 3000 * 0.05 = 150"

# summary.csv
[[ $(wc -l <"$OUT/summary.csv") -eq 2 ]] || fail "summary.csv is not a header and one row"
[[ $(csv_value "$OUT/summary.csv" users) == 3000 ]] || fail "summary.csv users is not 3000"
[[ $(csv_value "$OUT/summary.csv" ticks) == "$ticks" ]] || fail "summary.csv ticks is not $ticks"
[[ $(csv_value "$OUT/summary.csv" creators) -eq $creators ]] ||
    fail "summary.csv creators differs from the rows of creators.csv ($creators)"

# Flows in the timeseries add up to the creators' totals.
check_totals() {
    local dir=$1 series total
    series=$(csv_sum "$dir/timeseries.csv" views)
    total=$(csv_sum "$dir/creators.csv" views)
    [[ $series -gt 0 ]] || fail "$dir: no views at all"
    [[ $series -eq $total ]] || fail "$dir: timeseries views sum to $series, creators.csv views to $total"
    series=$(csv_sum "$dir/timeseries.csv" likes)
    total=$(csv_sum "$dir/creators.csv" likes)
    [[ $series -eq $total ]] || fail "$dir: timeseries likes sum to $series, creators.csv likes to $total"
    series=$(csv_sum "$dir/timeseries.csv" follows)
    total=$(csv_sum "$dir/creators.csv" followers)
    [[ $series -eq $total ]] ||
        fail "$dir: timeseries follows sum to $series, creators.csv followers to $total"
    [[ $(csv_value "$dir/summary.csv" views_total) -eq $(csv_sum "$dir/timeseries.csv" views) ]] ||
        fail "$dir: summary.csv views_total differs from the timeseries sum"
}
check_totals "$OUT"

# output.every 7: rows at 0, 7, ..., 35 and the last tick 40; flows still add up.
run_ok run "$SMALL" -q --set output.every=7 -o "$WORK/every7"
got_ticks=$(csv_column "$WORK/every7/timeseries.csv" tick | paste -sd' ')
[[ "$got_ticks" == "0 7 14 21 28 35 40" ]] || fail "output.every=7 gives ticks '$got_ticks'"
check_totals "$WORK/every7"
cmp -s "$OUT/creators.csv" "$WORK/every7/creators.csv" ||
    fail "output.every changed creators.csv (it must only thin the timeseries)"
# The last row's levels are those of the every-1 run's last row.
[[ "$(tail -n 1 "$OUT/timeseries.csv" | cut -d, -f1-5)" == \
    "$(tail -n 1 "$WORK/every7/timeseries.csv" | cut -d, -f1-5)" ]] ||
    fail "the last timeseries row's levels depend on output.every"

# output.every that divides ticks exactly: the last tick appears once.
run_ok run "$SMALL" -q --set output.every=10 -o "$WORK/every10"
got_ticks=$(csv_column "$WORK/every10/timeseries.csv" tick | paste -sd' ')
[[ "$got_ticks" == "0 10 20 30 40" ]] || fail "output.every=10 gives ticks '$got_ticks'"
note "all outputs present, columns and totals consistent"
