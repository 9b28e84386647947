#!/usr/bin/env python3
"""The result of `grassroots calibrate`: posterior marginals against the priors, the
posterior's pairs, the fit of the accepted runs to each target, and the tolerance
per generation. Prints the fit as a table too."""

import csv
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grassroots_plots as gp  # noqa: E402  (standard library only at import time)

SUMMARY_HEADER = ["key", "prior", "lo", "hi", "mean", "sd", "q05", "q50", "q95"]
FIT_HEADER = ["target", "metric", "observed_lo", "observed_hi", "tolerance", "weight", "mean", "q05", "q95",
              "within", "source"]
GENERATIONS_HEADER = ["generation", "tolerance", "proposals", "accepted", "runs", "runs_total", "acceptance_rate",
                      "ess", "median_distance"]
PRIORS = ("uniform", "log_uniform", "integer")
FIGURES = ("calibration_marginals", "calibration_pairs", "calibration_fit", "calibration_tolerance")

EXAMPLE = """\
examples:
  grassroots calibrate scenarios/calibrations/feed.yaml -o results/feed_calibration
  scripts/plot_calibration.py results/feed_calibration
  scripts/plot_calibration.py results/feed_calibration --out /tmp/figs
  scripts/plot_calibration.py /tmp/recovery --truth platform.feed.explore=0.2 \\
      --truth platform.feed.head_cap=300      # a parameter-recovery check

Figures (default directory CALIB_DIR/figures):
  calibration_marginals.png  per parameter, the posterior (weighted histogram of
      posterior.csv) as density relative to the prior's, so the prior is the flat line at 1;
      x from the prior's lo to hi (log scale for log_uniform); the posterior's 90% interval
      (q05..q95 of posterior_summary.csv) shaded, its median dashed; --truth as a red line.
  calibration_pairs.png      with 2 or more parameters: each pair of parameters, one dot
      per posterior particle, its area proportional to its weight (integer parameters
      jittered by up to 0.2 so that particles on the same value stay visible).
  calibration_fit.png        per target, the accepted runs' mean (dot) and 90%
      interval (bar) of fit.csv, in tolerances from the observed value, or from the
      middle of an observed range (drawn as a box); grey: one tolerance beyond the
      observation. Green when the interval reaches the observation (fit.csv's within),
      red when not.
  calibration_tolerance.png  the tolerance and the median accepted distance per
      generation (log scale), labelled with the acceptance rate; generation 0 samples the
      prior (tolerance inf, not drawn).
The fit table on stdout gives the same numbers, with the scaled error of the mean as
grassroots score defines it (0 inside a range); then each figure's path.

Exit codes: 0 success; 2 not a calibration directory, a file missing or not as
grassroots calibrate writes it, a bad or unknown --truth; 1 matplotlib, pandas, numpy,
scipy or PyYAML missing.
"""

# A number as grassroots writes one (fmt's shortest form: 0.25, 1e-05, inf, nan); Python's
# float() alone would also take "1_000" or " 2".
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?(inf|nan)")


def parse_args(argv):
    parser = gp.argument_parser(
        "plot_calibration.py",
        "Plot what grassroots calibrate wrote: posterior marginals and pairs, the fit to the targets, "
        "the tolerance per generation.",
        EXAMPLE)
    parser.add_argument("source", metavar="CALIB_DIR", help="a directory written by grassroots calibrate")
    parser.add_argument("--truth", metavar="KEY=VALUE", action="append", default=[],
                        help="a parameter's true value, drawn as a line (repeatable; for parameter recovery)")
    parser.add_argument("--out", metavar="DIR", help="directory for the figures (default: CALIB_DIR/figures)")
    return parser.parse_args(argv)


def number(text, where, expected="a number"):
    if not NUMBER.fullmatch(text):
        gp.die(f"{where}: '{text}' is not a number ({expected})")
    return float(text)


# --------------------------------------------------------------------------------------
# Reading (standard library only: every check runs before matplotlib is needed)
# --------------------------------------------------------------------------------------

def read_csv(path, header, what):
    """[(line, {column: text})] of a CSV whose header must be `header`; exits 2 with one line
    when the file is missing, its header differs or a row has the wrong number of fields."""
    if not os.path.isfile(path):
        gp.die(f"{path}: no such file (expected {what}, written by grassroots calibrate)")
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        found = next(reader, None)
        if found != header:
            gp.die(f"{path}: the header is '{','.join(found or [])}' (expected {','.join(header)})")
        rows = []
        for fields in reader:
            line = reader.line_num
            if len(fields) != len(header):
                gp.die(f"{path}:{line}: {len(fields)} fields (expected {len(header)}, as the header)")
            rows.append((line, dict(zip(header, fields))))
    if not rows:
        gp.die(f"{path}: no rows (expected {what})")
    return rows


def read_summary(path):
    """The parameters: [{key, prior, lo, hi, mean, sd, q05, q50, q95}] in the file's order."""
    params = []
    for line, row in read_csv(path, SUMMARY_HEADER, "one row per parameter"):
        at = f"{path}:{line}"
        if not row["key"] or row["key"] in (p["key"] for p in params):
            gp.die(f"{at}: key: '{row['key']}' is empty or repeated (expected one row per parameter)")
        if row["prior"] not in PRIORS:
            gp.die(f"{at}: prior: '{row['prior']}' is unknown (expected {', '.join(PRIORS)})")
        p = {"key": row["key"], "prior": row["prior"]}
        for name in SUMMARY_HEADER[2:]:
            p[name] = number(row[name], f"{at}: {name}")
        lo, hi = p["lo"], p["hi"]
        if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
            gp.die(f"{at}: lo, hi: {lo:g}, {hi:g} (expected finite numbers with lo < hi)")
        if p["prior"] == "log_uniform" and lo <= 0:
            gp.die(f"{at}: lo: {lo:g} with a log_uniform prior (expected lo > 0)")
        if p["prior"] == "integer" and not (lo.is_integer() and hi.is_integer()):
            gp.die(f"{at}: lo, hi: {lo:g}, {hi:g} with an integer prior (expected integers)")
        params.append(p)
    return params


def read_fit(path):
    targets = []
    for line, row in read_csv(path, FIT_HEADER, "one row per target"):
        at = f"{path}:{line}"
        if not row["target"] or row["target"] in (t["target"] for t in targets):
            gp.die(f"{at}: target: '{row['target']}' is empty or repeated (expected one row per target)")
        t = {"target": row["target"], "metric": row["metric"], "source": row["source"]}
        for name in ("observed_lo", "observed_hi", "tolerance", "weight", "mean", "q05", "q95"):
            t[name] = number(row[name], f"{at}: {name}")
        if not (math.isfinite(t["observed_lo"]) and math.isfinite(t["observed_hi"])
                and t["observed_lo"] <= t["observed_hi"]):
            gp.die(f"{at}: observed_lo, observed_hi: {t['observed_lo']:g}, {t['observed_hi']:g} "
                   f"(expected finite numbers with observed_lo <= observed_hi)")
        if not (math.isfinite(t["tolerance"]) and t["tolerance"] > 0):
            gp.die(f"{at}: tolerance: {t['tolerance']:g} (expected a finite number > 0)")
        if not (math.isfinite(t["weight"]) and t["weight"] >= 0):
            gp.die(f"{at}: weight: {t['weight']:g} (expected a finite number >= 0)")
        if row["within"] not in ("0", "1"):
            gp.die(f"{at}: within: '{row['within']}' (expected 0 or 1)")
        t["within"] = row["within"] == "1"
        targets.append(t)
    return targets


def read_generations(path):
    gens = []
    for line, row in read_csv(path, GENERATIONS_HEADER, "one row per complete generation"):
        at = f"{path}:{line}"
        g = {name: number(row[name], f"{at}: {name}") for name in GENERATIONS_HEADER}
        if g["generation"] != len(gens):
            gp.die(f"{at}: generation: {row['generation']} (expected {len(gens)}: one row per generation, in order)")
        if not g["tolerance"] > 0:  # also refuses nan
            gp.die(f"{at}: tolerance: {row['tolerance']} (expected a number > 0, or inf)")
        gens.append(g)
    return gens


def read_posterior(path, params, targets):
    """{key: [values]}, weights, {target: [model values]} of posterior.csv, whose columns
    must be the parameters of posterior_summary.csv and the targets of fit.csv."""
    keys = [p["key"] for p in params]
    names = [t["target"] for t in targets]
    header = ["particle", "proposal"] + keys + ["weight", "distance"] + [f"model:{n}" for n in names]
    rows = read_csv(path, header, "one row per posterior particle")
    values = {k: [] for k in keys}
    model = {n: [] for n in names}
    weights = []
    for line, row in rows:
        at = f"{path}:{line}"
        for p in params:
            x = number(row[p["key"]], f"{at}: {p['key']}")
            # The shortest decimal form reads back as the same double: no slack needed.
            if not p["lo"] <= x <= p["hi"] or (p["prior"] == "integer" and not x.is_integer()):
                gp.die(f"{at}: {p['key']}: {row[p['key']]} is outside its prior "
                       f"(expected {'an integer' if p['prior'] == 'integer' else 'a number'} "
                       f"in [{p['lo']:g}, {p['hi']:g}])")
            values[p["key"]].append(x)
        w = number(row["weight"], f"{at}: weight")
        if not (math.isfinite(w) and w >= 0):
            gp.die(f"{at}: weight: {row['weight']} (expected a finite number >= 0)")
        weights.append(w)
        for n in names:
            model[n].append(number(row[f"model:{n}"], f"{at}: model:{n}"))
    total = math.fsum(weights)
    # Written with the shortest round-trip form, N weights sum to 1 within N ulps; 1e-6
    # also admits a writer that rounds each weight to 9 or more significant digits.
    if abs(total - 1.0) > 1e-6:
        gp.die(f"{path}: the weights sum to {total:.9g} (expected 1)")
    return values, weights, model


def read_info(directory, params, targets):
    """calibration.json, checked against the CSV files when it names parameters or targets.
    Only its name, status, generations and runs are used (in titles)."""
    path = os.path.join(directory, "calibration.json")
    info = gp.load_json(path)
    if info is None:
        gp.die(f"{path}: no such file (expected the calibration.json grassroots calibrate writes)")
    if not isinstance(info, dict):
        gp.die(f"{path}: not a JSON object (expected {{\"name\": ..., \"parameters\": [...], ...}})")
    if "parameters" in info:
        try:
            declared = [(str(p["key"]), str(p["prior"])) for p in info["parameters"]]
        except (KeyError, TypeError):
            gp.die(f"{path}: parameters: not a list of {{key, prior, lo, hi}} objects")
        if declared != [(p["key"], p["prior"]) for p in params]:
            gp.die(f"{path}: parameters: {', '.join(k + ' ' + pr for k, pr in declared)} "
                   f"(expected those of posterior_summary.csv: "
                   f"{', '.join(p['key'] + ' ' + p['prior'] for p in params)})")
    if "targets" in info:
        if not isinstance(info["targets"], list) or [str(t) for t in info["targets"]] != \
                [t["target"] for t in targets]:
            gp.die(f"{path}: targets: {info['targets']} "
                   f"(expected those of fit.csv: {', '.join(t['target'] for t in targets)})")
    return info


def parse_truths(texts):
    """[(key, value)] from the --truth options, syntax only (keys are checked once the
    parameters are known)."""
    truths = []
    for text in texts:
        key, sep, value = text.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key or not NUMBER.fullmatch(value) or not math.isfinite(float(value)):
            gp.die(f"--truth '{text}': not KEY=VALUE with a finite number "
                   f"(expected e.g. --truth platform.feed.explore=0.2)")
        if key in (k for k, _ in truths):
            gp.die(f"--truth '{text}': {key} is given twice (expected one value per parameter)")
        truths.append((key, float(value)))
    return truths


def load(directory, truth_texts):
    """Everything the figures need, checked; exits 2 with one line on the first problem."""
    truths = parse_truths(truth_texts)
    if not os.path.isdir(directory):
        what = "not a directory" if os.path.exists(directory) else "no such directory"
        gp.die(f"{directory}: {what} (expected a directory written by grassroots calibrate)")
    posterior = os.path.join(directory, "posterior.csv")
    if not os.path.isfile(posterior):
        gp.die(f"{posterior}: no such file (run grassroots calibrate -o {directory}: it writes "
               f"posterior.csv once its first generation is complete)")
    params = read_summary(os.path.join(directory, "posterior_summary.csv"))
    targets = read_fit(os.path.join(directory, "fit.csv"))
    gens = read_generations(os.path.join(directory, "generations.csv"))
    # The model:<target> columns are checked but not drawn: fit.csv summarises them.
    values, weights, _ = read_posterior(posterior, params, targets)
    info = read_info(directory, params, targets)
    keys = [p["key"] for p in params]
    for key, _ in truths:
        if key not in keys:
            gp.die(f"{directory}: --truth {key}: not a parameter of this calibration "
                   f"(expected one of {', '.join(keys)})")
    return {"dir": directory, "info": info, "params": params, "targets": targets, "gens": gens,
            "values": values, "weights": weights, "truths": dict(truths)}


# --------------------------------------------------------------------------------------
# The fit table (stdout)
# --------------------------------------------------------------------------------------

def scaled_error(t, value):
    """(value - observed) / tolerance as grassroots score defines it: from the nearest
    bound of a range, 0 inside it."""
    if math.isnan(value):
        return value
    lo, hi = t["observed_lo"], t["observed_hi"]
    error = value - hi if value > hi else (value - lo if value < lo else 0.0)
    return error / t["tolerance"]


def observed_text(t):
    lo, hi = t["observed_lo"], t["observed_hi"]
    return f"{lo:.4g}" if lo == hi else f"[{lo:.4g}, {hi:.4g}]"


def signed(x):
    return "nan" if math.isnan(x) else f"{x:+.2f}"


def fit_table(targets):
    header = ["target", "observed", "tolerance", "weight", "mean", "q05", "q95", "within", "mean_error/tol"]
    rows = [[t["target"], observed_text(t), f"{t['tolerance']:.4g}", f"{t['weight']:.4g}", f"{t['mean']:.4g}",
             f"{t['q05']:.4g}", f"{t['q95']:.4g}", "yes" if t["within"] else "no",
             signed(scaled_error(t, t["mean"]))] for t in targets]
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    lines = []
    for r in [header] + rows:
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------

TRUTH_COLOUR = "#c0392b"
POSTERIOR_COLOUR = "#1f77b4"


def title(cal, what):
    """`name: what` over a line with the calibration's status and runs (calibration.json's),
    its generations (generations.csv's rows) and particles."""
    info = cal["info"]
    name = info.get("name") or os.path.basename(os.path.normpath(cal["dir"]))
    status = info.get("status")
    parts = [] if not status else ["complete"] if status == "complete" else [f"stopped by {status}"]
    count = len(cal["gens"])
    parts.append(f"{count} generation{'' if count == 1 else 's'}")
    if info.get("runs") is not None:
        parts.append(f"{info['runs']} runs")
    parts.append(f"{len(cal['weights'])} particles")
    return f"{name}: {what}\n({', '.join(parts)})"


def relative_density(p, xs, weights, ess):
    """(bin edges, posterior mass per bin / prior mass per bin): 1 where the posterior
    equals the prior. Integer parameters get one bin per value when there are few."""
    import numpy as np
    xs, w = np.asarray(xs), np.asarray(weights)
    lo, hi = p["lo"], p["hi"]
    if p["prior"] == "integer":
        count = int(hi - lo) + 1
        per_bin = max(1, math.ceil(count / 40))
        edges = np.arange(lo - 0.5, hi + 0.5 + per_bin, per_bin)
        edges[-1] = min(edges[-1], hi + 0.5)
        prior_mass = np.diff(edges) / count
    else:
        # About two bins per effective particle's square root: smooth enough with few
        # particles, detailed enough with many.
        bins = int(min(40, max(8, round(2 * math.sqrt(ess)))))
        if p["prior"] == "log_uniform":
            edges = np.logspace(math.log10(lo), math.log10(hi), bins + 1)
        else:
            edges = np.linspace(lo, hi, bins + 1)
        prior_mass = np.full(bins, 1.0 / bins)
    mass, _ = np.histogram(xs, bins=edges, weights=w)
    return edges, mass / prior_mass


def x_limits(p, truth):
    lo, hi = (p["lo"] - 0.5, p["hi"] + 0.5) if p["prior"] == "integer" else (p["lo"], p["hi"])
    if truth is not None and not lo <= truth <= hi:
        # A truth outside the prior is drawn, with room for it.
        if p["prior"] == "log_uniform":
            lo, hi = (min(lo, truth / 1.2), max(hi, truth * 1.2)) if truth > 0 else (lo, hi)
        else:
            span = hi - lo
            lo, hi = min(lo, truth - 0.05 * span), max(hi, truth + 0.05 * span)
    return lo, hi


def plot_marginals(plt, cal):
    import numpy as np
    params, weights = cal["params"], cal["weights"]
    ess = 1.0 / sum(w * w for w in weights) if any(weights) else 0.0
    cols = min(3, len(params))
    rows = math.ceil(len(params) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.6 * cols, 3.4 * rows + 0.6), squeeze=False)
    for ax in axes.flat[len(params):]:
        ax.set_visible(False)
    for i, (ax, p) in enumerate(zip(axes.flat, params)):
        edges, ratio = relative_density(p, cal["values"][p["key"]], weights, ess)
        ax.stairs(ratio, edges, fill=True, color=POSTERIOR_COLOUR, alpha=0.55, label="posterior")
        ax.axhline(1.0, color="black", lw=1.2, label="prior")
        # An integer's bar spans value +- 0.5: shade whole bars.
        pad = 0.5 if p["prior"] == "integer" else 0.0
        ax.axvspan(p["q05"] - pad, p["q95"] + pad, color=POSTERIOR_COLOUR, alpha=0.12, label="90% interval")
        ax.axvline(p["q50"], color=POSTERIOR_COLOUR, ls="--", lw=1, label="median")
        truth = cal["truths"].get(p["key"])
        if truth is not None:
            ax.axvline(truth, color=TRUTH_COLOUR, lw=1.8, label="truth")
        if p["prior"] == "log_uniform":
            ax.set_xscale("log")
        ax.set_xlim(*x_limits(p, truth))
        ax.set_ylim(0, max(1.5, float(np.max(ratio)) * 1.1))
        ax.set_title(p["key"], fontsize=11)
        ax.set_xlabel(f"{p['prior'].replace('_', '-')} prior [{p['lo']:g}, {p['hi']:g}]; "
                      f"90%: [{p['q05']:.3g}, {p['q95']:.3g}]", fontsize=9)
        if i % cols == 0:
            ax.set_ylabel("posterior / prior density")
        if i == 0:
            ax.legend(loc="upper right", fontsize=8)
    fig.suptitle(title(cal, f"posterior marginals (effective sample size {ess:.0f})"), fontsize=12)
    return fig


def plot_pairs(plt, cal):
    import numpy as np
    params, truths = cal["params"], cal["truths"]
    w = np.asarray(cal["weights"])
    sizes = 60.0 * w / w.max() if w.max() > 0 else np.zeros_like(w)
    rng = np.random.default_rng(0)  # fixed: the same directory gives the same figure

    def coords(p):
        x = np.asarray(cal["values"][p["key"]])
        return x + rng.uniform(-0.2, 0.2, x.size) if p["prior"] == "integer" else x

    n = len(params) - 1
    fig, axes = plt.subplots(n, n, figsize=(3.2 * n + 1.2, 3.0 * n + 0.8), squeeze=False)
    for row in range(n):
        py = params[row + 1]
        for col in range(n):
            ax = axes[row, col]
            if col > row:
                ax.set_visible(False)
                continue
            px = params[col]
            ax.scatter(coords(px), coords(py), s=sizes, color=POSTERIOR_COLOUR, alpha=0.5, linewidths=0)
            for p, line in ((px, ax.axvline), (py, ax.axhline)):
                if truths.get(p["key"]) is not None:
                    line(truths[p["key"]], color=TRUTH_COLOUR, lw=1.2, ls="--")
            if p_is_log(px):
                ax.set_xscale("log")
            if p_is_log(py):
                ax.set_yscale("log")
            ax.set_xlim(*x_limits(px, truths.get(px["key"])))
            ax.set_ylim(*x_limits(py, truths.get(py["key"])))
            if row == n - 1:
                ax.set_xlabel(axis_label(px), fontsize=9)
            if col == 0:
                ax.set_ylabel(axis_label(py), fontsize=9)
    what = "posterior pairs, dot area proportional to the weight"
    if truths:
        what += "; red dashed: --truth"
    fig.suptitle(title(cal, what), fontsize=12)
    return fig


def p_is_log(p):
    return p["prior"] == "log_uniform"


def axis_label(p):
    return p["key"] + (" (jittered)" if p["prior"] == "integer" else "")


def plot_fit(plt, cal):
    import numpy as np
    from matplotlib.patches import Rectangle
    targets = cal["targets"]
    fig, ax = plt.subplots(figsize=(9, 2.2 + 0.75 * len(targets)))
    labels = []
    extent = 1.5
    for y, t in enumerate(targets):
        tol = t["tolerance"]
        mid = 0.5 * (t["observed_lo"] + t["observed_hi"])
        half = 0.5 * (t["observed_hi"] - t["observed_lo"]) / tol
        ax.add_patch(Rectangle((-half - 1, y - 0.32), 2 * half + 2, 0.64, color="grey", alpha=0.18, lw=0,
                               label="observed ± 1 tolerance" if y == 0 else None))
        if half > 0:
            ax.add_patch(Rectangle((-half, y - 0.32), 2 * half, 0.64, facecolor="none", edgecolor="black",
                                   lw=1.2))
        else:
            ax.plot([0, 0], [y - 0.32, y + 0.32], color="black", lw=1.6)
        mean, q05, q95 = ((t[name] - mid) / tol for name in ("mean", "q05", "q95"))
        colour = "#1b9e77" if t["within"] else "#d95f02"
        if not (math.isnan(q05) or math.isnan(q95)):
            ax.plot([q05, q95], [y, y], color=colour, lw=3, solid_capstyle="butt")
        if not math.isnan(mean):
            ax.plot([mean], [y], "o", color=colour, ms=8, mec="black", mew=0.6)
        else:
            ax.text(0, y + 0.12, "no prediction (nan)", ha="center", va="top", fontsize=9, color="#d95f02")
        extent = max([extent, half + 1.5] + [abs(v) * 1.08 for v in (mean, q05, q95) if math.isfinite(v)])
        weight = "" if t["weight"] > 0 else ", weight 0"
        labels.append(f"{t['target']}\n{observed_text(t)} ± {tol:.3g}{weight}")
    ax.set_yticks(np.arange(len(targets)), labels, fontsize=9)
    ax.set_ylim(len(targets) - 0.5, -0.5)
    ax.set_xlim(-extent, extent)
    ax.axvline(0, color="black", lw=0.6)
    ax.set_xlabel("(model − observed) / tolerance; for a range (box), from its middle")
    ax.plot([], [], "o-", color="#1b9e77", label="accepted runs: mean, 90% interval")
    ax.plot([], [], "o-", color="#d95f02", label="... interval misses the observation")
    # Above the axes: inside, it would hide a target's row.
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8)
    ax.grid(axis="y", visible=False)
    fig.suptitle(title(cal, "fit to the targets"), fontsize=12)
    return fig


def plot_tolerance(plt, cal):
    gens = cal["gens"]
    fig, ax = plt.subplots(figsize=(7.5, 4.5))
    g = [r["generation"] for r in gens]
    finite = [(r["generation"], r["tolerance"]) for r in gens if math.isfinite(r["tolerance"])]
    if finite:
        ax.plot(*zip(*finite), "o-", color="black", label="tolerance")
    median = [(x, r["median_distance"]) for x, r in zip(g, gens) if r["median_distance"] > 0]
    if median:
        ax.plot(*zip(*median), "s--", color=POSTERIOR_COLOUR, label="median accepted distance")
        for x, r in zip(g, gens):
            if r["median_distance"] > 0 and math.isfinite(r["acceptance_rate"]):
                ax.annotate(f"{100 * r['acceptance_rate']:.3g}%", (x, r["median_distance"]),
                            textcoords="offset points", xytext=(0, 8), ha="center", fontsize=8,
                            color=POSTERIOR_COLOUR)
    if finite or median:
        from matplotlib import ticker
        ax.set_yscale("log")
        ax.margins(y=0.12)  # room for the labels above the points
        plain = ticker.FuncFormatter(lambda v, _: f"{v:g}")  # 0.3 rather than 3 x 10^-1
        ax.yaxis.set_major_formatter(plain)
        # Over less than about two decades few powers of ten show: 2 and 5 times them too.
        low, high = ax.get_ylim()
        if high / low < 100:
            ax.yaxis.set_minor_locator(ticker.LogLocator(subs=(2.0, 5.0)))
            ax.yaxis.set_minor_formatter(plain)
    ax.set_xticks(g)
    ax.set_xlabel("generation (0 samples the prior; labels: acceptance rate)")
    ax.set_ylabel("distance (weighted RMS of errors / tolerance)")
    ax.legend(loc="upper right")
    ax.set_title(title(cal, "tolerance per generation"), fontsize=12)
    return fig


def save_complete(fig, path):
    """Writes the PNG under a temporary name, then renames it: a figure is there complete
    or not at all."""
    import matplotlib.pyplot as plt
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    partial = f"{path}.partial-{os.getpid()}"
    try:
        fig.savefig(partial, dpi=gp.DPI, format="png")
        os.replace(partial, path)
    finally:
        plt.close(fig)
        if os.path.exists(partial):
            os.remove(partial)
    print(path)


def main(argv):
    gp.default_sigpipe()
    args = parse_args(argv)
    cal = load(args.source, args.truth)
    gp.require_packages()
    print(fit_table(cal["targets"]))
    sys.stdout.flush()
    plt = gp.setup_matplotlib()
    out_dir = args.out or os.path.join(args.source, "figures")
    save_complete(plot_marginals(plt, cal), os.path.join(out_dir, f"{FIGURES[0]}.png"))
    if len(cal["params"]) >= 2:
        save_complete(plot_pairs(plt, cal), os.path.join(out_dir, f"{FIGURES[1]}.png"))
    else:
        gp.note(f"one parameter: no {FIGURES[1]}.png")
    save_complete(plot_fit(plt, cal), os.path.join(out_dir, f"{FIGURES[2]}.png"))
    save_complete(plot_tolerance(plt, cal), os.path.join(out_dir, f"{FIGURES[3]}.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
