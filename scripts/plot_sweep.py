#!/usr/bin/env python3
"""A metric of a grassroots sweep against a swept key: mean over replicates with a 95%
confidence band, one line per value of a second key; or a heatmap over two swept keys."""

import csv
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grassroots_plots as gp  # noqa: E402  (standard library only at import time)

MAX_HUE_LINES = 8
MAX_X_POINTS = 12  # a numeric --x with more distinct values (a sample) is binned

EXAMPLE = """\
examples:
  grassroots sweep tests/inputs/sweeps/grid.yaml -o results/grid
  scripts/plot_sweep.py results/grid --list
  scripts/plot_sweep.py results/grid --x platform.feed.popularity --y follower_gini
  scripts/plot_sweep.py results/grid --x platform.feed.popularity --y follower_gini \\
      --hue platform.feed.explore
  scripts/plot_sweep.py results/grid --heatmap --x platform.feed.popularity \\
      --hue platform.feed.explore --y grassroots_top100_share --out /tmp/heat.png

Line plot: the mean of --y over the replicates of each sweep point (and over any other
swept key not fixed with --where: a note says so), with a 95% confidence band from
Student's t; dots are the single runs. Numeric hue keys with more than 8 values are
binned into quartiles; a numeric --x with more than 12 values (a Latin hypercube sample)
into equal-count bins, each mean drawn at its bin's mean x.

Heatmap (--heatmap): --x on the horizontal axis, --hue on the vertical axis, colour =
mean of --y; each cell shows the mean and the half-width of its 95% interval. When the
points do not form a grid (a Latin hypercube sample), each point is a coloured marker.

The swept keys are those SWEEP_DIR/sweep.json names (grassroots sweep writes it).
Default output: SWEEP_DIR/figures/<y>_vs_<x>[_by_<hue>].png, or
SWEEP_DIR/figures/heatmap_<y>_<x>_<hue>.png. Exit codes: 0 success, 2 not a (finished)
sweep directory, no sweep.json, unknown key or metric, or bad arguments; 1 matplotlib,
pandas, scipy or PyYAML missing.
"""


def parse_args(argv):
    parser = gp.argument_parser(
        "plot_sweep.py",
        "Plot a summary metric of a finished grassroots sweep (SWEEP_DIR/summary.csv) "
        "against the swept parameters.",
        EXAMPLE)
    parser.add_argument("sweep_dir", metavar="SWEEP_DIR", help="a finished sweep directory (holds summary.csv)")
    parser.add_argument("--x", metavar="KEY", help="swept key on the horizontal axis (its dotted path)")
    parser.add_argument("--y", metavar="METRIC", help="summary metric to plot (a column of summary.csv)")
    parser.add_argument("--hue", metavar="KEY",
                        help="second swept key: one line per value; with --heatmap, the vertical axis")
    parser.add_argument("--heatmap", action="store_true",
                        help="heatmap of the mean of --y over --x (horizontal) and --hue (vertical)")
    parser.add_argument("--where", metavar="KEY=VALUE", action="append", default=[],
                        help="keep only the runs whose swept KEY equals VALUE (repeatable)")
    parser.add_argument("--logx", action="store_true", help="logarithmic horizontal axis (numeric --x)")
    parser.add_argument("--logy", action="store_true", help="logarithmic vertical axis (line plot)")
    parser.add_argument("--out", metavar="FILE", help="output PNG (default: under SWEEP_DIR/figures/)")
    parser.add_argument("--list", action="store_true", help="print the swept keys and the metrics, and exit")
    args = parser.parse_args(argv)
    if not args.list and (not args.x or not args.y):
        parser.error("--x KEY and --y METRIC are required (use --list to see them)")
    if args.heatmap and not args.hue:
        parser.error("--heatmap needs --hue KEY: the swept key on the vertical axis")
    return args


# ------------------------------------------------------------------------------------------


class Sweep:
    """A finished sweep: sweep.json says which columns of summary.csv are swept keys (the
    rest are metrics). The constructor checks the directory with the standard library
    only (bad input fails fast, without pandas); load() reads the runs."""

    def __init__(self, directory):
        summary = os.path.join(directory, "summary.csv")
        if not os.path.isdir(directory):
            gp.die(f"{directory}: no such directory")
        if not os.path.isfile(summary):
            if os.path.isfile(os.path.join(directory, "sweep.yaml")):
                gp.die(f"{directory} is not a finished sweep: it has sweep.yaml but no summary.csv yet "
                       f"(the sweep was interrupted or some runs failed: see runs/*/error.txt, "
                       f"or continue it with grassroots sweep --resume)")
            if os.path.isfile(os.path.join(directory, "timeseries.csv")):
                gp.die(f"{directory} is a run directory, not a sweep: use plot_run.py on it")
            gp.die(f"{directory} is not a sweep directory: it has no summary.csv")
        if not os.path.isfile(os.path.join(directory, "sweep.json")) and gp.finished_marker(directory):
            gp.die(f"{directory} is a run directory, not a sweep: use plot_run.py on it")
        self.dir, self.summary = directory, summary
        self.name, self.ids, self.keys = gp.sweep_columns(directory)
        with open(summary, newline="", encoding="utf-8") as f:
            header = next(csv.reader(f), None)
        if not header:
            gp.die(f"{summary} is empty")
        start = len(self.ids) + len(self.keys)
        if header[:start] != self.ids + self.keys:
            gp.die(f"{summary} does not start with the columns {directory}/sweep.json names "
                   f"({','.join(self.ids + self.keys)})")
        self.metrics = header[start:]

    def load(self):
        """Reads the runs: self.key_text (each swept key's values as text, as the sweep file
        gave them), self.metric (the metrics as numbers, nan where not a number) and
        self.point_id, all indexed by row; a metric may share a swept key's name (ticks)."""
        import pandas as pd
        try:
            frame = pd.read_csv(self.summary, header=None, skiprows=1, dtype=str, keep_default_na=False)
        except pd.errors.EmptyDataError:
            gp.die(f"{self.summary} has no runs")
        except Exception as e:
            gp.die(f"{self.summary}: cannot be read as CSV ({e})")
        if frame.shape[1] != len(self.ids) + len(self.keys) + len(self.metrics):
            gp.die(f"{self.summary}: the rows have a different number of fields than the header")
        first = len(self.ids)
        self.key_text = frame.iloc[:, first:first + len(self.keys)].set_axis(self.keys, axis=1)
        self.metric = frame.iloc[:, first + len(self.keys):].apply(pd.to_numeric, errors="coerce")
        self.metric.columns = self.metrics
        self.point_id = frame.iloc[:, 1]
        self.replicates = frame.iloc[:, 2].nunique()
        self.runs = len(frame)

    def numeric_key(self, key):
        """The swept key's values as numbers, or None when some value is not a number."""
        import pandas as pd
        values = pd.to_numeric(self.key_text[key], errors="coerce")
        return None if values.isna().any() else values


def _number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return math.nan


def _fmt(value):
    if isinstance(value, float):
        if value == int(value) and abs(value) < 1e15:
            return str(int(value)) if abs(value) >= 1 or value == 0 else f"{value:g}"
        return f"{value:.4g}"
    return str(value)


def unknown(sweep, what, name, kind):
    if kind == "key":
        if not sweep.keys:
            gp.die(f"this sweep varies no keys, so {what} has nothing to use")
        hint = " (it is a metric, not a swept key)" if name in sweep.metrics else ""
        gp.die(f"unknown swept key '{name}' for {what}{hint}; swept keys: {', '.join(sweep.keys)}")
    hint = " (it is a swept key, not a metric)" if name in sweep.keys else ""
    gp.die(f"unknown metric '{name}' for {what}{hint}; metrics: {', '.join(sweep.metrics)}")


def key_values(sweep, key, rows):
    """(values of `key` for `rows`, numeric?, sorted distinct values)."""
    numeric = sweep.numeric_key(key)
    if numeric is not None:
        values = [float(numeric[i]) for i in rows]
        return values, True, sorted(set(values))
    values = [sweep.key_text[key][i] for i in rows]
    return values, False, list(dict.fromkeys(values))  # first appearance = sweep order


def apply_where(sweep, where):
    rows = list(range(sweep.runs))
    fixed = []
    for item in where:
        if "=" not in item:
            gp.die(f"--where '{item}': expected KEY=VALUE")
        key, value = item.split("=", 1)
        key, value = key.strip(), value.strip()
        if key not in sweep.keys:
            unknown(sweep, "--where", key, "key")
        numeric = sweep.numeric_key(key)
        target = _number(value)
        if numeric is not None and not math.isnan(target):
            keep = [i for i in rows if math.isclose(numeric[i], target, rel_tol=1e-9, abs_tol=1e-12)]
        else:
            keep = [i for i in rows if sweep.key_text[key][i] == value]
        if not keep:
            _, _, distinct = key_values(sweep, key, rows)
            gp.die(f"--where {key}={value} matches no run; its values are: "
                   f"{', '.join(_fmt(v) for v in distinct)}")
        rows = keep
        fixed.append(f"{key} = {value}")
    return rows, fixed


def averaged_over(sweep, rows, used):
    notes = []
    for key in sweep.keys:
        if key in used:
            continue
        _, _, distinct = key_values(sweep, key, rows)
        if len(distinct) > 1:
            notes.append(f"{key} ({len(distinct)} values)")
    return notes


def fit_title(fig, head, tail):
    """`head tail` on one line when it fits the figure's width, else on two lines."""
    chars = int(fig.get_figwidth() * 6.5)  # about what fits of a 13-point bold title
    return f"{head} {tail}" if len(head) + 1 + len(tail) <= chars else f"{head}\n{tail}"


def default_out(args, sweep):
    safe = lambda s: re.sub(r"[^A-Za-z0-9_.=-]+", "_", s)  # noqa: E731
    if args.heatmap:
        name = f"heatmap_{safe(args.y)}_{safe(args.x)}_{safe(args.hue)}.png"
    else:
        name = f"{safe(args.y)}_vs_{safe(args.x)}" + (f"_by_{safe(args.hue)}" if args.hue else "") + ".png"
    return os.path.join(sweep.dir, "figures", name)


# ------------------------------------------------------------------------------------------


def line_plot(args, sweep, rows, fixed, notes, plt, np):
    import pandas as pd
    y_all = sweep.metric[args.y].to_numpy(dtype=float)
    xs, x_numeric, x_order = key_values(sweep, args.x, rows)
    x_pos = (lambda v: v) if x_numeric else (lambda v: x_order.index(v))
    # Hue groups: (label, [row indices]).
    if args.hue:
        hs, h_numeric, h_order = key_values(sweep, args.hue, rows)
        if h_numeric and len(h_order) > MAX_HUE_LINES:
            quantiles = np.quantile(np.asarray(hs), [0, 0.25, 0.5, 0.75, 1.0])
            edges = sorted(set(float(q) for q in quantiles))
            groups = []
            for b in range(len(edges) - 1):
                lo, hi = edges[b], edges[b + 1]
                last = b == len(edges) - 2
                members = [r for r, h in zip(rows, hs) if lo <= h and (h < hi or (last and h <= hi))]
                if members:
                    groups.append((f"[{_fmt(lo)}, {_fmt(hi)}" + ("]" if last else ")"), members))
            gp.note(f"--hue {args.hue} has {len(h_order)} values: binned into quartiles")
        else:
            groups = [(_fmt(h), [r for r, v in zip(rows, hs) if v == h]) for h in h_order]
        if len(groups) > 12:
            gp.die(f"--hue {args.hue} has {len(groups)} values: too many lines; fix it with --where or "
                   f"use --heatmap")
    else:
        groups = [(None, rows)]
    row_x = dict(zip(rows, xs))
    raw_x = dict(row_x)
    x_binned = 0
    if x_numeric and len(x_order) > MAX_X_POINTS:
        # A sampled sweep: (almost) every run has its own x. Means over equal-count bins of x,
        # drawn at the mean x of each bin, say more than a line through pairs of runs.
        x_binned = max(3, min(8, len(rows) // (6 * len(groups))))  # aim at >= 6 runs per mean
        arr = np.asarray(xs, dtype=float)
        edges = np.unique(np.quantile(arr, np.linspace(0, 1, x_binned + 1)))
        which = np.clip(np.searchsorted(edges, arr, side="right") - 1, 0, len(edges) - 2)
        centres = {b: float(arr[which == b].mean()) for b in set(which.tolist())}
        row_x = {r: centres[b] for r, b in zip(rows, which.tolist())}
        x_binned = len(centres)
        gp.note(f"--x {args.x} has {len(x_order)} values: means over {x_binned} equal-count bins")

    fig, ax = plt.subplots(figsize=(9.5, 6))
    cmap = plt.get_cmap("viridis") if args.hue and len(groups) > 1 and key_values(sweep, args.hue, rows)[1] \
        else None
    tab = plt.get_cmap("tab10").colors
    any_band = False
    plotted = 0
    counts = set()
    for g, (label, members) in enumerate(groups):
        colour = cmap(0.02 + 0.78 * g / max(1, len(groups) - 1)) if cmap else tab[g % 10]
        runs = pd.DataFrame({"x": [row_x[r] for r in members], "y": [y_all[r] for r in members]})
        per_x = gp.mean_ci(runs, "x", "y")
        per_x = per_x.loc[sorted(per_x.index, key=x_pos)]
        # Categories: the hue groups side by side around each category's position.
        dodge = 0.0 if x_numeric or len(groups) == 1 else 0.3 * (g / (len(groups) - 1) - 0.5)
        px = np.array([x_pos(k) for k in per_x.index], dtype=float) + dodge
        mean = per_x["mean"].to_numpy(dtype=float)
        half = per_x["half"].to_numpy(dtype=float)
        counts.update(int(n) for n in per_x["n"] if n > 0)
        ok = ~np.isnan(mean)
        if not ok.any():
            continue
        plotted += 1
        # Single runs, behind the means.
        dots_x = [x_pos(raw_x[r]) + dodge for r in members if not math.isnan(y_all[r])]
        dots_y = [y_all[r] for r in members if not math.isnan(y_all[r])]
        ax.scatter(dots_x, dots_y, s=12, color=colour, alpha=0.35, linewidths=0, zorder=2)
        name = label if label is not None else "mean over replicates"
        ax.plot(px[ok], mean[ok], marker="o", ms=6 if x_numeric else 8, lw=2 if x_numeric else 0,
                color=colour, label=name, zorder=3)
        band = ok & ~np.isnan(half)
        if band.any():
            any_band = True
            if x_numeric:
                ax.fill_between(px[band], (mean - half)[band], (mean + half)[band], color=colour, alpha=0.18,
                                lw=0, zorder=1)
            else:
                ax.errorbar(px[band], mean[band], yerr=half[band], fmt="none", ecolor=colour, capsize=4,
                            lw=1.4, zorder=3)
    if plotted == 0:
        gp.die(f"{args.y} is nan in every selected run: nothing to plot")
    if not x_numeric:
        ax.set_xlim(-0.5, len(x_order) - 0.5)
        ax.grid(False, axis="x")
        ax.set_xticks(range(len(x_order)))
        ax.set_xticklabels([str(v) for v in x_order], rotation=30 if len(x_order) > 6 else 0)
    elif len(x_order) <= MAX_X_POINTS:
        ax.set_xticks(x_order)
        ax.set_xticklabels([_fmt(v) for v in x_order], rotation=30 if len(x_order) > 8 else 0)
    if args.logx:
        if not x_numeric or min(x_order) < 0:
            gp.die(f"--logx needs a numeric --x with non-negative values ({args.x} is not)")
        if min(x_order) == 0:
            # A zero (e.g. "no head start") has no logarithm: linear up to the smallest
            # positive value, logarithmic beyond.
            ax.set_xscale("symlog", linthresh=min(v for v in x_order if v > 0))
        else:
            ax.set_xscale("log")
        ax.set_xticks(x_order)
        ax.set_xticklabels([_fmt(v) for v in x_order])
    if args.logy:
        ax.set_yscale("log")
    ax.set_xlabel(args.x)
    ax.set_ylabel(gp.summary_axis_label(args.y))
    ax.set_title(fit_title(fig, args.y, f"vs {args.x}"), loc="left", fontweight="bold")
    n_lo, n_hi = min(counts), max(counts)
    runs = f"{n_lo} run{'s' if n_hi > 1 else ''}" if n_lo == n_hi else f"{n_lo}–{n_hi} runs"
    caption = [f"sweep {sweep.name}; " + ("line" if x_numeric else "marker") + f": mean of {runs}"
               + (" ± 95% t confidence " + ("band" if x_numeric else "interval") if any_band else
                  " (a single run: no interval)") + "; dots: single runs"]
    if x_binned:
        caption.append(f"{args.x} binned into {x_binned} equal-count bins; each mean is drawn at its bin's mean "
                       f"{args.x}")
    if fixed:
        caption.append("where " + ", ".join(fixed))
    if notes:
        caption.append("averaged over " + ", ".join(notes))
    ax.text(0.0, -0.13, "\n".join(caption), transform=ax.transAxes, ha="left", va="top", fontsize=9,
            color="0.3")
    if args.hue or plotted > 1:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0,
                  title=args.hue if args.hue else None)
    return fig


def heatmap(args, sweep, rows, fixed, notes, plt, np):
    import pandas as pd
    y_all = sweep.metric[args.y].to_numpy(dtype=float)
    xs, x_numeric, x_order = key_values(sweep, args.x, rows)
    hs, h_numeric, h_order = key_values(sweep, args.hue, rows)
    runs = pd.DataFrame({"x": xs, "hue": hs, "y": [y_all[r] for r in rows]})
    stats = {cell: (row["mean"], row["half"], int(row["n"])) for cell, row in
             gp.mean_ci(runs, ["x", "hue"], "y").iterrows()}
    full = len(stats) == len(x_order) * len(h_order)
    dense = len(stats) / (len(x_order) * len(h_order))
    scattered = not full and x_numeric and h_numeric and dense < 0.5
    if scattered or len(x_order) * len(h_order) > 150:
        size = (9.5, 6.5)
    else:
        size = (min(16, max(7, 1.1 * len(x_order) + 3.5)), min(12, max(5, 0.75 * len(h_order) + 2.8)))
    fig, ax = plt.subplots(figsize=size)
    if scattered:
        # Scattered points (a sample, not a grid): one marker per point, coloured by its mean.
        px = np.array([k[0] for k in stats], dtype=float)
        py = np.array([k[1] for k in stats], dtype=float)
        pz = np.array([s[0] for s in stats.values()], dtype=float)
        if np.all(np.isnan(pz)):
            gp.die(f"{args.y} is nan in every selected run: nothing to plot")
        sc = ax.scatter(px, py, c=pz, cmap="viridis", s=140, edgecolors="0.2", linewidths=0.6)
        cbar = fig.colorbar(sc, ax=ax)
        kind = ("the points do not form a grid: one marker per sweep point, coloured by the mean of its "
                f"{sweep.replicates} replicate(s)")
        if args.logx:
            ax.set_xscale("log")
    else:
        grid = np.full((len(h_order), len(x_order)), np.nan)
        half = np.full_like(grid, np.nan)
        for (xv, hv), (m, h, _) in stats.items():
            grid[h_order.index(hv), x_order.index(xv)] = m
            half[h_order.index(hv), x_order.index(xv)] = h
        if np.all(np.isnan(grid)):
            gp.die(f"{args.y} is nan in every selected run: nothing to plot")
        cmap = plt.get_cmap("viridis").copy()
        cmap.set_bad("0.85")
        im = ax.imshow(np.ma.masked_invalid(grid), origin="lower", aspect="auto", cmap=cmap)
        cbar = fig.colorbar(im, ax=ax)
        ax.set_xticks(range(len(x_order)))
        ax.set_xticklabels([_fmt(v) for v in x_order], rotation=30 if len(x_order) > 8 else 0)
        ax.set_yticks(range(len(h_order)))
        ax.set_yticklabels([_fmt(v) for v in h_order])
        ax.grid(False)
        lo, hi = np.nanmin(grid), np.nanmax(grid)
        if len(x_order) * len(h_order) <= 150:
            for i in range(len(h_order)):
                for j in range(len(x_order)):
                    m = grid[i, j]
                    if np.isnan(m):
                        ax.text(j, i, "no run", ha="center", va="center", fontsize=8, color="0.3")
                        continue
                    level = 0.5 if hi == lo else (m - lo) / (hi - lo)
                    text = f"{m:.3g}" + ("" if np.isnan(half[i, j]) else f"\n± {half[i, j]:.2g}")
                    ax.text(j, i, text, ha="center", va="center", fontsize=9,
                            color="black" if level > 0.55 else "white")
        ns = sorted(set(n for _, _, n in stats.values() if n > 0))
        runs = f"{ns[0]} run{'s' if ns[-1] > 1 else ''}" if ns[0] == ns[-1] else f"{ns[0]}–{ns[-1]} runs"
        kind = f"cell: mean of {runs}" + (" ± half-width of its 95% t confidence interval"
                                          if np.any(~np.isnan(half)) else "")
    cbar.set_label(f"{gp.summary_axis_label(args.y)}, mean")
    ax.set_xlabel(args.x)
    ax.set_ylabel(args.hue)
    ax.set_title(fit_title(fig, args.y, f"by {args.x} and {args.hue}"), loc="left", fontweight="bold")
    caption = [f"sweep {sweep.name}; {kind}"]
    if fixed:
        caption.append("where " + ", ".join(fixed))
    if notes:
        caption.append("averaged over " + ", ".join(notes))
    ax.text(0.0, -0.12 if len(x_order) <= 8 else -0.18, "\n".join(caption), transform=ax.transAxes,
            ha="left", va="top", fontsize=9, color="0.3")
    return fig


def main(argv):
    gp.default_sigpipe()
    args = parse_args(argv)
    sweep = Sweep(args.sweep_dir)  # standard library only: bad input fails fast
    if not args.list:
        for what, name in (("--x", args.x), ("--hue", args.hue)):
            if name is not None and name not in sweep.keys:
                unknown(sweep, what, name, "key")
        if args.y not in sweep.metrics:
            unknown(sweep, "--y", args.y, "metric")
        if args.hue == args.x:
            gp.die("--hue must be a different swept key than --x")
    # After the checks (a bad argument fails fast, without pandas) and before any message
    # (a re-executed script would print it twice).
    gp.require_packages()
    sweep.load()
    if args.list:
        print(f"sweep {sweep.name}: {sweep.runs} runs, {sweep.point_id.nunique()} points")
        print("swept keys (--x, --hue, --where):")
        for key in sweep.keys:
            _, numeric, distinct = key_values(sweep, key, range(sweep.runs))
            shown = ", ".join(_fmt(v) for v in distinct[:8]) + (", ..." if len(distinct) > 8 else "")
            print(f"  {key}  [{len(distinct)} values: {shown}]")
        print("metrics (--y):")
        for m in sweep.metrics:
            print(f"  {m}")
        return 0
    rows, fixed = apply_where(sweep, args.where)
    notes = averaged_over(sweep, rows, {args.x, args.hue} | {w.split("=", 1)[0].strip() for w in args.where})
    if notes:
        gp.note("averaging over " + ", ".join(notes) + " (fix them with --where KEY=VALUE)")

    plt = gp.setup_matplotlib()
    import numpy as np
    out = args.out or default_out(args, sweep)
    fig = (heatmap if args.heatmap else line_plot)(args, sweep, rows, fixed, notes, plt, np)
    try:
        gp.save_figure(fig, out)
    except OSError as e:
        gp.die(f"cannot write {out}: {e.strerror or e}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
