#pragma once
// Sobol' sequences (Sobol' 1967) with the direction numbers of Joe & Kuo (2008), and
// Saltelli's design for first-order, total and second-order Sobol' indices (Saltelli 2002;
// Saltelli et al. 2010).
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sweep/design.hpp"

namespace grassroots::sweep {

// The dimensions of the direction-number table kept here (Joe & Kuo's first 40 rows):
// Saltelli's design takes two per swept key, so a Sobol' sweep has at most 20 keys.
inline constexpr std::size_t kSobolDimensions = 40;
inline constexpr std::size_t kMaxSobolKeys = kSobolDimensions / 2;

// The unscrambled sequence, in Gray-code order (Antonov & Saleev 1979): point 0 is all
// zeros, then dimension 1 gives 1/2, 3/4, 1/4, 3/8, ... Coordinates are 32-bit fractions
// (x / 2^32), so at most 2^32 points.
class SobolSequence {
public:
    explicit SobolSequence(std::size_t dimensions);  // 1 to kSobolDimensions

    // The next point's coordinates as 32-bit fractions; the first call gives point 0.
    const std::vector<std::uint32_t>& next();

private:
    std::vector<std::array<std::uint32_t, 32>> directions_;  // v_k * 2^32, k = 1..32, per dimension
    std::vector<std::uint32_t> point_;
    std::uint64_t index_ = 0;
};

// Fills design.rows and design.units for `keys` swept keys with Saltelli's design of
// design.n base samples (design.second_order: with the BA points), in the order of the
// contract (docs in README): per base sample j, A_j, AB_j^1..AB_j^D, [BA_j^1..BA_j^D,] B_j.
// A and B are the first and last `keys` dimensions of a Sobol' sequence of 2 * keys
// dimensions, digitally shifted by random numbers from `seed`.
void make_sobol_design(Design& design, std::size_t keys, std::uint64_t seed);

}  // namespace grassroots::sweep
