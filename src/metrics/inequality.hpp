#pragma once
// Inequality of non-negative quantities (followers, views, income). Inputs are sorted
// copies, sums are taken in a fixed order: results are deterministic.
#include <cstdint>
#include <span>
#include <vector>

namespace grassroots::metrics {

// Gini coefficient, 0 (equal) to (n-1)/n (one holds all); 0 for an empty or all-zero input.
double gini(std::span<const std::uint32_t> values);
double gini(std::span<const double> values);

// Share of the total held by the largest ceil(fraction * n) values (at least one);
// 0 for an all-zero input.
double top_share(std::span<const std::uint32_t> values, double fraction);

// The Gini coefficient and top shares of one distribution from a single sort (a timeseries
// row takes several of each): `top[i]` is the share held by the largest
// ceil(fractions[i] * n) values (at least one), as top_share gives it; 0 for an empty or
// all-zero input, like gini and top_share.
struct Concentration {
    double gini = 0.0;
    std::vector<double> top;
};
Concentration concentration(std::span<const std::uint32_t> values, std::span<const double> fractions);
Concentration concentration(std::span<const std::uint64_t> values, std::span<const double> fractions);

}  // namespace grassroots::metrics
