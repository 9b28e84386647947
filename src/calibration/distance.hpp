#pragma once
// How far a model's values are from the targets. A target's error is the model's value
// minus the observed one (for a range, minus its nearest bound; 0 inside it), scaled by
// the target's tolerance; the distance is the weighted root mean square of those scaled
// errors:
//   distance = sqrt( sum_i w_i (error_i / tolerance_i)^2 / sum_i w_i ).
// Dividing by the tolerance makes targets in different units comparable (an error of one
// tolerance counts 1 whatever the unit); dividing by the sum of the weights makes the
// distance independent of how many targets there are: a distance of 1 means the targets
// are missed by one tolerance each, on (weighted) average.
#include <cstddef>
#include <string>
#include <vector>

#include "calibration/targets.hpp"

namespace grassroots::calibration {

// model - observed, to the nearest bound of a range (0 inside it); NaN for a NaN model value.
double target_error(const Target& target, double model);

// The distance above over every target; NaN when any model value with a positive weight is
// NaN (a target with weight 0 is reported but never counts). `model[i]` goes with
// `targets[i]`.
double distance(const std::vector<Target>& targets, const std::vector<double>& model);

// A sweep's point: the replicate mean of each target's model value, the distance of those
// means (the point's expected output against the targets) and the mean of its runs'
// distances (which also counts the replicates' spread: a run's squared distance exceeds
// that of the mean by the replicates' variance, scaled by the tolerances).
struct PointScore {
    std::size_t point_id = 0;
    std::vector<std::string> swept_values;
    std::size_t replicates = 0;
    std::vector<double> means;  // one per target; NaN if any replicate's value is NaN
    double distance = 0.0;
    double mean_run_distance = 0.0;
};

// One run's part in score_points.
struct RunScore {
    std::size_t point_id = 0;
    const std::vector<std::string>* swept_values = nullptr;
    std::vector<double> model;  // one per target
    double distance = 0.0;
};

// The points of `runs`, sorted by point_id.
std::vector<PointScore> score_points(const std::vector<Target>& targets, const std::vector<RunScore>& runs);

}  // namespace grassroots::calibration
