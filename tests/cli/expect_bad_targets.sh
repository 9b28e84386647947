#!/usr/bin/env bash
# expect_bad_targets.sh GRASSROOTS CASE_FILE RUN_DIR
#
# Runs one case of the bad-targets corpus (tests/inputs/targets/bad/): `grassroots score
# RUN_DIR --targets CASE_FILE` must exit 2 with exactly one stderr line FILE:LINE:COL: ...
# matching the case's first line, `# expect: <extended regex>`, print nothing on stdout,
# and write nothing: it is tried with -o naming a file in a fresh directory (neither may
# appear) and without -o (the run directory, RUN_DIR/score.csv's home, must be left exactly
# as it was). RUN_DIR is a finished run of tests/inputs/good/small.yaml (the CTest fixture
# score_run makes it), so that cases about the run's columns and ticks are real.
set -euo pipefail

if [[ $# -ne 3 ]]; then
    echo "usage: $0 GRASSROOTS CASE_FILE RUN_DIR" >&2
    exit 2
fi
abspath() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
GRASSROOTS=$(abspath "$1")
CASE=$(abspath "$2")
RUN=$(abspath "$3")
CASE_NAME=$(basename "$CASE")

fail() {
    echo "FAIL [$CASE_NAME]: $*" >&2
    exit 1
}

[[ -x "$GRASSROOTS" ]] || fail "not an executable: $GRASSROOTS"
[[ -f "$RUN/meta.json" ]] || fail "$RUN is not a finished run (no meta.json): the fixture did not make it"
first=$(head -n 1 "$CASE")
[[ "$first" == "# expect: "* ]] || fail "the first line must be '# expect: REGEX'"
expect=${first#"# expect: "}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/grassroots-bad-targets.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
listing() { (cd "$RUN" && ls -la --time-style=full-iso .); }
before=$(listing)

attempt() {
    local variant=$1
    local cwd=$WORK/$variant
    mkdir "$cwd"
    local cmd=("$GRASSROOTS" score "$RUN" --targets "$CASE")
    [[ "$variant" == output ]] && cmd+=(-o "$cwd/out/score.csv")
    local rc=0
    (cd "$cwd" && "${cmd[@]}") >"$WORK/$variant.out" 2>"$WORK/$variant.err" || rc=$?
    local what="[$variant] ${cmd[*]}"
    if [[ $rc -ne 2 ]]; then
        cat "$WORK/$variant.err" >&2
        fail "$what: exit code $rc, expected 2"
    fi
    [[ $(wc -l <"$WORK/$variant.err") -eq 1 && -z $(tail -c 1 "$WORK/$variant.err") ]] ||
        fail "$what: stderr is not exactly one line: $(cat "$WORK/$variant.err")"
    local message
    message=$(cat "$WORK/$variant.err")
    grep -Eq '^[^:]+:[0-9]+:[0-9]+: ' "$WORK/$variant.err" ||
        fail "$what: message does not start with FILE:LINE:COL: — got: $message"
    grep -Eq -- "$expect" "$WORK/$variant.err" || fail "$what: message does not match /$expect/ — got: $message"
    [[ ! -s "$WORK/$variant.out" ]] || fail "$what: printed to stdout on bad input: $(cat "$WORK/$variant.out")"
    [[ -z $(cd "$cwd" && find . -mindepth 1) ]] || fail "$what: wrote into $cwd: $(cd "$cwd" && find . -mindepth 1)"
    [[ "$(listing)" == "$before" ]] || fail "$what: the run directory changed"
    echo "ok [$variant]: $message"
}

attempt output
attempt default
