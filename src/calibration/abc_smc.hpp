#pragma once
// The arithmetic of approximate Bayesian computation by sequential Monte Carlo (Toni et al.
// 2009, J. R. Soc. Interface 6:187; Beaumont et al. 2009, Biometrika 96:983), on the
// latent unit cube of the priors (calibration_spec.hpp: every prior is uniform there).
//
// Generation 0 draws the prior. Generation t > 0 proposes by picking a particle of
// generation t-1 by its weight and moving it by a Gaussian kernel, component-wise, with
// variance twice the previous particles' weighted variance (Beaumont et al. 2009); a move
// that leaves the cube, or that the scenario schema refuses, is drawn again, particle and
// move both (the prior's support is the box less such points). A proposal is accepted
// when its distance is finite and at most the tolerance, the `quantile` of generation
// t-1's weighted distances; its weight is prior / proposal density:
//   w_i = 1 / sum_j W_j K(z_i | z_j),
// with K the kernel's density. Since a refused draw starts again from the choice of the
// particle, the proposal density is sum_j W_j K(z | z_j) on the support divided by one
// constant (the chance a draw is accepted), which the normalised weights do not see: the
// weights are exact, whatever part of a kernel the box or the schema cut off.
//
// Every draw of proposal i of generation g comes from its own stream keyed by (seed, g, i),
// so a proposal is the same whichever thread, rank or batch evaluates it.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace grassroots::calibration {

struct Particle {
    std::size_t proposal = 0;  // index among its generation's proposals
    std::vector<double> z;     // latent coordinates, in [0, 1)
    double distance = 0.0;
    std::vector<double> model;  // the targets' model values (replicate means)
    double weight = 0.0;        // normalised over the generation
};

// The previous generation, as the next one's proposals need it.
class ProposalKernel {
public:
    // `particles` with their normalised weights.
    explicit ProposalKernel(const std::vector<Particle>& particles);

    const std::vector<double>& scales() const { return scales_; }

    // The proposal density of z up to a constant: sum_j W_j K(z | z_j).
    double density(const std::vector<double>& z) const;

    // Its logarithm, summed without overflow however many coordinates there are.
    double log_density(const std::vector<double>& z) const;

    // Picks a particle by weight and moves it until the move lands in the cube and `valid`.
    // Throws std::runtime_error after 100,000 refused draws.
    std::vector<double> propose(std::uint64_t seed, std::uint32_t generation, std::uint64_t index,
                                const std::function<bool(const std::vector<double>&)>& valid) const;

private:
    const std::vector<Particle>* particles_;
    std::vector<double> cumulative_;  // cumulative weights
    std::vector<double> scales_;      // kernel standard deviation per coordinate
};

// A draw of the prior: uniform on the cube, again until `valid`.
std::vector<double> propose_from_prior(std::size_t dimensions, std::uint64_t seed, std::uint64_t index,
                                       const std::function<bool(const std::vector<double>&)>& valid);

// The smallest value whose cumulative weight (values sorted) reaches q of the total;
// NaN values are left out (NaN when nothing is left).
double weighted_quantile(std::vector<double> values, std::vector<double> weights, double q);

// Kish's effective sample size of normalised weights: 1 / sum w^2.
double effective_sample_size(const std::vector<double>& weights);

// Normalises `particles`' weights in place from their logarithms (which `weight` holds on
// the way in): exp(log w - max), over their sum.
void normalise_log_weights(std::vector<Particle>& particles);

}  // namespace grassroots::calibration
