"""What the functions return: the output files' texts, as pandas DataFrames."""
import io
import os
import sys

try:
    import pandas as pd
except ImportError as e:  # e.g. the python3 first on PATH is not Debian's
    raise ImportError(
        f"grassroots needs pandas and numpy, which this Python ({sys.executable}) lacks: use /usr/bin/python3, "
        "which has Debian's python3-pandas (scripts/bootstrap.sh installs it)"
    ) from e


def frame(text):
    return pd.read_csv(io.StringIO(text))


def read_texts(directory, names):
    texts = {}
    for name in names:
        path = os.path.join(directory, name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                texts[name] = f.read()
    return texts


RUN_FILES = ("scenario.yaml", "timeseries.csv", "creators.csv", "merchants.csv", "summary.csv")


class Result:
    """One run: `files` holds each output file's exact text (what `grassroots run` writes),
    `timeseries`, `creators`, `merchants` (None without merchants) and `summary` the same as
    DataFrames, `scenario` the resolved scenario as a dict, `output` the directory or None."""

    def __init__(self, files, output=None):
        self.files = dict(files)
        self.output = output
        self.timeseries = frame(self.files["timeseries.csv"])
        self.creators = frame(self.files["creators.csv"])
        self.merchants = frame(self.files["merchants.csv"]) if "merchants.csv" in self.files else None
        self.summary = frame(self.files["summary.csv"])
        self._scenario = None

    @property
    def scenario(self):
        if self._scenario is None:
            import yaml  # Debian's python3-yaml; needed only here

            self._scenario = yaml.safe_load(self.files["scenario.yaml"])
        return self._scenario

    def __repr__(self):
        return f"<grassroots.Result: {len(self.timeseries)} timeseries rows, {len(self.creators)} creators>"


class SweepResult:
    """A finished sweep: `summary` (a row per run) and `summary_long` (a row per run and
    metric), read from `directory`."""

    def __init__(self, directory):
        self.directory = directory
        self.summary = pd.read_csv(os.path.join(directory, "summary.csv"))
        self.summary_long = pd.read_csv(os.path.join(directory, "summary_long.csv"))

    def __repr__(self):
        return f"<grassroots.SweepResult {self.directory}: {len(self.summary)} runs>"


class CalibrationResult:
    """A calibration's tables (see results/README.md): `posterior`, `posterior_summary`,
    `fit`, `generations`, read from `directory`."""

    def __init__(self, directory):
        self.directory = directory
        tables = {}
        for name in ("posterior", "posterior_summary", "fit", "generations"):
            path = os.path.join(directory, name + ".csv")
            tables[name] = pd.read_csv(path) if os.path.exists(path) else None
        self.posterior = tables["posterior"]
        self.posterior_summary = tables["posterior_summary"]
        self.fit = tables["fit"]
        self.generations = tables["generations"]

    def __repr__(self):
        return f"<grassroots.CalibrationResult {self.directory}>"
