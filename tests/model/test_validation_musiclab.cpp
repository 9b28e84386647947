// Validation: cumulative advantage. Source: M. J. Salganik, P. S. Dodds & D. J. Watts,
// "Experimental Study of Inequality and Unpredictability in an Artificial Cultural Market",
// Science 311:854-856, 2006 (MusicLab). Published values, recomputed from their data:
// Gini of market shares 0.34 (social influence, experiment 1) and 0.50 (experiment 2)
// against 0.26 and 0.20 (independent); unpredictability 0.0082 and 0.0126 (social)
// against 0.0049 and 0.0038 (independent).
// scenarios/musiclab.yaml is their market: 48 bands with one song each, live all run;
// listeners pick songs from a popularity feed, weight (listens + 1)^alpha, and download
// (like) with the song's appeal. alpha = 0 is the independent world (a uniform pick).
// A world is a run; the eight worlds of a condition replay the same world_seed (the same
// songs) with seeds 1..8. Market share = a song's likes / all likes in the world.
// The quality spread (talent sigma 0.42, 0.30) and the listens per world (3,000, 4,920)
// are set so that the independent worlds give the published independent Gini and
// unpredictability (the latter fixes the downloads per world: ~1,300 and ~1,950); alpha
// and what popularity counts (listens or downloads) are then the free parameters of the
// social worlds (docs/validation.md shows the sweeps).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "catch.hpp"
#include "metrics/inequality.hpp"
#include "model/build_graph.hpp"
#include "model/simulation.hpp"
#include "scenario/load.hpp"

namespace model = grassroots::model;

namespace {

constexpr int kWorlds = 8;

struct Condition {
    double gini = 0.0;              // mean over the worlds
    double unpredictability = 0.0;  // over the worlds
    std::uint64_t likes = 0;        // mean per world
};

std::vector<std::uint64_t> run_world(const std::vector<std::string>& overrides) {
    auto s = grassroots::scenario::load_scenario(GRASSROOTS_SOURCE_DIR "/scenarios/musiclab.yaml", overrides);
    model::Simulation sim(s, model::build_graph(s));
    for (std::int64_t t = 0; t < s.ticks; ++t) sim.step();
    const auto& c = sim.world().creators;
    REQUIRE(c.size() == 48);
    for (std::size_t i = 0; i < c.size(); ++i) REQUIRE(c.items[i] == 1);  // one song each
    return {c.likes.begin(), c.likes.end()};
}

// Eight worlds of one condition: world_seed fixed, seeds 1..8.
Condition run_condition(std::uint64_t world_seed, double alpha, const std::vector<std::string>& experiment) {
    std::vector<std::vector<double>> shares;
    Condition result;
    for (int w = 1; w <= kWorlds; ++w) {
        auto overrides = experiment;
        overrides.push_back("world_seed=" + std::to_string(world_seed));
        overrides.push_back("seed=" + std::to_string(w));
        overrides.push_back("platform.feed.popularity_alpha=" + std::to_string(alpha));
        const auto likes = run_world(overrides);
        double total = 0.0;
        for (auto x : likes) total += static_cast<double>(x);
        REQUIRE(total > 0.0);
        std::vector<double> share;
        for (auto x : likes) share.push_back(static_cast<double>(x) / total);
        result.gini += grassroots::metrics::gini(share) / kWorlds;
        result.likes += static_cast<std::uint64_t>(total) / kWorlds;
        shares.push_back(std::move(share));
    }
    // Salganik et al.'s U: per song, the mean |difference| of its share over all pairs of
    // worlds; then the mean over songs.
    const std::size_t songs = shares[0].size();
    double sum = 0.0;
    for (std::size_t song = 0; song < songs; ++song) {
        double pairs = 0.0, diff = 0.0;
        for (int a = 0; a < kWorlds; ++a) {
            for (int b = a + 1; b < kWorlds; ++b, pairs += 1.0) diff += std::abs(shares[a][song] - shares[b][song]);
        }
        sum += diff / pairs;
    }
    result.unpredictability = sum / static_cast<double>(songs);
    return result;
}

struct Ratios {
    Condition independent, social;
    double gini = 0.0, unpredictability = 0.0;
};

// Social over independent, both summed over two markets (world seeds) of 8 worlds each.
Ratios ratios(double alpha, const std::vector<std::string>& experiment) {
    Ratios r;
    for (std::uint64_t world_seed : {11, 12}) {
        const Condition i = run_condition(world_seed, 0.0, experiment);
        const Condition s = run_condition(world_seed, alpha, experiment);
        r.independent.gini += i.gini / 2, r.independent.unpredictability += i.unpredictability / 2;
        r.social.gini += s.gini / 2, r.social.unpredictability += s.unpredictability / 2;
    }
    r.gini = r.social.gini / r.independent.gini;
    r.unpredictability = r.social.unpredictability / r.independent.unpredictability;
    return r;
}

}  // namespace

TEST_CASE("MusicLab experiment 1: social influence raises inequality and unpredictability as published",
          "[validation][musiclab]") {
    // Published ratios, social / independent: Gini 0.34 / 0.26 = 1.31, U 0.0082 / 0.0049 =
    // 1.67. In scenarios/sweeps/musiclab_exp1.yaml (by listens) alpha 0.65 gives 1.22 and
    // 1.82, between 0.6 (1.17, 1.67) and 0.7 (1.25, 1.93). Over three markets (sweep seeds
    // 1-3) the Gini varied by ~0.01 and U by ~0.0005, so a two-market ratio has sd ~0.03
    // (Gini) and ~0.1 (U): the bands are the gap between the model and the paper at this
    // alpha plus ~3 sd.
    const Ratios r = ratios(0.65, {});
    INFO("independent: Gini " << r.independent.gini << ", U " << r.independent.unpredictability << "; social: Gini "
                              << r.social.gini << ", U " << r.social.unpredictability);
    // The independent worlds are calibrated to the paper's: Gini 0.26, U 0.0049.
    CHECK(std::abs(r.independent.gini - 0.26) < 0.03);
    CHECK(std::abs(r.independent.unpredictability - 0.0049) < 0.0008);
    CHECK(r.gini > 1.1);
    CHECK(r.gini < 1.4);
    CHECK(r.unpredictability > 1.4);
    CHECK(r.unpredictability < 2.3);
}

TEST_CASE("MusicLab experiment 2: popularity by downloads reproduces it, by listens overshoots unpredictability",
          "[validation][musiclab]") {
    // Published: Gini 0.50 / 0.20 = 2.5, U 0.0126 / 0.0038 = 3.3. Counting likes
    // (downloads, what MusicLab showed) with alpha = 0.8 gives Gini 0.52 and U 0.0118 in
    // scenarios/sweeps/musiclab_exp2.yaml. Counting views (listens) with alpha = 1.1 gives
    // the same Gini but U 0.020: listens do not depend on quality, so the same inequality
    // comes with more luck. Bands: the gap to the paper at these alphas plus ~3 sd of a
    // two-market ratio (sd ~0.1 for Gini, ~0.3 for U at these strengths).
    const std::vector<std::string> experiment{"creators.talent.sigma=0.30", "ticks=82"};
    auto by_likes = experiment;
    by_likes.push_back("platform.feed.popularity_signal=likes");
    const Ratios likes = ratios(0.8, by_likes);
    INFO("likes: independent Gini " << likes.independent.gini << ", U " << likes.independent.unpredictability
                                    << "; social Gini " << likes.social.gini << ", U "
                                    << likes.social.unpredictability);
    CHECK(std::abs(likes.independent.gini - 0.20) < 0.03);
    CHECK(std::abs(likes.independent.unpredictability - 0.0038) < 0.0006);
    CHECK(std::abs(likes.gini - 2.5) < 0.4);
    CHECK(std::abs(likes.unpredictability - 3.3) < 1.0);

    const Ratios views = ratios(1.1, experiment);
    INFO("views: social Gini " << views.social.gini << ", U " << views.social.unpredictability);
    CHECK(std::abs(views.gini - 2.5) < 0.4);
    CHECK(views.unpredictability > 4.5);  // published 3.3: the overshoot is the point
    CHECK(views.unpredictability < 7.0);
}
