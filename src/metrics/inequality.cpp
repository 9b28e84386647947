#include "metrics/inequality.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace grassroots::metrics {
namespace {

// G = 2 * sum(i * x_(i)) / (n * sum(x)) - (n + 1) / n, with x sorted ascending, i from 1.
double gini_of_sorted(const std::vector<double>& x) {
    const double n = static_cast<double>(x.size());
    double total = 0.0;
    double weighted = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        total += x[i];
        weighted += static_cast<double>(i + 1) * x[i];
    }
    if (x.empty() || total <= 0.0) return 0.0;
    return 2.0 * weighted / (n * total) - (n + 1.0) / n;
}

// How many values the top `fraction` of n holds: ceil(fraction * n), at least one.
std::size_t top_count(double fraction, std::size_t n) {
    return std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(n))));
}

template <class T>
Concentration concentration_of(std::span<const T> values, std::span<const double> fractions) {
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    Concentration c;
    c.gini = gini_of_sorted(sorted);
    // Integer sums, as top_share takes them: exact, whatever the order.
    std::uint64_t total = 0;
    for (T v : values) total += v;
    for (double fraction : fractions) {
        const std::size_t k = std::min(top_count(fraction, sorted.size()), sorted.size());
        std::uint64_t top = 0;
        for (std::size_t i = sorted.size() - k; i < sorted.size(); ++i) top += static_cast<std::uint64_t>(sorted[i]);
        c.top.push_back(total ? static_cast<double>(top) / static_cast<double>(total) : 0.0);
    }
    return c;
}

}  // namespace

Concentration concentration(std::span<const std::uint32_t> values, std::span<const double> fractions) {
    return concentration_of(values, fractions);
}

Concentration concentration(std::span<const std::uint64_t> values, std::span<const double> fractions) {
    return concentration_of(values, fractions);
}

double gini(std::span<const double> values) {
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    return gini_of_sorted(sorted);
}

double gini(std::span<const std::uint32_t> values) {
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    return gini_of_sorted(sorted);
}

double top_share(std::span<const std::uint32_t> values, double fraction) {
    if (values.empty()) return 0.0;
    std::vector<std::uint32_t> sorted(values.begin(), values.end());
    const std::size_t k = top_count(fraction, sorted.size());
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k - 1), sorted.end(),
                     std::greater<>());
    std::uint64_t top = 0;
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        total += sorted[i];
        if (i < k) top += sorted[i];
    }
    return total ? static_cast<double>(top) / static_cast<double>(total) : 0.0;
}

}  // namespace grassroots::metrics
