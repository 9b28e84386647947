"""What grassroots writes as YAML loads with PyYAML's safe_load, every number a number: the
resolved scenario (`grassroots check`, a run's scenario.yaml) of every scenario in
scenarios/ and tests/inputs/good/, and a sweep's resolved sweep.yaml.

The simulator reads a plain scalar as a number the way std::from_chars does, which is the
grammar of YAML 1.2's core schema. PyYAML follows YAML 1.1, whose floats need a dot and a
signed exponent (2e-04 is a string to it) and whose integers with a leading 0 are octal
(010 is 8), and whose yes, no, on and off are booleans. So each text is loaded twice, with
safe_load and with a loader that resolves plain scalars by the 1.2 core schema, and the
two trees must be equal, type for type: a number to the simulator is the same number to
safe_load, and a name is a string to both.

Usage: /usr/bin/python3 test_yaml_numbers.py GRASSROOTS_BINARY SOURCE_DIR
"""

import csv
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import yaml

GRASSROOTS, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SWEEP_BASE = os.path.join(SRC, "tests", "inputs", "sweeps", "base.yaml")


class Core12Loader(yaml.SafeLoader):
    """safe_load with YAML 1.2 core schema resolution of plain scalars."""


Core12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in (
        ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
        ("null", r"~|null|Null|NULL|", "~nN"),
        ("int", r"[-+]?[0-9]+", "-+0123456789"),
        ("float", r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", "-+0123456789."),
        ("float", r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)", "-+.")):
    Core12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(f"^(?:{pattern})$"), list(first))
# Decimal, not octal, whatever the leading zeros; floats as Python (and from_chars) read them.
Core12Loader.add_constructor("tag:yaml.org,2002:int", lambda loader, node: int(loader.construct_scalar(node), 10))
Core12Loader.add_constructor("tag:yaml.org,2002:float",
                             lambda loader, node: float(loader.construct_scalar(node).replace("inf", "infinity")))


def differences(pyyaml, core, where=""):
    """Where the two loads of one text differ: [(dotted path, PyYAML's value, the 1.2 value)]."""
    if isinstance(core, dict) and isinstance(pyyaml, dict) and list(core) == list(pyyaml):
        return [d for key in core for d in differences(pyyaml[key], core[key], f"{where}.{key}".lstrip("."))]
    if isinstance(core, list) and isinstance(pyyaml, list) and len(core) == len(pyyaml):
        return [d for i, (a, b) in enumerate(zip(pyyaml, core)) for d in differences(a, b, f"{where}.{i}")]
    if type(core) is not type(pyyaml) or core != pyyaml:
        return [(where, pyyaml, core)]
    return []


def numbers(tree):
    """How many leaves of a loaded tree are numbers (ints or floats, not booleans)."""
    if isinstance(tree, dict):
        return sum(numbers(v) for v in tree.values())
    if isinstance(tree, list):
        return sum(numbers(v) for v in tree)
    return int(isinstance(tree, (int, float)) and not isinstance(tree, bool))


def grassroots(*args):
    result = subprocess.run([GRASSROOTS, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise AssertionError(f"grassroots {' '.join(args)} exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


class YamlTestCase(unittest.TestCase):
    def load_both(self, text, what):
        """The text through safe_load, after checking that it agrees with the 1.2 load."""
        pyyaml, core = yaml.safe_load(text), yaml.load(text, Loader=Core12Loader)
        wrong = differences(pyyaml, core)
        self.assertEqual(wrong, [], f"{what}: PyYAML's safe_load reads (key, value, as the simulator reads it): "
                         + "; ".join(f"{k}: {a!r} ({type(a).__name__}) vs {b!r}" for k, a, b in wrong[:5]))
        return pyyaml


class ResolvedScenarios(YamlTestCase):
    def test_every_shipped_scenario(self):
        files = sorted(glob.glob(os.path.join(SRC, "scenarios", "*.yaml")) +
                       glob.glob(os.path.join(SRC, "tests", "inputs", "good", "*.yaml")))
        self.assertGreater(len(files), 10)
        for path in files:
            with self.subTest(scenario=os.path.relpath(path, SRC)):
                data = self.load_both(grassroots("check", path), path)
                self.assertGreater(numbers(data), 60)  # every number of the schema
                self.assertIsInstance(data["name"], str)
                for cohort in data["population"]["cohorts"]:
                    self.assertIsInstance(cohort["name"], str)
                    self.assertIsInstance(cohort["share"], (int, float))

    def test_values_yaml_11_misreads(self):
        """Small and large floats, integers written as floats, names that look like numbers
        or booleans: PyYAML gets the values the simulator has."""
        text = grassroots("check", os.path.join(SRC, "tests", "inputs", "good", "small.yaml"),
                          "--set", "name=1.5", "--set", "creators.share=2e-4", "--set", "creators.publish_rate=1e-7",
                          "--set", "merchants.mini_program.cost=1e12", "--set", "population.users=1e4",
                          "--set", "creators.item_lifetime=010", "--set", "engagement.like=1",
                          "--set", "population.cohorts.0.name=2024", "--set", "population.cohorts.1.name=yes")
        self.assertIn("share: 2.0e-04\n", text)  # as the simulator writes it now
        data = self.load_both(text, "small.yaml with --set")
        self.assertEqual(data["name"], "1.5")
        self.assertEqual([c["name"] for c in data["population"]["cohorts"]], ["2024", "yes"])
        self.assertEqual(data["population"]["users"], 10000)
        self.assertIsInstance(data["population"]["users"], int)
        self.assertEqual(data["creators"]["share"], 2e-4)
        self.assertEqual(data["creators"]["publish_rate"], 1e-7)
        self.assertEqual(data["creators"]["item_lifetime"], 10)
        self.assertEqual(data["merchants"]["mini_program"]["cost"], 1e12)
        self.assertEqual(data["engagement"]["like"], 1)


class ResolvedSweep(YamlTestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="grassroots-yaml.")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def sweep(self, name, design):
        """Runs a small sweep (2 ticks, 300 users) and returns (its directory, sweep.yaml loaded)."""
        path = os.path.join(self.work, f"{name}.yaml")
        with open(path, "w") as f:
            f.write(f"name: '{name}'\nbase: {SWEEP_BASE}\nreplicates: 1\nkeep_runs: none\n"
                    f"fixed: {{ticks: 2, population.users: 3e2, merchants.mini_program.cost: 1e12}}\n{design}")
        out = os.path.join(self.work, name)
        grassroots("sweep", path, "-q", "-o", out)
        with open(os.path.join(out, "sweep.yaml")) as f:
            return out, self.load_both(f.read(), f"{name}/sweep.yaml")

    def assert_summary_matches(self, out, points):
        """summary.csv's swept columns are the values sweep.yaml lists for each point."""
        with open(os.path.join(out, "sweep.json")) as f:
            keys = json.load(f)["swept_keys"]
        with open(os.path.join(out, "summary.csv"), newline="") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), len(points))
        for row in rows:
            point = points[int(row["point_id"])]
            for key in keys:
                if isinstance(point[key], bool):
                    self.assertEqual(row[key], str(point[key]).lower(), key)
                else:
                    self.assertIsInstance(point[key], (int, float), key)
                    self.assertEqual(float(row[key]), point[key], key)

    def test_grid(self):
        out, data = self.sweep("007", "grid:\n  creators.share: [2e-2, .05, +0.10, 0.]\n"
                                      "  creators.item_lifetime: [010, 1e1]\n  engagement.view_once: [true, false]\n")
        self.assertEqual(data["name"], "007")
        self.assertEqual(data["fixed"], {"ticks": 2, "population.users": 300, "merchants.mini_program.cost": 1e12})
        self.assertEqual(sorted({p["creators.share"] for p in data["points"]}), [0.0, 0.02, 0.05, 0.1])
        self.assertEqual({p["creators.item_lifetime"] for p in data["points"]}, {10})
        self.assertEqual({p["engagement.view_once"] for p in data["points"]}, {True, False})
        self.assert_summary_matches(out, data["points"])

    def test_latin_hypercube_sample(self):
        # Values near 1e-6 come out of the sampler in exponent form.
        out, data = self.sweep("sample", "sample: {n: 6, ranges: {creators.share: [1e-6, 9e-6], "
                                         "creators.exit.min_income: [1e11, 1e12]}}\n")
        shares = [p["creators.share"] for p in data["points"]]
        self.assertEqual(len(shares), 6)
        self.assertTrue(all(1e-6 <= s <= 9e-6 for s in shares), shares)
        with open(os.path.join(out, "sweep.yaml")) as f:
            self.assertRegex(f.read(), r"creators\.share: [0-9]\.[0-9]+e-06")
        self.assert_summary_matches(out, data["points"])


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
