#!/usr/bin/env bash
# Unit tests of scripts/grassroots_plots.py (test_helpers.py; standard library only), under
# python3 on PATH and, when it is another interpreter, /usr/bin/python3 too (which may add
# the comparisons with scipy and PyYAML).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_python

HERE=$SRC/tests/scripts
interpreters=("$PYTHON")
if [[ -x /usr/bin/python3 && $(command -v "$PYTHON") != /usr/bin/python3 ]]; then
    interpreters+=(/usr/bin/python3)
fi
for py in "${interpreters[@]}"; do
    note "with $py ($("$py" -c 'import sys; print(sys.executable)'))"
    "$py" "$HERE/test_helpers.py" "$GRASSROOTS" "$SRC" 2>&1 || fail "test_helpers.py failed under $py"
done
note "ok"
