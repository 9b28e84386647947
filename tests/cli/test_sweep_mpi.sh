#!/usr/bin/env bash
# Distributed sweeps: `mpirun -np 2 grassroots sweep` gives the summary.csv of a
# single-process sweep (every column but wall_seconds). Skipped (exit 77) when the
# binary was built without MPI or mpirun is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
without_wall() { sed 's/,[^,]*$//' "$1"; }

if ! "$GRASSROOTS" --version | grep -q 'mpi'; then
    note "built without MPI: skipped"
    exit 77
fi
command -v mpirun >/dev/null || { note "no mpirun: skipped"; exit 77; }

# Open MPI refuses root unless told; these are its documented switches.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# Two slots on any machine, and no network fabric probing in a sandbox.
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl=self,vader OMPI_MCA_btl_vader_single_copy_mechanism=none
run_ok sweep "$INPUTS/sweeps/grid.yaml" -q -o "$WORK/single"
rc=0
mpirun -np 2 "$GRASSROOTS" sweep "$INPUTS/sweeps/grid.yaml" -q -o "$WORK/mpi" --threads 1 \
    >"$WORK/mpi.out" 2>"$WORK/mpi.err" || rc=$?
[[ $rc -eq 0 ]] || { cat "$WORK/mpi.err" >&2; fail "mpirun -np 2 exited $rc"; }
cmp <(without_wall "$WORK/single/summary.csv") <(without_wall "$WORK/mpi/summary.csv") >&2 ||
    fail "summary.csv of mpirun -np 2 differs from the single-process sweep"
note "mpirun -np 2: same summary as one process"
