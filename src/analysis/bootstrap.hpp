#pragma once
// Bootstrap percentile intervals (Efron & Tibshirani 1993, ch. 13) over independent units
// of a design: Sobol blocks (A_j, its AB_j, BA_j and B_j travel together) or Morris
// trajectories. Resample r draws its units from core::RandomStream(seed, 0, kBootstrapStream,
// r), so the intervals depend on the seed only: not on threads, nor on which metrics are
// analysed (every metric sees the same resamples).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace grassroots::analysis {

struct Interval {
    double low = 0.0;
    double high = 0.0;
};

// A statistic of the units listed (with repeats), as a vector of K numbers.
using Statistic = std::function<std::vector<double>(const std::vector<std::size_t>& units)>;

// The `confidence` percentile interval of each of the statistic's K numbers over
// `resamples` resamples of `units` units: the (1 - c)/2 and (1 + c)/2 quantiles, linearly
// interpolated between order statistics (Hyndman & Fan 1996, type 7). A resample where a
// number is NaN (a Sobol variance of 0) is left out for that number; when all are, the
// interval is NaN.
std::vector<Interval> percentile_intervals(std::size_t units, std::size_t resamples, double confidence,
                                           std::uint64_t seed, const Statistic& statistic);

// The units 0..n-1 once each (the full sample).
std::vector<std::size_t> all_units(std::size_t n);

}  // namespace grassroots::analysis
