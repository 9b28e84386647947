#pragma once
// Morris' elementary-effects design (Morris 1991): r random one-at-a-time trajectories
// over a grid of p levels.
#include <cstddef>
#include <cstdint>

#include "sweep/design.hpp"

namespace grassroots::sweep {

// Fills design.rows and design.units for `keys` swept keys with design.n trajectories over
// design.levels levels (p, even, >= 2): trajectory t is D + 1 consecutive points, a base
// then D steps, each changing one key (in a random order) by +delta or -delta (a random
// direction per key), delta = p / (2 (p - 1)); every key changes once per trajectory.
// Deterministic from `seed`.
void make_morris_design(Design& design, std::size_t keys, std::uint64_t seed);

}  // namespace grassroots::sweep
