#!/usr/bin/env bash
# cmake --install into a fresh prefix, then what a user of it does: a separate CMake project
# (tests/external) finds the package, links grassroots::core and runs a scenario whose
# summary equals the executable's byte for byte; the installed executable runs; the
# installed Python package imports from outside the checkout and runs the same scenario.
# Arguments: GRASSROOTS SOURCE_DIR CMAKE BUILD_DIR [PYTHON]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CMAKE=$3
BUILD=$4
PYTHON=${5:-}
PREFIX=$WORK/prefix

"$CMAKE" --install "$BUILD" --prefix "$PREFIX" >"$WORK/install.log" 2>&1 || fail "cmake --install: $(tail -n 5 "$WORK/install.log")"
for f in bin/grassroots lib/libgrassroots_core.a include/grassroots/run/single_run.hpp \
    lib/cmake/grassroots/grassrootsConfig.cmake lib/cmake/grassroots/grassrootsConfigVersion.cmake \
    lib/cmake/grassroots/grassrootsTargets.cmake; do
    [[ -f $PREFIX/$f ]] || fail "not installed: $f"
done
# No Boost in the installed headers or in what the target links.
! grep -rqi "include <boost" "$PREFIX/include/grassroots" || fail "an installed header includes Boost"
! grep -qi "boost" "$PREFIX/lib/cmake/grassroots/grassrootsTargets.cmake" || fail "the exported target names Boost"

SETS=(population.users=1500 ticks=20)
"$CMAKE" -S "$SRC/tests/external" -B "$WORK/external" -DCMAKE_PREFIX_PATH="$PREFIX" -DCMAKE_BUILD_TYPE=Release \
    >"$WORK/external.log" 2>&1 || fail "configuring the external project: $(tail -n 20 "$WORK/external.log")"
"$CMAKE" --build "$WORK/external" -j 2 >>"$WORK/external.log" 2>&1 ||
    fail "building the external project: $(grep -m 5 -i error "$WORK/external.log")"
"$WORK/external/one_run" "$SRC/scenarios/baseline.yaml" "${SETS[@]}" >"$WORK/external.csv" ||
    fail "the external project's run failed"
"$PREFIX/bin/grassroots" run "$SRC/scenarios/baseline.yaml" -q --set "${SETS[0]}" --set "${SETS[1]}" -o "$WORK/cli"
cmp "$WORK/external.csv" "$WORK/cli/summary.csv" >&2 || fail "the library's summary differs from the executable's"
# Bad input reaches the library's user as the same one-line error.
"$WORK/external/one_run" "$SRC/scenarios/baseline.yaml" population.users=-3 >/dev/null 2>"$WORK/bad.err" &&
    fail "a bad --set was accepted by the library"
grep -q "population.users" "$WORK/bad.err" || fail "error does not name the key: $(cat "$WORK/bad.err")"

if [[ -n $PYTHON ]]; then
    site=$(find "$PREFIX/lib" -path "*-packages/grassroots" -type d | head -n 1)
    [[ -n $site ]] || fail "the Python package was not installed under $PREFIX/lib"
    [[ -n $(find "$site" -name "_grassroots*.so") ]] || fail "the compiled module is not beside the package"
    (cd "$WORK" && PYTHONPATH=$(dirname "$site") GRASSROOTS_BUILD_DIR=/nonexistent "$PYTHON" -c "
import sys, grassroots
assert grassroots.__file__.startswith('$site'), grassroots.__file__
r = grassroots.run('$SRC/scenarios/baseline.yaml', set={'population.users': 1500, 'ticks': 20}, threads=2)
sys.stdout.write(r.files['summary.csv'])" >"$WORK/python.csv") || fail "the installed Python package failed"
    cmp "$WORK/python.csv" "$WORK/cli/summary.csv" >&2 || fail "the installed Python package's summary differs"
fi
echo "ok"
