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
void build_alias(std::span<const double> weights, std::span<float> probability, std::span<std::uint32_t> alias,
                 std::vector<std::uint32_t>& small, std::vector<std::uint32_t>& large);

// A slot of a built table packed for drawing, so that a draw reads one cache line: it
// yields `value` with probability `keep`, otherwise `other`.
struct AliasSlot {
    float keep;
    std::uint32_t value;
    std::uint32_t other;
};

// Packs a built table, naming slot i by values[i] (the caller's ids; i itself when
// values is empty).
void pack_alias(std::span<const float> probability, std::span<const std::uint32_t> alias,
                std::span<const std::uint32_t> values, std::span<AliasSlot> slots);

// A draw from a packed table (not empty): a uniform slot, then a coin between its value
// and its alias's.
inline std::uint32_t draw_alias(std::span<const AliasSlot> slots, RandomStream& rng) {
    const AliasSlot& slot = slots[rng.below(slots.size())];
    return rng.uniform() < slot.keep ? slot.value : slot.other;
}

}  // namespace grassroots::core
