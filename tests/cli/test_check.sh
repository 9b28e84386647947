#!/usr/bin/env bash
# `grassroots check` prints the fully resolved scenario, and its output is a fixed point.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run_ok check "$SMALL"
[[ ! -s "$WORK/last.err" ]] || fail "check printed to stderr: $(cat "$WORK/last.err")"
cp "$WORK/last.out" "$WORK/resolved.yaml"
# Every key, including the ones small.yaml leaves to their defaults.
for key in name seed world_seed ticks population users cohorts graph type m adoption mixing \
    creators share topics talent mu sigma publish_rate quality_noise item_lifetime platform feed \
    social interest interest_match engagement like share_given_like follow_given_like merchants \
    count output every; do
    grep -Eq "^ *$key:" "$WORK/resolved.yaml" || fail "check output lacks the key '$key'"
done
grep -Eq "^  item_lifetime: 7$" "$WORK/resolved.yaml" || fail "item_lifetime is not its default 7"
grep -q 'initially_online' "$WORK/resolved.yaml" || fail "cohorts lack initially_online"
[[ -z $(find "$WORK" -mindepth 1 -maxdepth 1 ! -name 'last.*' ! -name resolved.yaml) ]] ||
    fail "check wrote files into the working directory"

# Fixed point: check(check(x)) == check(x), whichever directory the copy is in.
mkdir "$WORK/elsewhere"
cp "$WORK/resolved.yaml" "$WORK/elsewhere/again.yaml"
run_ok check "$WORK/elsewhere/again.yaml"
cmp "$WORK/resolved.yaml" "$WORK/last.out" >&2 || fail "check output fed back to check changed"

# check with --set shows the override, and run writes exactly what check prints.
run_ok check "$SMALL" --set creators.share=0.1 --set population.cohorts.0.attention=12
grep -Eq '^  share: 0\.1$' "$WORK/last.out" || fail "check does not show --set creators.share=0.1"
grep -q 'attention: 12' "$WORK/last.out" || fail "check does not show the cohort override"
cp "$WORK/last.out" "$WORK/with_set.yaml"
run_ok run "$SMALL" -q --set creators.share=0.1 --set population.cohorts.0.attention=12 --set ticks=3 \
    -o "$WORK/run"
run_ok check "$SMALL" --set creators.share=0.1 --set population.cohorts.0.attention=12 --set ticks=3
# check's first line is the memory estimate, a YAML comment; the rest is the scenario.
head -n 1 "$WORK/last.out" | grep -Eq '^# estimated peak memory: [0-9.]+ (bytes|KiB|MiB|GiB|TiB) ' ||
    fail "check does not start with the memory estimate: $(head -n 1 "$WORK/last.out")"
cmp <(tail -n +2 "$WORK/last.out") "$WORK/run/scenario.yaml" >&2 ||
    fail "run's scenario.yaml differs from what check prints"

# A minimal scenario: everything else is a default, and the defaults are a fixed point too.
printf 'population:\n  users: 100\n' >"$WORK/minimal.yaml"
run_ok check "$WORK/minimal.yaml"
cp "$WORK/last.out" "$WORK/minimal_resolved.yaml"
for key in ticks seed cohorts type item_lifetime interest_match every; do
    grep -Eq "^ *$key:" "$WORK/minimal_resolved.yaml" || fail "minimal: check output lacks '$key'"
done
run_ok check "$WORK/minimal_resolved.yaml"
cmp "$WORK/minimal_resolved.yaml" "$WORK/last.out" >&2 || fail "minimal: check is not a fixed point"

# An edge list: check fills in population.users from the file.
printf 'graph:\n  type: edgelist\n  path: %s\n' "$INPUTS/edgelists/six_nodes.txt" >"$WORK/edges.yaml"
run_ok check "$WORK/edges.yaml"
grep -Eq '^  users: 6$' "$WORK/last.out" || fail "check of an edge list does not resolve users: 6"
cp "$WORK/last.out" "$WORK/edges_resolved.yaml"
run_ok check "$WORK/edges_resolved.yaml"
cmp "$WORK/edges_resolved.yaml" "$WORK/last.out" >&2 || fail "edge list: check is not a fixed point"
note "check resolves every default and is a fixed point"
