#!/usr/bin/env bash
# musiclab.py: Gini and unpredictability (Salganik, Dodds & Watts 2006) computed exactly on
# a hand-made sweep, then on a real MusicLab sweep with its plot; its errors exit 2.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_plotting

# A hand-made sweep: one point, three worlds of three songs with likes A = 1 1 2,
# B = 3 1 0, C = 1 1 2. Shares A = C = (.25 .25 .5), B = (.75 .25 0); Gini 1/6, 1/2, 1/6:
# mean 0.27778. U: song 1 (.5 + 0 + .5)/3, song 2 0, song 3 (.5 + 0 + .5)/3: mean 0.22222.
HAND=$WORK/hand
header="run_id,point_id,replicate,seed,world_seed,platform.feed.popularity_alpha,ticks,users"
printf '%s\n0,0,0,1,1,0.5,10,60\n1,0,1,2,1,0.5,10,60\n2,0,2,3,1,0.5,10,60\n' "$header" >"$WORK/summary.csv"
mkdir -p "$HAND"
cp "$WORK/summary.csv" "$HAND/summary.csv"
cat >"$HAND/sweep.json" <<JSON
{"name": "hand", "id_columns": ["run_id", "point_id", "replicate", "seed", "world_seed"],
 "swept_keys": ["platform.feed.popularity_alpha"], "fixed_keys": [], "points": 1, "replicates": 3, "runs": 3}
JSON
write_world() {  # RUN LIKES...
    local dir=$HAND/runs/$(printf '%06d' "$1") id=0
    shift
    mkdir -p "$dir"
    echo "creator_id,user_id,background,talent,topic,followers,views,likes,items,income,joined_tick,status" >"$dir/creators.csv"
    for likes in "$@"; do
        echo "$id,$id,grassroots,1,0,0,10,$likes,1,0.00,0,active" >>"$dir/creators.csv"
        id=$((id + 1))
    done
}
write_world 0 1 1 2
write_world 1 3 1 0
write_world 2 1 1 2
expect_exit 0 "$PYTHON" "$SCRIPTS/musiclab.py" "$HAND"
expected="point_id,platform.feed.popularity_alpha,worlds,downloads,gini,gini_sd,unpredictability
0,0.5,3,4,0.27778,0.19245,0.22222"
[[ "$(cat "$WORK/last.out")" == "$expected" ]] || fail "hand-made sweep: got $(cat "$WORK/last.out")"

# A real sweep: the MusicLab market, 2 x 3 worlds, 10 days.
cat >"$WORK/ml.yaml" <<YAML
name: ml
base: $SRC/scenarios/musiclab.yaml
replicates: 3
vary_world: false
seed: 1
fixed: {ticks: 10}
grid:
  platform.feed.popularity_alpha: [0, 1]
keep_runs: all
YAML
grassroots_ok sweep "$WORK/ml.yaml" -q -o "$WORK/ml"
[[ -x "$SCRIPTS/musiclab.py" ]] || fail "scripts/musiclab.py is not executable"
expect_exit 0 "$SCRIPTS/musiclab.py" "$WORK/ml"
[[ $(wc -l <"$WORK/last.out") -eq 3 ]] || fail "expected a header and 2 points: $(cat "$WORK/last.out")"
awk -F, 'NR > 1 && !($3 == 3 && $5 > 0 && $5 < 1 && $7 > 0 && $7 < 0.1) { exit 1 }' "$WORK/last.out" ||
    fail "implausible measures: $(cat "$WORK/last.out")"
expect_exit 0 "$SCRIPTS/musiclab.py" "$WORK/ml" --plot "$WORK/ml.png"
assert_png "$WORK/ml.png"

# Errors: one line, exit 2.
expect_exit 2 "$PYTHON" "$SCRIPTS/musiclab.py" "$WORK/nowhere"
assert_one_line "$WORK/last.err" "no such directory"
grassroots_ok sweep "$WORK/ml.yaml" -q -o "$WORK/lean" # then drop what keep_runs: all kept
rm "$WORK/lean/runs/000001/creators.csv"
expect_exit 2 "$PYTHON" "$SCRIPTS/musiclab.py" "$WORK/lean"
assert_one_line "$WORK/last.err" "creators.csv is missing.*keep_runs: all"
cp -r "$HAND" "$WORK/old"
rm "$WORK/old/sweep.json"
expect_exit 2 "$PYTHON" "$SCRIPTS/musiclab.py" "$WORK/old"
assert_one_line "$WORK/last.err" "^musiclab.py: .*/old has no sweep.json, which names the swept keys"
expect_exit 2 "$PYTHON" "$SCRIPTS/musiclab.py" "$WORK/ml" --plot "$WORK/x.png" --x no.such.key
assert_one_line "$WORK/last.err" "unknown swept key 'no.such.key'"
note "ok"
