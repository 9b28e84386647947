# Shared helpers of the plot-script tests. Sourced by each test script (bash only).
# shellcheck shell=bash
#
# Every script is called as: SCRIPT GRASSROOTS_BINARY [SOURCE_DIR]
# and gets: $GRASSROOTS, $SRC (repository root), $SCRIPTS (SRC/scripts), $INPUTS,
# $SMALL (a 3000-user, 40-day scenario), $WORK (a fresh temporary directory, removed on
# exit, the current directory), fail, note, skip, expect_exit and assert_one_line (from
# tests/common.sh), and the functions below.

source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
SCRIPTS=$SRC/scripts
enter_work scripts

# require_python: skips the test (exit 77) when there is no python3 at all.
require_python() {
    command -v python3 >/dev/null 2>&1 || [[ -x /usr/bin/python3 ]] ||
        skip "no python3 on PATH and no /usr/bin/python3"
}

# require_plotting: skips the test (exit 77) unless matplotlib, pandas, numpy, scipy and
# PyYAML import under python3 on PATH or under /usr/bin/python3 (the interpreter the scripts
# fall back to). (GRASSROOTS_TEST_PLOT_DEPS overrides the import, to try the skip:
# 'import no_such_module'.)
PLOT_DEPS=${GRASSROOTS_TEST_PLOT_DEPS:-import matplotlib, pandas, numpy, scipy, yaml}
require_plotting() {
    require_python
    if command -v python3 >/dev/null 2>&1 && python3 -c "$PLOT_DEPS" 2>/dev/null; then
        return 0
    fi
    if [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c "$PLOT_DEPS" 2>/dev/null; then
        return 0
    fi
    skip "matplotlib/pandas/numpy/scipy/yaml are not installed" \
        "(apt-get install python3-matplotlib python3-pandas python3-numpy python3-scipy python3-yaml)"
}

# PYTHON: python3 on PATH if there is one, else /usr/bin/python3.
if command -v python3 >/dev/null 2>&1; then PYTHON=python3; else PYTHON=/usr/bin/python3; fi

# grassroots_ok ARGS...: runs the simulator quietly; fails the test unless it exits 0.
grassroots_ok() {
    expect_exit 0 "$GRASSROOTS" "$@"
}

# assert_png FILE: FILE exists, is not empty and is a PNG: the 8-byte signature, then an
# IHDR chunk of length 13 with width and height > 0, and an IEND chunk at the end.
# Checked with od, without any image library.
assert_png() {
    local file=$1 head width height tail
    [[ -s "$file" ]] || fail "$file is missing or empty"
    head=$(od -An -tx1 -N24 -v "$file" | tr -d ' \n')
    [[ ${head:0:16} == 89504e470d0a1a0a ]] || fail "$file does not start with the PNG signature: ${head:0:16}"
    [[ ${head:16:8} == 0000000d && ${head:24:8} == 49484452 ]] ||
        fail "$file: the first chunk is not a 13-byte IHDR: ${head:16:16}"
    width=$((16#${head:32:8}))
    height=$((16#${head:40:8}))
    ((width > 0 && height > 0)) || fail "$file: IHDR says ${width}x${height}"
    tail=$(tail -c 12 "$file" | od -An -tx1 -v | tr -d ' \n')
    [[ $tail == 0000000049454e44ae426082 ]] || fail "$file does not end with an IEND chunk: $tail"
}
