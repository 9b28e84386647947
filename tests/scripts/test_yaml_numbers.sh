#!/usr/bin/env bash
# The simulator's YAML (resolved scenarios and sweep.yaml) loads with PyYAML's safe_load
# under /usr/bin/python3 with every number a number: test_yaml_numbers.py.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ -x /usr/bin/python3 ]] || skip "no /usr/bin/python3"
/usr/bin/python3 -c 'import yaml' 2>/dev/null || skip "PyYAML is not installed (apt-get install python3-yaml)"
/usr/bin/python3 "$SRC/tests/scripts/test_yaml_numbers.py" "$GRASSROOTS" "$SRC" 2>&1 || fail "test_yaml_numbers.py failed"
note "ok"
