"""Unit tests of scripts/grassroots_plots.py (standard library only: no matplotlib needed),
checked against real outputs of the simulator.

Usage: python3 test_helpers.py GRASSROOTS_BINARY SOURCE_DIR
"""

import csv
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

GRASSROOTS, SRC = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(SRC, "scripts"))
import grassroots_plots as gp  # noqa: E402

SMALL = os.path.join(SRC, "tests", "inputs", "good", "small.yaml")


def run_grassroots(*args):
    result = subprocess.run([GRASSROOTS, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise AssertionError(f"grassroots {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result.stdout


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


class Statistics(unittest.TestCase):
    def test_t_table_matches_scipy(self):
        try:
            from scipy import stats
        except Exception:
            self.skipTest("scipy is not installed")
        for df in range(1, 31):
            self.assertAlmostEqual(gp.T975[df - 1], float(stats.t.ppf(0.975, df)), delta=6e-4, msg=f"df {df}")

    def test_t_table_without_scipy(self):
        self.assertEqual(len(gp.T975), 30)
        self.assertTrue(all(a > b for a, b in zip(gp.T975, gp.T975[1:])), "t quantiles must decrease with df")
        self.assertEqual(gp.t_quantile_975(1, use_scipy=False), 12.706)
        self.assertEqual(gp.t_quantile_975(30, use_scipy=False), 2.042)
        self.assertEqual(gp.t_quantile_975(31, use_scipy=False), 1.96)
        self.assertEqual(gp.t_quantile_975(1000, use_scipy=False), 1.96)
        self.assertTrue(math.isnan(gp.t_quantile_975(0)))

    def test_mean_ci(self):
        mean, half, n = gp.mean_ci([1.0, 2.0, 3.0, float("nan")])
        self.assertEqual((mean, n), (2.0, 3))
        self.assertAlmostEqual(half, 4.303 / math.sqrt(3), delta=1e-3)  # sd = 1
        mean, half, n = gp.mean_ci([5.0])
        self.assertEqual((mean, n), (5.0, 1))
        self.assertTrue(math.isnan(half))
        mean, half, n = gp.mean_ci([float("nan")])
        self.assertEqual(n, 0)
        self.assertTrue(math.isnan(mean))
        self.assertEqual(gp.mean_ci([4, 4, 4])[:2], (4.0, 0.0))

    def test_gini(self):
        self.assertEqual(gp.gini([]), 0.0)
        self.assertEqual(gp.gini([0, 0, 0]), 0.0)
        self.assertAlmostEqual(gp.gini([3, 3, 3]), 0.0)
        self.assertAlmostEqual(gp.gini([0, 0, 0, 8]), 0.75)
        self.assertAlmostEqual(gp.gini([1, 2, 3, 4]), 0.25)

    def test_apportion(self):
        self.assertEqual(gp.apportion(100000, [0.5, 0.3, 0.2]), [50000, 30000, 20000])
        self.assertEqual(gp.apportion(7, [1 / 3, 1 / 3, 1 / 3]), [3, 2, 2])
        self.assertEqual(sum(gp.apportion(30001, [0.4, 0.25, 0.2, 0.15])), 30001)


class AgainstTheSimulator(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="grassroots-helpers.")
        # Everybody online from the start: online_<cohort> at tick 0 is each cohort's size.
        cls.run_dir = os.path.join(cls.work, "run")
        run_grassroots("run", SMALL, "-q", "-o", cls.run_dir, "--set", "ticks=8",
                       "--set", "population.users=3001",
                       "--set", "population.cohorts.0.initially_online=1",
                       "--set", "population.cohorts.1.initially_online=1",
                       "--set", "creators.exit.patience=3", "--set", "creators.entry.rate=0.001")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_cohort_sizes_match_the_simulator(self):
        first = read_csv(os.path.join(self.run_dir, "timeseries.csv"))[0]
        sizes = {name: count for name, count in zip(["young", "old"], gp.apportion(3001, [0.6, 0.4]))}
        for name, size in sizes.items():
            self.assertEqual(int(first[f"online_{name}"]), size, name)

    def test_gini_matches_the_simulator(self):
        last = read_csv(os.path.join(self.run_dir, "timeseries.csv"))[-1]
        followers = [int(row["followers"]) for row in read_csv(os.path.join(self.run_dir, "creators.csv"))]
        self.assertGreater(sum(followers), 0)
        self.assertAlmostEqual(gp.gini(followers), float(last["follower_gini"]), places=9)

    def test_run_directory_checks(self):
        gp.check_run_dir(self.run_dir)  # finished: no exit
        self.assertEqual(gp.finished_marker(self.run_dir), "meta.json")
        self.assertIsNone(gp.finished_marker(self.work))


class YamlSubset(unittest.TestCase):
    def scenario_files(self):
        out = []
        for folder in ("scenarios", os.path.join("tests", "inputs", "good")):
            path = os.path.join(SRC, folder)
            out += [os.path.join(path, f) for f in sorted(os.listdir(path)) if f.endswith(".yaml")]
        return out

    def test_resolved_scenarios(self):
        """Every resolved scenario (`grassroots check`) parses, and as PyYAML reads it."""
        try:
            import yaml
        except ImportError:
            yaml = None
        checked = 0
        for path in self.scenario_files():
            result = subprocess.run([GRASSROOTS, "check", path], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
            if result.returncode != 0:
                continue  # e.g. a scenario that needs a graph file absent here
            data = gp.parse_yaml_subset(result.stdout)
            self.assertIsInstance(data["name"], str, path)
            cohorts = data["population"]["cohorts"]
            self.assertAlmostEqual(sum(c["share"] for c in cohorts), 1.0, places=9, msg=path)
            self.assertTrue(all(isinstance(c["name"], str) for c in cohorts), path)
            if yaml is not None:
                self.assertEqual(normalise(data), normalise(yaml.safe_load(result.stdout)), path)
            checked += 1
        self.assertGreater(checked, 3)

    def test_subset_features(self):
        text = ("# comment\nname: 'a b'   # trailing\nlist: [1, 2.5, x]\nnested:\n  k: {a: 1, b: [2, 3]}\n"
                "items:\n  - {name: y, share: 2e-04}\n  - name: z\n    share: .5\nempty:\nflag: true\n")
        self.assertEqual(gp.parse_yaml_subset(text), {
            "name": "a b", "list": [1, 2.5, "x"], "nested": {"k": {"a": 1, "b": [2, 3]}},
            "items": [{"name": "y", "share": 2e-04}, {"name": "z", "share": 0.5}], "empty": None, "flag": True})


def normalise(value):
    """PyYAML (YAML 1.1) reads 2e-04 as a string; the simulator and the subset as a number."""
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
