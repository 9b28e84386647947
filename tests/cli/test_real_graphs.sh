#!/usr/bin/env bash
# Runs on the SNAP graphs in data/graphs (gzip-compressed, as SNAP distributes them) through
# scenarios that name them by a path relative to the scenario file.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for f in facebook_combined.txt.gz wiki-Vote.txt.gz; do
    [[ -f "$SRC/data/graphs/$f" ]] || fail "missing $SRC/data/graphs/$f"
done

# expect_graph SCENARIO USERS EDGES
expect_graph() {
    local scenario=$1 users=$2 edges=$3 name
    name=$(basename "$scenario" .yaml)
    run_ok run "$scenario" -q -o "$WORK/$name"
    local got_users got_edges got_ticks
    got_users=$(csv_value "$WORK/$name/summary.csv" users)
    got_edges=$(csv_value "$WORK/$name/summary.csv" edges)
    got_ticks=$(csv_value "$WORK/$name/summary.csv" ticks)
    [[ $got_users -eq $users ]] || fail "$name: summary.csv users = $got_users, expected $users"
    [[ $got_edges -eq $edges ]] || fail "$name: summary.csv edges = $got_edges, expected $edges"
    [[ $got_ticks -eq 20 ]] || fail "$name: summary.csv ticks = $got_ticks, expected 20"
    grep -Eq "^  users: $users\$" "$WORK/$name/scenario.yaml" ||
        fail "$name: the resolved scenario.yaml does not fill in users: $users"
    [[ $(wc -l <"$WORK/$name/timeseries.csv") -eq 22 ]] || fail "$name: timeseries.csv is not 21 rows"
    # The resolved scenario finds the graph from anywhere and reproduces the run.
    run_ok run "$WORK/$name/scenario.yaml" -q -o "$WORK/$name.again"
    assert_same_outputs "$WORK/$name" "$WORK/$name.again"
    note "$name: $got_users users, $got_edges edges"
}

expect_graph "$INPUTS/good/facebook.yaml" 4039 88234
expect_graph "$INPUTS/good/wiki_vote.yaml" 7115 103689

