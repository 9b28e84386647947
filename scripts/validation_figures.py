#!/usr/bin/env python3
"""The figures of docs/validation.md: each validation, simulated against expected.

Every figure is made from real runs of the simulator (the `grassroots` binary, or for the
degree histogram the validation test binary's hidden "[.figure-data]" case); nothing is
re-implemented here except the closed forms being compared with."""

import csv
import math
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grassroots_plots as gp  # noqa: E402  (standard library only at import time)
import musiclab  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIGURES = ["bass", "preferential", "percolation", "musiclab"]

EXAMPLE = """\
examples:
  scripts/validation_figures.py                       # all four -> docs/figures/validation_*.png
  scripts/validation_figures.py bass percolation --out /tmp/figs
  scripts/validation_figures.py bass-noise            # the Bass tests' noise margins (numpy)

--binary defaults to build/grassroots, --tests to build/tests/grassroots_validation_tests.
Exit codes: 0 success, 2 bad arguments or a missing binary, 1 a run failed or matplotlib,
pandas, scipy or PyYAML is missing.
"""

BASS_P, BASS_Q, BASS_USERS = 0.03, 0.38, 100000


def run(command):
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        gp.die(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()}", code=1)
    return result.stdout


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def bass_closed_form(t):
    decay = math.exp(-(BASS_P + BASS_Q) * t)
    return (1 - decay) / (1 + (BASS_Q / BASS_P) * decay)


# Ticks (days) per unit of Bass's p and q for each calendar.bass_unit.
TICKS_PER_UNIT = {"per_day": 1.0, "per_year": 365.25}


def bass_chance(per_tick_rate):
    """The chance of coming online during a tick at hazard `per_tick_rate` (adoption.cpp)."""
    return -math.expm1(-per_tick_rate)


def bass_run(binary, work, unit, units):
    """Online share per tick, against time in Bass's unit, from a real run with p and q in `unit`."""
    ticks = round(units * TICKS_PER_UNIT[unit])
    scenario = os.path.join(work, f"bass_{unit}.yaml")
    with open(scenario, "w") as f:
        f.write(f"name: bass\nticks: {ticks}\ncalendar: {{bass_unit: {unit}}}\npopulation:\n"
                f"  users: {BASS_USERS}\n  cohorts:\n"
                f"    - {{name: all, share: 1, p: {BASS_P}, q: {BASS_Q}, initially_online: 0, attention: 0}}\n"
                "graph: {type: erdos_renyi, mean_degree: 2}\nadoption: {mixing: global}\ncreators: {share: 0}\n")
    out = os.path.join(work, f"bass_{unit}")
    run([binary, "run", scenario, "-o", out, "-q"])
    rows = read_csv(os.path.join(out, "timeseries.csv"))
    per_unit = TICKS_PER_UNIT[unit]
    return [int(r["tick"]) / per_unit for r in rows], [int(r["users_online"]) / BASS_USERS for r in rows]


def figure_bass(args, plt, work):
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    fine = [i / 100 for i in range(0, 2001)]
    peak = math.log(BASS_Q / BASS_P) / (BASS_P + BASS_Q)
    for ax, unit, label in ((axes[0], "per_day", "rates per day, one-day ticks"),
                            (axes[1], "per_year", "rates per year, one-day ticks")):
        t, share = bass_run(args.binary, work, unit, 20)
        per_unit = TICKS_PER_UNIT[unit]
        recursion = [0.0]
        for _ in t[1:]:
            f = recursion[-1]
            recursion.append(f + (1 - f) * bass_chance((BASS_P + BASS_Q * f) / per_unit))
        ax.plot(fine, [bass_closed_form(x) for x in fine], color="black", label="closed form (Bass 1969)")
        ax.plot(t, recursion, color="tab:orange", linestyle="--", label="discrete recursion")
        ax.plot(t, share, "o" if unit == "per_day" else "-", color="tab:blue", markersize=4, alpha=0.8,
                label="simulated (100,000 users)")
        ax.axvline(peak, color="grey", linestyle=":", label=f"peak t* = {peak:.2f}")
        ax.axhline(0.5 - BASS_P / (2 * BASS_Q), color="grey", linestyle="-.", linewidth=0.8,
                   label="F(t*) = 0.4605")
        ax.set_xlabel("days" if unit == "per_day" else "years")
        ax.set_ylabel("online share F(t)")
        ax.set_title(f"Bass p = 0.03, q = 0.38: {label}")
        ax.legend(fontsize=8, loc="lower right")
    gp.save_figure(fig, os.path.join(args.out, "validation_bass.png"))


def figure_preferential(args, plt, work):
    text = run([args.tests, "[.figure-data]"])
    counts = {}
    for line in text.splitlines():
        parts = line.strip().split(",")
        if len(parts) == 2 and parts[0].isdigit():
            counts[int(parts[0])] = int(parts[1])
    if not counts:
        gp.die(f"{args.tests} printed no degree histogram", code=1)
    n, m = sum(counts.values()), 3
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.4))
    ks = sorted(counts)
    grid = [k for k in range(m, max(ks) + 1)]
    ax = axes[0]
    ax.loglog(ks, [counts[k] / n for k in ks], "o", markersize=3, label="simulated BA graph (n = 100,000, m = 3)")
    ax.loglog(grid, [2 * m * (m + 1) / (k * (k + 1) * (k + 2)) for k in grid], color="black",
              label="2m(m+1) / (k(k+1)(k+2))")
    ax.set_ylabel("share of vertices p(k)")
    ax.set_title("degree distribution")
    ax = axes[1]  # the tail without the floor of single vertices
    above, tail = n, []
    for k in ks:
        tail.append(above / n)
        above -= counts[k]
    ax.loglog(ks, tail, "o", markersize=3, label="simulated, P(K >= k)")
    ax.loglog(grid, [m * (m + 1) / (k * (k + 1)) for k in grid], color="black", label="m(m+1) / (k(k+1))")
    ax.set_ylabel("share of vertices with degree >= k")
    ax.set_title("its tail")
    for ax in axes:
        ax.set_xlabel("degree k")
        ax.legend(fontsize=9)
    fig.suptitle("Preferential attachment (Barabasi & Albert 1999)")
    gp.save_figure(fig, os.path.join(args.out, "validation_preferential.png"))


def percolation_share(c, t):
    s = 1.0
    for _ in range(10000):
        s = 1.0 - math.exp(-c * t * s)
    return s


def figure_percolation(args, plt, work):
    out = os.path.join(work, "percolation")
    run([args.binary, "sweep", os.path.join(ROOT, "scenarios", "sweeps", "percolation.yaml"), "-o", out, "-q"])
    rows = read_csv(os.path.join(out, "summary.csv"))
    t_key = "engagement.share_given_like"
    fig, ax = plt.subplots(figsize=(6.5, 4.8))
    ts = [float(r[t_key]) for r in rows]
    reach = [int(r["views_total"]) / int(r["users"]) for r in rows]
    ax.plot(ts, reach, "o", alpha=0.45, color="tab:blue", label="simulated runs (20,000 users, c = 4)")
    means = {}
    for t, x in zip(ts, reach):
        if x > 0.1:
            means.setdefault(t, []).append(x)
    mt = sorted(means)
    ax.plot(mt, [sum(means[t]) / len(means[t]) for t in mt], "s", color="tab:red",
            label="mean of cascades that took off")
    grid = [i / 200 for i in range(0, 201)]
    ax.plot(grid, [percolation_share(4.0, t) if t > 0 else 0.0 for t in grid], color="black",
            label="S = 1 - exp(-cTS) (Newman 2002)")
    ax.axvline(0.25, color="grey", linestyle=":", label="threshold T = 1/c")
    ax.set_xlabel("share probability T")
    ax.set_ylabel("share of users reached")
    ax.set_title("Share cascades as bond percolation")
    ax.legend(fontsize=8, loc="upper left")
    gp.save_figure(fig, os.path.join(args.out, "validation_percolation.png"))


def figure_musiclab(args, plt, work):
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    # The settings of tests/model/test_validation_musiclab.cpp: (signal, alpha) per experiment.
    chosen = {1: [("views", 0.65)], 2: [("likes", 0.8), ("views", 1.1)]}
    colours = {"views": "tab:blue", "likes": "tab:purple"}
    key, signal_key = "platform.feed.popularity_alpha", "platform.feed.popularity_signal"
    for col, exp in enumerate((1, 2)):
        out = os.path.join(work, f"musiclab_exp{exp}")
        run([args.binary, "sweep", os.path.join(ROOT, "scenarios", "sweeps", f"musiclab_exp{exp}.yaml"),
             "-o", out, "-q"])
        keys, rows = musiclab.table(out)
        published = musiclab.PUBLISHED[f"experiment {exp}"]
        for row, measure, label in ((0, "gini", "Gini of market shares"), (1, "unpredictability", "unpredictability U")):
            ax = axes[row][col]
            for signal in ("views", "likes"):
                sel = sorted((r for r in rows if r[signal_key] == signal), key=lambda r: float(r[key]))
                alphas = [float(r[key]) for r in sel]
                ys = [r[measure] for r in sel]
                name = f"popularity by {signal} ({'listens' if signal == 'views' else 'downloads'})"
                if measure == "gini":
                    ax.errorbar(alphas, ys, yerr=[r["gini_sd"] for r in sel], marker="o", markersize=4, capsize=2,
                                color=colours[signal], label=name + ", mean of 8 worlds ±1 sd")
                else:
                    ax.plot(alphas, ys, marker="o", markersize=4, color=colours[signal], label=name + ", 8 worlds")
            social, independent = published[measure]
            ax.axhline(social, color="tab:red", linestyle="--", label=f"published, social: {social}")
            ax.axhline(independent, color="tab:green", linestyle=":", label=f"published, independent: {independent}")
            for signal, alpha in chosen[exp]:
                ax.axvline(alpha, color=colours[signal], linestyle="-.", linewidth=0.8)
            ax.set_xlabel("popularity_alpha (0: independent; dash-dot: tested)")
            ax.set_ylabel(label)
            ax.set_ylim(0, 0.9 if measure == "gini" else 0.032)
            ax.set_title(f"MusicLab experiment {exp}")
            ax.legend(fontsize=7, loc="upper left")
    gp.save_figure(fig, os.path.join(args.out, "validation_musiclab.png"))


def bass_noise():
    """Replays the binomial recursion 500 times (numpy) and prints the spread of the
    measures the Bass tests check, from which their margins are set."""
    import numpy as np
    rng = np.random.default_rng(1)
    peak = math.log(BASS_Q / BASS_P) / (BASS_P + BASS_Q)

    def crossing(path, level):
        t = int(np.argmax(path >= level))
        return t - 1 + (level - path[t - 1]) / (path[t] - path[t - 1])

    for unit, units in (("per_day", 40), ("per_year", 15)):
        per_unit = TICKS_PER_UNIT[unit]
        ticks = round(units * per_unit)
        half = round(1.5 * per_unit) if unit == "per_year" else 0  # the peak fit's half window, ticks
        cross, gap, fitted, at_peak = [], [], [], []
        times = np.arange(ticks + 1) / per_unit
        closed = np.array([bass_closed_form(x) for x in times])
        for _ in range(500):
            online, path = 0, [0.0]
            for _ in range(ticks):
                h = bass_chance((BASS_P + BASS_Q * online / BASS_USERS) / per_unit)
                online += rng.binomial(BASS_USERS - online, h)
                path.append(online / BASS_USERS)
            path = np.array(path)
            cross.append(crossing(path, 0.4605) / per_unit)
            gap.append(np.max(np.abs(path - closed)))
            if half:
                c = round(peak * per_unit)
                x = (np.arange(c - half, c + half + 1) - 0.5 - c) / per_unit
                y = (path[c - half:c + half + 1] - path[c - half - 1:c + half]) * BASS_USERS
                a2, a1, _ = np.polyfit(x, y, 2)
                top = c / per_unit - a1 / (2 * a2)
                fitted.append(top - peak)
                at_peak.append(path[round(top * per_unit)] - 0.4605)
        print(f"rates {unit}, one-day ticks: crossing of 0.4605 at {np.mean(cross):.3f} units "
              f"(sd {np.std(cross):.3f}); largest gap to the closed form {np.mean(gap):.4f} (sd {np.std(gap):.4f})")
        if fitted:
            print(f"  fitted peak - t*: {np.mean(fitted):.3f} units (sd {np.std(fitted):.3f}); "
                  f"F there - 0.4605: {np.mean(at_peak):.4f} (sd {np.std(at_peak):.4f})")


def main(argv):
    gp.default_sigpipe()
    parser = gp.argument_parser("validation_figures.py", __doc__.split("\n\n")[0], EXAMPLE)
    parser.add_argument("figures", nargs="*", metavar="FIGURE",
                        help=f"any of {', '.join(FIGURES)} (default: all), or bass-noise")
    parser.add_argument("--binary", default=os.path.join(ROOT, "build", "grassroots"))
    parser.add_argument("--tests", default=os.path.join(ROOT, "build", "tests", "grassroots_validation_tests"))
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "figures"))
    args = parser.parse_args(argv)
    wanted = args.figures or FIGURES
    for name in wanted:
        if name not in FIGURES + ["bass-noise"]:
            gp.die(f"unknown figure '{name}'; figures: {', '.join(FIGURES)}, bass-noise")
    gp.require_packages()
    if "bass-noise" in wanted:
        bass_noise()
        wanted = [w for w in wanted if w != "bass-noise"]
    if not wanted:
        return
    for path in [args.binary] + ([args.tests] if "preferential" in wanted else []):
        if not os.access(path, os.X_OK):
            gp.die(f"{path}: not an executable (build it, or pass --binary/--tests)")
    plt = gp.setup_matplotlib()
    with tempfile.TemporaryDirectory(prefix="grassroots_validation_") as work:
        for name in wanted:
            globals()[f"figure_{name}"](args, plt, work)


if __name__ == "__main__":
    main(sys.argv[1:])
