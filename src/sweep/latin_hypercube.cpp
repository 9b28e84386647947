#include "sweep/latin_hypercube.hpp"

#include <utility>

#include "core/rng.hpp"

namespace grassroots::sweep {

constexpr core::StreamId kSampleStream = 0x53414d50;  // "SAMP"

std::vector<std::vector<double>> latin_hypercube(std::size_t n, std::size_t keys, std::uint64_t seed) {
    std::vector<std::vector<double>> points(n, std::vector<double>(keys));
    std::vector<std::size_t> strata(n);
    for (std::size_t k = 0; k < keys; ++k) {
        core::RandomStream rng(seed, 0, kSampleStream, k);
        for (std::size_t i = 0; i < n; ++i) strata[i] = i;
        for (std::size_t i = n; i > 1; --i) std::swap(strata[i - 1], strata[rng.below(i)]);
        for (std::size_t i = 0; i < n; ++i) {
            points[i][k] = (static_cast<double>(strata[i]) + rng.uniform()) / static_cast<double>(n);
        }
    }
    return points;
}

}  // namespace grassroots::sweep
