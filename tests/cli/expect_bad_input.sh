#!/usr/bin/env bash
# expect_bad_input.sh GRASSROOTS CASE_FILE
#
# Runs one case of the bad-input corpus (tests/inputs/bad/) and checks the contract for
# bad input: exit code 2, exactly one line on stderr of the form FILE:LINE:COL: ...,
# matching the case's expected pattern, nothing on stdout, and nothing written.
#
# The case file starts with comment lines:
#   # expect: <extended regex the one-line stderr message must match>   (required)
#   # args: <extra arguments, shell-quoted, e.g. --set creators.share=2>  (optional)
#   # command: run|check|sweep|calibrate                                  (optional, run)
# A case file NAME.yaml is itself the scenario (or sweep) given to the command. An input
# that cannot carry these lines (a binary file, a directory, an unreadable file, no input
# at all) is described by a sidecar NAME.case holding only the header, with:
#   # input: <path relative to the case file, or none>                   (required)
#   # unreadable: <path relative to the case file>  copied with mode 000 to a temporary
#       file, $UNREADABLE, and the command runs as user nobody (root reads anything);
#       skipped (exit 77) where that is impossible
#   # output: none   no -o is added (for cases about -o itself)
# `# input:` and `# args:` are expanded by the shell: $CASE_DIR (the case file's directory)
# and $UNREADABLE may be used.
#
# `run` is tried twice: with -o naming a directory that does not exist yet (it must still
# not exist afterwards), and with -o naming an existing directory holding a sentinel file
# (it must be left exactly as it was). Every attempt starts in an empty working directory
# that must stay empty apart from that output directory.
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 GRASSROOTS CASE_FILE" >&2
    exit 2
fi
# The command runs in a directory of its own: make both paths absolute first.
abspath() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
GRASSROOTS=$(abspath "$1")
CASE=$(abspath "$2")
CASE_NAME=$(basename "$CASE")

fail() {
    echo "FAIL [$CASE_NAME]: $*" >&2
    exit 1
}

[[ -x "$GRASSROOTS" ]] || fail "not an executable: $GRASSROOTS"
[[ -f "$CASE" ]] || fail "no such case file: $CASE"

# Header: the leading run of lines that start with '#'.
expect=""
args=""
command="run"
input_spec=""
unreadable=""
output="dir"
have_expect=0
while IFS= read -r line || [[ -n "$line" ]]; do
    [[ "$line" == \#* ]] || break
    case "$line" in
        "# expect: "*) expect=${line#"# expect: "}; have_expect=1 ;;
        "# args: "*) args=${line#"# args: "} ;;
        "# command: "*) command=${line#"# command: "} ;;
        "# input: "*) input_spec=${line#"# input: "} ;;
        "# unreadable: "*) unreadable=${line#"# unreadable: "} ;;
        "# output: "*) output=${line#"# output: "} ;;
    esac
done <"$CASE"
[[ $have_expect -eq 1 && -n "$expect" ]] || fail "the case has no '# expect: REGEX' header line"
[[ "$(head -n 1 "$CASE")" == "# expect: "* ]] || fail "the first line must be '# expect: REGEX'"
case "$command" in
    run | check | sweep | calibrate) ;;
    *) fail "unknown '# command: $command' (expected run, check, sweep or calibrate)" ;;
esac
WORK=$(mktemp -d "${TMPDIR:-/tmp}/grassroots-bad.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# shellcheck disable=SC2034  # for the cases' # input: and # args: lines
CASE_DIR=$(dirname "$CASE")
UNREADABLE=""
as_user=()
if [[ -n "$unreadable" ]]; then
    source_file=$CASE_DIR/$unreadable
    [[ -f "$source_file" ]] || fail "# unreadable: no such file $source_file"
    skip() {
        echo "SKIP [$CASE_NAME]: $*"
        exit 77
    }
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    "${as_user[@]}" true 2>/dev/null || skip "cannot run as user nobody with setpriv"
    "${as_user[@]}" test -x "$GRASSROOTS" || skip "user nobody cannot execute $GRASSROOTS"
    "${as_user[@]}" test -r "$CASE" || skip "user nobody cannot read $CASE"
    # Everything under WORK is open to nobody, so that "nothing written" is a real check.
    chmod 777 "$WORK"
    mkdir -m 755 "$WORK/locked"
    UNREADABLE=$WORK/locked/$(basename "$source_file")
    cp "$source_file" "$UNREADABLE"
    chmod 000 "$UNREADABLE"
    "${as_user[@]}" test -r "$UNREADABLE" && skip "user nobody can read a file of mode 000 here"
fi

input=("$CASE")
if [[ "$CASE" == *.case ]]; then
    [[ -n "$input_spec" ]] || fail "a .case file needs an '# input: PATH|none' line"
    if [[ "$input_spec" == none ]]; then
        input=()
    else
        eval "input=($input_spec)" || fail "cannot expand '# input: $input_spec'"
        [[ "${input[0]}" == /* ]] || input[0]=$CASE_DIR/${input[0]}
    fi
fi
case "$output" in
    dir | none) ;;
    *) fail "unknown '# output: $output' (expected none)" ;;
esac
extra=()
if [[ -n "$args" ]]; then
    eval "extra=($args)" || fail "cannot split '# args: $args'"
fi

# attempt VARIANT: runs the command in $WORK/VARIANT and checks the outcome.
attempt() {
    local variant=$1
    local cwd=$WORK/$variant
    local out=$cwd/out
    mkdir "$cwd"
    [[ ${#as_user[@]} -eq 0 ]] || chmod 777 "$cwd"
    local cmd=("${as_user[@]}" "$GRASSROOTS" "$command" "${input[@]}")
    local before=""
    if [[ "$output" == dir && ("$command" == run || "$command" == sweep || "$command" == calibrate) ]]; then
        if [[ "$variant" == existing ]]; then
            mkdir "$out"
            [[ ${#as_user[@]} -eq 0 ]] || chmod 777 "$out"
            echo "sentinel: an earlier run's file that a failing run must not touch" >"$out/sentinel.txt"
            # Old timestamps make any rewrite of the sentinel or the directory visible.
            touch -d '2001-02-03 04:05:06' "$out/sentinel.txt" "$out"
            before=$(cd "$out" && ls -la --time-style=full-iso . && cksum sentinel.txt)
        fi
        cmd+=(-o "$out")
    fi
    cmd+=("${extra[@]}")

    local rc=0
    (cd "$cwd" && "${cmd[@]}") >"$WORK/$variant.out" 2>"$WORK/$variant.err" || rc=$?
    local what="[$variant] ${cmd[*]}"

    if [[ $rc -ne 2 ]]; then
        echo "--- stderr:" >&2
        cat "$WORK/$variant.err" >&2
        fail "$what: exit code $rc, expected 2"
    fi
    local lines
    lines=$(wc -l <"$WORK/$variant.err")
    if [[ ! -s "$WORK/$variant.err" || $lines -ne 1 || -n $(tail -c 1 "$WORK/$variant.err") ]]; then
        echo "--- stderr ($lines newline(s)):" >&2
        cat "$WORK/$variant.err" >&2
        fail "$what: stderr is not exactly one line"
    fi
    local message
    message=$(cat "$WORK/$variant.err")
    grep -Eq '^[^:]+:[0-9]+:[0-9]+: ' "$WORK/$variant.err" ||
        fail "$what: message does not start with FILE:LINE:COL: — got: $message"
    grep -Eq -- "$expect" "$WORK/$variant.err" ||
        fail "$what: message does not match /$expect/ — got: $message"
    if [[ -s "$WORK/$variant.out" ]]; then
        echo "--- stdout:" >&2
        cat "$WORK/$variant.out" >&2
        fail "$what: printed to stdout on bad input"
    fi

    if [[ "$variant" == existing ]]; then
        [[ -d "$out" ]] || fail "$what: the existing output directory was removed"
        local after
        after=$(cd "$out" && ls -la --time-style=full-iso . && cksum sentinel.txt)
        if [[ "$before" != "$after" ]]; then
            echo "--- before:" >&2
            echo "$before" >&2
            echo "--- after:" >&2
            echo "$after" >&2
            fail "$what: the existing output directory was modified"
        fi
        local others
        others=$(cd "$cwd" && find . -mindepth 1 -maxdepth 1 ! -name out)
        [[ -z "$others" ]] || fail "$what: wrote into the working directory: $others"
    else
        [[ ! -e "$out" ]] || fail "$what: created the output directory $out"
        local others
        others=$(cd "$cwd" && find . -mindepth 1)
        [[ -z "$others" ]] || fail "$what: wrote into the working directory: $others"
    fi
    echo "ok [$variant]: $message"
}

attempt fresh
if [[ "$output" == dir && ("$command" == run || "$command" == sweep || "$command" == calibrate) ]]; then
    attempt existing
fi
