"""Writes a synthetic `grassroots calibrate` output directory, laid out as the calibration
contract says (calibration.json, generations.csv, generations/NNN/particles.csv,
posterior.csv, posterior_summary.csv, fit.csv), for the plot_calibration.py test while the
real command is not built. Standard library only; deterministic (seeded).

    python3 make_calibration_fixture.py OUT_DIR [--parameters 1|2|3]

Three parameters by default: a uniform one, a log_uniform one and an integer one; two
targets, one a single value and one a range (its name has spaces, as target names may);
three complete generations, generation 0 sampling the prior (tolerance "inf"). Each
generation keeps the particles closest to the targets, so the posterior narrows and
the tolerance falls, as an ABC-SMC run's would. Weights sum to 1.
"""

import json
import math
import os
import random
import sys

PARAMETERS = [
    {"key": "platform.feed.explore", "prior": "uniform", "lo": 0.0, "hi": 0.5},
    {"key": "platform.feed.head_cap", "prior": "log_uniform", "lo": 10.0, "hi": 10000.0},
    {"key": "population.cohorts.0.attention", "prior": "integer", "lo": 5, "hi": 20},
]
TARGETS = [
    {"target": "views_top3", "metric": "views_top3_share", "lo": 0.85, "hi": 0.85,
     "tolerance": 0.05, "weight": 1.0, "source": "synthetic, after M. Bärtl, Convergence 24(1), 2018"},
    {"target": "creators per online user", "metric": "creators_per_user", "lo": 0.01, "hi": 0.03,
     "tolerance": 0.005, "weight": 0.5, "source": "synthetic fixture"},
]
# The parameter values the synthetic model is centred on (what a recovery test would pass
# as --truth).
TRUTH = {"platform.feed.explore": 0.2, "platform.feed.head_cap": 300.0, "population.cohorts.0.attention": 12}
PARTICLES = 60
TOLERANCES = [math.inf, 1.0, 0.35]


def sample_prior(rng, p):
    if p["prior"] == "uniform":
        return rng.uniform(p["lo"], p["hi"])
    if p["prior"] == "log_uniform":
        return math.exp(rng.uniform(math.log(p["lo"]), math.log(p["hi"])))
    return rng.randint(p["lo"], p["hi"])


def perturb(rng, p, value, scale):
    """A move around `value` that stays in the prior's support (reflected at its bounds)."""
    if p["prior"] == "integer":
        return min(p["hi"], max(p["lo"], value + rng.choice((-1, 0, 0, 1))))
    log = p["prior"] == "log_uniform"
    lo, hi = (math.log(p["lo"]), math.log(p["hi"])) if log else (p["lo"], p["hi"])
    x = (math.log(value) if log else value) + rng.gauss(0.0, scale * (hi - lo))
    while not lo <= x <= hi:
        x = 2 * lo - x if x < lo else 2 * hi - x
    return math.exp(x) if log else x


def model(rng, values):
    """Synthetic target values: each target moves with the parameters, around the
    observations at TRUTH, plus replicate noise."""
    explore = values.get("platform.feed.explore", TRUTH["platform.feed.explore"])
    cap = values.get("platform.feed.head_cap", TRUTH["platform.feed.head_cap"])
    attention = values.get("population.cohorts.0.attention", TRUTH["population.cohorts.0.attention"])
    top3 = 0.85 - 0.6 * (explore - 0.2) + 0.05 * math.log10(cap / 300.0) + rng.gauss(0, 0.01)
    creators = 0.02 + 0.002 * (attention - 12) - 0.01 * (explore - 0.2) + rng.gauss(0, 0.001)
    return [top3, creators]


def distance(outputs):
    """The weighted RMS of the scaled errors, as grassroots score defines it."""
    total, weights = 0.0, 0.0
    for t, value in zip(TARGETS, outputs):
        error = value - t["hi"] if value > t["hi"] else (value - t["lo"] if value < t["lo"] else 0.0)
        total += t["weight"] * (error / t["tolerance"]) ** 2
        weights += t["weight"]
    return math.sqrt(total / weights)


def weighted_quantile(values, weights, q):
    pairs = sorted(zip(values, weights))
    cumulative = 0.0
    for value, weight in pairs:
        cumulative += weight
        if cumulative >= q - 1e-12:
            return value
    return pairs[-1][0]


def number(x):
    if isinstance(x, int):
        return str(x)
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return f"{x:.10g}"


def field(text):
    """A text field as RFC 4180 (and grassroots) writes it: quoted when it holds a comma or
    a quote."""
    if not any(c in text for c in ',"\r\n'):
        return text
    return '"' + text.replace('"', '""') + '"'


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(field(h) for h in header) + "\n")
        for row in rows:
            f.write(",".join(field(v) if isinstance(v, str) else number(v) for v in row) + "\n")


def main(argv):
    if len(argv) not in (1, 3) or (len(argv) == 3 and argv[1] != "--parameters"):
        print("usage: make_calibration_fixture.py OUT_DIR [--parameters 1|2|3]", file=sys.stderr)
        return 2
    out = argv[0]
    params = PARAMETERS[:int(argv[2])] if len(argv) == 3 else PARAMETERS
    keys = [p["key"] for p in params]
    rng = random.Random(20240611)
    header = ["particle", "proposal"] + keys + ["weight", "distance"] + [f"model:{t['target']}" for t in TARGETS]

    generations, previous, runs_total = [], None, 0
    for g, tolerance in enumerate(TOLERANCES):
        accepted, proposals = [], 0
        while len(accepted) < PARTICLES:
            proposals += 1
            if previous is None:
                values = {p["key"]: sample_prior(rng, p) for p in params}
            else:
                parent = rng.choice(previous)
                values = {p["key"]: perturb(rng, p, parent[0][p["key"]], 0.1) for p in params}
            outputs = model(rng, values)
            d = distance(outputs)
            if d <= tolerance:
                accepted.append((values, d, outputs, proposals - 1))
        raw = [1.0 if g == 0 else math.exp(-0.5 * (d / tolerance) ** 2) for _, d, _, _ in accepted]
        weights = [w / sum(raw) for w in raw]
        rows = [[i, proposal] + [values[k] for k in keys] + [w, d] + outputs
                for i, ((values, d, outputs, proposal), w) in enumerate(zip(accepted, weights))]
        write_csv(os.path.join(out, "generations", f"{g:03d}", "particles.csv"), header, rows)
        runs_total += proposals
        ess = 1.0 / sum(w * w for w in weights)
        median = sorted(d for _, d, _, _ in accepted)[PARTICLES // 2]
        generations.append([g, tolerance, proposals, PARTICLES, proposals, runs_total,
                            PARTICLES / proposals, ess, median])
        previous = [(values, w) for (values, _, _, _), w in zip(accepted, weights)]
        last_rows, last_weights, last_outputs = rows, weights, [o for _, _, o, _ in accepted]

    write_csv(os.path.join(out, "generations.csv"),
              ["generation", "tolerance", "proposals", "accepted", "runs", "runs_total",
               "acceptance_rate", "ess", "median_distance"], generations)
    write_csv(os.path.join(out, "posterior.csv"), header, last_rows)

    summary = []
    for column, p in enumerate(params, start=2):
        xs = [row[column] for row in last_rows]
        mean = sum(w * x for w, x in zip(last_weights, xs))
        sd = math.sqrt(sum(w * (x - mean) ** 2 for w, x in zip(last_weights, xs)))
        summary.append([p["key"], p["prior"], p["lo"], p["hi"], mean, sd]
                       + [weighted_quantile(xs, last_weights, q) for q in (0.05, 0.5, 0.95)])
    write_csv(os.path.join(out, "posterior_summary.csv"),
              ["key", "prior", "lo", "hi", "mean", "sd", "q05", "q50", "q95"], summary)

    fit = []
    for i, t in enumerate(TARGETS):
        ys = [o[i] for o in last_outputs]
        q05, q95 = (weighted_quantile(ys, last_weights, q) for q in (0.05, 0.95))
        within = int(q05 <= t["hi"] and q95 >= t["lo"])
        fit.append([t["target"], t["metric"], t["lo"], t["hi"], t["tolerance"], t["weight"],
                    sum(w * y for w, y in zip(last_weights, ys)), q05, q95, within, t["source"]])
    write_csv(os.path.join(out, "fit.csv"),
              ["target", "metric", "observed_lo", "observed_hi", "tolerance", "weight", "mean",
               "q05", "q95", "within", "source"], fit)

    with open(os.path.join(out, "calibration.json"), "w", encoding="utf-8") as f:
        json.dump({"name": "fixture", "parameters": params, "targets": [t["target"] for t in TARGETS],
                   "status": "generations", "generations": len(TOLERANCES), "runs": runs_total}, f, indent=2)
    with open(os.path.join(out, "calibration.yaml"), "w", encoding="utf-8") as f:
        f.write("name: fixture\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
