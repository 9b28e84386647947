// Adoption follows the Bass model (Bass 1969). With global mixing every offline user comes
// online with probability p + q F(t-1), so the online share obeys, in expectation, the
// discrete recursion F(t) = F(t-1) + (1 - F(t-1)) (p + q F(t-1)).
#include <cmath>
#include <string>

#include "catch.hpp"
#include "support.hpp"

using grassroots::testing::simulation_from;

namespace {

std::string bass_scenario(double p, double q, double initially_online, std::uint64_t seed) {
    return "name: bass\nseed: " + std::to_string(seed) +
           "\nticks: 40\npopulation:\n  users: 100000\n  cohorts:\n"
           "    - {name: all, share: 1, p: " + std::to_string(p) + ", q: " + std::to_string(q) +
           ", initially_online: " + std::to_string(initially_online) + ", attention: 0}\n"
           "graph: {type: erdos_renyi, mean_degree: 2}\nadoption: {mixing: global}\n"
           "creators: {share: 0}\n";
}

}  // namespace

TEST_CASE("Bass: online share follows the discrete recursion under global mixing", "[model][bass]") {
    const double p = 0.03, q = 0.38;
    const double n = 100000.0;
    for (std::uint64_t seed : {1, 2, 3}) {
        auto sim = simulation_from(bass_scenario(p, q, 0.0, seed));
        double simulated = static_cast<double>(sim.take_row().users_online) / n;
        double recursion = simulated;
        double worst_step = 0.0, worst_path = 0.0;
        for (int t = 1; t <= 40; ++t) {
            const double previous = simulated;
            sim.step();
            simulated = static_cast<double>(sim.take_row().users_online) / n;
            recursion += (1.0 - recursion) * (p + q * recursion);
            // One step: the adopters are Binomial((1 - F) n, h) with h = p + q F, so the
            // share's sd is sqrt((1 - F) h (1 - h) / n) <= 0.0016; 5 sd bounds a false alarm
            // over 120 steps at ~1e-4.
            const double h = p + q * previous;
            const double expected = previous + (1.0 - previous) * h;
            const double sd = std::sqrt((1.0 - previous) * h * (1.0 - h) / n);
            worst_step = std::max(worst_step, std::abs(simulated - expected) / std::max(sd, 1e-9));
            worst_path = std::max(worst_path, std::abs(simulated - recursion));
        }
        CHECK(worst_step < 5.0);
        // The whole path: step errors of sd <= 0.0016 carried forward by the recursion's
        // slope (at most 1 + q = 1.38, and < 1 past the peak) stay within 0.01.
        CHECK(worst_path < 0.01);
        CHECK(simulated > 0.99);  // by day 40 nearly everyone is online (recursion: 0.9999)
    }
}

TEST_CASE("Bass: the peak of adoption comes where the discrete recursion puts it", "[model][bass]") {
    // Continuous Bass peaks at t* = ln(q/p)/(p+q) = 6.19 days for p = 0.03, q = 0.38. The
    // one-day recursion, a forward step from F(0) = 0, peaks later: adoptions during tick
    // t are largest at t = 8 (0.1105 of users, against 0.1075 at t = 7 and 0.1044 at t = 9).
    const double p = 0.03, q = 0.38;
    CHECK(std::log(q / p) / (p + q) == Approx(6.19).margin(0.005));
    double f = 0.0, best_rate = 0.0;
    int recursion_peak = 0;
    for (int t = 1; t <= 20; ++t) {
        const double rate = (1.0 - f) * (p + q * f);
        f += rate;
        if (rate > best_rate) best_rate = rate, recursion_peak = t;
    }
    REQUIRE(recursion_peak == 8);
    // The simulated peak: the neighbours differ from the peak by ~300 of 11,000 adopters,
    // ~3 sd of the binomial noise (sd ~100), so the peak is at 8 or, rarely, next to it.
    for (std::uint64_t seed : {7, 8, 9}) {
        auto sim = simulation_from(bass_scenario(p, q, 0.0, seed));
        sim.take_row();
        std::uint64_t best = 0;
        int peak = 0;
        for (int t = 1; t <= 20; ++t) {
            sim.step();
            const auto adopted = sim.take_row().flows.adoptions;
            if (adopted > best) best = adopted, peak = t;
        }
        CHECK(std::abs(peak - recursion_peak) <= 1);
    }
}

TEST_CASE("Bass: p = q = 0 keeps everyone offline", "[model][bass]") {
    auto sim = simulation_from(bass_scenario(0.0, 0.0, 0.0, 1));
    for (int t = 0; t < 40; ++t) sim.step();
    const auto row = sim.take_row();
    CHECK(row.users_online == 0);
    CHECK(row.flows.adoptions == 0);
}

TEST_CASE("Bass: network mixing with no friends online leaves only p", "[model][bass]") {
    // q acts on the online share of friends; with nobody online and p = 0 nothing starts.
    auto text = bass_scenario(0.0, 0.9, 0.0, 1);
    text.replace(text.find("mixing: global"), 14, "mixing: network");
    auto sim = simulation_from(text);
    for (int t = 0; t < 10; ++t) sim.step();
    CHECK(sim.take_row().users_online == 0);
}
