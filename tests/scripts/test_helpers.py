"""Unit tests of scripts/grassroots_plots.py, checked against real outputs of the simulator
(needs pandas, numpy, scipy and PyYAML).

Usage: python3 test_helpers.py GRASSROOTS_BINARY SOURCE_DIR
"""

import contextlib
import csv
import io
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

GRASSROOTS, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
sys.path.insert(0, os.path.join(SRC, "scripts"))
import grassroots_plots as gp  # noqa: E402

SMALL = os.path.join(SRC, "tests", "inputs", "good", "small.yaml")
GRID = os.path.join(SRC, "tests", "inputs", "sweeps", "grid.yaml")


def run_grassroots(*args):
    result = subprocess.run([GRASSROOTS, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise AssertionError(f"grassroots {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result.stdout


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def read_json(path):
    with open(path) as f:
        return json.load(f)


class Statistics(unittest.TestCase):
    def test_mean_ci(self):
        import pandas as pd
        nan = float("nan")
        frame = pd.DataFrame({"g": ["a"] * 4 + ["b"] + ["c"] * 3 + ["d"],
                              "y": [1.0, 2.0, 3.0, nan, 5.0, 4.0, 4.0, 4.0, nan]})
        table = gp.mean_ci(frame, "g", "y")
        self.assertEqual(list(table.index), ["a", "b", "c", "d"])  # order of appearance
        # sd 1, n 3: t_{0.975}(2) = 4.303 (any table of Student's t) times 1 / sqrt(3).
        self.assertEqual((table.loc["a", "mean"], table.loc["a", "n"]), (2.0, 3))
        self.assertAlmostEqual(table.loc["a", "half"], 4.303 / math.sqrt(3), delta=1e-3)
        self.assertEqual((table.loc["b", "mean"], table.loc["b", "n"]), (5.0, 1))
        self.assertTrue(math.isnan(table.loc["b", "half"]), "one value has no interval")
        self.assertEqual(tuple(table.loc["c"]), (4.0, 0.0, 3))
        self.assertEqual(table.loc["d", "n"], 0)
        self.assertTrue(math.isnan(table.loc["d", "mean"]) and math.isnan(table.loc["d", "half"]))

    def test_mean_ci_large_samples_approach_the_normal(self):
        import pandas as pd
        values = [0.0, 2.0] * 500  # mean 1, sd 1.0005
        table = gp.mean_ci(pd.DataFrame({"g": 0, "y": values}), "g", "y")
        self.assertAlmostEqual(table.loc[0, "half"], 1.9623 * 1.0005 / math.sqrt(1000), delta=1e-4)

    def test_gini(self):
        self.assertEqual(gp.gini([]), 0.0)
        self.assertEqual(gp.gini([0, 0, 0]), 0.0)
        self.assertAlmostEqual(gp.gini([3, 3, 3]), 0.0)
        self.assertAlmostEqual(gp.gini([0, 0, 0, 8]), 0.75)
        self.assertAlmostEqual(gp.gini([1, 2, 3, 4]), 0.25)


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

    def test_meta_json_gives_the_cohort_sizes(self):
        first = read_csv(os.path.join(self.run_dir, "timeseries.csv"))[0]
        cohorts = read_json(os.path.join(self.run_dir, "meta.json"))["cohorts"]
        # 3001 users at 0.6 / 0.4: 1800.6 and 1200.4, the larger remainder gets the odd user.
        self.assertEqual(cohorts, [{"name": "young", "users": 1801}, {"name": "old", "users": 1200}])
        for cohort in cohorts:
            self.assertEqual(int(first[f"online_{cohort['name']}"]), cohort["users"], cohort["name"])
        run = gp.Run(self.run_dir)
        self.assertEqual(run.cohort_sizes(), {"young": 1801, "old": 1200})
        self.assertEqual(run.users(), 3001)

    def test_cohort_sizes_of_an_edge_list(self):
        """An edge list's users are known only once it is loaded: meta.json has them."""
        scenario = os.path.join(self.work, "edges.yaml")
        with open(scenario, "w") as f:
            f.write("name: edges\nticks: 2\npopulation:\n  cohorts:\n"
                    "    - {name: a, share: 0.5}\n    - {name: b, share: 0.25}\n    - {name: c, share: 0.25}\n"
                    f"graph: {{type: edgelist, path: {SRC}/tests/inputs/edgelists/six_nodes.txt}}\n")
        out = os.path.join(self.work, "edges")
        run_grassroots("run", scenario, "-q", "-o", out)
        self.assertEqual(read_json(os.path.join(out, "meta.json"))["cohorts"],
                         [{"name": "a", "users": 3}, {"name": "b", "users": 2}, {"name": "c", "users": 1}])
        self.assertEqual(read_csv(os.path.join(out, "summary.csv"))[0]["users"], "6")

    def test_no_meta_json_no_cohort_sizes(self):
        kept = os.path.join(self.work, "kept")
        shutil.copytree(self.run_dir, kept)
        os.remove(os.path.join(kept, "meta.json"))
        with open(os.path.join(kept, "result.csv"), "w") as f:
            f.write("as a sweep marks a kept run\n")
        run = gp.Run(kept)
        self.assertIsNone(run.cohort_sizes())
        self.assertIn("no meta.json", run.cohort_sizes_missing())

    def test_scenario_yaml_reads_as_numbers(self):
        scenario = gp.Run(self.run_dir).scenario
        self.assertEqual(scenario["population"]["users"], 3001)
        self.assertEqual(scenario["population"]["cohorts"][0]["share"], 0.6)
        self.assertEqual(scenario["creators"]["share"], 0.05)

    def test_gini_matches_the_simulator(self):
        last = read_csv(os.path.join(self.run_dir, "timeseries.csv"))[-1]
        followers = [int(row["followers"]) for row in read_csv(os.path.join(self.run_dir, "creators.csv"))]
        self.assertGreater(sum(followers), 0)
        self.assertAlmostEqual(gp.gini(followers), float(last["follower_gini"]), places=9)

    def test_run_directory_checks(self):
        gp.check_run_dir(self.run_dir)  # finished: no exit
        self.assertEqual(gp.finished_marker(self.run_dir), "meta.json")
        self.assertIsNone(gp.finished_marker(self.work))


class SweepColumns(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="grassroots-helpers.")
        cls.sweep = os.path.join(cls.work, "grid")
        run_grassroots("sweep", GRID, "-q", "-o", cls.sweep)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_sweep_json_names_the_columns_of_the_summary(self):
        name, ids, keys = gp.sweep_columns(self.sweep)
        self.assertEqual(name, "grid")
        self.assertEqual(ids, ["run_id", "point_id", "replicate", "seed", "world_seed"])
        self.assertEqual(keys, ["platform.feed.popularity", "platform.feed.explore"])
        info = read_json(os.path.join(self.sweep, "sweep.json"))
        self.assertEqual((info["fixed_keys"], info["points"], info["replicates"], info["runs"]), (["ticks"], 4, 3, 12))
        with open(os.path.join(self.sweep, "summary.csv"), newline="") as f:
            header = next(csv.reader(f))
        with open(os.path.join(self.sweep, "runs", "000000", "summary.csv"), newline="") as f:
            run_header = next(csv.reader(f))
        # identity columns, swept keys, the run's own summary columns, wall_seconds.
        self.assertEqual(header, ids + keys + run_header + ["wall_seconds"])

    def test_a_sweep_without_sweep_json_is_refused(self):
        old = os.path.join(self.work, "old")
        shutil.copytree(self.sweep, old)
        os.remove(os.path.join(old, "sweep.json"))
        message = io.StringIO()
        with self.assertRaises(SystemExit) as stop, contextlib.redirect_stderr(message):
            gp.sweep_columns(old)
        self.assertEqual(stop.exception.code, 2)
        self.assertRegex(message.getvalue(), r"^test_helpers.py: .*/old has no sweep.json, which names the swept keys"
                                             r" .*--resume writes it\)\n$")


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
