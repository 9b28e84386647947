#pragma once
// Sobol indices from a Saltelli design (its blocks: A_j, AB_j^i, optionally BA_j^i, B_j).
//
// With g = f - f0 (f0 the mean of f over the A and B points used) and V the variance of f
// over those A and B points together:
//   first order  S_i  = mean_j g(B_j) (g(AB_j^i) - g(A_j)) / V     (Saltelli et al. 2010,
//                      Comput. Phys. Commun. 181:259, table 2)
//   total        ST_i = mean_j (g(A_j) - g(AB_j^i))^2 / (2 V)     (Jansen 1999, Comput.
//                      Phys. Commun. 117:35; listed in the same table)
//   second order S_ij = mean_j (g(BA_j^i) g(AB_j^j') - g(A_j) g(B_j)) / V - S_i - S_j
//                      (Saltelli 2002, Comput. Phys. Commun. 145:280: BA^i and AB^j share
//                      exactly keys i and j, so the mean of their product less f0^2 is the
//                      closed variance V_ij^c; A and B share none, so mean g(A) g(B)
//                      estimates the f0^2 left in g).
// Centring on f0 leaves each estimator's expectation as it was (the differences and the
// independent factor cancel the shift) but removes a variance term proportional to f0^2:
// a metric such as views_total, large and varying little, would otherwise need far more
// samples, and the indices would change with the metric's offset.
#include <cstddef>
#include <vector>

#include "analysis/sweep_directory.hpp"

namespace grassroots::analysis {

// One metric's values on the design, by block.
struct SobolSample {
    std::size_t keys = 0;
    std::size_t blocks = 0;
    bool second_order = false;
    std::vector<double> a, b;             // [block]
    std::vector<std::vector<double>> ab;  // [key][block]
    std::vector<std::vector<double>> ba;  // [key][block], second order only
};

struct SobolIndices {
    double variance = 0.0;
    std::vector<double> first;   // [key]
    std::vector<double> total;   // [key]
    std::vector<double> second;  // pairs i < j in order (0,1), (0,2), ..., (1,2), ...; second order only
};

// `point_values`: the metric at each point of `sweep` (a Sobol design, read and checked).
SobolSample sobol_sample(const SweepDirectory& sweep, const std::vector<double>& point_values);

// The indices over the blocks listed (repeats allowed: a bootstrap resample). NaN when V is 0.
SobolIndices sobol_indices(const SobolSample& sample, const std::vector<std::size_t>& blocks);

}  // namespace grassroots::analysis
