"""grassroots from Python: run scenarios, step them tick by tick, sweep, analyse and
calibrate, with pandas DataFrames back. The simulator is the command line's own compiled
code; the same scenario gives byte-identical CSVs here and there.

    import grassroots
    result = grassroots.run("scenarios/baseline.yaml", set={"ticks": 30})
    result.summary            # a DataFrame: one row, the summary.csv of the run

Bad input raises grassroots.InputError (a ValueError) with the command line's one-line
message, FILE:LINE:COL: KEY: PROBLEM (expected ...). Ctrl-C raises KeyboardInterrupt at the
end of the current tick. Long work runs with the GIL released.
"""
import os

from ._inputs import scenario_input
from ._native import native
from ._results import RUN_FILES, CalibrationResult, Result, SweepResult, frame, read_texts

InputError = native.InputError
WriteError = native.WriteError
__version__ = native.version

__all__ = ["run", "Simulation", "sweep", "analyze", "score", "calibrate", "check", "Result", "SweepResult",
           "CalibrationResult", "InputError", "WriteError", "__version__"]


def run(scenario, set=None, seed=None, threads=0, output=None, quiet=True):
    """Runs a scenario (a file's path, or a dict in the file's shape) to its last tick.

    set: {dotted key: value}, as --set; seed: replaces the scenario's seed, as --seed;
    threads: 0 for every core; output: also write the run directory there, exactly as
    `grassroots run -o DIR`; quiet=False logs progress as the command line does.
    Returns a Result (.timeseries, .creators, .merchants, .summary, .scenario, .files)."""
    given = scenario_input(native, scenario, set, seed)
    if output is None:
        return Result(native.run_in_memory(given, threads, quiet))
    output = os.fspath(output)
    native.run_to_directory(given, output, threads, quiet)
    return Result(read_texts(output, RUN_FILES), output=output)


def check(scenario, set=None, seed=None):
    """The resolved scenario (every default filled in) as a dict, as `grassroots check`."""
    import yaml

    return yaml.safe_load(native.check(scenario_input(native, scenario, set, seed)))


class Simulation:
    """A run stepped from Python: step(n), run(), and between steps the latest timeseries
    row (.row), the rows so far (.timeseries), the creators' table (.creators) and the
    agents' columns as read-only numpy views of the simulator's memory (users(),
    creators_arrays()). result() at the end gives what run() would have."""

    def __init__(self, scenario, set=None, seed=None, threads=0, quiet=True):
        self._sim = native.Simulation(scenario_input(native, scenario, set, seed), threads, quiet)

    @property
    def tick(self):
        """The ticks done (0 before the first step)."""
        return self._sim.tick

    @property
    def ticks(self):
        """The scenario's last tick."""
        return self._sim.ticks

    def step(self, n=1):
        """Advances n ticks (a tick is a day); returns the ticks done (fewer after Ctrl-C)."""
        return self._sim.step(n)

    def run(self, ticks=None):
        """Steps to the scenario's last tick, or `ticks` more ticks; returns self."""
        self._sim.step(self.ticks - self.tick if ticks is None else ticks)
        return self

    @property
    def timeseries(self):
        """The timeseries rows so far (a row every output.every ticks), as a DataFrame."""
        return frame(self._sim.timeseries_csv())

    @property
    def row(self):
        """The latest timeseries row as a dict {column: value}."""
        lines = self._sim.timeseries_csv().splitlines()
        return frame(lines[0] + "\n" + lines[-1] + "\n").iloc[0].to_dict()

    @property
    def creators(self):
        """creators.csv as of now, as a DataFrame."""
        return frame(self._sim.creators_csv())

    def users(self):
        """The users' columns (cohort, online, active, topic, creator_id, region): read-only
        numpy views of the simulator's memory, valid while this Simulation lives; their
        values change as it steps."""
        return self._sim.users_columns()

    def creators_arrays(self):
        """The creators' columns (user, talent, topic, background 0 grassroots / 1 elite,
        status 0 active / 1 churned, joined_tick, followers, views, likes, items,
        income_cents, sessions, live_orders, gmv_cents): read-only numpy views, one value per
        creator that exists now (call again after stepping for newer creators)."""
        return self._sim.creators_columns()

    def result(self):
        """The run's output files, once the last tick is done, as a Result."""
        return Result(self._sim.result())

    def __repr__(self):
        return f"<grassroots.Simulation at tick {self.tick} of {self.ticks}>"


def sweep(sweep_file, output=None, jobs=0, threads=0, resume=False, quiet=True):
    """Runs a sweep file as `grassroots sweep` (same directory, same --resume); returns a
    SweepResult (.summary, .summary_long, .directory). MPI ranks: use the command line."""
    directory = native.sweep(os.fspath(sweep_file), "" if output is None else os.fspath(output), jobs, threads,
                             resume, quiet)
    return SweepResult(directory)


def analyze(sweep_dir, metrics=None, bootstrap=1000, confidence=0.95, seed=1, output=None, quiet=True):
    """Sensitivity indices of a finished Sobol' or Morris sweep, as `grassroots analyze`;
    returns sensitivity.csv as a DataFrame."""
    path = native.analyze(os.fspath(sweep_dir), list(metrics or []), bootstrap, confidence, seed,
                          "" if output is None else os.fspath(output), quiet)
    import pandas as pd

    return pd.read_csv(path)


def score(directory, targets, output=None):
    """Scores a run or sweep directory against a targets file, as `grassroots score`;
    returns score.csv (a run) or scores.csv (a sweep) as a DataFrame."""
    directory = os.fspath(directory)
    native.score(directory, os.fspath(targets), "" if output is None else os.fspath(output), True)
    import pandas as pd

    if output is not None:
        return pd.read_csv(output)
    name = "score.csv" if os.path.exists(os.path.join(directory, "meta.json")) else "scores.csv"
    return pd.read_csv(os.path.join(directory, name))


def calibrate(calibration_file, output=None, jobs=0, threads=0, resume=False, quiet=True):
    """Runs a calibration file (ABC-SMC) as `grassroots calibrate`; returns a
    CalibrationResult (.posterior, .posterior_summary, .fit, .generations, .directory)."""
    directory = native.calibrate(os.fspath(calibration_file), "" if output is None else os.fspath(output), jobs,
                                 threads, resume, quiet)
    return CalibrationResult(directory)
