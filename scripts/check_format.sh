#!/usr/bin/env bash
# Checks that every C++ file in the tree is formatted as .clang-format says (clang-format
# 14, Debian 12's); prints the files that are not and exits 1. With --fix, formats them.
# Run by ctest as format.check (scripts/test.sh's release stage).
# Usage: scripts/check_format.sh [--fix]
set -euo pipefail
cd "$(dirname "$0")/.."
clang_format=${CLANG_FORMAT:-clang-format}
command -v "$clang_format" >/dev/null || { echo "check_format: $clang_format not found (apt-get install clang-format)" >&2; exit 2; }
# The tracked C++ files, or every one under the tree when this is not a git checkout;
# tests/catch.hpp is a shim around Catch2's headers and is checked too.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files -- '*.cpp' '*.hpp')
else
    mapfile -t files < <(find src tests bench python -name '*.cpp' -o -name '*.hpp' | sort)
fi
if [[ ${1:-} == --fix ]]; then
    "$clang_format" -i "${files[@]}"
    exit 0
fi
# One process for all files; --dry-run reports each misplaced piece as FILE:LINE:COL: error.
report=$("$clang_format" --dry-run --Werror "${files[@]}" 2>&1) && rc=0 || rc=$?
if [[ $rc -ne 0 ]]; then
    echo "check_format: not formatted as .clang-format says (scripts/check_format.sh --fix formats them):" >&2
    grep -Eo '^[^:]+:[0-9]+:[0-9]+: error' <<<"$report" | cut -d: -f1 | sort -u | sed 's/^/  /' >&2
    grep -Eq '^[^:]+:[0-9]+:[0-9]+: error' <<<"$report" || echo "$report" >&2
    exit 1
fi
echo "check_format: ${#files[@]} files formatted"
