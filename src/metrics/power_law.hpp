#pragma once
// The tail of a discrete distribution (followers) fitted by a power law
// p(x) = x^-alpha / zeta(alpha, x_min) for x >= x_min, by the method of Clauset, Shalizi &
// Newman, "Power-law distributions in empirical data", SIAM Review 51 (2009) 661-703:
// alpha by maximum likelihood for each candidate x_min, x_min by the smallest
// Kolmogorov-Smirnov distance between the data above it and the fitted law.
#include <cstdint>
#include <limits>
#include <span>

namespace grassroots::metrics {

// Hurwitz zeta: sum over k >= 0 of (k + q)^-s, for s > 1 and q > 0.
double hurwitz_zeta(double s, double q);

// The maximum-likelihood alpha of a discrete power law from x_min on, given the number of
// values n >= 1 (all >= x_min) and the sum of their logarithms: the maximum of
// -n ln zeta(alpha, x_min) - alpha * sum_log over alpha in (1, kMaxAlpha].
inline constexpr double kMaxAlpha = 10.0;
double discrete_alpha_mle(std::uint64_t x_min, std::uint64_t n, double sum_log);

struct PowerLawFit {
    double alpha = std::numeric_limits<double>::quiet_NaN();
    std::uint64_t x_min = 0;                               // 0: no fit
    std::uint64_t n_tail = 0;                              // values >= x_min
    double ks = std::numeric_limits<double>::quiet_NaN();  // KS distance at the chosen x_min
};

// Fits the values >= 1 (zeros are ignored: a power law has no mass at 0). Every distinct
// value leaving at least min_tail values at or above it is a candidate x_min; ties in the
// KS distance go to the smaller x_min (the larger tail). No fit (NaN alpha, x_min 0) when
// fewer than min_tail values are >= 1. Deterministic: sums in sorted order.
PowerLawFit fit_discrete_power_law(std::span<const std::uint32_t> values, std::uint64_t min_tail = 50);

// The fit with x_min given (no search); its KS distance too.
PowerLawFit fit_discrete_power_law_at(std::span<const std::uint32_t> values, std::uint64_t x_min);

}  // namespace grassroots::metrics
