#!/usr/bin/env bash
# Sets up (installs missing packages), checks formatting, builds, and runs every test with
# CTest, in four stages; each configures, builds and tests through a preset of
# CMakePresets.json (the same name), in a build directory of its own:
#   release  the Release build, every test but the benchmarks         (build/)
#   asan     AddressSanitizer + UndefinedBehaviorSanitizer, clang -O1,
#            the same tests                                           (build-asan/)
#   tsan     ThreadSanitizer, the tests labelled `parallel`           (build-tsan/)
#   fuzz     each libFuzzer target for GRASSROOTS_FUZZ_SECONDS (60)
#            from its seed corpus                                     (build-asan/)
# The asan and fuzz stages share one build (GRASSROOTS_FUZZ=ON: ASan + UBSan + libFuzzer's
# coverage, which the tests do not notice), which saves a third build of everything.
# Usage: scripts/test.sh [extra ctest arguments]
#   GRASSROOTS_TEST_STAGES="release asan"   run only these stages (default: all four)
#   GRASSROOTS_FUZZ_SECONDS=10              time per fuzz target
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

stages=${GRASSROOTS_TEST_STAGES:-release asan tsan fuzz}
fuzz_seconds=${GRASSROOTS_FUZZ_SECONDS:-60}
for stage in $stages; do
    case "$stage" in
        release | asan | tsan | fuzz) ;;
        *) echo "test.sh: unknown stage '$stage' in GRASSROOTS_TEST_STAGES (expected release, asan, tsan, fuzz)" >&2
           exit 2 ;;
    esac
done

bash scripts/bootstrap.sh

timings=()
# timed NAME COMMAND...: runs one stage and records its wall time.
timed() {
    local name=$1 start=$SECONDS
    shift
    echo "=== test.sh: stage $name"
    "$@"
    timings+=("$name $((SECONDS - start)) s")
    echo "=== test.sh: stage $name passed in $((SECONDS - start)) s"
}

# Sanitizer reports go to files (log_path), so that a report from a process whose exit
# code a test does not check (a killed run, a background job) still fails the stage.
# A sanitizer's own exit code is 86, never a code the CLI's contract gives a meaning.
report_dir=""
new_report_dir() {
    report_dir=$(mktemp -d "${TMPDIR:-/tmp}/grassroots-sanitizer.XXXXXX")
}
check_reports() {
    local stage=$1 found=0 file
    for file in "$report_dir"/*; do
        [[ -e "$file" ]] || continue
        found=1
        echo "--- sanitizer report $file:" >&2
        cat "$file" >&2
    done
    rm -rf "$report_dir"
    if [[ $found -ne 0 ]]; then
        echo "test.sh: stage $stage: the sanitizer reports above came from the tests" >&2
        return 1
    fi
}

stage_release() {
    cmake --preset release
    cmake --build --preset release
    ctest --preset release "$@"
}

stage_asan() {
    cmake --preset asan
    cmake --build --preset asan
    new_report_dir
    # detect_leaks: on, with Open MPI's own leaks suppressed (tests/sanitizers/lsan.supp).
    local rc=0
    ASAN_OPTIONS="detect_leaks=1:exitcode=86:log_path=$report_dir/asan" \
    UBSAN_OPTIONS="print_stacktrace=1:exitcode=86:log_path=$report_dir/ubsan" \
    LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0:exitcode=86" \
        ctest --preset asan "$@" || rc=$?
    check_reports asan || rc=1
    return $rc
}

stage_tsan() {
    cmake --preset tsan
    cmake --build --preset tsan
    new_report_dir
    local rc=0
    TSAN_OPTIONS="exitcode=86:log_path=$report_dir/tsan:second_deadlock_stack=1" \
        ctest --preset tsan "$@" || rc=$?
    check_reports tsan || rc=1
    return $rc
}

stage_fuzz() {
    cmake --preset asan
    cmake --build --preset fuzz
    bash tests/fuzz/run_fuzzers.sh build-asan/fuzz "$fuzz_seconds"
}

for stage in $stages; do
    timed "$stage" "stage_$stage" "$@"
done
echo "=== test.sh: all stages passed: $(IFS=,; echo "${timings[*]}" | sed 's/,/, /g')"
