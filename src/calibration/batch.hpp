#pragma once
// A batch of a calibration's proposals, run as a sweep: one point per proposal (its
// parameters' values), `replicates` runs each, every run with its own seeds (no common
// random numbers: each proposal must be an independent draw of the model). The sweep
// executor gives the batch its parallelism (jobs x threads, MPI ranks), its resumability
// and its directory, which `grassroots score` and `analyze` read like any sweep's.
#include <cstdint>
#include <string>
#include <vector>

#include "calibration/calibration_spec.hpp"
#include "sweep/spec.hpp"

namespace grassroots::calibration {

// `points[p][k]`: the text of prior k's value at point p.
sweep::SweepSpec batch_sweep(const CalibrationSpec& spec, const std::string& name, std::uint64_t seed,
                             const std::vector<std::vector<std::string>>& points);

}  // namespace grassroots::calibration
