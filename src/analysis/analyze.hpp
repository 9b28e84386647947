#pragma once
// `grassroots analyze`: which metrics, the indices of each with bootstrap intervals, and
// when the sample is too small for the intervals to mean anything.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/sweep_directory.hpp"

namespace grassroots::analysis {

// Below these sample sizes a row is marked few_samples. Measured with a numpy copy of these
// estimators (300 repetitions each, 400 resamples; not kept in the tree): the 95%
// percentile intervals of S1 and ST on the Ishigami function with plain Monte Carlo A and
// B covered the analytic indices in 72-88% of repetitions at N = 8, 75-93% at N = 16,
// 85-95% at N = 32 and 89-96% from N = 64 on; Morris mu* (p = 4, Ishigami) covered in
// 84-92% at r = 4-8 and 91-95% from r = 10 on. Below the bounds, an interval says less
// than its nominal confidence.
inline constexpr std::size_t kFewSobolBlocks = 64;
inline constexpr std::size_t kFewMorrisTrajectories = 10;

struct AnalyzeOptions {
    std::vector<std::string> metrics;  // empty: every usable, non-constant metric
    std::size_t bootstrap = 1000;      // resamples; 0: no intervals
    double confidence = 0.95;
    std::uint64_t seed = 1;
};

// One row of sensitivity.csv.
struct SensitivityRow {
    std::string metric;
    std::string method;  // sobol | morris
    std::string index;   // S1, ST, S2, mu_star, mu, sigma
    std::string key;
    std::string key2;  // S2 only
    double value = 0.0;
    double ci_low = 0.0;  // NaN without intervals (written empty)
    double ci_high = 0.0;
    std::size_t samples = 0;  // Sobol blocks N or Morris trajectories r
    std::string warning;      // "", few_samples, wide_interval or both (';')
};

struct Analysis {
    std::vector<std::string> metrics;  // analysed, in summary.csv's order
    std::vector<std::string> skipped;  // "name: why", metrics left out by default
    std::vector<SensitivityRow> rows;
    std::size_t wide_intervals = 0;  // rows marked wide_interval
    bool few_samples = false;
};

// The metrics to analyse: those named (each must exist and be usable: core::InputError
// otherwise, with a suggestion for a misspelt name), or by default every usable metric
// that is not constant over the points the indices use (noted in `skipped`).
std::vector<const MetricColumn*> select_metrics(const SweepDirectory& sweep, const std::vector<std::string>& requested,
                                                std::vector<std::string>& skipped);

Analysis analyze(const SweepDirectory& sweep, const AnalyzeOptions& options);

}  // namespace grassroots::analysis
