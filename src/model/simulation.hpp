#pragma once
// A run: the world, the tick pipeline and the measures the outputs are made of.
// The model knows nothing of files; the CLI asks for rows and writes them.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/tick.hpp"
#include "model/world.hpp"
#include "scenario/scenario.hpp"

namespace grassroots::model {

// The top shares the outputs give: of the top 0.1 %, 1 %, 3 % and 10 % of creators.
inline constexpr std::array<double, 4> kTopFractions{0.001, 0.01, 0.03, 0.1};

// One row of the timeseries: levels at `tick`, flows since the previous row.
struct TickRow {
    std::int32_t tick = 0;
    std::uint64_t users_online = 0;
    std::vector<std::uint64_t> online_by_cohort;
    std::uint64_t users_active = 0;  // online and active on the row's day (daily active users)
    std::vector<std::uint64_t> active_by_cohort;
    std::uint64_t creators_active = 0;  // not churned and online
    std::uint64_t creators = 0;         // every creator so far, churned included
    std::uint64_t merchants_online = 0;
    std::uint64_t aggregator_members = 0;  // merchants on the aggregator's program, its builder left out
    Flows flows;
    CohortFlows cohort_flows;  // since the previous row
    double follower_gini = 0.0;
    double top1_share = 0.0;
    double grassroots_top100_share = 0.0;  // of the top 100 creators by followers
    double talent_rank_corr = 0.0;         // Spearman, talent vs followers, active creators
    double creator_income_gini = 0.0;
    // Followers held by the top kTopFractions of all creators (churned included, as
    // follower_gini); [1] equals top1_share.
    std::array<double, kTopFractions.size()> follower_top_shares{};
    // The same three measures over creators whose status is active (churned ones left out,
    // online or not): a churned creator keeps its followers but no longer competes.
    double follower_gini_active = 0.0;
    double top1_share_active = 0.0;
    double grassroots_top100_share_active = 0.0;
    double creators_per_user = 0.0;  // creators_active / users_online; NaN with nobody online
    // Shares of all creators' income (churned included) held by the top 1 % and 10 % of
    // creators; NaN while nobody has earned.
    double creator_income_top1_share = 0.0;
    double creator_income_top10_share = 0.0;
};

// What a run carries from one tick to the next besides the world; with the world, it is
// everything a checkpoint must save for a resumed run to continue exactly.
struct SimulationState {
    std::int32_t tick = 0;
    Flows since_last_row;
    Flows totals;
    std::int32_t first_grassroots_top10 = -1;
    std::vector<float> head_cap_admit;  // Buffers::admit: the head cap's controller, per creator
    CohortFlows cohorts_since_last_row;
    CohortFlows cohort_totals;
};

class Simulation {
public:
    Simulation(const scenario::Scenario& s, graph::SocialGraph graph);
    // Continues a run from a saved world and state (a checkpoint), as if it had never stopped.
    Simulation(const scenario::Scenario& s, World world, SimulationState state);

    // Advances one tick (a day) through the pipeline.
    void step();
    // The state now, with the flows accumulated since the previous call.
    TickRow take_row();

    std::int32_t tick() const { return tick_; }
    const World& world() const { return world_; }
    // Room for n creators in every creators' column (Creators::reserve): the Python module
    // asks for one per user, so that its views of those columns never move.
    void reserve_creators(std::size_t n) { world_.creators.reserve(n); }
    const Flows& totals() const { return totals_; }
    const CohortFlows& cohort_totals() const { return cohort_totals_; }
    const scenario::Scenario& scenario() const { return scenario_; }
    SimulationState state() const;
    // The first tick at whose end a grassroots creator (with followers) was among the top
    // 10 by followers; -1 if none yet.
    std::int32_t first_grassroots_top10_tick() const { return first_grassroots_top10_; }

private:
    scenario::Scenario scenario_;
    World world_;
    Buffers buffers_;
    std::int32_t tick_ = 0;
    Flows since_last_row_;
    Flows totals_;
    CohortFlows cohorts_since_last_row_;
    CohortFlows cohort_totals_;
    std::int32_t first_grassroots_top10_ = -1;

    void track_top10();
};

}  // namespace grassroots::model
