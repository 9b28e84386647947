#!/usr/bin/env python3
"""Figures of one grassroots run: adoption, creators, concentration, followers, commerce."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grassroots_plots as gp  # noqa: E402  (standard library only at import time)

EXAMPLE = """\
example:
  grassroots run scenarios/baseline.yaml -o results/baseline
  scripts/plot_run.py results/baseline                 # writes results/baseline/figures/*.png
  scripts/plot_run.py results/baseline --out /tmp/figs

Figures (PNG; one is skipped, with a note on stderr, when its data is absent):
  adoption.png       share of each cohort online, by day
  creators.png       creators active; new and churned creators per day
  concentration.png  follower Gini and top-1% share of follows, by day
  grassroots_top100.png  grassroots share of the 100 most-followed creators, by day
  follower_ccdf.png  P(followers >= x) by background, log-log      (needs creators.csv)
  lorenz.png         Lorenz curves of followers and creator income  (needs creators.csv)
  talent_followers.png  talent vs followers, by background         (needs creators.csv)
  commerce.png       GMV, local revenue and orders per day          (skipped when all zero)

A run directory is finished when it holds meta.json (or result.csv, for a run kept by a
sweep). Exit codes: 0 success, 2 not a (finished) run directory or bad arguments,
1 matplotlib, pandas, scipy or PyYAML missing.
"""


def parse_args(argv):
    parser = gp.argument_parser(
        "plot_run.py",
        "Draw the standard PNG figures of one finished grassroots run directory "
        "(timeseries.csv, creators.csv, scenario.yaml, summary.csv).",
        EXAMPLE)
    parser.add_argument("run_dir", metavar="RUN_DIR", help="a finished run directory (holds meta.json)")
    parser.add_argument("--out", metavar="DIR", help="output directory (default: RUN_DIR/figures)")
    return parser.parse_args(argv)


# ------------------------------------------------------------------------------------------


class Context:
    def __init__(self, run, out_dir, plt, np):
        import matplotlib.ticker
        self.run, self.out_dir, self.plt, self.np = run, out_dir, plt, np
        self.ticker = matplotlib.ticker
        self.written, self.skipped = [], []
        ts = run.ts
        self.day = ts["tick"].to_numpy(dtype=float)
        steps = run.output_every()
        # Flows are totals since the previous row: per-day rates divide by the gap.
        self.per_day = steps <= {1}
        # Rows more than a day apart: each average holds over its interval (previous row, row].
        self.flow_kw = {} if self.per_day else {"drawstyle": "steps-pre"}

    def title(self, ax, text):
        """Main title on the left, the run's scenario name small on the right."""
        ax.set_title(text, loc="left", fontweight="bold")
        ax.set_title(self.run.name, loc="right", fontsize=10, color="0.4")

    def save(self, fig, filename):
        path = os.path.join(self.out_dir, filename)
        gp.save_figure(fig, path)
        self.written.append(path)

    def skip(self, filename, why):
        self.skipped.append(filename)
        gp.note(f"skipped {filename}: {why}")

    def flow(self, column):
        """(days, per-day rate) of a flow column, without the initial row (tick 0); with rows
        more than a day apart, the first interval's start is added for a steps-pre line."""
        np = self.np
        ts = self.run.ts
        ticks = ts["tick"].to_numpy(dtype=float)
        values = ts[column].to_numpy(dtype=float)
        if len(ticks) < 2:
            return ticks[:0], values[:0]
        gaps = np.diff(ticks)
        gaps[gaps <= 0] = 1
        rate = values[1:] / gaps
        if self.per_day:
            return ticks[1:], rate
        return np.concatenate([ticks[:1], ticks[1:]]), np.concatenate([rate[:1], rate])


def plot_adoption(c):
    ts, plt = c.run.ts, c.plt
    cohort_columns = [col for col in ts.columns if col.startswith("online_")]
    sizes = c.run.cohort_sizes()
    fig, ax = plt.subplots(figsize=(10.5, 5.4))
    colours = plt.get_cmap("tab10").colors
    if sizes and all(col[len("online_"):] in sizes for col in cohort_columns):
        for i, col in enumerate(cohort_columns):
            name = col[len("online_"):]
            size = sizes[name]
            share = ts[col].to_numpy(dtype=float) / size if size else ts[col].to_numpy(dtype=float) * 0
            ax.plot(c.day, share, lw=2.2, color=colours[i % 10], label=f"{name} ({size:,} users)")
        users = c.run.users()
        if len(cohort_columns) > 1 and users:
            ax.plot(c.day, ts["users_online"].to_numpy(dtype=float) / users, color="black", lw=1.6,
                    ls="--", label=f"all users ({users:,})")
        ax.set_ylim(-0.02, 1.02)
        ax.set_ylabel("share of the cohort online")
        ax.yaxis.set_major_formatter(c.ticker.PercentFormatter(1.0))
        title = "Adoption: share of each cohort online"
    else:
        gp.note(f"adoption.png shows user counts, not shares: cohort sizes unknown ({c.run.cohort_sizes_missing()})")
        for i, col in enumerate(cohort_columns):
            ax.plot(c.day, ts[col], lw=2.2, color=colours[i % 10], label=col[len("online_"):])
        ax.set_ylabel("users online (count; cohort sizes unknown)")
        gp.thousands(ax)
        title = "Adoption: users online per cohort"
    ax.set_xlabel("day")
    ax.set_xlim(c.day.min(), c.day.max())
    c.title(ax, title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0, title="cohort")
    c.save(fig, "adoption.png")


def has_creators(c, filename):
    if not c.np.any(c.run.ts["creators"].to_numpy(dtype=float) > 0):
        c.skip(filename, "the run has no creators (the creators column is 0 throughout)")
        return False
    return True


def plot_creators(c):
    ts, plt, np = c.run.ts, c.plt, c.np
    if not has_creators(c, "creators.png"):
        return
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 7), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    top.plot(c.day, ts["creators"], color="0.45", lw=1.6, ls="--", label="all creators (incl. churned)")
    top.plot(c.day, ts["creators_active"], color="#1b9e77", lw=2.2, label="active (user online, not churned)")
    top.set_ylabel("creators")
    top.set_ylim(bottom=0)
    gp.thousands(top)
    top.legend(loc="best")
    c.title(top, "Creators")

    days, new = c.flow("creators_new")
    _, churned = c.flow("creators_churned")
    if len(days) and (np.any(new > 0) or np.any(churned > 0)):
        bottom.plot(days, new, color="#1f77b4", lw=1.5, label="new", **c.flow_kw)
        bottom.plot(days, churned, color="#d62728", lw=1.5, label="churned", **c.flow_kw)
        bottom.legend(loc="best")
        bottom.set_ylim(bottom=0)
    else:
        bottom.text(0.5, 0.5, "no creator entry or exit in this run", ha="center", va="center",
                    transform=bottom.transAxes, color="0.4", fontsize=12)
        bottom.set_yticks([])
    bottom.set_ylabel("creators per day" + ("" if c.per_day else "\n(interval average)"))
    bottom.set_xlabel("day")
    bottom.set_xlim(c.day.min(), c.day.max())
    c.save(fig, "creators.png")


def plot_concentration(c):
    ts, plt = c.run.ts, c.plt
    if not has_creators(c, "concentration.png"):
        return
    fig, ax = plt.subplots(figsize=(9, 5.6))
    gini = ts["follower_gini"].to_numpy(dtype=float)
    top1 = ts["top1_share"].to_numpy(dtype=float)
    # With no follower at all both measures are undefined (the simulator writes 0): leave gaps.
    nobody = top1 == 0
    gini[nobody] = c.np.nan
    top1[nobody] = c.np.nan
    ax.plot(c.day, gini, lw=2.2, color="#7570b3", label="follower Gini (all creators)")
    ax.plot(c.day, top1, lw=2.2, color="#e7298a", label="top-1% share of all follows")
    if nobody.any():
        ax.plot([], [], ls="none", label=f"not drawn: {int(nobody.sum())} row(s) where no creator has followers")
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("day")
    ax.set_ylabel("Gini coefficient / share of follows")
    ax.set_xlim(c.day.min(), c.day.max())
    c.title(ax, "Concentration of followers")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, frameon=False)
    c.save(fig, "concentration.png")


def plot_grassroots_top(c):
    ts, plt, np = c.run.ts, c.plt, c.np
    values = ts["grassroots_top100_share"].to_numpy(dtype=float)
    if not has_creators(c, "grassroots_top100.png"):
        return
    if np.all(np.isnan(values)):
        c.skip("grassroots_top100.png", "grassroots_top100_share is nan throughout")
        return
    fig, ax = plt.subplots(figsize=(9, 5.8))
    ax.plot(c.day, values, lw=2.2, color=gp.BACKGROUND_COLOURS["grassroots"],
            label="grassroots share of the 100 most-followed creators")
    creators = c.run.creators
    if creators is not None and len(creators) and "background" in creators.columns:
        share = float((creators["background"] == "grassroots").mean())
        ax.axhline(share, color="0.35", ls=":", lw=1.6,
                   label=f"grassroots share of all creators at the end ({share:.0%})")
    n = c.run.summary.get("creators")
    ax.set_ylim(-0.02, 1.05)
    ax.yaxis.set_major_formatter(c.ticker.PercentFormatter(1.0))
    ax.set_xlabel("day")
    ax.set_ylabel("share of the top 100")
    ax.set_xlim(c.day.min(), c.day.max())
    extra = f" (fewer than 100 creators: all {int(n)})" if n is not None and not gp._isnan(n) and n < 100 else ""
    c.title(ax, "Grassroots creators in the top 100" + extra)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=1, frameon=False)
    c.save(fig, "grassroots_top100.png")


def creators_or_skip(c, filename):
    cr = c.run.creators
    if cr is None:
        c.skip(filename, "no creators.csv in the run directory")
        return None
    if cr.empty:
        c.skip(filename, "the run has no creators (creators.csv has no rows)")
        return None
    return cr


def backgrounds(cr):
    order = ["grassroots", "elite"]
    present = [b for b in order if (cr["background"] == b).any()]
    present += sorted(set(cr["background"].astype(str)) - set(order))
    return present


def plot_ccdf(c):
    cr = creators_or_skip(c, "follower_ccdf.png")
    if cr is None:
        return
    plt, np = c.plt, c.np
    fig, ax = plt.subplots(figsize=(8, 6))
    drawn = False
    for b in backgrounds(cr):
        f = np.sort(cr.loc[cr["background"] == b, "followers"].to_numpy(dtype=float))
        n = len(f)
        zero = int((f == 0).sum())
        pos = f[f > 0]
        label = f"{b} ({n:,} creators"
        label += f"; {zero / n:.0%} with 0 followers, not shown)" if zero else ")"
        if len(pos) == 0:
            ax.plot([], [], color=gp.BACKGROUND_COLOURS.get(b, "0.3"), label=label)
            continue
        # P(F >= x) over the creators of this background, at each distinct x >= 1.
        xs, first = np.unique(pos, return_index=True)
        ccdf = (n - zero - first) / n
        ax.step(xs, ccdf, where="pre", lw=2, color=gp.BACKGROUND_COLOURS.get(b, "0.3"), label=label)
        ax.plot(xs, ccdf, ls="none", marker="o", ms=2.5, color=gp.BACKGROUND_COLOURS.get(b, "0.3"))
        drawn = True
    if not drawn:
        plt.close(fig)
        c.skip("follower_ccdf.png", "no creator has any follower")
        return
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("followers x (log scale)")
    ax.set_ylabel("P(followers ≥ x) within the background (log scale)")
    c.title(ax, "Follower distribution by background (CCDF)")
    ax.legend(loc="lower left")
    ax.grid(True, which="major", alpha=0.3)
    ax.grid(True, which="minor", alpha=0.08)
    c.save(fig, "follower_ccdf.png")


def lorenz_axes(c, ax, values, what, unit_note, gini):
    """A Lorenz curve of `values`, titled with their Gini as the simulator measured it."""
    np = c.np
    ax.plot([0, 1], [0, 1], color="0.5", ls="--", lw=1.2, label="perfect equality")
    values = np.sort(np.asarray(values, dtype=float))
    total = values.sum()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.set_xlabel("cumulative share of creators\n(ranked from fewest to most)")
    ax.set_ylabel(f"cumulative share of {what}")
    fmt = c.ticker.PercentFormatter(1.0)
    ax.xaxis.set_major_formatter(fmt)
    ax.yaxis.set_major_formatter(fmt)
    if len(values) == 0 or total <= 0:
        ax.text(0.5, 0.62, f"no {what} in this run{unit_note}", ha="center", va="center", color="0.3",
                fontsize=12, transform=ax.transAxes)
        ax.set_title(f"{what.capitalize()}")
        return
    x = np.concatenate([[0.0], np.arange(1, len(values) + 1) / len(values)])
    y = np.concatenate([[0.0], np.cumsum(values) / total])
    ax.plot(x, y, lw=2.2, color="#7570b3", label="Lorenz curve")
    ax.fill_between(x, x, y, color="#7570b3", alpha=0.12)
    ax.set_title(f"{what.capitalize()}" + ("" if gini is None or gp._isnan(gini) else f": Gini = {gini:.3f}"))
    ax.legend(loc="upper left")


def plot_lorenz(c):
    cr = creators_or_skip(c, "lorenz.png")
    if cr is None:
        return
    fig, axes = c.plt.subplots(1, 2, figsize=(11, 5.6))
    # The Gini of each is summary.csv's, over the same creators.
    lorenz_axes(c, axes[0], cr["followers"], "followers", "", c.run.summary.get("follower_gini"))
    if "income" in cr.columns:
        lorenz_axes(c, axes[1], cr["income"], "income", " (no live commerce)", c.run.summary.get("creator_income_gini"))
    else:
        axes[1].set_visible(False)
    fig.suptitle(f"Lorenz curves over all {len(cr):,} creators at the end of the run — {c.run.name}",
                 fontsize=13, fontweight="bold")
    c.save(fig, "lorenz.png")


def plot_talent(c):
    cr = creators_or_skip(c, "talent_followers.png")
    if cr is None:
        return
    plt, np, pd = c.plt, c.np, c.run.pd
    talent = cr["talent"].to_numpy(dtype=float)
    if not np.all(talent > 0):
        gp.note("talent_followers.png: some talents are <= 0; the talent axis is linear")
    fig, ax = plt.subplots(figsize=(8.5, 6.8))
    many = len(cr) > 3000
    churned = cr["status"] == "churned" if "status" in cr.columns else pd.Series(False, index=cr.index)
    for b in backgrounds(cr):
        part = cr[cr["background"] == b]
        rho = pd.Series(part["talent"].to_numpy(dtype=float)).corr(
            pd.Series(part["followers"].to_numpy(dtype=float)), method="spearman") if len(part) > 2 else float("nan")
        rho_text = "" if np.isnan(rho) else f", Spearman ρ = {rho:.2f}"
        colour = gp.BACKGROUND_COLOURS.get(b, "0.3")
        active = part[~churned.loc[part.index]]
        gone = part[churned.loc[part.index]]
        ax.scatter(active["talent"], active["followers"].to_numpy(dtype=float) + 1,
                   s=6 if many else 12, alpha=0.35 if many else 0.6, linewidths=0,
                   color=colour, label=f"{b} ({len(part):,} creators{rho_text})",
                   zorder=3 if b == "elite" else 2)
        if len(gone):
            ax.scatter(gone["talent"], gone["followers"].to_numpy(dtype=float) + 1, s=14, marker="x",
                       linewidths=0.8, alpha=0.7, color=colour, label=f"  of which churned ({len(gone):,}), marked ×",
                       zorder=4)
    if np.all(talent > 0):
        ax.set_xscale("log")
        ax.set_xlabel("talent (log scale)")
    else:
        ax.set_xlabel("talent")
    ax.set_yscale("log")
    ax.set_ylabel("followers + 1 (log scale)")
    c.title(ax, "Talent vs followers at the end of the run")
    leg = ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False, markerscale=2)
    for h in leg.legend_handles if hasattr(leg, "legend_handles") else leg.legendHandles:
        h.set_alpha(1)
    ax.grid(True, which="major", alpha=0.3)
    c.save(fig, "talent_followers.png")


def plot_commerce(c):
    ts, plt, np = c.run.ts, c.plt, c.np
    money_cols = [m for m in ("gmv", "local_revenue", "platform_take") if m in ts.columns]
    order_cols = [m for m in ("local_orders", "local_orders_lost", "live_orders") if m in ts.columns]
    if not money_cols and not order_cols:
        c.skip("commerce.png", "timeseries.csv has no commerce columns")
        return
    if all(not np.any(ts[m].to_numpy(dtype=float) != 0) for m in money_cols + order_cols):
        c.skip("commerce.png", "GMV, local revenue and orders are zero throughout (no merchants)")
        return
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 7.5), sharex=True)
    colours = {"gmv": "#d95f02", "local_revenue": "#1b9e77", "platform_take": "#7570b3",
               "local_orders": "#1b9e77", "local_orders_lost": "#e7298a", "live_orders": "#d95f02"}
    labels = {"gmv": "GMV of live commerce", "local_revenue": "local revenue (mini-programs)",
              "platform_take": "platform take", "local_orders": "local orders served",
              "local_orders_lost": "local orders lost (no local merchant online)", "live_orders": "live-commerce orders"}
    for ax, cols, unit in ((top, money_cols, "currency units per day"), (bottom, order_cols, "orders per day")):
        shown, peak = 0, 0.0
        for m in cols:
            days, rate = c.flow(m)
            if not np.any(rate != 0):
                continue
            ax.plot(days, rate, lw=1.8, color=colours[m], label=labels[m], **c.flow_kw)
            shown += 1
            peak = max(peak, float(np.nanmax(rate)))
        entries = shown
        for m in cols:
            if not np.any(ts[m].to_numpy(dtype=float) != 0):
                ax.plot([], [], ls="none", label=f"{labels[m]}: zero throughout")
                entries += 1
        # Headroom above the data for the legend, so that it never hides a line.
        ax.set_ylim(0, peak * (1.08 + 0.11 * entries) if peak > 0 else 1)
        ax.legend(loc="upper left", ncol=1)
        ax.set_ylabel(unit + ("" if c.per_day else "\n(interval average)"))
        ax.yaxis.set_major_formatter(c.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    c.title(top, "Commerce")
    bottom.set_xlabel("day")
    bottom.set_xlim(c.day.min(), c.day.max())
    c.save(fig, "commerce.png")


def main(argv):
    gp.default_sigpipe()
    args = parse_args(argv)
    gp.check_run_dir(args.run_dir)  # before the slow imports: a bad directory fails fast
    gp.require_packages()
    plt = gp.setup_matplotlib()
    import numpy as np

    run = gp.Run(args.run_dir)
    required = ["tick", "users_online", "creators", "creators_active", "creators_new", "creators_churned",
                "follower_gini", "top1_share", "grassroots_top100_share"]
    missing = [col for col in required if col not in run.ts.columns]
    if missing:
        gp.die(f"{args.run_dir}/timeseries.csv lacks column(s) {', '.join(missing)}: not a timeseries "
               f"this script knows (written by an older grassroots?)")
    out_dir = args.out or os.path.join(args.run_dir, "figures")
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as e:
        gp.die(f"cannot create the output directory {out_dir}: {e.strerror}")
    c = Context(run, out_dir, plt, np)
    if not c.per_day:
        gp.note("output rows are more than one day apart: flows are shown as per-day averages")
    for plot in (plot_adoption, plot_creators, plot_concentration, plot_grassroots_top, plot_ccdf,
                 plot_lorenz, plot_talent, plot_commerce):
        plot(c)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
