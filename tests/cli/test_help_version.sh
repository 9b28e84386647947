#!/usr/bin/env bash
# --version, --help, and command-line mistakes (exit 2, one line, nothing written).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run_ok --version
grep -Eq '^grassroots [0-9]+\.[0-9]+\.[0-9]+' "$WORK/last.out" ||
    fail "--version printed '$(cat "$WORK/last.out")', expected 'grassroots X.Y.Z ...'"
[[ $(wc -l <"$WORK/last.out") -eq 1 ]] || fail "--version printed more than one line"
# The commit is the one built (stamped at build time, not when CMake configured): in a git
# checkout it is HEAD's, "-dirty" when tracked files had changes at build time.
if head=$(git -C "$SRC" rev-parse --short=12 HEAD 2>/dev/null); then
    grep -Eq "\(commit $head(-dirty)?;" "$WORK/last.out" ||
        fail "--version printed '$(cat "$WORK/last.out")', expected commit $head (HEAD of $SRC): rebuild?"
fi

run_ok --help
grep -q 'run' "$WORK/last.out" || fail "--help does not mention the run subcommand"
grep -q 'check' "$WORK/last.out" || fail "--help does not mention the check subcommand"
grep -q 'resume' "$WORK/last.out" || fail "--help does not mention the resume subcommand"
grep -q 'analyze' "$WORK/last.out" || fail "--help does not mention the analyze subcommand"
run_ok analyze --help
grep -q -- '--bootstrap' "$WORK/last.out" || fail "analyze --help does not document --bootstrap"
run_ok run --help
grep -q -- '--set' "$WORK/last.out" || fail "run --help does not document --set"
grep -q -- '--threads' "$WORK/last.out" || fail "run --help does not document --threads"
run_ok check --help

# expect_usage_error ARGS...: exit 2, one line on stderr, nothing in the working directory.
expect_usage_error() {
    run_rc 2 "$@"
    assert_one_line_error "$WORK/last.err"
    local written
    written=$(find "$WORK" -mindepth 1 -maxdepth 1 ! -name 'last.*')
    [[ -z "$written" ]] || fail "grassroots $* wrote $written"
}
expect_usage_error
expect_usage_error frobnicate
expect_usage_error frobnicate "$SMALL"
expect_usage_error run
expect_usage_error check
expect_usage_error run "$SMALL" --frobnicate
expect_usage_error run "$SMALL" -x
expect_usage_error check "$SMALL" --seed 3
expect_usage_error check "$SMALL" -o "$WORK/out"
expect_usage_error run "$SMALL" --threads
expect_usage_error run "$SMALL" --threads 5000
expect_usage_error run "$SMALL" --seed abc
expect_usage_error run "$SMALL" extra_positional
expect_usage_error --frobnicate

# A scenario file that does not exist, or is a directory: bad input too.
expect_usage_error run "$WORK/no_such_scenario.yaml"
grep -q 'no_such_scenario\.yaml' "$WORK/last.err" || fail "the error does not name the missing file"
expect_usage_error check "$WORK/no_such_scenario.yaml"
expect_usage_error run "$INPUTS"
note "help, version and usage errors behave"
