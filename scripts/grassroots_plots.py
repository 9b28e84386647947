"""Shared helpers of the grassroots plot scripts (plot_run.py, plot_sweep.py, compare_runs.py).

Only the standard library is imported at module level: require_plotting() must be able to
run, and re-execute the script under another interpreter, before matplotlib, pandas or
numpy are imported.
"""

import math
import os
import re
import sys

SYSTEM_PYTHON = "/usr/bin/python3"
INSTALL_HINT = "apt-get install python3-matplotlib python3-pandas"
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


def require_plotting():
    """Makes sure matplotlib, pandas and numpy import. If they do not, re-executes the
    script with /usr/bin/python3 (Debian's interpreter, where python3-matplotlib and
    python3-pandas install) when that is a different interpreter; otherwise exits 1 with
    a one-line message naming the packages to install."""
    try:
        import matplotlib  # noqa: F401
        import numpy  # noqa: F401
        import pandas  # noqa: F401
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
    die(f"needs matplotlib, pandas and numpy, which do not import under {tried} ({reason});"
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


# --------------------------------------------------------------------------------------
# A small YAML reader for the resolved scenario files (python3-yaml may be absent)
# --------------------------------------------------------------------------------------

def _unquoted(text):
    """(index, character) of each character of `text` outside single or double quotes
    (the quote marks themselves left out)."""
    quote = None
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        else:
            yield i, ch


def _strip_comment(line):
    for i, ch in _unquoted(line):
        if ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def _scalar(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        body = text[1:-1]
        return body.replace("''", "'") if text[0] == "'" else body.replace('\\"', '"')
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if re.fullmatch(r"[-+]?[0-9]+", text):
        return int(text)
    if re.fullmatch(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?", text):
        return float(text)
    if text.lower() in (".inf", "+.inf"):
        return math.inf
    if text.lower() == "-.inf":
        return -math.inf
    if text.lower() == ".nan":
        return math.nan
    return text


def _split_flow(body):
    """Splits the inside of a flow collection at top-level commas."""
    parts, depth, start = [], 0, 0
    for i, ch in _unquoted(body):
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return [p.strip() for p in parts if p.strip()]


def _split_key(text):
    """'key: value' -> (key, value) at the first ': ' (or trailing ':') outside quotes."""
    for i, ch in _unquoted(text):
        if ch == ":" and (i + 1 == len(text) or text[i + 1] in " \t"):
            return _scalar(text[:i]), text[i + 1:].strip()
    return None


def _value(text):
    text = text.strip()
    if text.startswith("{") and text.endswith("}"):
        out = {}
        for part in _split_flow(text[1:-1]):
            kv = _split_key(part)
            if kv is None:
                raise ValueError(f"bad flow mapping entry '{part}'")
            out[kv[0]] = _value(kv[1])
        return out
    if text.startswith("[") and text.endswith("]"):
        return [_value(p) for p in _split_flow(text[1:-1])]
    return _scalar(text)


def _parse_block(lines, i, indent):
    """Parses the block starting at lines[i] (indent `indent`); returns (value, next i)."""
    if lines[i][1].startswith("- ") or lines[i][1] == "-":
        seq = []
        while i < len(lines) and lines[i][0] == indent and (lines[i][1].startswith("- ") or lines[i][1] == "-"):
            rest = lines[i][1][1:].strip()
            if not rest:
                value, i = _parse_block(lines, i + 1, lines[i + 1][0])
                seq.append(value)
                continue
            kv = _split_key(rest) if not rest.startswith(("{", "[")) else None
            if kv is not None:  # "- key: value" opens a block mapping inside the list item
                inner = indent + 2 + (len(lines[i][1]) - 2 - len(lines[i][1][2:].lstrip()))
                lines[i] = (inner, rest)
                value, i = _parse_block(lines, i, inner)
                seq.append(value)
            else:
                seq.append(_value(rest))
                i += 1
        return seq, i
    mapping = {}
    while i < len(lines) and lines[i][0] == indent:
        kv = _split_key(lines[i][1])
        if kv is None:
            raise ValueError(f"expected 'key: value', got '{lines[i][1]}'")
        key, rest = kv
        i += 1
        if rest:
            mapping[key] = _value(rest)
        elif i < len(lines) and (lines[i][0] > indent or
                                 (lines[i][0] == indent and lines[i][1].startswith("- "))):
            mapping[key], i = _parse_block(lines, i, lines[i][0])
        else:
            mapping[key] = None
    return mapping, i


def parse_yaml_subset(text):
    """Parses the YAML subset the simulator writes (block mappings and lists, flow
    mappings and lists, plain and quoted scalars, comments). Not a general YAML parser."""
    lines = []
    for raw in text.splitlines():
        line = _strip_comment(raw)
        if not line.strip() or line.strip() in ("---", "..."):
            continue
        lines.append((len(line) - len(line.lstrip(" ")), line.strip()))
    if not lines:
        return {}
    value, i = _parse_block(lines, 0, lines[0][0])
    if i != len(lines):
        raise ValueError(f"unexpected indentation at '{lines[i][1]}'")
    return value


def load_yaml(path):
    """A YAML file the simulator wrote, as Python data. parse_yaml_subset() reads it the same
    way whether or not python3-yaml is installed (and, like the simulator, reads 2e-04 as a
    number, where PyYAML's YAML 1.1 would read a string); PyYAML is only the fallback for
    anything outside that subset."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        return parse_yaml_subset(text)
    except (ValueError, IndexError, KeyError):
        try:
            import yaml
        except ImportError:
            raise
        return yaml.safe_load(text)


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
        self.pd = pd

    @property
    def name(self):
        if self.scenario and self.scenario.get("name") is not None:
            return str(self.scenario["name"])
        return os.path.basename(os.path.normpath(self.dir))

    def cohorts(self):
        """[(name, share)] from scenario.yaml, or None when it cannot be read."""
        if not self.scenario:
            return None
        try:
            return [(str(c["name"]), float(c["share"])) for c in self.scenario["population"]["cohorts"]]
        except (KeyError, TypeError, ValueError):
            return None

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
        """{cohort name: number of users}, the way the simulator apportions them, or None."""
        cohorts, users = self.cohorts(), self.users()
        if not cohorts or users is None:
            return None
        counts = apportion(users, [share for _, share in cohorts])
        return {name: count for (name, _), count in zip(cohorts, counts)}

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


def apportion(total, shares):
    """Largest-remainder split of `total` by `shares` (as the simulator assigns cohorts)."""
    counts = [int(math.floor(s * total)) for s in shares]
    remainders = sorted(range(len(shares)), key=lambda i: -(shares[i] * total - math.floor(shares[i] * total)))
    assigned = sum(counts)
    for i in remainders:
        if assigned >= total:
            break
        counts[i] += 1
        assigned += 1
    return counts


# --------------------------------------------------------------------------------------
# Statistics
# --------------------------------------------------------------------------------------

# Two-sided 95% quantiles of Student's t, t_{0.975}(df), df = 1..30.
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]


def t_quantile_975(df, use_scipy=True):
    """t_{0.975} with `df` degrees of freedom: scipy when available, else the table
    (df 1..30) and the normal 1.96 beyond."""
    if df < 1:
        return math.nan
    if use_scipy:
        try:
            from scipy import stats
            return float(stats.t.ppf(0.975, df))
        except Exception:
            pass
    return T975[df - 1] if df <= len(T975) else 1.96


def mean_ci(values):
    """(mean, half-width of the 95% t confidence interval, n) of the finite values;
    the half-width is nan when n < 2."""
    xs = [float(v) for v in values if v is not None and not _isnan(v)]
    n = len(xs)
    if n == 0:
        return math.nan, math.nan, 0
    mean = sum(xs) / n
    if n < 2:
        return mean, math.nan, n
    var = sum((x - mean) ** 2 for x in xs) / (n - 1)
    return mean, t_quantile_975(n - 1) * math.sqrt(var / n), n


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
