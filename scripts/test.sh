#!/usr/bin/env bash
# Sets up (installs missing packages), builds, and runs every test with CTest.
# Usage: scripts/test.sh [extra ctest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh
build_dir=${GRASSROOTS_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DGRASSROOTS_WARNINGS_AS_ERRORS=ON
cmake --build "$build_dir" -j 2
ctest --test-dir "$build_dir" --output-on-failure -j 2 --label-exclude bench "$@"
