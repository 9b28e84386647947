// Validation: share cascades as bond percolation. Source: M. E. J. Newman, "Spread of
// epidemic disease on networks", Phys. Rev. E 66:016128, 2002: on an Erdos-Renyi graph of
// mean degree c, a process that passes along each edge with probability T reaches a share
// S of the nodes solving S = 1 - exp(-c T S) when it takes off (0.7968 for c = 4, T = 0.5),
// and stays finite below T = 1/c.
// The model's cascade (scenarios/percolation.yaml): one item; everyone who sees it likes it
// and shares it with probability T to all friends for the next day; with
// engagement.view_once each user views it once, so decides once. The viewers are then the
// sharers' cluster plus its boundary, whose share R obeys, for Poisson degrees, the same
// equation: following an edge fails to reach the cluster with probability
// u = 1 - T + T exp(c (u - 1)), so 1 - u = T R with R = 1 - exp(c (u - 1)), i.e.
// R = 1 - exp(-c T R). Several friends sharing on one day collapse into one view, which is
// harmless here (one decision per user). Without view_once a user who saw the item and
// did not share decides again whenever a friend shares it again, and the creator's friends
// see its post every day it is live: every return of the item is a new chance, and the
// reach is no longer the percolation's.
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include <tbb/global_control.h>

#include "catch.hpp"
#include "model/build_graph.hpp"
#include "model/simulation.hpp"
#include "scenario/load.hpp"

namespace model = grassroots::model;

namespace {

constexpr double kUsers = 20000.0;

struct Cascade {
    std::uint64_t seed = 0;
    double reach = 0.0;  // share of users who viewed the item
    std::uint64_t views = 0, shares = 0;
};

// A cascade that reached 10% of users took off: the others stay far below (checked where
// the cascade takes off often), so the line falls in the gap between the two.
constexpr double kTookOff = 0.1;

Cascade run_cascade(double share_probability, std::uint64_t seed, std::size_t threads = 0) {
    std::unique_ptr<tbb::global_control> limit;
    if (threads > 0) {
        limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, threads);
    }
    auto s = grassroots::scenario::load_scenario(GRASSROOTS_SOURCE_DIR "/scenarios/percolation.yaml",
                                                 {"seed=" + std::to_string(seed), "world_seed=" + std::to_string(seed),
                                                  "engagement.share_given_like=" + std::to_string(share_probability)});
    model::Simulation sim(s, model::build_graph(s));
    for (std::int64_t t = 0; t < s.ticks; ++t) sim.step();
    Cascade c;
    c.seed = seed;
    c.views = sim.totals().views;
    c.shares = sim.totals().shares;
    c.reach = static_cast<double>(c.views) / kUsers;
    return c;
}

// One cascade for each seed 1..seeds (world and dynamics).
std::vector<Cascade> cascades(double share_probability, std::uint64_t seeds) {
    std::vector<Cascade> all;
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) all.push_back(run_cascade(share_probability, seed));
    return all;
}

// How many of the cascades took off, and their mean reach.
struct TakeOffs {
    int count = 0;
    double mean_reach = 0.0;
};

TakeOffs take_offs(const std::vector<Cascade>& all) {
    TakeOffs t;
    double sum = 0.0;
    for (const Cascade& c : all) {
        if (c.reach < kTookOff) continue;
        ++t.count;
        sum += c.reach;
    }
    if (t.count > 0) t.mean_reach = sum / t.count;
    return t;
}

// The root of S = 1 - exp(-c T S) above 0, by fixed-point iteration from 1.
double percolation_share(double c, double t) {
    double s = 1.0;
    for (int i = 0; i < 10000; ++i) s = 1.0 - std::exp(-c * t * s);
    return s;
}

}  // namespace

TEST_CASE("Percolation (Newman 2002): a cascade that takes off reaches S = 1 - exp(-cTS)",
          "[validation][percolation]") {
    const double expected = percolation_share(4.0, 0.5);
    REQUIRE(expected == Approx(0.7968).margin(0.00005));
    // Over 40 seeds (world and dynamics) 31 cascades took off; their reach averaged 0.7966
    // with sd 0.0063 (finite n = 20,000), the others reached at most 0.03% of users. A run
    // within 4 sd (0.025) and the mean of 12 seeds' large cascades within 0.01 (> 4 sd of
    // the mean of >= 6 runs). A cascade takes off with probability ~0.78 (S itself, less
    // isolated seeds), so fewer than 6 of 12 do with probability < 1%.
    const std::vector<Cascade> all = cascades(0.5, 12);
    for (const Cascade& c : all) {
        INFO("seed " << c.seed << ": reach " << c.reach);
        CHECK(c.views < static_cast<std::uint64_t>(kUsers));  // each viewer is a distinct user
        if (c.reach < kTookOff) {
            CHECK(c.reach < 0.01);  // died out early: no middle ground
            continue;
        }
        CHECK(std::abs(c.reach - expected) < 0.025);
        // Each viewer shares with probability T: shares ~ Binomial(views, 0.5), sd ~63.
        const double sd = std::sqrt(static_cast<double>(c.views) * 0.25);
        CHECK(std::abs(static_cast<double>(c.shares) - 0.5 * static_cast<double>(c.views)) < 5.0 * sd);
    }
    const TakeOffs large = take_offs(all);
    REQUIRE(large.count >= 6);
    CHECK(std::abs(large.mean_reach - expected) < 0.01);
}

TEST_CASE("Percolation (Newman 2002): below T = 1/c the reach stays small", "[validation][percolation]") {
    // T = 0.2, c T = 0.8: the seed's ~4 friends see the item and each viewer's subtree holds
    // 1 / (1 - cT) = 5 viewers on average, ~20 users in all (40 seeds measured: at most 52
    // of 20,000).
    double total = 0.0;
    for (const Cascade& c : cascades(0.2, 12)) {
        CHECK(c.reach < 0.01);
        total += c.reach;
    }
    CHECK(total / 12.0 < 0.0025);  // 50 users
}

TEST_CASE("Percolation (Newman 2002): just above the threshold the cascade follows S too",
          "[validation][percolation]") {
    // T = 0.35, c T = 1.4: S = 0.511. Over 40 seeds 19 cascades took off (S predicts 0.51),
    // reaching 0.508 on average with sd 0.023 (near the threshold the giant cluster
    // fluctuates more). Of 20 seeds at least 4 take off (chance of fewer ~0.2%), and their
    // mean is within 0.04 of S (> 3 sd of a mean of >= 4 runs).
    const double expected = percolation_share(4.0, 0.35);
    REQUIRE(expected == Approx(0.511).margin(0.001));
    const TakeOffs large = take_offs(cascades(0.35, 20));
    REQUIRE(large.count >= 4);
    CHECK(std::abs(large.mean_reach - expected) < 0.04);
}

TEST_CASE("Percolation: view_once gives the same cascade at 1 and 2 threads", "[validation][percolation]") {
    // The rows of viewed items are rebuilt from per-block outboxes in block order.
    for (std::uint64_t seed : {1, 3}) {
        const Cascade one = run_cascade(0.5, seed, 1);
        const Cascade two = run_cascade(0.5, seed, 2);
        CHECK(one.views == two.views);
        CHECK(one.shares == two.shares);
    }
}
