#include "metrics/power_law.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace grassroots::metrics {
namespace {

// B_2j / (2j)! for j = 1..6, the Euler-Maclaurin coefficients (Abramowitz & Stegun 23.1).
constexpr double kEulerMaclaurin[] = {1.0 / 12.0,       -1.0 / 720.0,     1.0 / 30240.0,
                                      -1.0 / 1209600.0, 1.0 / 47900160.0, -691.0 / 1307674368000.0};

// The positive values, ascending, as 64-bit integers.
std::vector<std::uint64_t> positive_sorted(std::span<const std::uint32_t> values) {
    std::vector<std::uint64_t> x;
    for (std::uint32_t v : values) {
        if (v > 0) x.push_back(v);
    }
    std::sort(x.begin(), x.end());
    return x;
}

// The KS distance between the sorted tail x (all >= x_min) and the discrete power law
// (alpha, x_min). Both CDFs are step functions that jump only at integers, and the
// empirical one is flat between two observed values a < b, where the model's rises: the
// supremum is at an observed value or just before one (b - 1), so those are the points
// compared.
double ks_distance(std::span<const std::uint64_t> x, std::uint64_t x_min, double alpha) {
    const double zeta_min = hurwitz_zeta(alpha, static_cast<double>(x_min));
    const double n = static_cast<double>(x.size());
    double distance = 0.0;
    double empirical_before = 0.0;  // empirical CDF at the previous observed value
    double model_at = 0.0;          // model CDF at `at`
    std::uint64_t at = x_min - 1;
    for (std::size_t i = 0; i < x.size();) {
        const std::uint64_t v = x[i];
        std::size_t j = i;
        while (j < x.size() && x[j] == v) ++j;
        // The model's CDF at v - 1: a short gap by adding the probabilities, a long one by
        // the zeta tail (sum over k >= v of k^-alpha).
        if (v - at <= 32) {
            for (std::uint64_t k = at + 1; k < v; ++k) model_at += std::pow(static_cast<double>(k), -alpha) / zeta_min;
        } else {
            model_at = 1.0 - hurwitz_zeta(alpha, static_cast<double>(v)) / zeta_min;
        }
        distance = std::max(distance, std::abs(empirical_before - model_at));
        model_at += std::pow(static_cast<double>(v), -alpha) / zeta_min;
        at = v;
        const double empirical = static_cast<double>(j) / n;
        distance = std::max(distance, std::abs(empirical - model_at));
        empirical_before = empirical;
        i = j;
    }
    return distance;
}

// Sums of ln x over x[i..] for every i, added from the largest value down (a fixed order).
std::vector<double> suffix_log_sums(std::span<const std::uint64_t> x) {
    std::vector<double> sums(x.size() + 1, 0.0);
    for (std::size_t i = x.size(); i-- > 0;) sums[i] = sums[i + 1] + std::log(static_cast<double>(x[i]));
    return sums;
}

}  // namespace

double hurwitz_zeta(double s, double q) {
    // Sum the first terms directly until a = q + N is large against s, then the rest by
    // Euler-Maclaurin: sum_{k>=0} f(a + k) = integral_a^inf f + f(a)/2
    //   - sum_j B_2j/(2j)! f^(2j-1)(a), with f(x) = x^-s, whose terms shrink roughly as
    // ((s + 2j) / (2 pi a))^2 each: six of them leave an error far below 1e-12 relative.
    double sum = 0.0;
    double a = q;
    const double shift = 10.0 + s;
    while (a < shift) {
        sum += std::pow(a, -s);
        a += 1.0;
    }
    const double power = std::pow(a, -s);  // a^-s
    sum += power * a / (s - 1.0) + power / 2.0;
    // f^(2j-1)(a) = -s (s+1) ... (s+2j-2) a^(-s-2j+1)
    double derivative = s * power / a;
    for (std::size_t j = 0; j < std::size(kEulerMaclaurin); ++j) {
        sum += kEulerMaclaurin[j] * derivative;
        const double k = static_cast<double>(2 * j + 1);
        derivative *= (s + k) * (s + k + 1.0) / (a * a);
    }
    return sum;
}

double discrete_alpha_mle(std::uint64_t x_min, std::uint64_t n, double sum_log) {
    // The log-likelihood per value, -ln zeta(alpha, x_min) - alpha * mean ln x, is concave
    // in alpha (ln zeta is a log-sum of exponentials in alpha), so a golden-section search
    // over (1, kMaxAlpha] finds its maximum; the maximum sits at the upper end when every
    // value equals x_min.
    const double mean_log = sum_log / static_cast<double>(n);
    const double q = static_cast<double>(x_min);
    auto likelihood = [&](double alpha) { return -std::log(hurwitz_zeta(alpha, q)) - alpha * mean_log; };
    const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
    double lo = 1.0 + 1e-9, hi = kMaxAlpha;
    double a = hi - ratio * (hi - lo), b = lo + ratio * (hi - lo);
    double fa = likelihood(a), fb = likelihood(b);
    while (hi - lo > 1e-10) {
        if (fa < fb) {
            lo = a, a = b, fa = fb;
            b = lo + ratio * (hi - lo), fb = likelihood(b);
        } else {
            hi = b, b = a, fb = fa;
            a = hi - ratio * (hi - lo), fa = likelihood(a);
        }
    }
    return (lo + hi) / 2.0;
}

PowerLawFit fit_discrete_power_law_at(std::span<const std::uint32_t> values, std::uint64_t x_min) {
    const std::vector<std::uint64_t> x = positive_sorted(values);
    const auto first = std::lower_bound(x.begin(), x.end(), std::max<std::uint64_t>(x_min, 1));
    const std::span<const std::uint64_t> tail(first, x.end());
    PowerLawFit fit;
    if (tail.empty()) return fit;
    const std::vector<double> sums = suffix_log_sums(tail);
    fit.x_min = std::max<std::uint64_t>(x_min, 1);
    fit.n_tail = tail.size();
    fit.alpha = discrete_alpha_mle(fit.x_min, fit.n_tail, sums[0]);
    fit.ks = ks_distance(tail, fit.x_min, fit.alpha);
    return fit;
}

PowerLawFit fit_discrete_power_law(std::span<const std::uint32_t> values, std::uint64_t min_tail) {
    const std::vector<std::uint64_t> x = positive_sorted(values);
    const std::vector<double> sums = suffix_log_sums(x);
    PowerLawFit best;
    min_tail = std::max<std::uint64_t>(min_tail, 1);
    for (std::size_t i = 0; i < x.size() && x.size() - i >= min_tail;) {
        const std::uint64_t candidate = x[i];
        const std::uint64_t n = x.size() - i;
        const double alpha = discrete_alpha_mle(candidate, n, sums[i]);
        const double ks = ks_distance(std::span<const std::uint64_t>(x).subspan(i), candidate, alpha);
        if (best.x_min == 0 || ks < best.ks) best = {alpha, candidate, n, ks};
        while (i < x.size() && x[i] == candidate) ++i;
    }
    return best;
}

}  // namespace grassroots::metrics
