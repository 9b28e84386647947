#include "analysis/sobol.hpp"

#include <limits>

namespace grassroots::analysis {

SobolSample sobol_sample(const SweepDirectory& sweep, const std::vector<double>& point_values) {
    SobolSample s;
    s.keys = sweep.keys.size();
    s.blocks = sweep.design.samples;
    s.second_order = sweep.design.second_order;
    s.a.resize(s.blocks);
    s.b.resize(s.blocks);
    s.ab.assign(s.keys, std::vector<double>(s.blocks));
    if (s.second_order) s.ba.assign(s.keys, std::vector<double>(s.blocks));
    // read_sweep_directory checked the roles, blocks and changed keys of every point.
    for (std::size_t p = 0; p < sweep.points.size(); ++p) {
        const DesignPoint& point = sweep.points[p];
        const double f = point_values[p];
        switch (point.role) {
            case Role::a:
                s.a[point.block] = f;
                break;
            case Role::b:
                s.b[point.block] = f;
                break;
            case Role::ab:
                s.ab[static_cast<std::size_t>(point.changed)][point.block] = f;
                break;
            case Role::ba:
                s.ba[static_cast<std::size_t>(point.changed)][point.block] = f;
                break;
            case Role::base:
            case Role::step:
                break;  // not in a Sobol design
        }
    }
    return s;
}

SobolIndices sobol_indices(const SobolSample& s, const std::vector<std::size_t>& blocks) {
    SobolIndices out;
    const std::size_t d = s.keys;
    const auto n = static_cast<double>(blocks.size());
    double sum = 0.0;
    for (std::size_t j : blocks) sum += s.a[j] + s.b[j];
    const double f0 = sum / (2.0 * n);
    double squares = 0.0;
    for (std::size_t j : blocks) squares += (s.a[j] - f0) * (s.a[j] - f0) + (s.b[j] - f0) * (s.b[j] - f0);
    out.variance = 2.0 * n > 1.0 ? squares / (2.0 * n - 1.0) : 0.0;
    const double v = out.variance > 0.0 ? out.variance : std::numeric_limits<double>::quiet_NaN();

    out.first.resize(d);
    out.total.resize(d);
    for (std::size_t i = 0; i < d; ++i) {
        double first = 0.0, total = 0.0;
        for (std::size_t j : blocks) {
            const double ga = s.a[j] - f0, gb = s.b[j] - f0, gab = s.ab[i][j] - f0;
            first += gb * (gab - ga);
            total += (ga - gab) * (ga - gab);
        }
        out.first[i] = first / n / v;
        out.total[i] = total / n / (2.0 * v);
    }
    if (!s.second_order) return out;
    for (std::size_t i = 0; i < d; ++i) {
        for (std::size_t k = i + 1; k < d; ++k) {
            double closed = 0.0;
            for (std::size_t j : blocks) {
                closed += (s.ba[i][j] - f0) * (s.ab[k][j] - f0) - (s.a[j] - f0) * (s.b[j] - f0);
            }
            out.second.push_back(closed / n / v - out.first[i] - out.first[k]);
        }
    }
    return out;
}

}  // namespace grassroots::analysis
