#include "calibration/abc_smc.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "core/rng.hpp"

namespace grassroots::calibration {
namespace {

constexpr core::StreamId kProposalStream = 0x41424353;  // "ABCS"
constexpr int kMaxDraws = 100000;
// A kernel never narrower than this (in units of the prior's width): particles that all
// agree on a coordinate would otherwise stop moving it at all.
constexpr double kMinScale = 1e-4;

bool in_cube(const std::vector<double>& z) {
    return std::all_of(z.begin(), z.end(), [](double v) { return v >= 0.0 && v < 1.0; });
}

}  // namespace

ProposalKernel::ProposalKernel(const std::vector<Particle>& particles) : particles_(&particles) {
    const std::size_t dims = particles.empty() ? 0 : particles.front().z.size();
    double total = 0.0;
    for (const Particle& p : particles) {
        total += p.weight;
        cumulative_.push_back(total);
    }
    scales_.assign(dims, kMinScale);
    for (std::size_t d = 0; d < dims; ++d) {
        double mean = 0.0;
        for (const Particle& p : particles) mean += p.weight * p.z[d];
        double variance = 0.0;
        for (const Particle& p : particles) variance += p.weight * (p.z[d] - mean) * (p.z[d] - mean);
        scales_[d] = std::max(kMinScale, std::sqrt(2.0 * variance));
    }
}

double ProposalKernel::log_density(const std::vector<double>& z) const {
    const std::vector<Particle>& particles = *particles_;
    double log_norm = 0.0;
    for (std::size_t d = 0; d < z.size(); ++d) log_norm -= std::log(scales_[d] * std::sqrt(2.0 * std::numbers::pi));
    std::vector<double> terms;
    double top = -std::numeric_limits<double>::infinity();
    for (const Particle& p : particles) {
        double log_k = std::log(p.weight) + log_norm;
        for (std::size_t d = 0; d < z.size(); ++d) {
            const double u = (z[d] - p.z[d]) / scales_[d];
            log_k -= 0.5 * u * u;
        }
        terms.push_back(log_k);
        top = std::max(top, log_k);
    }
    double sum = 0.0;
    for (const double t : terms) sum += std::exp(t - top);
    return top + std::log(sum);
}

double ProposalKernel::density(const std::vector<double>& z) const { return std::exp(log_density(z)); }

std::vector<double> ProposalKernel::propose(std::uint64_t seed, std::uint32_t generation, std::uint64_t index,
                                            const std::function<bool(const std::vector<double>&)>& valid) const {
    core::RandomStream rng(seed, generation, kProposalStream, index);
    const std::vector<Particle>& particles = *particles_;
    for (int draw = 0; draw < kMaxDraws; ++draw) {
        const double pick = rng.uniform() * cumulative_.back();
        const std::size_t j = std::min<std::size_t>(
            static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), pick) -
                                     cumulative_.begin()),
            particles.size() - 1);
        std::vector<double> z = particles[j].z;
        for (std::size_t d = 0; d < z.size(); ++d) z[d] += scales_[d] * rng.normal();
        if (in_cube(z) && valid(z)) return z;
    }
    throw std::runtime_error("no valid proposal in 100,000 draws around the previous generation's particles");
}

std::vector<double> propose_from_prior(std::size_t dimensions, std::uint64_t seed, std::uint64_t index,
                                       const std::function<bool(const std::vector<double>&)>& valid) {
    core::RandomStream rng(seed, 0, kProposalStream, index);
    for (int draw = 0; draw < kMaxDraws; ++draw) {
        std::vector<double> z(dimensions);
        for (double& v : z) v = rng.uniform();
        if (valid(z)) return z;
    }
    throw std::runtime_error("no valid draw of the prior in 100,000: the scenario schema refuses nearly all of it");
}

double weighted_quantile(std::vector<double> values, std::vector<double> weights, double q) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!std::isnan(values[i])) order.push_back(i);
    }
    if (order.empty()) return std::numeric_limits<double>::quiet_NaN();
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    double total = 0.0;
    for (const std::size_t i : order) total += weights[i];
    double cumulative = 0.0;
    for (const std::size_t i : order) {
        cumulative += weights[i];
        if (cumulative >= q * total) return values[i];
    }
    return values[order.back()];
}

double effective_sample_size(const std::vector<double>& weights) {
    double squares = 0.0;
    for (const double w : weights) squares += w * w;
    return squares > 0.0 ? 1.0 / squares : 0.0;
}

void normalise_log_weights(std::vector<Particle>& particles) {
    double top = -std::numeric_limits<double>::infinity();
    for (const Particle& p : particles) top = std::max(top, p.weight);
    double total = 0.0;
    for (Particle& p : particles) {
        p.weight = std::exp(p.weight - top);
        total += p.weight;
    }
    for (Particle& p : particles) p.weight /= total;
}

}  // namespace grassroots::calibration
