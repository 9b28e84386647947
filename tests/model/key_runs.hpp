#pragma once
// Shared by the key tests (test_keys_*.cpp, issue 11 part 7): small worlds with every
// mechanism on, run over several seeds in two worlds, and the measures read from a run.
// A key test changes one key between two runs of the same worlds and seeds and checks
// that a measure moves the way the model says, by a margin explained at the test.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "metrics/inequality.hpp"
#include "metrics/ranking.hpp"
#include "support.hpp"

namespace grassroots::testing::keys {

namespace model = grassroots::model;
namespace sc = grassroots::scenario;

// A test's world: scenario text and the overrides applied to it before each run's own.
struct Setup {
    std::string yaml;
    std::vector<std::string> sets;
};

struct Outcome {
    model::TickRow last;  // the row at the last tick
    model::Flows totals;  // every tick's flows summed
    model::World world;   // at the end
};

inline Outcome simulate(const Setup& setup, std::uint64_t seed, const std::vector<std::string>& sets) {
    std::vector<std::string> overrides = with(setup.sets, sets);
    overrides.push_back("seed=" + std::to_string(seed));
    sc::Scenario s = scenario_from(setup.yaml, overrides);
    model::Simulation sim(s, model::build_graph(s));
    for (std::int64_t t = 0; t < s.ticks; ++t) sim.step();
    Outcome out;
    out.last = sim.take_row();
    out.totals = sim.totals();
    out.world = sim.world();
    return out;
}

// tests/inputs/good/everything.yaml (every mechanism on: elites, entry and exit, four feed
// sources, a head cap, traffic pools, merchants, local services, live commerce) cut to
// 2,000 users and 30 days, in two worlds: world seeds 1 and 2 draw different graphs,
// cohorts, creators, talents, regions and merchants.
inline std::vector<Setup> worlds() {
    const std::string yaml = sc::read_scenario_file(kEverythingPath);
    std::vector<Setup> out;
    for (const char* world_seed : {"world_seed=1", "world_seed=2"}) {
        out.push_back({yaml, {world_seed, "population.users=2000", "ticks=30", "output.every=30"}});
    }
    return out;
}

// Seeds of the dynamics within a world; a test takes the mean of its measure over them.
inline constexpr std::uint64_t kSeeds[] = {1, 2, 3};

using Measure = std::function<double(const Outcome&)>;

// The runs of `world` over kSeeds, with `sets` applied after the world's own.
inline std::vector<Outcome> runs(const Setup& world, const std::vector<std::string>& sets) {
    std::vector<Outcome> out;
    for (std::uint64_t seed : kSeeds) out.push_back(simulate(world, seed, sets));
    return out;
}

inline double mean_of(const std::vector<Outcome>& outcomes, const Measure& measure) {
    double sum = 0.0;
    for (const Outcome& o : outcomes) sum += measure(o);
    return sum / static_cast<double>(outcomes.size());
}

// The mean of `measure` over kSeeds in `world`, with `sets` applied after the world's own.
inline double mean_over_seeds(const Setup& world, const std::vector<std::string>& sets, const Measure& measure) {
    return mean_of(runs(world, sets), measure);
}

// Feeds that isolate one source (the weights of the others set to 0).
inline const std::vector<std::string> kInterestOnly{"platform.feed.social=0", "platform.feed.interest=1",
                                                    "platform.feed.popularity=0", "platform.feed.explore=0"};
inline const std::vector<std::string> kExploreOnly{"platform.feed.social=0", "platform.feed.interest=0",
                                                   "platform.feed.popularity=0", "platform.feed.explore=1"};

// Measures.

inline double live_orders(const Outcome& o) { return static_cast<double>(o.totals.live_orders); }
inline double live_sessions(const Outcome& o) { return static_cast<double>(o.totals.live_sessions); }

// Share of local-service needs that found no online merchant of their kind in the region.
inline double lost_share(const Outcome& o) {
    const double lost = static_cast<double>(o.totals.local_orders_lost);
    const double met = static_cast<double>(o.totals.local_orders);
    return lost + met > 0.0 ? lost / (lost + met) : 0.0;
}

// Elites' share of a per-creator tally (likes, items) over all creators.
template <class T>
double elite_share_of(const Outcome& o, const std::vector<T>& tally) {
    const auto& c = o.world.creators;
    double elite = 0.0, all = 0.0;
    for (model::CreatorId id = 0; id < c.size(); ++id) {
        all += static_cast<double>(tally[id]);
        if (c.background[id] == model::Background::elite) elite += static_cast<double>(tally[id]);
    }
    return all > 0.0 ? elite / all : 0.0;
}

// Share of all follows (user -> creator) whose creator makes content on the user's topic.
inline double same_topic_follow_share(const Outcome& o) {
    const auto& w = o.world;
    std::uint64_t same = 0;
    for (model::UserId u = 0; u < w.users.size(); ++u) {
        const model::CreatorId* row = w.follows.row(u);
        for (std::size_t i = 0; i < w.follows.row_size(u); ++i) same += w.creators.topic[row[i]] == w.users.topic[u];
    }
    const auto all = w.follows.values.size();
    return all > 0 ? static_cast<double>(same) / static_cast<double>(all) : 0.0;
}

}  // namespace grassroots::testing::keys
