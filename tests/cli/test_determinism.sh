#!/usr/bin/env bash
# Same scenario and seed => byte-identical outputs whatever the thread count, on a world
# with every mechanism on whose every parallel loop has more blocks than threads (asserted
# from meta.json), so that 2 and 4 threads really split each tick's work.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SCENARIO=$INPUTS/good/many_blocks.yaml

for threads in 1 2 4; do
    run_ok run "$SCENARIO" -q --threads "$threads" -o "$WORK/t$threads"
    grep -q '"threads": '"$threads" "$WORK/t$threads/meta.json" ||
        fail "meta.json of the --threads $threads run does not record threads $threads"
done
assert_blocks_exceed "$WORK/t1" 4
assert_same_outputs "$WORK/t1" "$WORK/t2"
assert_same_outputs "$WORK/t1" "$WORK/t4"
# And twice with the same thread count.
run_ok run "$SCENARIO" -q --threads 4 -o "$WORK/t4again"
assert_same_outputs "$WORK/t4" "$WORK/t4again"
note "outputs identical with 1, 2 and 4 threads (blocks: $(sed -n 's/.*"parallel_blocks": \(.*\),$/\1/p' "$WORK/t1/meta.json"))"
