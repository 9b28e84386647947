#!/usr/bin/env bash
# Sets up, builds (Release) and runs the baseline scenario into results/baseline.
# Usage: scripts/demo.sh [extra arguments for `grassroots run`]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh
cmake --preset release
cmake --build build -j 2 --target programs  # the executable and the Python module
./build/grassroots run scenarios/baseline.yaml -o results/baseline "$@"
scripts/plot_run.py results/baseline
echo "demo: outputs in results/baseline (timeseries.csv, creators.csv, summary.csv, scenario.yaml, meta.json)"
echo "demo: figures in results/baseline/figures"
if compgen -G "build/python/_grassroots*.so" >/dev/null; then
    echo "demo: from Python (Debian's interpreter, here): /usr/bin/python3 -c \"import grassroots; print(grassroots.run('scenarios/baseline.yaml', set={'ticks': 30}).summary)\""
fi
