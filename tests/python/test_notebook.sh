#!/usr/bin/env bash
# Executes docs/notebooks/quickstart.ipynb with nbconvert (Debian's jupyter, the kernel
# of PYTHON), the executed copy written to a temporary directory (the notebook itself is
# left as it is); any cell's error fails the test.
# Arguments: PYTHON SOURCE_DIR
set -euo pipefail
PYTHON=$1
SRC=$2
"$PYTHON" -c "import nbconvert, ipykernel" 2>/dev/null || {
    echo "skip: nbconvert or ipykernel missing for $PYTHON (scripts/bootstrap.sh installs them)"
    exit 77
}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# The kernel runs in the notebook's directory, docs/notebooks (its first cell moves to the top).
"$PYTHON" -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
    --ExecutePreprocessor.kernel_name=python3 --output-dir "$WORK" --output executed "$SRC/docs/notebooks/quickstart.ipynb"
# Each code cell ran and none left an error output.
"$PYTHON" - "$WORK/executed.ipynb" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
assert all(c.get("execution_count") for c in cells), "a cell did not run"
errors = [o for c in cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
assert not errors, errors
images = sum(1 for c in cells for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
assert images >= 3, f"expected 3 figures, got {images}"
print(f"ok: {len(cells)} cells, {images} figures")
PY
