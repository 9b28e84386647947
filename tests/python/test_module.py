"""The Python module against the command line (ctest python.module):
   /usr/bin/python3 tests/python/test_module.py GRASSROOTS_EXE SOURCE_DIR
with PYTHONPATH=SOURCE_DIR and GRASSROOTS_BUILD_DIR set by ctest. Every comparison is of
real runs: the same scenario through Python and through the executable gives byte-identical
files, at any thread count."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import numpy as np

EXE, SRC = sys.argv[1], sys.argv[2]
os.chdir(SRC)  # scenarios/... paths as a user at the checkout's top writes them
import grassroots  # noqa: E402

SMALL = {"population.users": 2000, "ticks": 40}
SMALL_SET = ["--set", "population.users=2000", "--set", "ticks=40"]
CSV_FILES = ("timeseries.csv", "creators.csv", "summary.csv", "scenario.yaml")


def cli(*args):
    subprocess.run([EXE, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def without_wall_time(csv_text):
    rows = [line.split(",") for line in csv_text.splitlines()]
    drop = rows[0].index("wall_seconds")
    return "\n".join(",".join(r[:drop] + r[drop + 1:]) for r in rows)


class ModuleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="grassroots-python-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def cli_run(self, scenario, name, *extra):
        out = os.path.join(self.tmp, name)
        cli("run", scenario, "-q", "-o", out, *extra)
        return out

    def test_run_matches_the_command_line_byte_for_byte(self):
        # Two scenarios: the baseline, and one with merchants (merchants.csv too).
        for scenario, files in (("scenarios/baseline.yaml", CSV_FILES),
                                ("scenarios/mini_programs.yaml", CSV_FILES + ("merchants.csv",))):
            with self.subTest(scenario=scenario):
                out = self.cli_run(scenario, "cli-" + os.path.basename(scenario), *SMALL_SET, "--threads", "2")
                in_memory = grassroots.run(scenario, set=SMALL, threads=1)
                written = grassroots.run(scenario, set=SMALL, threads=2, output=os.path.join(self.tmp, "py-out"))
                for name in files:
                    self.assertEqual(in_memory.files[name], read(os.path.join(out, name)), name)
                    self.assertEqual(read(os.path.join(self.tmp, "py-out", name)), read(os.path.join(out, name)), name)
                self.assertTrue(os.path.exists(os.path.join(self.tmp, "py-out", "meta.json")))
                self.assertEqual(len(in_memory.timeseries), 41)  # ticks 0..40
                self.assertEqual(len(in_memory.summary), 1)
                self.assertEqual(int(in_memory.summary["users"][0]), 2000)
                self.assertEqual(in_memory.scenario["population"]["users"], 2000)
                self.assertEqual(len(in_memory.creators), int(in_memory.summary["creators"][0]))

    def test_dict_scenario_seed_and_threads(self):
        import yaml

        with open("scenarios/baseline.yaml", encoding="utf-8") as f:
            as_dict = yaml.safe_load(f)
        by_path = grassroots.run("scenarios/baseline.yaml", set=SMALL, seed=7, threads=2)
        by_dict = grassroots.run(as_dict, set=SMALL, seed=7, threads=1)
        self.assertEqual(by_path.files["summary.csv"], by_dict.files["summary.csv"])
        self.assertEqual(by_path.files["creators.csv"], by_dict.files["creators.csv"])
        out = self.cli_run("scenarios/baseline.yaml", "cli-seed7", *SMALL_SET, "--seed", "7")
        self.assertEqual(by_path.files["timeseries.csv"], read(os.path.join(out, "timeseries.csv")))
        other = grassroots.run("scenarios/baseline.yaml", set=SMALL, seed=8)
        self.assertNotEqual(by_path.files["creators.csv"], other.files["creators.csv"])

    def test_bad_input_is_a_value_error_with_the_cli_message(self):
        with self.assertRaises(grassroots.InputError) as caught:
            grassroots.run("scenarios/baseline.yaml", set={"population.users": -5})
        self.assertIsInstance(caught.exception, ValueError)
        self.assertIn("population.users", str(caught.exception))
        proc = subprocess.run([EXE, "run", "scenarios/baseline.yaml", "--set", "population.users=-5"],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(str(caught.exception), proc.stderr)
        with self.assertRaises(ValueError) as caught:
            grassroots.run({"name": "d", "ticks": 5, "population": {"users": 100, "no_such_key": 1}})
        self.assertRegex(str(caught.exception), r"^<dict>:\d+:\d+: population\.no_such_key")
        with self.assertRaises(ValueError):
            grassroots.run("no/such/file.yaml")
        with self.assertRaises(ValueError):
            grassroots.run("scenarios/baseline.yaml", seed=-1)

    def test_simulation_steps_and_views(self):
        sim = grassroots.Simulation("scenarios/baseline.yaml", set=SMALL, threads=2)
        self.assertEqual((sim.tick, sim.ticks), (0, 40))
        self.assertEqual(sim.step(10), 10)
        self.assertEqual(sim.row["tick"], 10)
        self.assertEqual(len(sim.timeseries), 11)
        users = sim.users()
        self.assertEqual(len(users["online"]), 2000)
        self.assertFalse(users["online"].flags.writeable)
        with self.assertRaises(ValueError):
            users["online"][0] = 1
        # Views, not copies: two calls see the same memory.
        self.assertTrue(np.shares_memory(users["online"], sim.users()["online"]))
        early = sim.creators_arrays()
        n_early = len(early["followers"])
        self.assertEqual(n_early, len(sim.creators))
        sim.run()
        self.assertEqual(sim.tick, 40)
        late = sim.creators_arrays()
        # The early views still show live values: the columns did not move as creators joined.
        self.assertTrue(np.shares_memory(early["followers"], late["followers"]))
        np.testing.assert_array_equal(early["followers"], late["followers"][:n_early])
        self.assertEqual(int(late["followers"].sum()), int(sim.creators["followers"].sum()))
        with self.assertRaises(ValueError):
            sim.step()
        # The stepped run's files are run()'s.
        whole = grassroots.run("scenarios/baseline.yaml", set=SMALL, threads=1)
        stepped = sim.result()
        for name in CSV_FILES:
            self.assertEqual(stepped.files[name], whole.files[name], name)

    def test_gil_is_released_and_ctrl_c_stops_at_a_tick(self):
        # A Python thread keeps running while the simulator does (GIL released): at a 10 ms
        # sleep it would count ~100 a second; 5 is far below that and far above the 0-1 a
        # held GIL allows.
        ticks = []
        stop = threading.Event()

        def count():
            while not stop.is_set():
                ticks.append(1)
                time.sleep(0.01)

        counter = threading.Thread(target=count)
        counter.start()
        grassroots.run("scenarios/baseline.yaml", set={"population.users": 20000, "ticks": 60}, threads=2)
        stop.set()
        counter.join()
        self.assertGreater(len(ticks), 5)

        # SIGINT half a second into a long run: KeyboardInterrupt, and the stop does not
        # linger (the next call runs to its end).
        sim = grassroots.Simulation("scenarios/baseline.yaml", set={"population.users": 20000, "ticks": 100000})
        timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
        timer.start()
        with self.assertRaises(KeyboardInterrupt):
            sim.step(100000)
        timer.join()
        self.assertGreater(sim.tick, 0)
        self.assertLess(sim.tick, 100000)
        at = sim.tick
        self.assertEqual(sim.step(3), 3)
        self.assertEqual(sim.tick, at + 3)
        self.assertEqual(len(grassroots.run("scenarios/baseline.yaml", set=SMALL).timeseries), 41)

    def test_sweep_analyze_and_calibrate(self):
        out = os.path.join(self.tmp, "sweep-cli")
        cli("sweep", "tests/python/sobol_small.yaml", "-q", "-o", out, "--jobs", "2")
        result = grassroots.sweep("tests/python/sobol_small.yaml", output=os.path.join(self.tmp, "sweep-py"), jobs=1)
        # Every column but the runs' wall time, byte for byte.
        self.assertEqual(without_wall_time(read(os.path.join(result.directory, "summary.csv"))),
                         without_wall_time(read(os.path.join(out, "summary.csv"))))
        self.assertIn("wall_seconds", read(os.path.join(out, "summary.csv")).splitlines()[0])
        self.assertEqual(len(result.summary), 32)  # N (2 + 2) runs
        self.assertEqual(len(result.summary_long) % 32, 0)
        indices = grassroots.analyze(result.directory, metrics=["follower_gini"], bootstrap=100)
        self.assertEqual(set(indices["index"]), {"S1", "ST"})  # second_order off
        cli("analyze", out, "--metric", "follower_gini", "--bootstrap", "100", "-q", "-o",
            os.path.join(self.tmp, "cli-sensitivity.csv"))
        self.assertEqual(read(os.path.join(result.directory, "sensitivity.csv")),
                         read(os.path.join(self.tmp, "cli-sensitivity.csv")))

        work = os.path.join(self.tmp, "calibration")
        shutil.copytree("tests/inputs/calibration", work)
        calibration = grassroots.calibrate(os.path.join(work, "small.yaml"), output=os.path.join(work, "out"), jobs=2)
        self.assertGreater(len(calibration.posterior), 0)
        self.assertEqual(len(calibration.generations), 3)
        self.assertEqual(set(calibration.posterior_summary["key"]),
                         {"engagement.like", "platform.feed.explore", "population.cohorts.0.attention"})
        # The same posterior as the command line's, at another job count.
        cli("calibrate", os.path.join(work, "small.yaml"), "-q", "-o", os.path.join(work, "cli"), "--jobs", "1")
        for name in ("posterior.csv", "posterior_summary.csv", "generations.csv"):
            self.assertEqual(read(os.path.join(work, "out", name)), read(os.path.join(work, "cli", name)), name)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
