#pragma once
// The text of the score files (results/README.md documents their columns).
#include <string>
#include <vector>

#include "calibration/distance.hpp"
#include "calibration/sweep_runs.hpp"
#include "calibration/targets.hpp"

namespace grassroots::calibration {

// A run's score.csv: one row per target, `model[i]` the run's value for targets[i].
std::string score_csv(const std::vector<Target>& targets, const std::vector<double>& model);

// A sweep's scores.csv: one row per run, in the sweep's run order; `scores[i]` goes with
// sweep.runs[i].
std::string scores_csv(const std::vector<Target>& targets, const SweepRuns& sweep, const std::vector<RunScore>& scores);

// A sweep's scores_points.csv: one row per point, sorted by point_id.
std::string scores_points_csv(const std::vector<Target>& targets, const std::vector<std::string>& swept_keys,
                              const std::vector<PointScore>& points);

}  // namespace grassroots::calibration
