#include "model/simulation.hpp"

#include "metrics/inequality.hpp"

namespace grassroots::model {
namespace {

struct Phase {
    const char* name;
    void (*run)(TickContext&);
    bool needs_creators;  // skipped when creators.share is 0: no content, no feeds
};

// The tick, in order (DESIGN.md, "The model, in one tick"). Entry/exit and commerce
// join here as phases of their own.
constexpr Phase kPipeline[] = {
    {"adoption", run_adoption, false},
    {"publish", run_publish, true},
    {"feed+engage", run_feed, true},
    {"apply", apply_feed_outboxes, true},
};

}  // namespace

Simulation::Simulation(const scenario::Scenario& s, graph::SocialGraph graph)
    : scenario_(s), world_(build_world(s, std::move(graph))) {}

void Simulation::step() {
    ++tick_;
    Flows flows;
    TickContext ctx{scenario_, world_, tick_, flows, buffers_};
    const bool has_creators = world_.creators.size() > 0;
    for (const Phase& phase : kPipeline) {
        if (phase.needs_creators && !has_creators) continue;
        phase.run(ctx);
    }
    since_last_row_ += flows;
    totals_ += flows;
}

TickRow Simulation::take_row() {
    TickRow row;
    row.tick = tick_;
    row.online_by_cohort.assign(scenario_.population.cohorts.size(), 0);
    const Users& users = world_.users;
    for (std::size_t u = 0; u < users.size(); ++u) {
        if (users.online[u]) ++row.online_by_cohort[users.cohort[u]];
    }
    for (std::uint64_t count : row.online_by_cohort) row.users_online += count;
    const Creators& creators = world_.creators;
    for (UserId u : creators.user) row.creators_active += users.online[u];
    row.flows = since_last_row_;
    since_last_row_ = {};
    row.follower_gini = metrics::gini(creators.followers);
    row.top1_share = metrics::top_share(creators.followers, 0.01);
    return row;
}

}  // namespace grassroots::model
