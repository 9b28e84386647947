#!/usr/bin/env bash
# test_write_errors.sh GRASSROOTS SOURCE_DIR MECHANISM
#
# Write errors are caught for real, by making the operating system refuse writes:
#   file_size   RLIMIT_FSIZE (ulimit -f): writes past the limit fail with EFBIG; and
#               `check` into /dev/full (ENOSPC on standard output)
#   disk_full   a small tmpfs in a private mount namespace: ENOSPC part-way through
#   permission  an unprivileged user (setpriv to nobody) writing where it may not: EACCES
#   read_only   a read-only bind mount in a private mount namespace: EROFS
# Each failure must exit 1 with one stderr line naming the file and the system's reason,
# leave no meta.json (run) or summary.csv (sweep), no temporary file, and no file that is
# not whole: every file left behind is byte-identical to a finished run's. A sweep stopped
# by a write error is then completed by --resume once writes work again, and its summary
# equals an uninterrupted sweep's. A mechanism this machine lacks exits 77 (skipped), with
# the reason.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
MECHANISM=${3:?"usage: $0 GRASSROOTS SOURCE_DIR file_size|disk_full|permission|read_only"}
TEST_NAME="write_errors.$MECHANISM"
SWEEP=$INPUTS/sweeps/grid.yaml  # 12 runs of ~0.05 s, keep_runs: timeseries

# Files of a run in the order write_run writes them (meta.json last).
RUN_FILES=(scenario.yaml summary.csv timeseries.csv creators.csv meta.json)

without_wall() { sed 's/,[^,]*$//' "$1"; }

# assert_write_error REASON: the last command exited 1 with one stderr line
# "grassroots: error: cannot ... FILE...: REASON"; prints FILE's base name.
assert_write_error() {
    local reason=$1 message
    [[ -s "$WORK/last.err" && $(wc -l <"$WORK/last.err") -eq 1 ]] ||
        fail "expected one line on stderr, got: $(cat "$WORK/last.err")"
    message=$(cat "$WORK/last.err")
    [[ "$message" =~ ^grassroots:\ error:\ cannot\ [a-z]+\ [^:]*/([^/:]+):\ $reason ]] ||
        fail "the message does not name a file and '$reason': $message"
    echo "${BASH_REMATCH[1]}"
}

# assert_partial_run DIR [REF]: a failed run left no meta.json and no temporary file, and
# each file it left is whole: identical to the finished reference run's (REF, $WORK/ref).
assert_partial_run() {
    local dir=$1 ref=${2:-$WORK/ref} f
    [[ -e "$dir" ]] || return 0
    [[ ! -e "$dir/meta.json" ]] || fail "a failed run wrote $dir/meta.json"
    for f in "$dir"/*; do
        [[ -e "$f" ]] || continue
        [[ "$f" != *.tmp ]] || fail "a failed run left the temporary file $f"
        cmp "$f" "$ref/$(basename "$f")" >&2 || fail "a failed run left $f, which is not whole"
    done
}

# assert_partial_sweep DIR: no summary.csv, no temporary file; every run directory's files
# are whole (the reference sweep's, result.csv but for wall_seconds), and a run with a
# result.csv has all its files.
assert_partial_sweep() {
    local dir=$1 run f name
    [[ ! -e "$dir/summary.csv" ]] || fail "a sweep stopped by a write error wrote summary.csv"
    [[ -z $(find "$dir" -name '*.tmp') ]] || fail "temporary files left: $(find "$dir" -name '*.tmp')"
    for run in "$dir"/runs/*/; do
        [[ -d "$run" ]] || continue
        name=$(basename "$run")
        for f in "$run"*; do
            [[ -e "$f" ]] || continue
            if [[ $(basename "$f") == result.csv ]]; then
                cmp <(without_wall "$f") <(without_wall "$WORK/sweep_ref/runs/$name/result.csv") >&2 ||
                    fail "$f is not whole"
            else
                cmp "$f" "$WORK/sweep_ref/runs/$name/$(basename "$f")" >&2 || fail "$f is not whole"
            fi
        done
        if [[ -e "$run/result.csv" ]]; then
            for f in scenario.yaml summary.csv timeseries.csv; do
                [[ -e "$run/$f" ]] || fail "$run has a result.csv but no $f"
            done
        fi
    done
}

# assert_resume_completes DIR: --resume (writes working again) finishes the sweep with the
# uninterrupted sweep's summary.
assert_resume_completes() {
    run_ok sweep "$SWEEP" -q -o "$1" --resume --jobs 2
    cmp <(without_wall "$1/summary.csv") <(without_wall "$WORK/sweep_ref/summary.csv") >&2 ||
        fail "after a write error and --resume, summary.csv differs from the uninterrupted sweep's"
}

finished_runs() { find "$1/runs" -name result.csv 2>/dev/null | wc -l; }

run_ok run "$SMALL" -q -o "$WORK/ref"
run_ok sweep "$SWEEP" -q -o "$WORK/sweep_ref" --jobs 2
runs_total=$(($(wc -l <"$WORK/sweep_ref/summary.csv") - 1))

case "$MECHANISM" in
file_size)
    # under_limit KIB ARGS...: grassroots ARGS... under ulimit -f KIB; sets rc. stderr goes
    # through a pipe, since the limit applies to every file the process writes, its
    # redirected stderr included.
    under_limit() {
        local kib=$1
        shift
        set +e
        (ulimit -f "$kib" && exec "$GRASSROOTS" "$@" 2>&1 >/dev/null) | cat >"$WORK/last.err"
        rc=${PIPESTATUS[0]}
        set -e
    }
    # bash's ulimit -f counts KiB. At each limit the first file (in write order) larger
    # than it is the one that fails; a limit above every file lets the run finish. A row
    # every 2 ticks keeps timeseries.csv between scenario.yaml and creators.csv in size,
    # so that three files are reached. The limits are just under each file's size.
    run_ok run "$SMALL" -q -o "$WORK/ref_fsize" --set output.every=2
    limits=(0 64)
    for f in "${RUN_FILES[@]}"; do limits+=($((($(stat -c %s "$WORK/ref_fsize/$f") - 1) / 1024))); done
    named=()
    for kib in $(printf '%s\n' "${limits[@]}" | sort -nu); do
        expected=""
        for f in "${RUN_FILES[@]}"; do
            if [[ $(stat -c %s "$WORK/ref_fsize/$f") -gt $((kib * 1024)) ]]; then
                expected=$f
                break
            fi
        done
        out=$WORK/fsize_$kib
        under_limit "$kib" run "$SMALL" -q -o "$out" --set output.every=2
        if [[ -z "$expected" ]]; then
            [[ $rc -eq 0 ]] || fail "at ulimit -f $kib every file fits, yet the run exited $rc: $(cat "$WORK/last.err")"
            assert_same_outputs "$out" "$WORK/ref_fsize"
            [[ -s "$out/meta.json" ]] || fail "no meta.json after a run that fits the limit"
            continue
        fi
        [[ $rc -eq 1 ]] || fail "at ulimit -f $kib the run exited $rc, expected 1: $(cat "$WORK/last.err")"
        file=$(assert_write_error "File too large")
        [[ "$file" == "$expected" ]] || fail "at ulimit -f $kib the error names $file, expected $expected"
        assert_partial_run "$out" "$WORK/ref_fsize"
        named+=("$file")
        note "ulimit -f $kib: $(cat "$WORK/last.err")"
    done
    [[ $(printf '%s\n' "${named[@]}" | sort -u | wc -l) -ge 3 ]] ||
        fail "the limits exercised fewer than three different files: ${named[*]}"

    # A sweep: nothing fits under 0 KiB (not even sweep.yaml); under a limit that sweep.yaml
    # and the runs' scenario.yaml and summary.csv fit (measured on a sweep without limit)
    # but no timeseries.csv does, every run fails to write.
    "$GRASSROOTS" sweep "$SWEEP" -q -o "$WORK/sweep_unlimited" >/dev/null
    small_kib=0
    for f in "$WORK/sweep_unlimited/sweep.yaml" "$WORK"/sweep_unlimited/runs/*/{scenario.yaml,summary.csv}; do
        kib=$((($(stat -c %s "$f") + 1023) / 1024))
        ((kib > small_kib)) && small_kib=$kib
    done
    for f in "$WORK"/sweep_unlimited/runs/*/timeseries.csv; do
        [[ $(stat -c %s "$f") -gt $((small_kib * 1024)) ]] ||
            fail "$f fits in $small_kib KiB with the small files: the test needs a longer timeseries"
    done
    under_limit 0 sweep "$SWEEP" -q -o "$WORK/sweep0"
    [[ $rc -eq 1 ]] || fail "a sweep at ulimit -f 0 exited $rc, expected 1"
    [[ $(assert_write_error "File too large") == sweep.yaml ]] || fail "expected sweep.yaml named: $(cat "$WORK/last.err")"
    [[ ! -e "$WORK/sweep0/sweep.yaml" ]] || fail "a sweep.yaml was left at ulimit -f 0"
    under_limit "$small_kib" sweep "$SWEEP" -q -o "$WORK/sweep2" --jobs 2
    [[ $rc -eq 1 ]] || fail "a sweep at ulimit -f $small_kib exited $rc, expected 1"
    [[ $(assert_write_error "File too large") == timeseries.csv ]] || fail "expected timeseries.csv named: $(cat "$WORK/last.err")"
    grep -q -- '--resume' "$WORK/last.err" || fail "the sweep's message does not say --resume continues it"
    assert_partial_sweep "$WORK/sweep2"
    [[ $(finished_runs "$WORK/sweep2") -eq 0 ]] || fail "a run was marked finished without its timeseries"
    message=$(cat "$WORK/last.err")
    assert_resume_completes "$WORK/sweep2"
    note "sweep: $message"

    # `check` prints the resolved scenario: a full standard output is a failure, not a
    # silently cut scenario.
    rc=0
    "$GRASSROOTS" check "$SMALL" >/dev/full 2>"$WORK/last.err" || rc=$?
    [[ $rc -eq 1 ]] || fail "check into /dev/full exited $rc, expected 1"
    grep -qx 'grassroots: error: cannot write standard output: No space left on device' "$WORK/last.err" ||
        fail "check into /dev/full: $(cat "$WORK/last.err")"
    ;;

disk_full)
    mkdir "$WORK/mnt"
    unshare --mount bash -c 'mount -t tmpfs -o size=64k grassroots-test "$1"' _ "$WORK/mnt" 2>"$WORK/probe.err" ||
        skip "cannot mount a tmpfs in a private mount namespace (needs root and unshare): $(cat "$WORK/probe.err")"

    # on_tmpfs SIZE COPY ARGS...: runs `grassroots ARGS... -o MNT/out` in a private mount
    # namespace on a fresh tmpfs of SIZE, copies what it left to COPY (the tmpfs goes with
    # the namespace) and sets rc.
    on_tmpfs() {
        local size=$1 copy=$2
        shift 2
        rc=0
        unshare --mount bash -c '
            mnt=$1 copy=$2 size=$3
            shift 3
            mount -t tmpfs -o "size=$size" grassroots-test "$mnt" || exit 99
            rc=0
            "$@" -o "$mnt/out" || rc=$?
            if [[ -e "$mnt/out" ]]; then cp -a "$mnt/out" "$copy"; fi
            exit $rc' _ "$WORK/mnt" "$copy" "$size" "$GRASSROOTS" "$@" >"$WORK/last.out" 2>"$WORK/last.err" || rc=$?
        [[ $rc -ne 99 ]] || fail "mounting a tmpfs of $size failed: $(cat "$WORK/last.err")"
    }

    # Sizes measured from the reference run, so that the test follows the outputs as they
    # grow: for each file in write order, a tmpfs one page (4 KiB) short of holding it and
    # everything written before it fills up inside that file; the last size, with room to
    # spare, lets the run finish.
    sizes=()
    before=0
    for f in "${RUN_FILES[@]}"; do
        pages=$((($(stat -c %s "$WORK/ref/$f") + 4095) / 4096))
        short=$((before + pages - 1))
        [[ $short -ge 1 ]] && sizes+=("$((short * 4))k")
        before=$((before + pages))
    done
    sizes+=("$(((before + 8) * 4))k")
    named=()
    finished=0
    for size in "${sizes[@]}"; do
        on_tmpfs "$size" "$WORK/tmpfs_$size" run "$SMALL" -q
        if [[ $rc -eq 0 ]]; then
            assert_same_outputs "$WORK/tmpfs_$size" "$WORK/ref"
            finished=1
            continue
        fi
        [[ $rc -eq 1 ]] || fail "on a tmpfs of $size the run exited $rc, expected 1: $(cat "$WORK/last.err")"
        file=$(assert_write_error "No space left on device")
        assert_partial_run "$WORK/tmpfs_$size"
        named+=("$file")
        note "tmpfs $size: $(cat "$WORK/last.err")"
    done
    [[ $finished -eq 1 ]] || fail "the run did not finish even on the largest tmpfs"
    [[ $(printf '%s\n' "${named[@]}" | sort -u | wc -l) -ge 3 ]] ||
        fail "the disk filled up at fewer than three different files: ${named[*]}"

    # A sweep fills the disk after a few runs: those are kept whole, the sweep stops, and
    # --resume elsewhere (as after freeing space) completes it. The size, from the reference
    # sweep's files: its top-level files and two and a half runs' pages, so that with two
    # runs writing at once (each at most one page short of done) one of them still ends,
    # and far from all twelve do.
    pages_of() { local total=0 f; for f in "$@"; do total=$((total + ($(stat -c %s "$f") + 4095) / 4096)); done; echo $total; }
    top_pages=$(pages_of "$WORK/sweep_ref/sweep.json" "$WORK/sweep_ref/sweep.yaml")
    run_pages=$(pages_of "$WORK/sweep_ref/runs/000000"/*)
    on_tmpfs "$(((top_pages + run_pages * 5 / 2) * 4))k" "$WORK/tmpfs_sweep" sweep "$SWEEP" -q --jobs 2
    [[ $rc -eq 1 ]] || fail "a sweep on a full tmpfs exited $rc, expected 1: $(cat "$WORK/last.err")"
    assert_write_error "No space left on device" >/dev/null
    assert_partial_sweep "$WORK/tmpfs_sweep"
    done_before=$(finished_runs "$WORK/tmpfs_sweep")
    [[ $done_before -ge 1 && $done_before -lt $runs_total ]] ||
        fail "expected the disk to fill part-way through the sweep, but $done_before of $runs_total runs finished"
    message=$(cat "$WORK/last.err")
    assert_resume_completes "$WORK/tmpfs_sweep"
    note "sweep: $done_before of $runs_total runs before the disk filled: $message"
    ;;

permission)
    # Root ignores permission bits: the commands run as nobody.
    as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    chmod 755 "$WORK"
    as_nobody true 2>"$WORK/probe.err" || skip "cannot switch to user nobody with setpriv: $(cat "$WORK/probe.err")"
    as_nobody test -x "$GRASSROOTS" || skip "user nobody cannot execute $GRASSROOTS"
    as_nobody test -r "$SMALL" -a -r "$SWEEP" -a -r "$INPUTS/sweeps/base.yaml" ||
        skip "user nobody cannot read the test inputs under $INPUTS"
    as_nobody test -w "$WORK" && skip "user nobody can write $WORK (not owned by root?)"

    nobody_rc() {
        rc=0
        as_nobody "$GRASSROOTS" "$@" >"$WORK/last.out" 2>"$WORK/last.err" || rc=$?
        [[ $rc -eq 1 ]] || fail "as nobody, grassroots $* exited $rc, expected 1: $(cat "$WORK/last.err")"
    }

    # An output directory nobody may create.
    nobody_rc run "$SMALL" -q -o "$WORK/locked/out"
    grep -qx "grassroots: error: cannot create directory $WORK/locked/out: Permission denied" "$WORK/last.err" ||
        fail "unexpected message: $(cat "$WORK/last.err")"
    [[ ! -e "$WORK/locked" ]] || fail "a directory was created"
    nobody_rc sweep "$SWEEP" -q -o "$WORK/locked/sweep"
    assert_write_error "Permission denied" >/dev/null

    # An earlier finished run nobody may not replace: the run fails at once and the old
    # run stays exactly as it was.
    cp -a "$WORK/ref" "$WORK/old"
    before=$(snapshot "$WORK/old")
    nobody_rc run "$SMALL" -q --seed 2 -o "$WORK/old"
    [[ $(assert_write_error "Permission denied") == meta.json ]] || fail "expected meta.json named: $(cat "$WORK/last.err")"
    [[ "$(snapshot "$WORK/old")" == "$before" ]] || fail "a run without permission changed the earlier run"

    # A sweep resumed by nobody where one run's directory belongs to root: that run cannot
    # be written, the sweep stops with the file named, and root's --resume completes it.
    cp -a "$WORK/sweep_ref" "$WORK/shared"
    rm "$WORK/shared/summary.csv" "$WORK"/shared/runs/00000[3-9]/result.csv
    chown -R 65534:65534 "$WORK/shared"
    chown 0:0 "$WORK/shared/runs/000005"
    nobody_rc sweep "$SWEEP" -q -o "$WORK/shared" --resume --jobs 1
    [[ "$(cat "$WORK/last.err")" == *"/runs/000005/"*": Permission denied"* ]] ||
        fail "expected runs/000005 named: $(cat "$WORK/last.err")"
    assert_partial_sweep "$WORK/shared"
    [[ ! -e "$WORK/shared/runs/000005/result.csv" ]] || fail "run 5 was marked finished"
    message=$(cat "$WORK/last.err")
    assert_resume_completes "$WORK/shared"
    note "$message"
    ;;

read_only)
    mkdir "$WORK/ro"
    cp -a "$WORK/sweep_ref" "$WORK/ro/sweep"
    rm "$WORK/ro/sweep/summary.csv" "$WORK/ro/sweep/runs/000004/result.csv"
    cp -a "$WORK/ref" "$WORK/ro/run"
    before=$(snapshot "$WORK/ro")
    # in_read_only ARGS...: grassroots ARGS... with $WORK/ro bound read-only over itself.
    in_read_only() {
        rc=0
        unshare --mount bash -c '
            dir=$1
            shift
            mount --bind "$dir" "$dir" && mount -o remount,bind,ro "$dir" || exit 99
            exec "$@"' _ "$WORK/ro" "$GRASSROOTS" "$@" >"$WORK/last.out" 2>"$WORK/last.err" || rc=$?
        [[ $rc -ne 99 ]] || skip "cannot bind-mount a directory read-only here: $(cat "$WORK/last.err")"
        [[ $rc -eq 1 ]] || fail "on a read-only file system, grassroots $* exited $rc, expected 1: $(cat "$WORK/last.err")"
    }
    in_read_only run "$SMALL" -q -o "$WORK/ro/new"
    grep -qx "grassroots: error: cannot create directory $WORK/ro/new: Read-only file system" "$WORK/last.err" ||
        fail "unexpected message: $(cat "$WORK/last.err")"
    in_read_only run "$SMALL" -q -o "$WORK/ro/run"
    assert_write_error "Read-only file system" >/dev/null
    in_read_only sweep "$SWEEP" -q -o "$WORK/ro/sweep" --resume
    assert_write_error "Read-only file system" >/dev/null
    message=$(cat "$WORK/last.err")
    [[ "$(snapshot "$WORK/ro")" == "$before" ]] || fail "something changed on the read-only file system"
    assert_resume_completes "$WORK/ro/sweep"
    note "$message"
    ;;
*)
    fail "unknown mechanism '$MECHANISM' (expected file_size, disk_full, permission or read_only)"
    ;;
esac
note "write errors caught ($MECHANISM)"
