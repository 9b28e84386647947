#include "analysis/analyze.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "analysis/bootstrap.hpp"
#include "analysis/morris.hpp"
#include "analysis/sobol.hpp"
#include "scenario/suggest.hpp"

namespace grassroots::analysis {
namespace {

using core::InputError;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Whether the metric is the same at every point the indices look at: Sobol's variance
// comes from the A and B points alone; Morris uses every point.
bool constant_on_design(const SweepDirectory& sweep, const MetricColumn& metric) {
    bool seen = false;
    double first = 0.0;
    for (std::size_t p = 0; p < sweep.points.size(); ++p) {
        const Role role = sweep.points[p].role;
        if (sweep.design.method == Method::sobol && role != Role::a && role != Role::b) continue;
        if (!seen) {
            first = metric.point_values[p];
            seen = true;
        } else if (metric.point_values[p] != first) {
            return false;
        }
    }
    return true;
}

const MetricColumn& requested_metric(const SweepDirectory& sweep, const std::string& name) {
    const core::SourcePosition header{sweep.summary_file, 1, 0};
    std::vector<std::string> names;
    for (const MetricColumn& m : sweep.metrics) {
        if (m.name != name) {
            names.push_back(m.name);
            continue;
        }
        if (!m.usable) throw InputError(m.problem_at, name, m.problem, "a finite number in every run of the sweep");
        if (sweep.design.method == Method::sobol && constant_on_design(sweep, m)) {
            throw InputError(header, "--metric",
                             "'" + name +
                                 "' has the same value at every A and B point: its variance is 0 and "
                                 "its Sobol indices are undefined",
                             "a metric that varies over the sweep");
        }
        return m;
    }
    if (std::find(sweep.keys.begin(), sweep.keys.end(), name) != sweep.keys.end()) {
        throw InputError(header, "--metric", "'" + name + "' is a swept key, not a metric",
                         "a metric column of summary.csv (after the swept keys)");
    }
    if (name == "wall_seconds") {
        throw InputError(header, "--metric", "wall_seconds is the run's time, not a model output",
                         "a metric column of summary.csv");
    }
    std::string problem = "no metric '" + name + "' in summary.csv";
    const std::string guess = scenario::closest_match(name, names);
    if (!guess.empty()) problem += " (did you mean " + guess + "?)";
    throw InputError(header, "--metric", problem, "a metric column of summary.csv (after the swept keys)");
}

std::string joined(const std::vector<std::string>& parts) {
    std::string text;
    for (const std::string& part : parts) {
        if (!text.empty()) text += ';';
        text += part;
    }
    return text;
}

struct RowMaker {
    const std::string& metric;
    const char* method;
    std::size_t samples;
    bool few;
    std::vector<SensitivityRow>& rows;

    void add(const char* index, const std::string& key, const std::string& key2, double value,
             const Interval& interval) {
        std::vector<std::string> warnings;
        if (few) warnings.emplace_back("few_samples");
        rows.push_back(
            {metric, method, index, key, key2, value, interval.low, interval.high, samples, joined(warnings)});
    }
};

// Marks the rows (from `first` on) whose interval is wider than the index's range.
std::size_t mark_wide(std::vector<SensitivityRow>& rows, std::size_t first, double range) {
    std::size_t wide = 0;
    for (std::size_t r = first; r < rows.size(); ++r) {
        SensitivityRow& row = rows[r];
        if (!(row.ci_high - row.ci_low > range)) continue;  // NaN (no interval) is not wide
        row.warning += row.warning.empty() ? "wide_interval" : ";wide_interval";
        ++wide;
    }
    return wide;
}

void analyze_sobol(const SweepDirectory& sweep, const MetricColumn& metric, const AnalyzeOptions& o, Analysis& out) {
    const SobolSample sample = sobol_sample(sweep, metric.point_values);
    const std::size_t d = sample.keys;
    const SobolIndices point = sobol_indices(sample, all_units(sample.blocks));
    const auto statistic = [&](const std::vector<std::size_t>& blocks) {
        SobolIndices s = sobol_indices(sample, blocks);
        std::vector<double> numbers = std::move(s.first);
        numbers.insert(numbers.end(), s.total.begin(), s.total.end());
        numbers.insert(numbers.end(), s.second.begin(), s.second.end());
        return numbers;
    };
    std::vector<Interval> ci = percentile_intervals(sample.blocks, o.bootstrap, o.confidence, o.seed, statistic);
    ci.resize(2 * d + point.second.size(), Interval{kNaN, kNaN});  // no resamples: no intervals
    const bool few = sample.blocks < kFewSobolBlocks;
    out.few_samples = out.few_samples || few;
    const std::size_t first_row = out.rows.size();
    RowMaker rows{metric.name, "sobol", sample.blocks, few, out.rows};
    for (std::size_t i = 0; i < d; ++i) rows.add("S1", sweep.keys[i], "", point.first[i], ci[i]);
    for (std::size_t i = 0; i < d; ++i) rows.add("ST", sweep.keys[i], "", point.total[i], ci[d + i]);
    std::size_t pair = 0;
    for (std::size_t i = 0; i < d && sample.second_order; ++i) {
        for (std::size_t k = i + 1; k < d; ++k, ++pair) {
            rows.add("S2", sweep.keys[i], sweep.keys[k], point.second[pair], ci[2 * d + pair]);
        }
    }
    // A Sobol index lies in [0, 1]: an interval wider than that excludes nothing.
    out.wide_intervals += mark_wide(out.rows, first_row, 1.0);
}

void analyze_morris(const SweepDirectory& sweep, const MetricColumn& metric, const AnalyzeOptions& o, Analysis& out) {
    const MorrisEffects effects = elementary_effects(sweep, metric.point_values);
    const std::size_t d = effects.keys;
    const MorrisIndices point = morris_indices(effects, all_units(effects.trajectories));
    const auto statistic = [&](const std::vector<std::size_t>& trajectories) {
        MorrisIndices m = morris_indices(effects, trajectories);
        std::vector<double> numbers = std::move(m.mu_star);
        numbers.insert(numbers.end(), m.mu.begin(), m.mu.end());
        numbers.insert(numbers.end(), m.sigma.begin(), m.sigma.end());
        return numbers;
    };
    std::vector<Interval> ci = percentile_intervals(effects.trajectories, o.bootstrap, o.confidence, o.seed, statistic);
    ci.resize(3 * d, Interval{kNaN, kNaN});
    const bool few = effects.trajectories < kFewMorrisTrajectories;
    out.few_samples = out.few_samples || few;
    const std::size_t first_row = out.rows.size();
    RowMaker rows{metric.name, "morris", effects.trajectories, few, out.rows};
    for (std::size_t k = 0; k < d; ++k) rows.add("mu_star", sweep.keys[k], "", point.mu_star[k], ci[k]);
    for (std::size_t k = 0; k < d; ++k) rows.add("mu", sweep.keys[k], "", point.mu[k], ci[d + k]);
    for (std::size_t k = 0; k < d; ++k) rows.add("sigma", sweep.keys[k], "", point.sigma[k], ci[2 * d + k]);
    // mu* has no fixed range; the keys' own largest mu* is the scale of the effects: an
    // interval wider than it cannot tell the strongest key from one without effect.
    const double scale = *std::max_element(point.mu_star.begin(), point.mu_star.end());
    out.wide_intervals += mark_wide(out.rows, first_row, scale);
}

}  // namespace

std::vector<const MetricColumn*> select_metrics(const SweepDirectory& sweep, const std::vector<std::string>& requested,
                                                std::vector<std::string>& skipped) {
    std::vector<const MetricColumn*> out;
    if (!requested.empty()) {
        for (const std::string& name : requested) {
            const MetricColumn* m = &requested_metric(sweep, name);
            if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
        }
        return out;
    }
    for (const MetricColumn& m : sweep.metrics) {
        if (!m.usable) {
            skipped.push_back(m.name + ": " + m.problem);
        } else if (constant_on_design(sweep, m)) {
            skipped.push_back(m.name + ": constant over the design");
        } else {
            out.push_back(&m);
        }
    }
    if (out.empty()) {
        throw InputError({sweep.summary_file, 1, 0}, "analyze", "no metric varies over the sweep",
                         "a sweep with at least one metric that is a finite number in every run and not constant");
    }
    return out;
}

Analysis analyze(const SweepDirectory& sweep, const AnalyzeOptions& options) {
    Analysis out;
    for (const MetricColumn* metric : select_metrics(sweep, options.metrics, out.skipped)) {
        out.metrics.push_back(metric->name);
        if (sweep.design.method == Method::sobol) {
            analyze_sobol(sweep, *metric, options, out);
        } else {
            analyze_morris(sweep, *metric, options, out);
        }
    }
    return out;
}

}  // namespace grassroots::analysis
