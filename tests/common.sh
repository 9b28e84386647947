# What the command-line and plot-script test helpers share: tests/cli/lib.sh and
# tests/scripts/lib.sh source it (bash only).
# shellcheck shell=bash
#
# The test script is called as: SCRIPT GRASSROOTS_BINARY [SOURCE_DIR]
# Sets $GRASSROOTS (absolute), $SRC (repository root), $INPUTS (tests/inputs), $SMALL (a
# 3000-user, 40-day scenario) and $TEST_NAME, and defines fail, note, skip, enter_work,
# expect_exit and assert_one_line.

if [[ $# -lt 1 ]]; then
    echo "usage: $0 GRASSROOTS_BINARY [SOURCE_DIR]" >&2
    exit 2
fi
GRASSROOTS=$(cd "$(dirname "$1")" && printf "%s/%s\n" "$(pwd)" "$(basename "$1")")
[[ -x "$GRASSROOTS" ]] || { echo "FAIL: not an executable: $GRASSROOTS" >&2; exit 1; }
SRC=$(cd "${2:-$(dirname "${BASH_SOURCE[0]}")/..}" && pwd)
INPUTS=$SRC/tests/inputs
# shellcheck disable=SC2034  # used by the scripts that source this file
SMALL=$INPUTS/good/small.yaml
TEST_NAME=$(basename "$0" .sh)

fail() {
    echo "FAIL [$TEST_NAME]: $*" >&2
    exit 1
}

note() { echo "[$TEST_NAME] $*"; }

# skip REASON: ends the test as skipped (exit 77, ctest's SKIP_RETURN_CODE).
skip() {
    echo "SKIP [$TEST_NAME]: $*"
    exit 77
}

# enter_work KIND: makes $WORK, a fresh temporary directory grassroots-KIND.XXXXXX removed
# on exit, and changes into it, so that a default output path (results/<name>) could
# never land in the source tree.
enter_work() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/grassroots-$1.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
    cd "$WORK" || exit 1
}

# expect_exit EXPECTED CMD...: runs CMD with stdout/stderr in $WORK/last.out/.err; fails
# the test unless it exits EXPECTED.
expect_exit() {
    local expected=$1 rc=0
    shift
    "$@" >"$WORK/last.out" 2>"$WORK/last.err" || rc=$?
    if [[ $rc -ne $expected ]]; then
        echo "--- stdout of: $*" >&2
        cat "$WORK/last.out" >&2
        echo "--- stderr" >&2
        cat "$WORK/last.err" >&2
        fail "$* exited $rc, expected $expected"
    fi
}

# assert_one_line FILE REGEX: FILE holds exactly one newline-terminated line matching REGEX.
assert_one_line() {
    local file=$1 regex=$2 lines
    [[ -s "$file" ]] || fail "expected a one-line message, got nothing"
    lines=$(wc -l <"$file")
    if [[ $lines -ne 1 || -n $(tail -c 1 "$file") ]]; then
        echo "--- ($lines newline(s)):" >&2
        cat "$file" >&2
        fail "the message is not exactly one line"
    fi
    grep -Eq -- "$regex" "$file" || fail "the message does not match /$regex/: $(cat "$file")"
}
