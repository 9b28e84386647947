// Morris trajectories on the grid {0, 1/(p-1), ..., 1}.
#include "sweep/morris_design.hpp"

#include <utility>
#include <vector>

#include "core/rng.hpp"

namespace grassroots::sweep {

constexpr core::StreamId kMorrisStream = 0x4d4f5252;  // "MORR"

void make_morris_design(Design& design, std::size_t keys, std::uint64_t seed) {
    // Coordinates are kept as level numbers 0..p-1 and divided by p - 1 only when stored,
    // so that every step is exactly p/2 levels (delta, up to the division's rounding).
    const auto p = static_cast<std::uint64_t>(design.levels);
    const std::uint64_t half = p / 2;  // delta in levels
    const double top = static_cast<double>(p - 1);
    design.rows.clear();
    design.units.clear();
    for (std::size_t t = 0; t < design.n; ++t) {
        // A stream per trajectory: trajectory t is the same whatever r is.
        core::RandomStream rng(seed, 0, kMorrisStream, t);
        // Each key starts on a level from which the step stays on the grid: at level l in
        // 0..p/2-1 and goes up by p/2, or at l + p/2 and goes down (Morris 1991's random
        // base point and random directions, his matrix B* written out key by key).
        std::vector<std::uint64_t> level(keys);
        std::vector<bool> up(keys);
        for (std::size_t k = 0; k < keys; ++k) {
            const std::uint64_t l = rng.below(half);
            up[k] = rng.bernoulli(0.5);
            level[k] = up[k] ? l : l + half;
        }
        std::vector<std::size_t> order(keys);
        for (std::size_t k = 0; k < keys; ++k) order[k] = k;
        for (std::size_t k = keys; k > 1; --k) std::swap(order[k - 1], order[rng.below(k)]);

        const auto store = [&](const char* role, int changed) {
            design.rows.push_back({t, role, changed});
            std::vector<double> u(keys);
            for (std::size_t k = 0; k < keys; ++k) u[k] = static_cast<double>(level[k]) / top;
            design.units.push_back(std::move(u));
        };
        store("base", -1);
        for (const std::size_t k : order) {
            level[k] = up[k] ? level[k] + half : level[k] - half;
            store("step", static_cast<int>(k));
        }
    }
}

}  // namespace grassroots::sweep
