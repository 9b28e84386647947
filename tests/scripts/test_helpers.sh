#!/usr/bin/env bash
# Unit tests of scripts/grassroots_plots.py (test_helpers.py), under python3 on PATH and,
# when it is another interpreter, /usr/bin/python3 too: each of them that has the packages
# the scripts need (pandas, numpy, scipy, PyYAML, matplotlib).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_plotting

HERE=$SRC/tests/scripts
interpreters=()
"$PYTHON" -c "$PLOT_DEPS" 2>/dev/null && interpreters+=("$PYTHON")
if [[ -x /usr/bin/python3 && $(command -v "$PYTHON") != /usr/bin/python3 ]] && /usr/bin/python3 -c "$PLOT_DEPS" 2>/dev/null; then
    interpreters+=(/usr/bin/python3)
fi
for py in "${interpreters[@]}"; do
    note "with $py ($("$py" -c 'import sys; print(sys.executable)'))"
    "$py" "$HERE/test_helpers.py" "$GRASSROOTS" "$SRC" 2>&1 || fail "test_helpers.py failed under $py"
done
note "ok"
