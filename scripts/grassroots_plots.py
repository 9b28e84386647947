"""Shared helpers of the grassroots plot scripts (plot_run.py, plot_sweep.py, compare_runs.py).

Only the standard library is imported at module level: require_packages() must be able to
run, and re-execute the script under another interpreter, before matplotlib, pandas,
numpy, scipy or PyYAML are imported.
"""

import json
import math
import os
import sys

SYSTEM_PYTHON = "/usr/bin/python3"
# The Debian packages of the modules below (scripts/bootstrap.sh installs them).
PACKAGES = ("matplotlib", "numpy", "pandas", "scipy", "yaml")
INSTALL_HINT = "apt-get install python3-matplotlib python3-numpy python3-pandas python3-scipy python3-yaml"
_REEXEC_GUARD = "GRASSROOTS_PLOTS_REEXEC"

DPI = 120

# Blue-ish for grassroots, orange-ish for elite, everywhere.
BACKGROUND_COLOURS = {"grassroots": "#1f77b4", "elite": "#d95f02"}


def prog_name():
    return os.path.basename(sys.argv[0]) or "grassroots_plots"


def default_sigpipe():
    """`script ... | head` ends quietly instead of with a BrokenPipeError traceback."""
    import signal
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def die(message, code=2):
    """Prints one line `PROG: message` on stderr and exits with `code`."""
    text = " ".join(str(message).split())  # one line, whatever the message holds
    print(f"{prog_name()}: {text}", file=sys.stderr)
    sys.exit(code)


def note(message):
    print(f"{prog_name()}: {message}", file=sys.stderr)


def argument_parser(prog, description, examples):
    """The command line's parser: `examples` follows the options in --help, with its line
    breaks kept."""
    import argparse
    return argparse.ArgumentParser(prog=prog, description=description, epilog=examples,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)


# --------------------------------------------------------------------------------------
# Interpreter bootstrap
# --------------------------------------------------------------------------------------

def _same_environment_as_system_python():
    """True when this process already is the system interpreter in its own environment
    (not a virtual environment built on it): re-executing would change nothing."""
    try:
        same_binary = os.path.samefile(sys.executable, SYSTEM_PYTHON)
    except OSError:
        same_binary = False
    in_venv = sys.prefix != getattr(sys, "base_prefix", sys.prefix)
    return same_binary and not in_venv


def require_packages():
    """Makes sure matplotlib, numpy, pandas, scipy and PyYAML import. If they do not,
    re-executes the script with /usr/bin/python3 (Debian's interpreter, where the python3-*
    packages install) when that is a different interpreter; otherwise exits 1 with a
    one-line message naming the packages to install."""
    import importlib
    try:
        for module in PACKAGES:
            importlib.import_module(module)
        return
    except Exception as e:  # ImportError, or a broken binary module
        reason = f"{type(e).__name__}: {e}"
    if (os.environ.get(_REEXEC_GUARD) is None and os.access(SYSTEM_PYTHON, os.X_OK)
            and not _same_environment_as_system_python()):
        os.environ[_REEXEC_GUARD] = sys.executable or "?"
        script = os.path.abspath(sys.argv[0])
        try:
            sys.stdout.flush()
            sys.stderr.flush()
            # -E: this interpreter's PYTHONPATH/PYTHONHOME must not leak into the other one.
            os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, "-E", script] + sys.argv[1:])
        except OSError as e:
            reason += f"; re-executing with {SYSTEM_PYTHON} failed: {e}"
    tried = sys.executable or "python3"
    first = os.environ.get(_REEXEC_GUARD)
    if first and first != tried:
        tried = f"{first} and {tried}"
    die(f"needs {', '.join(PACKAGES)}, which do not all import under {tried} ({reason});"
        f" install them with: {INSTALL_HINT}", code=1)


def setup_matplotlib():
    """Imports matplotlib with the Agg backend and the house style; returns pyplot."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    plt.rcParams.update({
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
        "font.size": 11,
        "axes.titlesize": 13,
        "axes.labelsize": 11,
        "legend.fontsize": 10,
        "xtick.labelsize": 10,
        "ytick.labelsize": 10,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "legend.framealpha": 0.85,
        "figure.constrained_layout.use": True,
    })
    return plt


def thousands(ax):
    """Groups the digits of large tick labels on the y axis (500,000 rather than 500000)."""
    from matplotlib import ticker
    low, high = ax.get_ylim()
    if max(abs(low), abs(high)) >= 10000 and ax.get_yscale() == "linear":
        ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))


def save_figure(fig, path):
    import matplotlib.pyplot as plt
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    print(path)


def load_yaml(path):
    """A YAML file the simulator wrote, as Python data: PyYAML's safe_load reads its numbers
    as numbers and its names as strings (the simulator writes them so)."""
    import yaml
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def load_json(path):
    """A JSON file the simulator wrote (meta.json, sweep.json), or None when it is absent.
    Exits 2 with one line when it is there but not JSON."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        die(f"{path}: cannot be read as JSON ({e})")


# --------------------------------------------------------------------------------------
# Run directories
# --------------------------------------------------------------------------------------

def finished_marker(directory):
    """The file that vouches for a finished run: meta.json (grassroots run, or a sweep
    run kept with keep_runs: all) or result.csv (any kept sweep run). None if neither."""
    for name in ("meta.json", "result.csv"):
        if os.path.isfile(os.path.join(directory, name)):
            return name
    return None


def check_run_dir(directory):
    """Exits 2 with a one-line message unless `directory` is a finished run."""
    if not os.path.isdir(directory):
        die(f"{directory}: no such directory")
    if not os.path.isfile(os.path.join(directory, "timeseries.csv")):
        if os.path.isfile(os.path.join(directory, "sweep.yaml")):
            die(f"{directory} is a sweep directory, not a run: use plot_sweep.py on it, "
                f"or pass one of its runs ({os.path.join(directory, 'runs', 'NNNNNN')})")
        die(f"{directory} is not a run directory: it has no timeseries.csv")
    if finished_marker(directory) is None:
        die(f"{directory} is not a finished run: it has no meta.json (the run was interrupted "
            f"or is still being written)")


def sweep_columns(directory):
    """(name, identity columns, swept keys) of a sweep, from its sweep.json: summary.csv's
    columns are the identity columns, one per swept key, then the metrics. Exits 2 with one
    line when sweep.json is missing or not what grassroots writes."""
    path = os.path.join(directory, "sweep.json")
    info = load_json(path)
    if info is None:
        die(f"{directory} has no sweep.json, which names the swept keys (a sweep made by an older "
            f"grassroots: run it again into a new directory; if this version made it, "
            f"grassroots sweep SWEEP_FILE -o {directory} --resume writes it)")
    fields = ("name", "id_columns", "swept_keys")
    if not isinstance(info, dict) or not all(field in info for field in fields):
        die(f"{path} is not a sweep.json written by grassroots: it needs {', '.join(fields)}")
    ids, keys = info["id_columns"], info["swept_keys"]
    if not all(isinstance(c, list) and all(isinstance(k, str) for k in c) for c in (ids, keys)):
        die(f"{path}: id_columns and swept_keys must be lists of column names")
    return str(info["name"]), ids, keys


class Run:
    """A finished run directory, loaded."""

    def __init__(self, directory):
        import pandas as pd
        check_run_dir(directory)
        self.dir = directory
        self.ts = _read_csv(os.path.join(directory, "timeseries.csv"))
        if "tick" not in self.ts.columns or self.ts.empty:
            die(f"{directory}/timeseries.csv has no rows or no tick column")
        self.creators = None
        path = os.path.join(directory, "creators.csv")
        if os.path.isfile(path):
            self.creators = _read_csv(path)
        self.summary = {}
        path = os.path.join(directory, "summary.csv")
        if os.path.isfile(path):
            frame = _read_csv(path)
            if len(frame):
                self.summary = frame.iloc[0].to_dict()
        self.scenario = None
        self.scenario_error = None
        path = os.path.join(directory, "scenario.yaml")
        if os.path.isfile(path):
            try:
                self.scenario = load_yaml(path)
                if not isinstance(self.scenario, dict):
                    raise ValueError("not a mapping")
            except Exception as e:  # a scenario we cannot read only costs us labels
                self.scenario, self.scenario_error = None, f"{path}: {e}"
        else:
            self.scenario_error = f"{path} is missing"
        # A sweep keeps a run's meta.json only with keep_runs: all.
        self.meta = load_json(os.path.join(directory, "meta.json"))
        self.pd = pd

    @property
    def name(self):
        if self.scenario and self.scenario.get("name") is not None:
            return str(self.scenario["name"])
        return os.path.basename(os.path.normpath(self.dir))

    def users(self):
        """Number of users: summary.csv (exact, also for graphs read from files), else the
        scenario's population.users."""
        value = self.summary.get("users")
        if value is not None and not _isnan(value):
            return int(value)
        try:
            return int(self.scenario["population"]["users"])
        except (KeyError, TypeError, ValueError):
            return None

    def cohort_sizes(self):
        """{cohort name: its users}, as meta.json's `cohorts` gives them (the counts the
        simulator's world has), or None without them."""
        try:
            return {str(c["name"]): int(c["users"]) for c in self.meta["cohorts"]}
        except (KeyError, TypeError, ValueError):
            return None

    def cohort_sizes_missing(self):
        """Why cohort_sizes() is None."""
        if self.meta is None:
            return "no meta.json (a sweep keeps it only with keep_runs: all)"
        return "meta.json has no cohorts (written by an older grassroots?)"

    def output_every(self):
        ticks = self.ts["tick"].to_numpy()
        steps = set(int(d) for d in (ticks[1:] - ticks[:-1]))
        return steps


def _read_csv(path):
    import pandas as pd
    try:
        return pd.read_csv(path, na_values=["nan", "-nan", "NaN"], keep_default_na=True)
    except pd.errors.EmptyDataError:
        die(f"{path} is empty")
    except Exception as e:
        die(f"{path}: cannot be read as CSV ({e})")


def _isnan(x):
    try:
        return math.isnan(float(x))
    except (TypeError, ValueError):
        return False


# --------------------------------------------------------------------------------------
# Statistics
# --------------------------------------------------------------------------------------

def mean_ci(frame, by, column):
    """Per group of `frame` by `by` (a column or a list of them, in order of appearance):
    `mean` of `column` over its finite values, `half` the half-width of the 95% Student-t
    confidence interval of that mean (nan for fewer than two values) and `n` the values."""
    import numpy as np
    from scipy import stats
    groups = frame.groupby(by, sort=False)[column].agg(["mean", "std", "count"])
    n = groups["count"]
    # scipy's quantile is nan for df < 1, as the interval of a single value is.
    half = stats.t.ppf(0.975, (n - 1).where(n > 1, np.nan)) * groups["std"] / np.sqrt(n)
    return groups.assign(half=half, n=n)[["mean", "half", "n"]]


def gini(values):
    """Gini coefficient, same formula as the simulator (0 for an empty or all-zero list)."""
    xs = sorted(float(v) for v in values)
    n, total = len(xs), sum(xs)
    if n == 0 or total <= 0:
        return 0.0
    weighted = sum((i + 1) * x for i, x in enumerate(xs))
    return 2.0 * weighted / (n * total) - (n + 1.0) / n


# --------------------------------------------------------------------------------------
# Labels
# --------------------------------------------------------------------------------------

# column -> (readable name, axis label with unit). Flows are counted "per day" when the
# output interval is one day; plot scripts convert them to per-day rates otherwise.
METRIC_LABELS = {
    "tick": ("day", "day"),
    "users_online": ("users online", "users"),
    "creators": ("creators (incl. churned)", "creators"),
    "creators_active": ("active creators", "creators"),
    "creators_new": ("new creators", "creators per day"),
    "creators_churned": ("churned creators", "creators per day"),
    "items": ("items published", "items per day"),
    "views": ("views", "views per day"),
    "likes": ("likes", "likes per day"),
    "shares": ("shares", "shares per day"),
    "follows": ("follows", "follows per day"),
    "adoptions": ("adoptions", "users per day"),
    "follower_gini": ("follower Gini", "Gini coefficient"),
    "top1_share": ("top-1% share of follows", "share of all follows"),
    "grassroots_top100_share": ("grassroots share of the top 100", "share of the top 100 creators"),
    "talent_rank_corr": ("talent-followers rank correlation", "Spearman correlation"),
    "creator_income_gini": ("creator income Gini", "Gini coefficient"),
    "merchants_online": ("merchants online", "merchants"),
    "local_orders": ("local orders", "orders per day"),
    "local_orders_lost": ("local orders lost", "orders per day"),
    "local_revenue": ("local revenue", "currency units per day"),
    "live_sessions": ("live sessions", "sessions per day"),
    "live_orders": ("live orders", "orders per day"),
    "gmv": ("GMV (live commerce)", "currency units per day"),
    "commission_income": ("creator commission income", "currency units per day"),
    "platform_take": ("platform take", "currency units per day"),
    "merchant_live_revenue": ("merchant live revenue", "currency units per day"),
}

FLOW_COLUMNS = {"creators_new", "creators_churned", "items", "views", "likes", "shares", "follows",
                "adoptions", "local_orders", "local_orders_lost", "local_revenue", "live_sessions",
                "live_orders", "gmv", "commission_income", "platform_take", "merchant_live_revenue"}

SUMMARY_LABELS = {
    "ticks": "days", "users": "users", "edges": "edges", "users_online": "users",
    "creators": "creators", "creators_active": "creators", "creators_new_total": "creators",
    "creators_churned_total": "creators", "items_total": "items", "views_total": "views",
    "likes_total": "likes", "shares_total": "shares", "follows_total": "follows",
    "max_followers": "followers", "follower_gini": "Gini coefficient", "top1_share": "share of all follows",
    "grassroots_top100_share": "share of the top 100", "talent_rank_corr": "Spearman correlation",
    "creator_income_gini": "Gini coefficient", "first_grassroots_top10_tick": "day",
    "median_followers_grassroots": "followers", "median_followers_elite": "followers",
    "merchants": "merchants", "merchants_online": "merchants", "local_orders_total": "orders",
    "local_orders_lost_total": "orders", "live_orders_total": "orders", "gmv_total": "currency units",
    "commission_income_total": "currency units", "platform_take_total": "currency units",
    "wall_seconds": "seconds",
}


def metric_name(column):
    if column in METRIC_LABELS:
        return METRIC_LABELS[column][0]
    if column.startswith("online_"):
        return f"{column[len('online_'):]} online"
    return column.replace("_", " ")


def metric_unit(column):
    """The unit of a timeseries column, for an axis whose title already names the metric."""
    if column in METRIC_LABELS:
        return METRIC_LABELS[column][1]
    if column.startswith("online_"):
        return "users"
    return column.replace("_", " ")


def metric_axis_label(column, per_day=True):
    """Axis label with unit for a timeseries column."""
    if column in METRIC_LABELS:
        name, unit = METRIC_LABELS[column]
    elif column.startswith("online_"):
        name, unit = metric_name(column), "users"
    else:
        name, unit = metric_name(column), ""
    if column in FLOW_COLUMNS and not per_day:
        unit = unit.replace("per day", "per output interval")
    return f"{name} ({unit})" if unit else name


def summary_axis_label(column):
    unit = SUMMARY_LABELS.get(column)
    name = column.replace("_", " ")
    return f"{name} ({unit})" if unit else name
