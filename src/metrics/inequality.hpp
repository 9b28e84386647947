#pragma once
// Inequality of non-negative quantities (followers, views, income). Inputs are sorted
// copies, sums are taken in a fixed order: results are deterministic.
#include <cstdint>
#include <span>

namespace grassroots::metrics {

// Gini coefficient, 0 (equal) to (n-1)/n (one holds all); 0 for an empty or all-zero input.
double gini(std::span<const std::uint32_t> values);
double gini(std::span<const double> values);

// Share of the total held by the largest ceil(fraction * n) values (at least one);
// 0 for an all-zero input.
double top_share(std::span<const std::uint32_t> values, double fraction);

}  // namespace grassroots::metrics
