# Sweep directories as `grassroots sweep` writes them for sobol and morris samples (the
# contract between the sweep designs and `grassroots analyze`: sweep.json with its design,
# design.csv, summary.csv), made with awk from known functions of two keys k.a and k.b,
# for the command-line and plot-script tests. Sourced (bash only).
# shellcheck shell=bash

# _sweep_json DIR POINTS DESIGN_JSON
_sweep_json() {
    cat >"$1/sweep.json" <<JSON
{
  "name": "analysis_test",
  "id_columns": ["run_id", "point_id", "replicate", "seed", "world_seed"],
  "swept_keys": ["k.a", "k.b"],
  "fixed_keys": [],
  "points": $2,
  "replicates": 1,
  "runs": $2,
  "program": "test",
  "design": $3
}
JSON
}

# The awk function that writes a point to design.csv and its run to summary.csv: metrics
# top1_share = 3 a - b, users = 3000 (constant), talent_rank_corr = 0.5 but nan in run 5,
# follower_gini = a b; wall_seconds last.
_AWK_EMIT='
    function emit(block, role, k) {
        printf "%d,%d,%s,%d,%.17g,%.17g\n", id, block, role, k, x[0], x[1] > design
        printf "%d,%d,0,1,1,%.17g,%.17g,%.17g,3000,%s,%.17g,0.01\n", id, id, x[0], x[1], 3 * x[0] - x[1],
               id == 5 ? "nan" : "0.5", x[0] * x[1] > summary
        ++id
    }
    function headers() {
        print "point_id,block,role,changed,u:k.a,u:k.b" > design
        print "run_id,point_id,replicate,seed,world_seed,k.a,k.b,top1_share,users,talent_rank_corr,follower_gini,wall_seconds" > summary
    }'

# make_morris_sweep DIR R: R trajectories over 4 levels (delta = 2/3). The elementary
# effects of top1_share are 3 (k.a) and -1 (k.b) at every step.
make_morris_sweep() {
    local dir=$1 r=$2
    mkdir -p "$dir"
    _sweep_json "$dir" $((r * 3)) "{\"method\": \"morris\", \"trajectories\": $r, \"levels\": 4,
             \"ranges\": {\"k.a\": {\"lo\": 0, \"hi\": 1, \"scale\": \"linear\", \"integer\": false},
                        \"k.b\": {\"lo\": 0, \"hi\": 1, \"scale\": \"linear\", \"integer\": false}}}"
    awk -v r="$r" -v design="$dir/design.csv" -v summary="$dir/summary.csv" "$_AWK_EMIT"'
        BEGIN {
            srand(7); p = 4; delta = p / (2 * (p - 1)); id = 0
            headers()
            for (t = 0; t < r; ++t) {
                x[0] = int(rand() * p) / (p - 1); x[1] = int(rand() * p) / (p - 1)
                first = rand() < 0.5 ? 0 : 1
                emit(t, "base", -1)
                for (s = 0; s < 2; ++s) {
                    k = s == 0 ? first : 1 - first
                    x[k] += x[k] + delta <= 1 + 1e-12 ? delta : -delta
                    emit(t, "step", k)
                }
            }
        }'
}

# make_sobol_sweep DIR N SECOND_ORDER(true|false): Saltelli blocks A, AB^1, AB^2, [BA^1,
# BA^2,] B with A and B uniform pseudo-random. top1_share's indices: S = ST = 9/10, 1/10.
make_sobol_sweep() {
    local dir=$1 n=$2 second=$3 per=4
    [[ $second == true ]] && per=6
    mkdir -p "$dir"
    _sweep_json "$dir" $((n * per)) "{\"method\": \"sobol\", \"n\": $n, \"second_order\": $second,
             \"ranges\": {\"k.a\": {\"lo\": 0, \"hi\": 1, \"scale\": \"linear\", \"integer\": false},
                        \"k.b\": {\"lo\": 0, \"hi\": 1, \"scale\": \"linear\", \"integer\": false}}}"
    awk -v n="$n" -v second="$second" -v design="$dir/design.csv" -v summary="$dir/summary.csv" "$_AWK_EMIT"'
        BEGIN {
            srand(11); id = 0
            headers()
            for (j = 0; j < n; ++j) {
                a0 = rand(); a1 = rand(); b0 = rand(); b1 = rand()
                x[0] = a0; x[1] = a1; emit(j, "A", -1)
                x[0] = b0; x[1] = a1; emit(j, "AB", 0)
                x[0] = a0; x[1] = b1; emit(j, "AB", 1)
                if (second == "true") {
                    x[0] = a0; x[1] = b1; emit(j, "BA", 0)
                    x[0] = b0; x[1] = a1; emit(j, "BA", 1)
                }
                x[0] = b0; x[1] = b1; emit(j, "B", -1)
            }
        }'
}
