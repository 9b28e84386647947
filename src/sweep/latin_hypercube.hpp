#pragma once
// Latin hypercube samples in unit coordinates (McKay, Beckman & Conover 1979).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace grassroots::sweep {

// n points of `keys` unit coordinates in [0, 1): each key's [0, 1) cut into n equal
// strata, one point per stratum, strata matched across keys by random permutations.
// Key k's column comes from its own random stream of `seed`, so adding a key leaves the
// other keys' values as they were. Result: points[i][k].
std::vector<std::vector<double>> latin_hypercube(std::size_t n, std::size_t keys, std::uint64_t seed);

}  // namespace grassroots::sweep
