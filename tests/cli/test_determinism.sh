#!/usr/bin/env bash
# Same scenario and seed => byte-identical outputs whatever the thread count.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for threads in 1 2 4; do
    run_ok run "$SMALL" -q --threads "$threads" -o "$WORK/t$threads"
    grep -q '"threads": '"$threads" "$WORK/t$threads/meta.json" ||
        fail "meta.json of the --threads $threads run does not record threads $threads"
done
assert_same_outputs "$WORK/t1" "$WORK/t2"
assert_same_outputs "$WORK/t1" "$WORK/t4"
# And twice with the same thread count.
run_ok run "$SMALL" -q --threads 2 -o "$WORK/t2again"
assert_same_outputs "$WORK/t2" "$WORK/t2again"
note "outputs identical with 1, 2 and 4 threads"
