#pragma once
// Rank-based measures: Spearman's correlation and the ids of the largest values.
#include <cstdint>
#include <span>
#include <vector>

namespace grassroots::metrics {

// Spearman's rho: Pearson's correlation of the ranks, ties given their average rank.
// NaN when undefined (fewer than two values, or one side constant).
double spearman(std::span<const double> x, std::span<const double> y);

// Indices of the k largest values, largest first; ties go to the lower index.
std::vector<std::uint32_t> top_k(std::span<const std::uint32_t> values, std::size_t k);

// Median (mean of the two middle values for an even count); NaN for no values.
double median(std::vector<double> values);

}  // namespace grassroots::metrics
