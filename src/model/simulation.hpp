#pragma once
// A run: the world, the tick pipeline and the measures the outputs are made of.
// The model knows nothing of files; the CLI asks for rows and writes them.
#include <cstdint>
#include <string>
#include <vector>

#include "model/tick.hpp"
#include "model/world.hpp"
#include "scenario/scenario.hpp"

namespace grassroots::model {

// One row of the timeseries: levels at `tick`, flows since the previous row.
struct TickRow {
    std::int32_t tick = 0;
    std::uint64_t users_online = 0;
    std::vector<std::uint64_t> online_by_cohort;
    std::uint64_t creators_active = 0;
    Flows flows;
    double follower_gini = 0.0;
    double top1_share = 0.0;
};

class Simulation {
public:
    Simulation(const scenario::Scenario& s, graph::SocialGraph graph);

    // Advances one tick (a day) through the pipeline.
    void step();
    // The state now, with the flows accumulated since the previous call.
    TickRow take_row();

    std::int32_t tick() const { return tick_; }
    const World& world() const { return world_; }
    const Flows& totals() const { return totals_; }
    const scenario::Scenario& scenario() const { return scenario_; }

private:
    scenario::Scenario scenario_;
    World world_;
    Buffers buffers_;
    std::int32_t tick_ = 0;
    Flows since_last_row_;
    Flows totals_;
};

}  // namespace grassroots::model
