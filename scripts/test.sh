#!/usr/bin/env bash
# Sets up (installs missing packages), builds, and runs every test with CTest, in four
# stages, each in a build directory of its own:
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
#   GRASSROOTS_BUILD_DIR=DIR                the Release build directory; the others are
#                                           DIR-asan and DIR-tsan
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

stages=${GRASSROOTS_TEST_STAGES:-release asan tsan fuzz}
fuzz_seconds=${GRASSROOTS_FUZZ_SECONDS:-60}
build_dir=${GRASSROOTS_BUILD_DIR:-build}
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

sanitizer_build() {  # DIR SANITIZERS [cmake arguments]
    local dir=$1 sanitize=$2
    shift 2
    # Debug with -O1: assertions on, readable stacks, about twice as fast as -O0.
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
          -DCMAKE_CXX_COMPILER=clang++ -DGRASSROOTS_SANITIZE="$sanitize" "$@"
}
asan_dir=$build_dir-asan
asan_build() { sanitizer_build "$asan_dir" address,undefined -DGRASSROOTS_FUZZ=ON; }

stage_release() {
    cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DGRASSROOTS_WARNINGS_AS_ERRORS=ON
    cmake --build "$build_dir" -j 2
    ctest --test-dir "$build_dir" --output-on-failure -j 2 --label-exclude bench "$@"
}

stage_asan() {
    local dir=$asan_dir
    asan_build
    cmake --build "$dir" -j 2
    new_report_dir
    # detect_leaks: on, with Open MPI's own leaks suppressed (tests/sanitizers/lsan.supp).
    local rc=0
    ASAN_OPTIONS="detect_leaks=1:exitcode=86:log_path=$report_dir/asan" \
    UBSAN_OPTIONS="print_stacktrace=1:exitcode=86:log_path=$report_dir/ubsan" \
    LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0:exitcode=86" \
        ctest --test-dir "$dir" --output-on-failure -j 2 --label-exclude bench "$@" || rc=$?
    check_reports asan || rc=1
    return $rc
}

stage_tsan() {
    local dir=$build_dir-tsan
    sanitizer_build "$dir" thread
    cmake --build "$dir" -j 2 --target grassroots grassroots_tests
    new_report_dir
    local rc=0
    TSAN_OPTIONS="exitcode=86:log_path=$report_dir/tsan:second_deadlock_stack=1" \
        ctest --test-dir "$dir" --output-on-failure -j 2 --label-regex parallel "$@" || rc=$?
    check_reports tsan || rc=1
    return $rc
}

stage_fuzz() {
    asan_build
    cmake --build "$asan_dir" -j 2 --target fuzz_scenario fuzz_set fuzz_edge_list fuzz_sweep
    bash tests/fuzz/run_fuzzers.sh "$asan_dir/fuzz" "$fuzz_seconds"
}

for stage in $stages; do
    timed "$stage" "stage_$stage" "$@"
done
echo "=== test.sh: all stages passed: $(IFS=,; echo "${timings[*]}" | sed 's/,/, /g')"
