#include "analysis/morris.hpp"

#include <cmath>
#include <limits>

namespace grassroots::analysis {

MorrisEffects elementary_effects(const SweepDirectory& sweep, const std::vector<double>& point_values) {
    MorrisEffects out;
    out.keys = sweep.keys.size();
    out.trajectories = sweep.design.samples;
    out.effects.resize(out.keys * out.trajectories);
    // read_sweep_directory checked that each step changes one key, each key once per
    // trajectory, by +-delta: every effect is set exactly once.
    for (std::size_t p = 1; p < sweep.points.size(); ++p) {
        const DesignPoint& point = sweep.points[p];
        if (point.role != Role::step) continue;
        const auto key = static_cast<std::size_t>(point.changed);
        const double step = point.unit[key] - sweep.points[p - 1].unit[key];
        out.effects[point.block * out.keys + key] = (point_values[p] - point_values[p - 1]) / step;
    }
    return out;
}

MorrisIndices morris_indices(const MorrisEffects& e, const std::vector<std::size_t>& trajectories) {
    MorrisIndices out;
    const auto r = static_cast<double>(trajectories.size());
    out.mu_star.resize(e.keys);
    out.mu.resize(e.keys);
    out.sigma.resize(e.keys);
    for (std::size_t k = 0; k < e.keys; ++k) {
        double sum = 0.0, sum_abs = 0.0;
        for (std::size_t t : trajectories) {
            const double ee = e.effects[t * e.keys + k];
            sum += ee;
            sum_abs += std::fabs(ee);
        }
        out.mu[k] = sum / r;
        out.mu_star[k] = sum_abs / r;
        double squares = 0.0;
        for (std::size_t t : trajectories) {
            const double deviation = e.effects[t * e.keys + k] - out.mu[k];
            squares += deviation * deviation;
        }
        out.sigma[k] = r > 1.0 ? std::sqrt(squares / (r - 1.0)) : std::numeric_limits<double>::quiet_NaN();
    }
    return out;
}

}  // namespace grassroots::analysis
