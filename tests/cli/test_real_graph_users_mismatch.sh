#!/usr/bin/env bash
# population.users that contradicts a real edge list is bad input: exit 2, one line naming
# population.users and the node count, nothing written. (Without -q: log lines must not
# precede the error.)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FACEBOOK=$INPUTS/good/facebook.yaml
[[ -f "$SRC/data/graphs/facebook_combined.txt.gz" ]] || fail "missing $SRC/data/graphs/facebook_combined.txt.gz"

for command in check run; do
    args=("$command" "$FACEBOOK" --set population.users=4000)
    [[ $command == run ]] && args+=(-o "$WORK/mismatch")
    run_rc 2 "${args[@]}"
    assert_one_line_error "$WORK/last.err"
    grep -q 'population\.users' "$WORK/last.err" ||
        fail "$command: the error does not name population.users: $(cat "$WORK/last.err")"
    grep -q '4039' "$WORK/last.err" ||
        fail "$command: the error does not give the node count 4039: $(cat "$WORK/last.err")"
    [[ ! -s "$WORK/last.out" ]] || fail "$command: printed to stdout on bad input"
    [[ ! -e "$WORK/mismatch" ]] || fail "$command: a failing run created its output directory"
done
# The matching count is accepted.
run_ok check "$FACEBOOK" --set population.users=4039
note "a users count that contradicts the edge list is rejected"
