#!/usr/bin/env python3
"""Inequality and unpredictability of success in a MusicLab sweep (Salganik, Dodds & Watts,
Science 311:854, 2006): per sweep point, the Gini of the songs' market shares (mean over the
point's worlds) and the unpredictability U over those worlds.

A world is a run; a song is a creator (one item each); its downloads are its likes, its
market share is its likes / all likes in the world. U (the paper's measure): for each song
the mean over all pairs of worlds of |share_i - share_j|, averaged over the songs."""

import csv
import itertools
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grassroots_plots as gp  # noqa: E402  (standard library only at import time)

# Salganik, Dodds & Watts (2006), recomputed from their data: (social, independent).
PUBLISHED = {
    "experiment 1": {"gini": (0.34, 0.26), "unpredictability": (0.0082, 0.0049)},
    "experiment 2": {"gini": (0.50, 0.20), "unpredictability": (0.0126, 0.0038)},
}

EXAMPLE = """\
examples:
  grassroots sweep scenarios/sweeps/musiclab.yaml -o results/musiclab
  scripts/musiclab.py results/musiclab                   # one CSV row per sweep point
  scripts/musiclab.py results/musiclab --plot docs/figures/musiclab.png

Needs the sweep's creators.csv per run (keep_runs: all) and its sweep.json (which names
the swept keys). Output columns: point_id, the swept keys, worlds, downloads (mean per
world), gini (mean over worlds), gini_sd, unpredictability. Exit codes: 0 success, 2 not a
finished sweep or runs without creators.csv, 1 pandas, matplotlib, scipy or PyYAML missing.
"""


def gini(values):
    """Gini coefficient: the mean absolute difference over all ordered pairs / (2 mean)."""
    return gp.gini(values)


def unpredictability(worlds):
    """worlds: one list of market shares per world, songs in the same order in each."""
    if len(worlds) < 2:
        return math.nan
    songs = len(worlds[0])
    pairs = list(itertools.combinations(range(len(worlds)), 2))
    total = 0.0
    for song in range(songs):
        total += sum(abs(worlds[a][song] - worlds[b][song]) for a, b in pairs) / len(pairs)
    return total / songs


def shares(likes):
    total = sum(likes)
    return [x / total if total > 0 else 0.0 for x in likes]


def load_points(directory):
    """(swept keys, [(point_id, {key: value}, [likes per song, one list per world])]) in point
    order; the swept keys are those the sweep's sweep.json names."""
    import pandas as pd
    summary = os.path.join(directory, "summary.csv")
    if not os.path.isdir(directory):
        gp.die(f"{directory}: no such directory")
    if not os.path.isfile(summary):
        gp.die(f"{directory} is not a finished sweep: it has no summary.csv")
    _, ids, keys = gp.sweep_columns(directory)
    try:
        # The swept values as text, as the sweep file gave them.
        runs = pd.read_csv(summary, usecols=["run_id", "point_id", *keys], dtype={k: str for k in keys})
    except ValueError as e:  # a column sweep.json names is missing
        gp.die(f"{summary}: {e}")
    points = []
    for point_id, point in runs.groupby("point_id", sort=True):
        worlds = [world_likes(directory, run_id) for run_id in point["run_id"]]
        points.append((int(point_id), point.iloc[0][keys].to_dict(), worlds))
    return keys, points


def world_likes(directory, run_id):
    """Each song's likes in one world (run), in creator order."""
    import pandas as pd
    creators = os.path.join(directory, "runs", f"{int(run_id):06d}", "creators.csv")
    if not os.path.isfile(creators):
        gp.die(f"{creators} is missing: the sweep must keep its runs (keep_runs: all)")
    return pd.read_csv(creators).sort_values("creator_id")["likes"].astype(int).tolist()


def measures(worlds):
    """(downloads per world, mean Gini, sd of Gini, unpredictability) of one point."""
    import pandas as pd
    if len({len(w) for w in worlds}) != 1:
        gp.die("the worlds of a point have different numbers of songs: not a MusicLab sweep")
    market = [shares(w) for w in worlds]
    ginis = pd.Series([gini(m) for m in market])
    downloads = sum(sum(w) for w in worlds) / len(worlds)
    return downloads, ginis.mean(), ginis.std(), unpredictability(market)  # std: n - 1, nan for one world


def table(directory):
    keys, points = load_points(directory)
    rows = []
    for pid, values, worlds in points:
        downloads, g, g_sd, u = measures(worlds)
        rows.append({"point_id": pid, **values, "worlds": len(worlds), "downloads": downloads,
                     "gini": g, "gini_sd": g_sd, "unpredictability": u})
    return keys, rows


def plot(keys, rows, x_key, hue_key, path):
    plt = gp.setup_matplotlib()
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    hues = sorted({r[hue_key] for r in rows}, key=float) if hue_key else [None]
    for hue in hues:
        sel = [r for r in rows if hue is None or r[hue_key] == hue]
        sel.sort(key=lambda r: float(r[x_key]))
        xs = [float(r[x_key]) for r in sel]
        label = f"{hue_key} = {hue}" if hue is not None else None
        axes[0].errorbar(xs, [r["gini"] for r in sel], yerr=[r["gini_sd"] for r in sel], marker="o",
                         capsize=3, label=label)
        axes[1].plot(xs, [r["unpredictability"] for r in sel], marker="o", label=label)
    styles = {"experiment 1": ("tab:green", "--"), "experiment 2": ("tab:red", "-.")}
    for name, values in PUBLISHED.items():
        colour, dash = styles[name]
        for ax, measure in zip(axes, ("gini", "unpredictability")):
            social, independent = values[measure]
            ax.axhline(social, color=colour, linestyle=dash, linewidth=1.2, label=f"{name}, social")
            ax.axhline(independent, color=colour, linestyle=":", linewidth=1.2, label=f"{name}, independent")
    axes[0].set_ylabel("Gini of market shares (mean over worlds, ±1 sd)")
    axes[1].set_ylabel("unpredictability U")
    for ax in axes:
        ax.set_xlabel(x_key)
    axes[1].legend(fontsize=8, loc="upper left")
    fig.suptitle("MusicLab: simulated worlds against Salganik, Dodds & Watts (2006)")
    gp.save_figure(fig, path)


def main(argv):
    gp.default_sigpipe()
    parser = gp.argument_parser("musiclab.py", __doc__.split("\n\n")[0], EXAMPLE)
    parser.add_argument("sweep_dir", metavar="SWEEP_DIR", help="a finished sweep with keep_runs: all")
    parser.add_argument("--plot", metavar="FILE", help="also draw Gini and U against --x (PNG)")
    parser.add_argument("--x", metavar="KEY", help="swept key on the plot's horizontal axis (default: the first)")
    parser.add_argument("--hue", metavar="KEY", help="swept key: one line per value (default: the second, if any)")
    args = parser.parse_args(argv)
    gp.require_packages()
    keys, rows = table(args.sweep_dir)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    columns = ["point_id", *keys, "worlds", "downloads", "gini", "gini_sd", "unpredictability"]
    writer.writerow(columns)
    for r in rows:
        writer.writerow([f"{r[c]:.5g}" if isinstance(r[c], float) else r[c] for c in columns])
    if args.plot:
        if not keys:
            gp.die("--plot needs a swept key")
        x_key = args.x or keys[0]
        hue_key = args.hue if args.hue else (next((k for k in keys if k != x_key), None))
        for k in (x_key, hue_key):
            if k is not None and k not in keys:
                gp.die(f"unknown swept key '{k}'; swept keys: {', '.join(keys)}")
        plot(keys, rows, x_key, hue_key, args.plot)


if __name__ == "__main__":
    main(sys.argv[1:])
