#pragma once
// Counter-based random numbers: a stream is keyed by (seed, tick, phase, agent) and its
// i-th draw is a pure function of that key and i. No engine is shared between threads, so
// the numbers an agent sees do not depend on which thread runs it or in what order.
#include <cmath>
#include <cstdint>
#include <numbers>

namespace grassroots::core {

// SplitMix64's output function (Steele, Lea & Flood 2014): a bijective 64-bit mixer.
constexpr std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr std::uint64_t kGolden = 0x9e3779b97f4a7c15ULL;

// GCC and Clang's 128-bit integer; __extension__ keeps -Wpedantic quiet about it.
__extension__ using Uint128 = unsigned __int128;

// Stream identifiers: each phase (and the world builder) draws from its own stream so
// that adding draws to one phase never shifts the numbers of another.
using StreamId = std::uint32_t;

class RandomStream {
public:
    RandomStream(std::uint64_t seed, std::uint32_t tick, StreamId stream, std::uint64_t agent)
        : state_(mix64(mix64(mix64(seed ^ kGolden) ^ ((std::uint64_t{tick} << 32) | stream)) ^ (agent * kGolden))) {}

    // The i-th draw is SplitMix64 seeded with the key: mix64(key + i * golden), passes
    // BigCrush per stream. The sum is kept running, which saves a multiply per draw.
    std::uint64_t next_u64() { return mix64(state_ += kGolden); }

    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

    // Uniform integer in [0, n), n > 0, without modulo bias (Lemire 2019).
    std::uint64_t below(std::uint64_t n) {
        for (;;) {
            const Uint128 product = static_cast<Uint128>(next_u64()) * static_cast<Uint128>(n);
            const auto low = static_cast<std::uint64_t>(product);
            if (low >= n || low >= (0 - n) % n) return static_cast<std::uint64_t>(product >> 64);
        }
    }

    bool bernoulli(double p) { return uniform() < p; }

    // Standard normal by Box-Muller; uses two draws, discards the second variate so that
    // the number of draws per call is fixed.
    double normal() {
        const double u1 = 1.0 - uniform();  // (0, 1]
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }

    double lognormal(double mu, double sigma) { return std::exp(mu + sigma * normal()); }

    // floor(rate) events plus one more with probability frac(rate): the mean is exact and
    // the draw count is one, which keeps streams cheap for small daily rates.
    std::uint32_t count_with_mean(double rate) {
        const double whole = std::floor(rate);
        return static_cast<std::uint32_t>(whole) + (bernoulli(rate - whole) ? 1u : 0u);
    }

private:
    std::uint64_t state_;  // key + (draws so far) * golden, modulo 2^64
};

}  // namespace grassroots::core
