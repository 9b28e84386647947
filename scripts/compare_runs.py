#!/usr/bin/env python3
"""The same timeseries metrics of several grassroots runs on one figure."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grassroots_plots as gp  # noqa: E402  (standard library only at import time)

DEFAULT_METRICS = ["follower_gini", "grassroots_top100_share"]

EXAMPLE = """\
examples:
  grassroots run scenarios/social_feed.yaml -o results/social_feed
  grassroots run scenarios/algorithmic_feed.yaml -o results/algorithmic_feed
  scripts/compare_runs.py results/social_feed results/algorithmic_feed
  scripts/compare_runs.py results/social_feed results/algorithmic_feed \\
      --metric follower_gini top1_share talent_rank_corr --labels social algorithmic \\
      --out feeds.png
  scripts/compare_runs.py results/grid/runs/000000 results/grid/runs/000009 --metric views --smooth 7

Give the RUN_DIRs first: --metric and --labels take several values each.
One panel per metric (a column of timeseries.csv), one line per run. Flow columns (views,
follows, gmv, ...) are drawn as per-day rates. Labels default to each run's scenario name
(the `name:` of its scenario.yaml), with the directory name added when names repeat.
Runs kept by a sweep (runs/NNNNNN with result.csv) are accepted. Default output:
compare_<metrics>.png in the current directory. Exit codes: 0 success, 2 not a finished
run, unknown metric or bad arguments, 1 matplotlib, pandas, scipy or PyYAML missing.
"""


def parse_args(argv):
    parser = gp.argument_parser(
        "compare_runs.py",
        "Compare timeseries metrics of several finished grassroots runs on one figure "
        "(e.g. a social feed against an algorithmic feed).",
        EXAMPLE)
    parser.add_argument("run_dirs", metavar="RUN_DIR", nargs="+", help="finished run directories")
    parser.add_argument("--metric", metavar="NAME", nargs="+", action="extend", dest="metrics",
                        help="timeseries column(s) to compare (default: " + " ".join(DEFAULT_METRICS) + ")")
    parser.add_argument("--labels", metavar="LABEL", nargs="+",
                        help="one legend label per RUN_DIR (default: scenario names)")
    parser.add_argument("--smooth", metavar="ROWS", type=int, default=0,
                        help="centred rolling mean over this many output rows (default: none)")
    parser.add_argument("--out", metavar="FILE", help="output PNG (default: ./compare_<metrics>.png)")
    args = parser.parse_args(argv)
    if args.labels is not None and len(args.labels) != len(args.run_dirs):
        parser.error(f"--labels: got {len(args.labels)} label(s) for {len(args.run_dirs)} run director"
                     f"{'y' if len(args.run_dirs) == 1 else 'ies'}")
    if args.smooth < 0:
        parser.error("--smooth must be >= 0")
    return args


def default_labels(runs):
    names = [run.name for run in runs]
    labels = []
    for run, name in zip(runs, names):
        base = os.path.basename(os.path.normpath(run.dir))
        labels.append(f"{name} ({base})" if names.count(name) > 1 and base != name else name)
    # Still equal (same scenario name and same directory name): number them.
    if len(set(labels)) < len(labels):
        labels = [f"{label} #{i + 1}" for i, label in enumerate(labels)]
    return labels


def main(argv):
    gp.default_sigpipe()
    args = parse_args(argv)
    for d in args.run_dirs:
        gp.check_run_dir(d)  # before the slow imports: a bad directory fails fast
    gp.require_packages()
    plt = gp.setup_matplotlib()
    import numpy as np

    runs = [gp.Run(d) for d in args.run_dirs]
    metrics = args.metrics or DEFAULT_METRICS
    metrics = list(dict.fromkeys(metrics))  # drop repeats, keep the order
    for m in metrics:
        if m == "tick":
            gp.die("--metric tick: the tick (day) is the horizontal axis, not a metric")
        missing = [run.dir for run in runs if m not in run.ts.columns]
        if missing:
            common = [c for c in runs[0].ts.columns if c != "tick" and all(c in r.ts.columns for r in runs)]
            where = "any run" if len(missing) == len(runs) else ", ".join(missing)
            gp.die(f"unknown metric '{m}': not a column of timeseries.csv in {where}; "
                   f"metrics common to all runs: {', '.join(common)}")
    labels = args.labels or default_labels(runs)

    fig, axes = plt.subplots(len(metrics), 1, figsize=(10, 2.2 + 3.0 * len(metrics)), sharex=True,
                             squeeze=False)
    axes = axes[:, 0]
    colours = plt.get_cmap("tab10").colors
    styles = ["-", "--", "-.", ":"]
    notes = set()
    for ax, m in zip(axes, metrics):
        per_day_everywhere = True
        for i, (run, label) in enumerate(zip(runs, labels)):
            ts = run.ts
            day = ts["tick"].to_numpy(dtype=float)
            y = ts[m].to_numpy(dtype=float)
            steps = False
            if m in gp.FLOW_COLUMNS:
                # Totals since the previous row: per-day rates, without the initial row.
                gaps = np.diff(day)
                gaps[gaps <= 0] = 1
                if np.any(gaps != 1):
                    per_day_everywhere = False
                    steps = True
                # Each row's average holds over its interval (previous row, this row].
                day, y = (np.concatenate([day[:1], day[1:]]), np.concatenate([y[1:2] / gaps[:1], y[1:] / gaps])) \
                    if steps and len(day) > 1 else (day[1:], y[1:] / gaps)
            if args.smooth > 1 and len(y) > 1:
                # Centred, shrinking at the edges, ignoring nan.
                y = run.pd.Series(y).rolling(args.smooth, center=True, min_periods=1).mean().to_numpy()
            if np.all(np.isnan(y)):
                notes.add(f"{label}: {m} is nan throughout")
            ax.plot(day, y, lw=2, color=colours[i % 10], ls=styles[(i // 10) % len(styles)], label=label,
                    drawstyle="steps-pre" if steps else "default")
        ax.set_ylabel(gp.metric_unit(m))
        gp.thousands(ax)
        ax.set_title(gp.metric_name(m) + ("" if per_day_everywhere or m not in gp.FLOW_COLUMNS
                                           else " (per-day average over each output interval)"),
                     loc="left", fontweight="bold", fontsize=12)
    axes[-1].set_xlabel("day")
    # One legend for all panels, outside the data.
    handles, names = axes[0].get_legend_handles_labels()
    axes[0].legend(handles, names, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0, title="run")
    lo = min(float(r.ts["tick"].min()) for r in runs)
    hi = max(float(r.ts["tick"].max()) for r in runs)
    if hi > lo:
        axes[-1].set_xlim(lo, hi)
    fig.suptitle(f"Comparison of {len(runs)} run{'s' if len(runs) > 1 else ''}", fontsize=14,
                 fontweight="bold", x=0.02, ha="left")
    caption = []
    if args.smooth > 1:
        caption.append(f"centred rolling mean over {args.smooth} rows")
    caption.extend(sorted(notes))
    if caption:
        axes[-1].text(0.0, -0.22 if len(metrics) > 1 else -0.15, "; ".join(caption),
                      transform=axes[-1].transAxes, ha="left", va="top", fontsize=9, color="0.3")
    out = args.out or f"compare_{'_'.join(metrics)}.png"
    try:
        gp.save_figure(fig, out)
    except OSError as e:
        gp.die(f"cannot write {out}: {e.strerror or e}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
