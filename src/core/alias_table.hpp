#pragma once
// Walker's alias method (Vose 1991): after O(n) set-up, a draw in proportion to n weights
// costs one uniform index and one coin, whatever n. The caller owns the storage so that
// tables rebuilt every tick reuse their memory.
#include <cstdint>
#include <span>
#include <vector>

#include "core/rng.hpp"

namespace grassroots::core {

// Fills probability[i] and alias[i] for weights w (non-negative, not all zero) so that
// slot i keeps itself with probability[i] and otherwise yields alias[i].
// `small` and `large` are scratch space the caller may reuse between calls.
void build_alias(std::span<const double> weights, std::span<float> probability,
                 std::span<std::uint32_t> alias, std::vector<std::uint32_t>& small,
                 std::vector<std::uint32_t>& large);

inline std::uint32_t sample_alias(std::span<const float> probability,
                                  std::span<const std::uint32_t> alias, RandomStream& rng) {
    const auto slot = static_cast<std::uint32_t>(rng.below(probability.size()));
    const std::uint32_t other = alias[slot];  // read either way, so the choice needs no branch
    return rng.uniform() < probability[slot] ? slot : other;
}

}  // namespace grassroots::core
