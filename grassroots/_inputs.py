"""A scenario as the compiled module takes it: a file's path, or a dict in the file's shape."""
import json
import os


def _value_text(value):
    """A --set value: YAML's spelling of a Python value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return value
    return json.dumps(value)  # lists and mappings: JSON is YAML


def scenario_input(native, scenario, set=None, seed=None):
    given = native.ScenarioInput()
    if isinstance(scenario, dict):
        # Indented JSON is YAML with a key per line, so errors name a useful line of "<dict>".
        given.text = json.dumps(scenario, indent=2)
        given.base_dir = os.getcwd()
    elif isinstance(scenario, (str, os.PathLike)):
        given.path = os.fspath(scenario)
    else:
        raise TypeError(f"scenario: a path or a dict in the scenario file's shape, not {type(scenario).__name__}")
    if set is not None:
        if not isinstance(set, dict):
            raise TypeError(f"set: a dict of dotted keys to values, not {type(set).__name__}")
        given.overrides = [f"{key}={_value_text(value)}" for key, value in set.items()]
    if seed is not None:
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**64:
            raise ValueError(f"seed: an integer in [0, 2^64), not {seed!r}")
        given.seed = seed
    return given
