#!/usr/bin/env bash
# The resolved scenario written next to the results reproduces them exactly.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run_ok run "$SMALL" -q --seed 5 --set creators.share=0.08 --set population.cohorts.1.p=0.02 -o "$WORK/first"
grep -Eq '^seed: 5$' "$WORK/first/scenario.yaml" || fail "scenario.yaml does not record the --seed override"
grep -Eq '^  share: 0\.08$' "$WORK/first/scenario.yaml" ||
    fail "scenario.yaml does not record the --set creators.share override"
# Run the resolved copy from elsewhere: nothing in it may depend on the original file.
cp "$WORK/first/scenario.yaml" "$WORK/copy.yaml"
run_ok run "$WORK/first/scenario.yaml" -q -o "$WORK/second"
run_ok run "$WORK/copy.yaml" -q -o "$WORK/third"
assert_same_outputs "$WORK/first" "$WORK/second"
assert_same_outputs "$WORK/first" "$WORK/third"

# An edge-list scenario: the resolved path must still find the file.
cat >"$WORK/edges.yaml" <<YAML
name: edges
ticks: 10
graph:
  type: edgelist
  path: $INPUTS/edgelists/six_nodes.txt
creators:
  share: 0.5
YAML
run_ok run "$WORK/edges.yaml" -q -o "$WORK/edges1"
run_ok run "$WORK/edges1/scenario.yaml" -q -o "$WORK/edges2"
assert_same_outputs "$WORK/edges1" "$WORK/edges2"
note "re-running DIR/scenario.yaml reproduces every CSV"
