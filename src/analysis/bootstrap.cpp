#include "analysis/bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/rng.hpp"

namespace grassroots::analysis {
namespace {

// The analysis's own stream id (the simulation's phases number theirs from 0 up).
constexpr core::StreamId kBootstrapStream = 0xB0075u;

double quantile(const std::vector<double>& sorted, double q) {
    const double h = q * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(h));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (h - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

}  // namespace

std::vector<std::size_t> all_units(std::size_t n) {
    std::vector<std::size_t> units(n);
    std::iota(units.begin(), units.end(), std::size_t{0});
    return units;
}

std::vector<Interval> percentile_intervals(std::size_t units, std::size_t resamples, double confidence,
                                           std::uint64_t seed, const Statistic& statistic) {
    std::vector<std::vector<double>> values;  // [number][resample]
    std::vector<std::size_t> drawn(units);
    for (std::size_t r = 0; r < resamples; ++r) {
        core::RandomStream stream(seed, 0, kBootstrapStream, r);
        for (std::size_t& unit : drawn) unit = static_cast<std::size_t>(stream.below(units));
        const std::vector<double> numbers = statistic(drawn);
        if (values.empty()) values.resize(numbers.size());
        for (std::size_t k = 0; k < numbers.size(); ++k) {
            if (!std::isnan(numbers[k])) values[k].push_back(numbers[k]);
        }
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<Interval> out;
    for (std::vector<double>& v : values) {
        if (v.empty()) {
            out.push_back({nan, nan});
            continue;
        }
        std::sort(v.begin(), v.end());
        out.push_back({quantile(v, (1.0 - confidence) / 2.0), quantile(v, (1.0 + confidence) / 2.0)});
    }
    return out;
}

}  // namespace grassroots::analysis
