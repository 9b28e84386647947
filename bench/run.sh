#!/usr/bin/env bash
# The benchmark harness: builds Release, measures the machine's own limits, runs the
# benchmark scenarios and prints one table (also written to results/bench/bench.csv).
# Timings are noisy on shared machines: compare the ratio views/s : random reads/s.
# rows_pct: share of the wall time spent on timeseries rows; final_outputs_s: making
# creators.csv, merchants.csv and summary.csv at the end.
# graph_s: of the set-up, the time to build the graph; est_mb: `grassroots check`'s memory
# estimate, est_ratio: measured peak / estimate.
# Usage: bench/run.sh [--quick] [--10m] [--100m] [--200m] [--runs] [--edges]
#   --quick  the 1M scenario for 10 ticks only (a smoke run)
#   --10m    also the 10M-user scenario (several minutes, ~3 GB)
#   --100m   also bench/100m.yaml (100M users, 2 days; ~12 GB, a few minutes)
#   --200m   also bench/200m.yaml (200M users, 2 days, seen filter off; ~18 GB: nothing else may run)
#   --runs   runs per hour of small sweeps at --jobs 1 and --jobs 2 (bench/runs_*.yaml;
#            --jobs 1 at 1 and at all threads)
#   --edges  the edge-list loader: a generated 1 GB edge list (EDGE_MB to change it),
#            plain and gzip, the old sequential loader against the parallel one at 1 and 2
#            threads, medians of REPS=3 (about 15 minutes, 2.5 GB of memory, 1.3 GB of
#            disk); alone, only this; with other options, after them
# Every case row says which realistic mechanisms were on (column `on`: the seen filter,
# daily activity, homophily on cohort/region/interest); 1m-realistic turns them all on.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0 big=0 huge=0 giant=0 runs=0 edges=0
for arg in "$@"; do
    case "$arg" in
        --quick) quick=1 ;;
        --10m) big=1 ;;
        --100m) huge=1 ;;
        --200m) giant=1 ;;
        --runs) runs=1 ;;
        --edges) edges=1 ;;
        -h | --help) sed -n '2,21p' "$0"; exit 0 ;;
        *) echo "bench/run.sh: unknown argument $arg (see --help)" >&2; exit 2 ;;
    esac
done

bash scripts/bootstrap.sh >/dev/null
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DGRASSROOTS_BUILD_TESTS=OFF >/dev/null
# --edges alone: only the edge lists; with other options: after them, in the same invocation.
if [[ $edges -eq 1 && $quick$big$huge$giant$runs == 00000 ]]; then
    exec bench/edge_lists.sh
fi
cmake --build build-bench -j 2 --target grassroots grassroots_machine_limits >/dev/null
bin=build-bench/grassroots
out=results/bench
mkdir -p "$out"
cores=$(nproc)

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r)"
limits=$(build-bench/grassroots_machine_limits 1024 "$cores" | tail -n 1)
seq_gbs=$(cut -d, -f3 <<<"$limits")
rand_rate=$(cut -d, -f4 <<<"$limits")
echo "sequential read: $seq_gbs GB/s; random 4-byte reads (1 GiB table, $cores threads): $rand_rate /s"

# run_case NAME SCENARIO THREADS [--set ...]: one run, one CSV row.
csv=$out/bench.csv
echo "scenario,users,edges,ticks,threads,setup_s,graph_s,run_s,views_per_s,agent_ticks_per_s,peak_rss_mb,bytes_per_user,bytes_per_edge,views_per_random_read,rows_pct,final_outputs_s,est_mb,est_ratio,on" >"$csv"
run_case() {
    local name=$1 scenario=$2 threads=$3
    shift 3
    local dir=$out/runs/$name-t$threads
    mkdir -p "$out/runs"
    local resolved est_gib features
    resolved=$("$bin" check "$scenario" "$@")  # (estimated for all the machine's threads)
    est_gib=$(head -n 1 <<<"$resolved" | sed -n 's/.*memory: \([0-9.]*\) \([GM]\)iB.*/\1 \2/p' |
        awk '{ print $2 == "M" ? $1 / 1024 : $1 }')
    # Which of the realistic mechanisms are on (the resolved scenario's values).
    features=$(awk '/^  homophily:/ { h = 1 } h && /^    cohort:/ { hc = $2 } h && /^    region:/ { hr = $2 }
        h && /^    interest:/ { hi = $2; h = 0 } /^      daily_activity:/ { da = da (da == "" ? "" : "/") $2 }
        /^  seen_filter:/ { sf = $2 }
        END { printf "seen_filter %s; daily_activity %s; homophily %s/%s/%s", sf, da, hc, hr, hi }' <<<"$resolved")
    /usr/bin/time -f '%M' -o "$dir.rss" "$bin" run "$scenario" -q --threads "$threads" -o "$dir" "$@"
    local rss_kb users edges ticks setup graph wall views rows final
    rss_kb=$(cat "$dir.rss")
    users=$(awk -F, 'NR == 2 { print $2 }' "$dir/summary.csv")
    edges=$(awk -F, 'NR == 2 { print $3 }' "$dir/summary.csv")
    ticks=$(awk -F, 'NR == 2 { print $1 }' "$dir/summary.csv")
    setup=$(sed -n 's/.*"setup_seconds": \([0-9.]*\).*/\1/p' "$dir/meta.json")
    graph=$(sed -n 's/.*"graph_seconds": \([0-9.]*\).*/\1/p' "$dir/meta.json")
    wall=$(sed -n 's/.*"wall_seconds": \([0-9.]*\).*/\1/p' "$dir/meta.json")
    views=$(sed -n 's/.*"total_views": \([0-9]*\).*/\1/p' "$dir/meta.json")
    rows=$(sed -n 's/.*"rows_seconds": \([0-9.]*\).*/\1/p' "$dir/meta.json")
    final=$(sed -n 's/.*"final_outputs_seconds": \([0-9.]*\).*/\1/p' "$dir/meta.json")
    awk -v n="$name" -v u="$users" -v e="$edges" -v t="$ticks" -v th="$threads" -v s="$setup" -v g="$graph" -v w="$wall" \
        -v v="$views" -v r="$rss_kb" -v rr="$rand_rate" -v ro="$rows" -v fo="$final" -v es="${est_gib:-0}" \
        -v on="$features" 'BEGIN {
            run = w - s; vps = v / run; est = es * 1024 * 1024 * 1024
            printf "%s,%d,%d,%d,%d,%.2f,%.2f,%.2f,%.0f,%.0f,%.0f,%.0f,%.0f,%.3f,%.2f,%.3f,%.0f,%.2f,%s\n", n, u, e, t, th, s,
                   g, run, vps, u * t / run, r / 1024, r * 1024 / u, r * 1024 / e, vps / rr, 100 * ro / w, fo,
                   est / 1048576, (est > 0 ? r * 1024 / est : 0), on }' >>"$csv"
}

ticks=()
[[ $quick -eq 1 ]] && ticks=(--set ticks=10)
run_case baseline scenarios/baseline.yaml "$cores" "${ticks[@]}"
run_case 1m bench/1m.yaml 1 "${ticks[@]}"
run_case 1m bench/1m.yaml "$cores" "${ticks[@]}"
[[ $big -eq 1 ]] && run_case 10m bench/10m.yaml "$cores" "${ticks[@]}"
# The 1M world with the realistic mechanisms of issues 10-12 on as well: 60 % of online
# users active a day, homophily on cohort, region and interest.
run_case 1m-realistic bench/1m.yaml "$cores" "${ticks[@]}" --set population.cohorts.0.daily_activity=0.6 \
    --set population.homophily.cohort=0.5 --set population.homophily.region=0.5 --set population.homophily.interest=0.3
[[ $huge -eq 1 ]] && run_case 100m bench/100m.yaml "$cores"
# 200M users fit in 20 GB only without the seen filter (with it: 26.5 GiB estimated).
[[ $giant -eq 1 ]] && run_case 200m bench/200m.yaml "$cores" --set engagement.seen_filter=false

# Does a tick cost more late in a run? The same 1M run stopped at half its ticks: the
# second half's time per tick against the first half's, next to how follows grew (the
# one state that grows when everyone is online from the start).
half=$(awk -F, '$1 == "1m" && $5 > 1 { print int($4 / 2) }' "$csv")
# (columns: 4 ticks, 8 run_s)
run_case 1m-half bench/1m.yaml "$cores" --set ticks="$half"
growth=$(awk -F, '$1 == "1m-half" { t1 = $4; r1 = $8 } $1 == "1m" && $5 > 1 { t2 = $4; r2 = $8 }
    END { printf "%.2f", ((r2 - r1) / (t2 - t1)) / (r1 / t1) }' "$csv")
follows_half=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; ++i) if ($i == "follows_total") c = i } NR == 2 { print $c }' \
    "$out/runs/1m-half-t$cores/summary.csv")
follows_full=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; ++i) if ($i == "follows_total") c = i } NR == 2 { print $c }' \
    "$out/runs/1m-t$cores/summary.csv")

column -s, -t "$csv"
echo "tick cost, second half / first half of the 1m run: ${growth}x (follows: $follows_half at tick $half, $follows_full at the end)"
awk -F, '$1 == "1m" && $5 == 1 { one = $8 } $1 == "1m" && $5 > 1 { many = $8; n = $5 }
         END { if (one && many) printf "speed-up 1m, 1 -> %d threads: %.2fx\n", n, one / many }' "$csv"

# Runs per hour: each sweep at --jobs 1 --threads 1 (one run at a time on one core), at
# --jobs 1 --threads $cores (one run at a time, its loops on every core) and at --jobs
# $cores --threads $cores (a run per core); wall time from the sweep's start to its end.
# (--threads is the sweep's whole pool: --jobs 2 --threads 1 would run two runs on one core.)
if [[ $runs -eq 1 ]]; then
    runs_csv=$out/runs_per_hour.csv
    echo "sweep,runs,jobs,threads,wall_s,runs_per_hour" >"$runs_csv"
    for sweep in bench/runs_small_worlds.yaml bench/runs_china_platform.yaml; do
        for config in "1 1" "1 $cores" "$cores $cores"; do
            read -r jobs threads <<<"$config"
            dir=$out/sweeps/$(basename "$sweep" .yaml)-j$jobs-t$threads
            rm -rf "$dir"
            start=$(date +%s.%N)
            "$bin" sweep "$sweep" -q -o "$dir" --jobs "$jobs" --threads "$threads"
            end=$(date +%s.%N)
            n=$(($(wc -l <"$dir/summary.csv") - 1))
            awk -v s="$sweep" -v n="$n" -v j="$jobs" -v t="$threads" -v a="$start" -v b="$end" \
                'BEGIN { printf "%s,%d,%d,%d,%.1f,%.0f\n", s, n, j, t, b - a, n * 3600 / (b - a) }' >>"$runs_csv"
        done
    done
    column -s, -t "$runs_csv"
    awk -F, 'NR > 1 && $3 == 1 && $4 == 1 { one[$1] = $6 } NR > 1 && $3 == 1 && $4 > 1 { wide[$1] = $6 }
             NR > 1 && $3 > 1 { many[$1] = $6; j[$1] = $3 }
             END { for (s in many) printf "%s: --jobs %d gives %.2fx the runs per hour of --jobs 1 --threads 1, %.2fx of --jobs 1 --threads %d\n",
                                          s, j[s], many[s] / one[s], many[s] / wide[s], j[s] }' "$runs_csv"
fi
[[ $edges -eq 1 ]] && bench/edge_lists.sh
echo "written: $csv"
