#pragma once
// Morris elementary effects (Morris 1991, Technometrics 33:161) and their summaries
// mu, mu* (Campolongo, Cariboni & Saltelli 2007, Environ. Model. Softw. 22:1509) and sigma.
//
// A step of a trajectory moves one key i by +-delta in unit coordinates (design.csv's u:
// columns, before the map to the key's range); its elementary effect is
//   EE = (f(x + delta e_i) - f(x)) / (+-delta),
// the signed step as design.csv records it. Units: the metric per unit of the key's range
// (a linear f = c x over a range of width w has EE = c w everywhere).
#include <cstddef>
#include <vector>

#include "analysis/sweep_directory.hpp"

namespace grassroots::analysis {

struct MorrisEffects {
    std::size_t keys = 0;
    std::size_t trajectories = 0;
    std::vector<double> effects;  // [trajectory * keys + key]
};

struct MorrisIndices {
    std::vector<double> mu_star;  // mean |EE|
    std::vector<double> mu;       // mean EE
    std::vector<double> sigma;    // standard deviation of EE (n - 1 denominator); NaN for one trajectory
};

// `point_values`: the metric at each point of `sweep` (a Morris design, read and checked).
MorrisEffects elementary_effects(const SweepDirectory& sweep, const std::vector<double>& point_values);

// Over the trajectories listed (repeats allowed: a bootstrap resample).
MorrisIndices morris_indices(const MorrisEffects& effects, const std::vector<std::size_t>& trajectories);

}  // namespace grassroots::analysis
