# Shared helpers for the command-line tests. Sourced by each test script (bash only).
# shellcheck shell=bash
#
# Every script is called as: SCRIPT GRASSROOTS_BINARY [SOURCE_DIR]
# and gets: $GRASSROOTS, $SRC (repository root), $INPUTS (tests/inputs), $SMALL, $WORK (a
# fresh temporary directory, removed on exit, the current directory), fail, note, skip,
# expect_exit and assert_one_line (from tests/common.sh), and the functions below.

source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
enter_work cli

# run_ok ARGS...: runs grassroots quietly; fails the test unless it exits 0.
run_ok() {
    local rc=0
    "$GRASSROOTS" "$@" >"$WORK/last.out" 2>"$WORK/last.err" || rc=$?
    if [[ $rc -ne 0 ]]; then
        echo "--- stderr of: grassroots $*" >&2
        cat "$WORK/last.err" >&2
        fail "grassroots $* exited $rc, expected 0"
    fi
}

# run_rc EXPECTED ARGS...: runs grassroots; fails the test unless it exits EXPECTED.
run_rc() {
    local expected=$1
    shift
    expect_exit "$expected" "$GRASSROOTS" "$@"
}

# assert_one_line_error FILE: the file is exactly one non-empty, newline-terminated line
# of the form FILE:LINE:COL: ...
assert_one_line_error() {
    assert_one_line "$1" '^[^:]+:[0-9]+:[0-9]+: '
}

# csv_column FILE NAME: prints the values of the named column, one per line.
csv_column() {
    awk -F, -v name="$2" '
        NR == 1 { for (i = 1; i <= NF; ++i) if ($i == name) col = i
                  if (!col) { print "no column " name > "/dev/stderr"; exit 3 }
                  next }
        { print $col }' "$1"
}

# csv_sum FILE NAME: the integer sum of the named column.
csv_sum() {
    csv_column "$1" "$2" | awk '{ s += $1 } END { printf "%d\n", s }'
}

# csv_value FILE NAME: the named column of the first data row.
csv_value() {
    csv_column "$1" "$2" | head -n 1
}

# assert_same_outputs DIR_A DIR_B: every CSV file and scenario.yaml are byte-identical
# (merchants.csv too when the runs have merchants).
assert_same_outputs() {
    local a=$1 b=$2 f files=(timeseries.csv creators.csv summary.csv scenario.yaml)
    [[ -f "$a/merchants.csv" || -f "$b/merchants.csv" ]] && files+=(merchants.csv)
    for f in "${files[@]}"; do
        [[ -f "$a/$f" ]] || fail "$a/$f is missing"
        [[ -f "$b/$f" ]] || fail "$b/$f is missing"
        cmp "$a/$f" "$b/$f" >&2 || fail "$f differs between $a and $b"
    done
}

# assert_blocks_exceed DIR THREADS: meta.json says every parallel loop (users, creators,
# live items, merchants) split into more blocks than THREADS at the end of the run. A test
# of determinism across threads needs it: a loop of one block runs on one thread, and a
# world shrunk (or a block grown) by a later change would make such a test silently serial.
assert_blocks_exceed() {
    local dir=$1 threads=$2 kind count
    for kind in users creators live_items merchants; do
        count=$(sed -n "s/.*\"parallel_blocks\":.*\"$kind\": \([0-9]*\).*/\1/p" "$dir/meta.json")
        [[ -n $count ]] || fail "$dir/meta.json has no parallel_blocks.$kind"
        [[ $count -gt $threads ]] ||
            fail "$dir: the $kind loop has $count blocks, not more than $threads threads: the test would not split the work"
    done
}

# snapshot DIR: a listing of every entry with type, size, mode, mtime and checksum, to
# prove a directory untouched.
snapshot() {
    (cd "$1" && find . -printf '%p|%y|%s|%m|%T@\n' | LC_ALL=C sort &&
        find . -type f -exec cksum {} + | LC_ALL=C sort)
}
