#!/usr/bin/env python3
"""Sensitivity indices from `grassroots analyze`: Sobol S1 and ST bars with their bootstrap
intervals, or Morris mu* against sigma, one figure per metric."""

import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grassroots_plots as gp  # noqa: E402  (standard library only at import time)

HEADER = ["metric", "method", "index", "key", "key2", "value", "ci_low", "ci_high", "samples", "warning"]

EXAMPLE = """\
examples:
  grassroots analyze results/feed_sobol
  scripts/plot_sensitivity.py results/feed_sobol
  scripts/plot_sensitivity.py results/feed_sobol --metric grassroots_top100_share --out /tmp/figs
  scripts/plot_sensitivity.py /tmp/other.csv          # a file written with analyze -o

Sobol: per swept key, a bar for the first-order index S1 and one for the total index ST,
each with its bootstrap interval; second-order indices S2, when analysed, in a panel below.
Morris: each key at (mu*, sigma), with mu*'s bootstrap interval as a horizontal bar; the
dashed line sigma = mu* separates keys whose effect mostly varies (interactions,
nonlinearity: above it) from those whose effect is mostly the same everywhere.
Rows that analyze marked few_samples or wide_interval are named in the figure's title:
their intervals mean less than their confidence says.

Reads SWEEP_DIR/sensitivity.csv (or the CSV file given). Default output:
SWEEP_DIR/figures/sensitivity_<metric>.png (next to a CSV file given: figures/ beside it).
Exit codes: 0 success, 2 no sensitivity.csv, not one, unknown metric or bad arguments,
1 matplotlib, pandas, scipy or PyYAML missing.
"""


def parse_args(argv):
    parser = gp.argument_parser(
        "plot_sensitivity.py",
        "Plot the sensitivity indices grassroots analyze wrote (sensitivity.csv).",
        EXAMPLE)
    parser.add_argument("source", metavar="SWEEP_DIR|CSV", help="an analysed sweep directory, or a sensitivity CSV")
    parser.add_argument("--metric", metavar="NAME", nargs="+", action="extend", dest="metrics",
                        help="metric(s) to plot (default: every metric in the file)")
    parser.add_argument("--out", metavar="DIR", help="directory for the figures (default: figures/ beside the CSV)")
    return parser.parse_args(argv)


def number(text):
    return float(text) if text != "" else float("nan")


def read_rows(path):
    """The rows of a sensitivity CSV, checked with the standard library only (fails fast)."""
    if not os.path.isfile(path):
        if os.path.isdir(os.path.dirname(path) or "."):
            gp.die(f"{path}: no such file (run grassroots analyze on the sweep first)")
        gp.die(f"{path}: no such file or directory")
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header != HEADER:
            gp.die(f"{path} is not a sensitivity.csv: its header is {','.join(header or [])!r} "
                   f"(expected {','.join(HEADER)})")
        rows = []
        for line, fields in enumerate(reader, start=2):
            if len(fields) != len(HEADER):
                gp.die(f"{path}:{line}: {len(fields)} fields (expected {len(HEADER)})")
            row = dict(zip(HEADER, fields))
            try:
                for name in ("value", "ci_low", "ci_high"):
                    row[name] = number(row[name])
            except ValueError:
                gp.die(f"{path}:{line}: not a number in value, ci_low or ci_high")
            rows.append(row)
    if not rows:
        gp.die(f"{path} holds no indices")
    return rows


def title(metric, rows):
    warnings = sorted({w for r in rows for w in r["warning"].split(";") if w})
    method = rows[0]["method"]
    n = rows[0]["samples"]
    text = f"{metric}: {'Sobol indices' if method == 'sobol' else 'Morris screening'}, " \
           f"{'N' if method == 'sobol' else 'r'} = {n}"
    if warnings:
        text += "\n(" + ", ".join(warnings).replace("_", " ") + ": the intervals mean less than they say)"
    return text


def error_bars(values, lows, highs):
    """Asymmetric error-bar lengths; a percentile interval need not contain the estimate."""
    import numpy as np
    v, lo, hi = np.asarray(values), np.asarray(lows), np.asarray(highs)
    return np.vstack([np.clip(v - lo, 0, None), np.clip(hi - v, 0, None)])


def plot_sobol(plt, metric, rows):
    import numpy as np
    keys = list(dict.fromkeys(r["key"] for r in rows if r["index"] == "S1"))
    by = {(r["index"], r["key"], r["key2"]): r for r in rows}
    pairs = [r for r in rows if r["index"] == "S2"]
    panels = 2 if pairs else 1
    height = 1.6 + 0.55 * len(keys) + (1.2 + 0.4 * len(pairs) if pairs else 0)
    fig, axes = plt.subplots(panels, 1, figsize=(9, height), squeeze=False,
                             gridspec_kw={"height_ratios": [len(keys) + 1] + ([len(pairs) + 1] if pairs else [])})
    ax = axes[0, 0]
    y = np.arange(len(keys))
    for offset, index, colour, label in ((-0.2, "S1", "#1f77b4", "first order S1"),
                                         (0.2, "ST", "#d95f02", "total ST")):
        values = [by[(index, k, "")]["value"] for k in keys]
        lows = [by[(index, k, "")]["ci_low"] for k in keys]
        highs = [by[(index, k, "")]["ci_high"] for k in keys]
        ax.barh(y + offset, values, height=0.38, color=colour, label=label,
                xerr=None if np.isnan(lows).all() else error_bars(values, lows, highs),
                error_kw={"ecolor": "black", "capsize": 3, "lw": 1})
    ax.set_yticks(y, keys)
    ax.invert_yaxis()
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_xlabel("share of the metric's variance")
    ax.legend(loc="best")
    ax.set_title(title(metric, rows))
    if pairs:
        ax2 = axes[1, 0]
        labels = [f"{r['key']} x {r['key2']}" for r in pairs]
        values = [r["value"] for r in pairs]
        yy = np.arange(len(pairs))
        ax2.barh(yy, values, height=0.5, color="#7570b3", label="second order S2",
                 xerr=error_bars(values, [r["ci_low"] for r in pairs], [r["ci_high"] for r in pairs])
                 if not np.isnan([r["ci_low"] for r in pairs]).all() else None,
                 error_kw={"ecolor": "black", "capsize": 3, "lw": 1})
        ax2.set_yticks(yy, labels)
        ax2.invert_yaxis()
        ax2.axvline(0, color="grey", lw=0.8)
        ax2.set_xlabel("share of the variance from the pair's interaction")
        ax2.legend(loc="best")
    return fig


def plot_morris(plt, metric, rows):
    import numpy as np
    keys = list(dict.fromkeys(r["key"] for r in rows if r["index"] == "mu_star"))
    by = {(r["index"], r["key"]): r for r in rows}
    mu_star = np.array([by[("mu_star", k)]["value"] for k in keys])
    sigma = np.array([by[("sigma", k)]["value"] for k in keys])
    lows = [by[("mu_star", k)]["ci_low"] for k in keys]
    highs = [by[("mu_star", k)]["ci_high"] for k in keys]
    fig, ax = plt.subplots(figsize=(8, 6))
    ax.errorbar(mu_star, np.nan_to_num(sigma), fmt="o", color="#1f77b4", capsize=3, lw=1,
                xerr=None if np.isnan(lows).all() else error_bars(mu_star, lows, highs))
    for k, x, s in zip(keys, mu_star, np.nan_to_num(sigma)):
        ax.annotate(k, (x, s), textcoords="offset points", xytext=(6, 4), fontsize=9)
    top = max(float(np.nanmax(highs)) if not np.isnan(highs).all() else 0.0, float(mu_star.max()),
              float(np.nan_to_num(sigma).max()), 1e-12) * 1.1
    ax.plot([0, top], [0, top], "--", color="grey", lw=0.8, label="sigma = mu*")
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel("mu* (mean |elementary effect|, per unit of the key's range)")
    ax.set_ylabel("sigma (sd of the elementary effects)")
    ax.legend(loc="upper left")
    ax.set_title(title(metric, rows))
    return fig


def main(argv):
    gp.default_sigpipe()
    args = parse_args(argv)
    path = args.source
    if os.path.isdir(path):
        if os.path.isfile(os.path.join(path, "meta.json")):
            gp.die(f"{path} is a run directory, not an analysed sweep")
        path = os.path.join(path, "sensitivity.csv")
    rows = read_rows(path)
    metrics = list(dict.fromkeys(r["metric"] for r in rows))
    wanted = list(dict.fromkeys(args.metrics or metrics))
    for m in wanted:
        if m not in metrics:
            gp.die(f"unknown metric '{m}': {path} has {', '.join(metrics)}")
    gp.require_packages()
    plt = gp.setup_matplotlib()
    out_dir = args.out or os.path.join(os.path.dirname(os.path.abspath(path)), "figures")
    for m in wanted:
        mine = [r for r in rows if r["metric"] == m]
        fig = plot_sobol(plt, m, mine) if mine[0]["method"] == "sobol" else plot_morris(plt, m, mine)
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", m)
        gp.save_figure(fig, os.path.join(out_dir, f"sensitivity_{safe}.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
