#include "calibration/distance.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace grassroots::calibration {

double target_error(const Target& target, double model) {
    if (std::isnan(model)) return model;
    if (model < target.observed_lo) return model - target.observed_lo;
    if (model > target.observed_hi) return model - target.observed_hi;
    return 0.0;
}

double distance(const std::vector<Target>& targets, const std::vector<double>& model) {
    if (targets.size() != model.size()) throw std::logic_error("distance: one model value per target");
    double sum = 0.0, weights = 0.0;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const Target& t = targets[i];
        if (t.weight == 0.0) continue;
        const double scaled = target_error(t, model[i]) / t.tolerance;
        sum += t.weight * scaled * scaled;
        weights += t.weight;
    }
    // parse_targets refuses a file whose weights are all 0.
    if (!(weights > 0.0)) return std::numeric_limits<double>::quiet_NaN();
    return std::sqrt(sum / weights);
}

std::vector<PointScore> score_points(const std::vector<Target>& targets, const std::vector<RunScore>& runs) {
    std::map<std::size_t, PointScore> points;  // sorted by point_id
    for (const RunScore& run : runs) {
        PointScore& p = points[run.point_id];
        if (p.replicates == 0) {
            p.point_id = run.point_id;
            p.swept_values = *run.swept_values;
            p.means.assign(targets.size(), 0.0);
        }
        ++p.replicates;
        for (std::size_t i = 0; i < targets.size(); ++i) p.means[i] += run.model[i];
        p.mean_run_distance += run.distance;
    }
    std::vector<PointScore> out;
    for (auto& [id, p] : points) {
        const auto n = static_cast<double>(p.replicates);
        for (double& mean : p.means) mean /= n;
        p.mean_run_distance /= n;
        p.distance = distance(targets, p.means);
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace grassroots::calibration
