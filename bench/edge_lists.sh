#!/usr/bin/env bash
# The edge-list loader's speed (bench/run.sh --edges runs it after configuring build-bench):
# one generated edge list of EDGE_MB megabytes (default 1000; 20M sparse ids, uniform
# endpoints), plain and gzip-compressed, loaded by the old one-line-at-a-time loader
# (sequential, the baseline) and by the parallel one at 1 and 2 threads: `load` is
# load_edge_list with the graph built, `parse` the same without SocialGraph::from_edges.
# Each row is the median of REPS runs (default 3) in its own process, with that process's
# peak memory. MB/s are megabytes of text (inflated, for gzip) per second. BUILD_DIR: the
# Release build to use (default build-bench; the data is written under it).
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${EDGE_MB:-1000}
reps=${REPS:-3}
build=${BUILD_DIR:-build-bench}
cmake --build "$build" -j 2 --target grassroots_edge_list_speed >/dev/null
tool=$build/grassroots_edge_list_speed
data=$build/edges
mkdir -p "$data" results/bench
file=$data/edges_${megabytes}mb.txt
if [[ ! -s $file.gz ]]; then
    "$tool" generate "$file.tmp" "$megabytes" 1
    gzip -c "$file.tmp" >"$file.gz.tmp"
    mv "$file.tmp" "$file"
    mv "$file.gz.tmp" "$file.gz"
fi
echo "edge list: $file ($(du -m "$file" | cut -f1) MB, $(du -m "$file.gz" | cut -f1) MB gzip), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
csv=results/bench/edge_list.csv
echo "input,variant,threads,text_mb,median_s,min_s,max_s,median_mb_per_s,peak_rss_mb,vertices,edges" >"$csv"
for input in "$file" "$file.gz"; do
    name=$([[ $input == *.gz ]] && echo gzip || echo plain)
    for run in "sequential 1" "parse 1" "parse 2" "load 1" "load 2"; do
        read -r variant threads <<<"$run"
        echo "$name,$("$tool" time "$input" "$variant" "$threads" "$reps")" >>"$csv"
    done
done
column -s, -t "$csv"
awk -F, '$2 == "sequential" { before[$1] = $8 } $2 == "load" { after[$1 "," $3] = $8 }
    END { for (k in after) { split(k, p, ","); printf "%s, %d threads: load %.1fx the sequential loader\n", p[1], p[2], after[k] / before[p[1]] } }' "$csv" | sort
echo "written: $csv"
