#!/usr/bin/env python3
"""Runs the scenario library and prints the README's table of headline numbers.

Usage: scripts/scenario_table.py [--build DIR] [--out DIR] [--reuse]
  --build DIR  where the grassroots binary is (default: build)
  --out DIR    where the runs go (default: results/scenarios)
  --reuse      read finished runs in --out instead of running them again

Standard library only: any python3 runs it.
"""
import argparse
import csv
import json
import os
import subprocess
import sys

SCENARIOS = ["baseline", "social_feed", "algorithmic_feed", "traffic_pools", "head_cap",
             "viral_nobody", "hometown", "live_commerce", "mini_programs", "locksmith", "errands",
             "late_adopters", "facebook"]

# Scenarios whose headline compares with the same world under one changed key: the second
# run goes to OUT/<name>_compare.
COMPARE = {"hometown": "creators.prodigy_talent=0"}


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def num(x):
    return float(x)


def fmt(x, digits=2):
    return f"{x:.{digits}f}"


def first_tick_reaching(series, key, fraction):
    target = num(series[-1][key]) * fraction
    return next(int(r["tick"]) for r in series if num(r[key]) >= target)


def month_sum(series, key, last):
    picked = series[-30:] if last else series[1:31]
    return sum(num(r[key]) for r in picked)


def half_online(series):
    """The day each cohort (an online_<cohort> column) reached half its final number online."""
    cohorts = [k for k in series[0] if k.startswith("online_")]
    return ", ".join(f"{k[7:]} day {first_tick_reaching(series, k, 0.5)}" for k in cohorts)


def headline(name, d):
    ts, cr, sm = d["timeseries"], d["creators"], d["summary"][0]
    end = ts[-1]
    if name in ("social_feed", "algorithmic_feed"):
        return (f"grassroots_top100_share {fmt(num(ts[0]['grassroots_top100_share']))} → "
                f"{fmt(num(end['grassroots_top100_share']))}; first_grassroots_top10_tick "
                f"{sm['first_grassroots_top10_tick']}; median followers grassroots "
                f"{sm['median_followers_grassroots']} vs elite {sm['median_followers_elite']}")
    if name == "traffic_pools":
        def per_item(keep):
            picked = [r for r in cr if keep(num(r["talent"])) and int(r["items"]) > 0]
            return sum(int(r["views"]) for r in picked) / sum(int(r["items"]) for r in picked)
        return (f"views per item: {per_item(lambda t: t >= 2.67):.0f} (talent ≥ 2.67) vs "
                f"{per_item(lambda t: t < 1):.0f} (talent < 1); follower_gini {fmt(num(end['follower_gini']))}")
    if name == "head_cap":
        top = max(int(r["views"]) for r in cr) / int(sm["views_total"])
        return (f"follower_gini {fmt(num(end['follower_gini']))}, top1_share {fmt(num(end['top1_share']))}, "
                f"largest creator's share of views {top:.4f}")
    if name == "viral_nobody":
        star = max(cr, key=lambda r: num(r["talent"]))
        rank = 1 + sum(int(r["followers"]) > int(star["followers"]) for r in cr)
        return (f"the prodigy (talent {num(star['talent']):.0f}, {star['background']}) ends rank {rank} "
                f"with {star['followers']} followers of {sm['users']} users; first_grassroots_top10_tick "
                f"{sm['first_grassroots_top10_tick']}")
    if name == "live_commerce":
        top = max(cr, key=lambda r: num(r["gmv"]))
        return (f"{sm['live_hosts']} hosts; GMV share of the top host ({top['background']}, {top['followers']} "
                f"followers) {fmt(num(sm['live_gmv_top_host_share']))}, of the top 10 % of hosts "
                f"{fmt(num(sm['live_gmv_top10_share']))}; gmv_total {num(sm['gmv_total']):,.0f}")
    if name == "hometown":
        region = sm["top_creator_region"]
        without = sum(int(r["orders"]) for r in d["compare_merchants"] if r["region"] == region)
        with_star = int(sm["local_orders_top_creator_region"])
        return (f"local orders in the top creator's region ({region}) {with_star:,} against {without:,} "
                f"without the prodigy ({100 * (with_star / without - 1):+.1f} %); tourism needs "
                f"{int(sm['tourism_needs_total']):,}")
    if name == "locksmith":
        return (f"{sm['aggregator_members']} merchants joined the locksmith's program, "
                f"{sm['merchants_online']} online; the builder's fees {num(sm['aggregator_builder_income']):,.0f}")
    if name == "errands":
        return (f"{int(sm['social_orders_total']):,} orders through friends ({sm['social_sellers']} sellers) "
                f"against {int(sm['live_orders_total']):,} through the feed ({sm['live_hosts']} hosts)")
    if name == "mini_programs":
        t90 = next(r for r in ts if int(r["tick"]) == 90)
        def lost(last):
            met, gone = month_sum(ts, "local_orders", last), month_sum(ts, "local_orders_lost", last)
            return gone / (met + gone)
        return (f"merchants_online {ts[0]['merchants_online']} → {t90['merchants_online']} (day 90) → "
                f"{end['merchants_online']}; needs lost {lost(False):.2f} (first month) → {lost(True):.2f} (last)")
    if name == "late_adopters":
        late = ("gmv_lower_tier", "gmv_elderly")
        # Nobody hosts in the first month (hosts need followers): compare the year's last month.
        year_end = [r for r in ts if 336 <= int(r["tick"]) <= 365]
        def late_share(rows):
            return sum(num(r[k]) for r in rows for k in late) / sum(num(r["gmv"]) for r in rows)
        return (f"half online: {half_online(ts)}; gmv per month {sum(num(r['gmv']) for r in year_end):,.0f} "
                f"(12th month) → {month_sum(ts, 'gmv', True):,.0f} (60th), lower_tier and elderly buying "
                f"{late_share(year_end):.2f} → {late_share(ts[-30:]):.2f} of it")
    if name == "facebook":
        return (f"{sm['users']} users, {sm['edges']} edges; half online: {half_online(ts)}; cohort "
                f"assortativity {fmt(num(sm['cohort_assortativity']))}; follower_gini {fmt(num(end['follower_gini']))}")
    if name == "baseline":
        return (f"half online: {half_online(ts)}; follower_gini {fmt(num(end['follower_gini']))}, "
                f"top1_share {fmt(num(end['top1_share']))}; top 3 % of creators' share of views "
                f"{fmt(num(sm['views_top3_share']))}")
    return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build")
    parser.add_argument("--out", default="results/scenarios")
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    binary = os.path.join(args.build, "grassroots")
    print("| scenario | users | days | wall s | headline numbers |")
    print("|---|---|---|---|---|")
    for name in SCENARIOS:
        out = os.path.join(args.out, name)
        if not (args.reuse and os.path.exists(os.path.join(out, "meta.json"))):
            subprocess.run([binary, "run", f"scenarios/{name}.yaml", "-q", "-o", out], check=True)
        data = {k: rows(os.path.join(out, f"{k}.csv")) for k in ("timeseries", "creators", "summary")}
        if name in COMPARE:
            other = out + "_compare"
            if not (args.reuse and os.path.exists(os.path.join(other, "meta.json"))):
                subprocess.run([binary, "run", f"scenarios/{name}.yaml", "-q", "-o", other, "--set", COMPARE[name]],
                               check=True)
            data["compare_merchants"] = rows(os.path.join(other, "merchants.csv"))
        with open(os.path.join(out, "meta.json")) as f:
            wall = json.load(f)["wall_seconds"]
        sm = data["summary"][0]
        print(f"| `{name}` | {int(sm['users']):,} | {sm['ticks']} | {wall:.1f} | {headline(name, data)} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
