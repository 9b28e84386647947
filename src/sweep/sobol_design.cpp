// Sobol' points from Joe & Kuo's direction numbers, and Saltelli's A / B / AB / BA design.
#include "sweep/sobol_design.hpp"

#include <bit>
#include <stdexcept>

#include "core/rng.hpp"

namespace grassroots::sweep {
namespace {

constexpr core::StreamId kShiftStream = 0x534f424c;  // "SOBL"

// Primitive polynomials and initial direction numbers for dimensions 2 to 40, from
// S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better two-dimensional
// projections", SIAM J. Sci. Comput. 30 (2008) 2635-2654, file new-joe-kuo-6.21201
// (https://web.maths.unsw.edu.au/~fkuo/sobol/), whose first rows these are: the degree s
// of the polynomial, its inner coefficients a (bits a_1..a_{s-1}, a_1 the highest) and the
// initial odd numbers m_1..m_s. Dimension 1 (not in the file) has m_k = 1 for every k.
struct DirectionRow {
    unsigned s;
    unsigned a;
    std::array<std::uint32_t, 8> m;
};
constexpr std::array<DirectionRow, kSobolDimensions - 1> kJoeKuo{{
    {1, 0, {1}},
    {2, 1, {1, 3}},
    {3, 1, {1, 3, 1}},
    {3, 2, {1, 1, 1}},
    {4, 1, {1, 1, 3, 3}},
    {4, 4, {1, 3, 5, 13}},
    {5, 2, {1, 1, 5, 5, 17}},
    {5, 4, {1, 1, 5, 5, 5}},
    {5, 7, {1, 1, 7, 11, 19}},
    {5, 11, {1, 1, 5, 1, 1}},
    {5, 13, {1, 1, 1, 3, 11}},
    {5, 14, {1, 3, 5, 5, 31}},
    {6, 1, {1, 3, 3, 9, 7, 49}},
    {6, 13, {1, 1, 1, 15, 21, 21}},
    {6, 16, {1, 3, 1, 13, 27, 49}},
    {6, 19, {1, 1, 1, 15, 7, 5}},
    {6, 22, {1, 3, 1, 15, 13, 25}},
    {6, 25, {1, 1, 5, 5, 19, 61}},
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},
    {7, 7, {1, 1, 3, 13, 7, 35, 63}},
    {7, 8, {1, 3, 5, 9, 1, 25, 53}},
    {7, 14, {1, 3, 1, 13, 9, 35, 107}},
    {7, 19, {1, 3, 1, 5, 27, 61, 31}},
    {7, 21, {1, 1, 5, 11, 19, 41, 61}},
    {7, 28, {1, 3, 5, 3, 3, 13, 69}},
    {7, 31, {1, 1, 7, 13, 1, 19, 1}},
    {7, 32, {1, 3, 7, 5, 13, 19, 59}},
    {7, 37, {1, 1, 3, 9, 25, 29, 41}},
    {7, 41, {1, 3, 5, 13, 23, 1, 55}},
    {7, 42, {1, 3, 7, 3, 13, 59, 17}},
    {7, 50, {1, 3, 1, 3, 5, 53, 69}},
    {7, 55, {1, 1, 5, 5, 23, 33, 13}},
    {7, 56, {1, 1, 7, 7, 1, 61, 123}},
    {7, 59, {1, 1, 7, 9, 13, 61, 49}},
    {7, 62, {1, 3, 3, 5, 3, 55, 33}},
    {8, 14, {1, 3, 1, 15, 31, 13, 49, 245}},
    {8, 21, {1, 3, 5, 15, 31, 59, 63, 97}},
    {8, 22, {1, 3, 1, 11, 11, 11, 77, 249}},
}};

// Direction numbers v_k = m_k / 2^k of one dimension, as 32-bit fractions. Beyond the
// initial m_1..m_s, Sobol's recurrence (Bratley & Fox 1988):
//   m_k = 2 a_1 m_{k-1} xor 4 a_2 m_{k-2} xor ... xor 2^{s-1} a_{s-1} m_{k-s+1}
//         xor 2^s m_{k-s} xor m_{k-s}.
std::array<std::uint32_t, 32> directions(std::size_t dimension) {
    std::array<std::uint64_t, 33> m{};  // m[k], k = 1..32; m_k < 2^k
    if (dimension == 0) {
        for (std::size_t k = 1; k <= 32; ++k) m[k] = 1;
    } else {
        const DirectionRow& row = kJoeKuo[dimension - 1];
        const std::size_t s = row.s;
        for (std::size_t k = 1; k <= s; ++k) m[k] = row.m[k - 1];
        for (std::size_t k = s + 1; k <= 32; ++k) {
            std::uint64_t value = m[k - s] ^ (m[k - s] << s);
            for (std::size_t j = 1; j < s; ++j) {
                if ((row.a >> (s - 1 - j)) & 1U) value ^= m[k - j] << j;
            }
            m[k] = value;
        }
    }
    std::array<std::uint32_t, 32> v{};
    for (std::size_t k = 1; k <= 32; ++k) v[k - 1] = static_cast<std::uint32_t>(m[k] << (32 - k));
    return v;
}

}  // namespace

SobolSequence::SobolSequence(std::size_t dimensions) : point_(dimensions, 0) {
    if (dimensions == 0 || dimensions > kSobolDimensions) {
        throw std::invalid_argument("a Sobol' sequence of 1 to 40 dimensions");
    }
    for (std::size_t d = 0; d < dimensions; ++d) directions_.push_back(directions(d));
}

const std::vector<std::uint32_t>& SobolSequence::next() {
    if (index_ > 0) {
        // Gray-code order: point i is point i-1 xor v_c, c the lowest zero bit of i-1.
        const auto c = static_cast<std::size_t>(std::countr_one(index_ - 1));
        if (c >= 32) throw std::length_error("a Sobol' sequence of 32-bit fractions has 2^32 points");
        for (std::size_t d = 0; d < point_.size(); ++d) point_[d] ^= directions_[d][c];
    }
    ++index_;
    return point_;
}

void make_sobol_design(Design& design, std::size_t keys, std::uint64_t seed) {
    // Randomised quasi-Monte Carlo: every coordinate is xor-ed with a random 32-bit number
    // drawn from the sweep's seed (a digital shift; L'Ecuyer & Lemieux 2002). A digital
    // shift keeps the sequence's nets (each dyadic box of the first 2^m points still holds
    // its share), makes each point uniform on [0, 1)^2D, so that estimates are unbiased and
    // sweeps with different seeds give independent replicates of the analysis, and moves
    // the points off the dyadic fractions 0, 1/2, 1/4, ... (where every unshifted
    // coordinate lies, and integer ranges would round ties). Since point 0 is then no
    // longer the all-zero corner, it is kept rather than skipped: dropping it would break
    // the balance of the first 2^m points (Owen 2022, "On dropping the first Sobol' point").
    const std::size_t dims = 2 * keys;
    std::vector<std::uint32_t> shift(dims);
    for (std::size_t d = 0; d < dims; ++d) {
        core::RandomStream rng(seed, 0, kShiftStream, d);
        shift[d] = static_cast<std::uint32_t>(rng.next_u64() >> 32);
    }
    const auto unit = [&](std::uint32_t x, std::size_t d) { return static_cast<double>(x ^ shift[d]) * 0x1.0p-32; };
    SobolSequence sequence(dims);
    design.rows.clear();
    design.units.clear();
    for (std::size_t j = 0; j < design.n; ++j) {
        const std::vector<std::uint32_t>& x = sequence.next();
        std::vector<double> a(keys), b(keys);
        for (std::size_t i = 0; i < keys; ++i) {
            a[i] = unit(x[i], i);
            b[i] = unit(x[keys + i], keys + i);
        }
        design.rows.push_back({j, "A", -1});
        design.units.push_back(a);
        for (std::size_t i = 0; i < keys; ++i) {
            design.rows.push_back({j, "AB", static_cast<int>(i)});
            design.units.push_back(a);
            design.units.back()[i] = b[i];
        }
        if (design.second_order) {
            for (std::size_t i = 0; i < keys; ++i) {
                design.rows.push_back({j, "BA", static_cast<int>(i)});
                design.units.push_back(b);
                design.units.back()[i] = a[i];
            }
        }
        design.rows.push_back({j, "B", -1});
        design.units.push_back(b);
    }
}

}  // namespace grassroots::sweep
