#include "model/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <span>
#include <utility>

#include "metrics/inequality.hpp"
#include "metrics/ranking.hpp"

namespace grassroots::model {
namespace {

bool always(const World&) { return true; }
bool has_creators(const World& w) { return w.creators.size() > 0; }
bool has_merchants(const World& w) { return w.merchants.size() > 0; }
bool has_sellers(const World& w) { return !w.sellers.empty(); }

struct Phase {
    const char* name;
    void (*run)(TickContext&);
    bool (*applies)(const World&);  // checked when the phase's turn comes
};

// The tick, in order (docs/design.md, "The model, one tick").
constexpr Phase kPipeline[] = {
    {"adoption", run_adoption, always},
    {"entry/exit", run_entry_exit, always},
    {"publish", run_publish, has_creators},
    {"feed+engage", run_feed, has_creators},
    {"apply", apply_feed_outboxes, has_creators},
    {"traffic pools", run_traffic_pools, has_creators},
    {"social commerce", run_social_commerce, has_sellers},
    {"mini programs", run_mini_programs, has_merchants},
    {"local services", run_local_services, has_merchants},
};

}  // namespace

Simulation::Simulation(const scenario::Scenario& s, graph::SocialGraph graph)
    : scenario_(s), world_(build_world(s, std::move(graph))) {
    cohorts_since_last_row_.reset(s.population.cohorts.size());
    cohort_totals_.reset(s.population.cohorts.size());
    track_top10();
}

Simulation::Simulation(const scenario::Scenario& s, World world, SimulationState state)
    : scenario_(s),
      world_(std::move(world)),
      tick_(state.tick),
      since_last_row_(state.since_last_row),
      totals_(state.totals),
      cohorts_since_last_row_(std::move(state.cohorts_since_last_row)),
      cohort_totals_(std::move(state.cohort_totals)),
      first_grassroots_top10_(state.first_grassroots_top10) {
    buffers_.admit = std::move(state.head_cap_admit);
}

SimulationState Simulation::state() const {
    return {tick_,          since_last_row_,         totals_,       first_grassroots_top10_,
            buffers_.admit, cohorts_since_last_row_, cohort_totals_};
}

void Simulation::step() {
    ++tick_;
    Flows flows;
    CohortFlows cohort_flows;
    cohort_flows.reset(scenario_.population.cohorts.size());
    TickContext ctx{scenario_, world_, tick_, flows, cohort_flows, buffers_};
    for (const Phase& phase : kPipeline) {
        if (phase.applies(world_)) phase.run(ctx);
    }
    flows.count_overflow(cohorts_since_last_row_.add(cohort_flows));
    flows.count_overflow(cohort_totals_.add(cohort_flows));
    since_last_row_ += flows;
    totals_ += flows;
    if (totals_.money_overflows > 0) throw MoneyOverflow(tick_);
    track_top10();
}

void Simulation::track_top10() {
    if (first_grassroots_top10_ >= 0) return;
    const Creators& c = world_.creators;
    for (std::uint32_t id : metrics::top_k(c.followers, 10)) {
        if (c.followers[id] > 0 && c.background[id] == Background::grassroots) {
            first_grassroots_top10_ = tick_;
            return;
        }
    }
}

namespace {

// The share of grassroots among the top 100 of `followers` (indices into `ids`), counting
// only creators with at least one follower: a creator nobody follows is not at the top of
// anything. NaN while nobody has followers.
double grassroots_top100(const Creators& c, std::span<const std::uint32_t> followers, std::span<const CreatorId> ids) {
    std::size_t ranked = 0, grassroots = 0;
    for (std::uint32_t i : metrics::top_k(followers, 100)) {
        if (followers[i] == 0) break;
        ++ranked;
        grassroots += c.background[ids[i]] == Background::grassroots;
    }
    return ranked == 0 ? std::numeric_limits<double>::quiet_NaN()
                       : static_cast<double>(grassroots) / static_cast<double>(ranked);
}

// The share of the total held by the top `fraction` of values (ceil(fraction * n), at
// least one, as the follower shares count them), in exact integer sums: NaN if the total
// is 0.
double top_income_share(std::vector<Cents> income, double fraction) {
    Cents total = 0;
    for (Cents x : income) total += x;  // fits: the run's commission total did
    if (total <= 0) return std::numeric_limits<double>::quiet_NaN();
    const auto k = std::min(
        income.size(),
        std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(income.size())))));
    std::nth_element(income.begin(), income.begin() + static_cast<std::ptrdiff_t>(k - 1), income.end(),
                     std::greater<>());
    Cents top = 0;
    for (std::size_t i = 0; i < k; ++i) top += income[i];
    return static_cast<double>(top) / static_cast<double>(total);
}

}  // namespace

TickRow Simulation::take_row() {
    TickRow row;
    row.tick = tick_;
    row.online_by_cohort.assign(scenario_.population.cohorts.size(), 0);
    row.active_by_cohort.assign(scenario_.population.cohorts.size(), 0);
    const Users& users = world_.users;
    for (std::size_t u = 0; u < users.size(); ++u) {
        row.online_by_cohort[users.cohort[u]] += users.online[u];
        row.active_by_cohort[users.cohort[u]] += users.active[u];
    }
    for (std::uint64_t count : row.online_by_cohort) row.users_online += count;
    for (std::uint64_t count : row.active_by_cohort) row.users_active += count;

    const Creators& c = world_.creators;
    row.creators = c.size();
    std::vector<double> talent, followers, income;
    std::vector<std::uint32_t> active_followers;
    std::vector<CreatorId> active_ids, all_ids(c.size());
    for (CreatorId id = 0; id < c.size(); ++id) {
        all_ids[id] = id;
        income.push_back(static_cast<double>(c.income[id]));
        if (!c.active(id)) continue;
        row.creators_active += users.online[c.user[id]];
        talent.push_back(c.talent[id]);
        followers.push_back(c.followers[id]);
        active_followers.push_back(c.followers[id]);
        active_ids.push_back(id);
    }
    for (std::uint8_t online : world_.merchants.online) row.merchants_online += online;
    const Merchants& m = world_.merchants;
    for (std::size_t i = 0; i < m.size(); ++i) {
        row.aggregator_members += m.joined_via[i] >= 0 && static_cast<std::size_t>(m.joined_via[i]) != i;
    }
    row.flows = since_last_row_;
    since_last_row_ = {};
    row.cohort_flows = cohorts_since_last_row_;
    cohorts_since_last_row_.reset(scenario_.population.cohorts.size());
    // One sort each for all creators and for the active ones: the Gini and every top share.
    const metrics::Concentration all = metrics::concentration(c.followers, kTopFractions);
    row.follower_gini = all.gini;
    std::copy(all.top.begin(), all.top.end(), row.follower_top_shares.begin());
    row.top1_share = all.top[1];
    const double one_percent[] = {0.01};
    const metrics::Concentration active = metrics::concentration(active_followers, one_percent);
    row.follower_gini_active = active.gini;
    row.top1_share_active = active.top[0];
    row.creator_income_gini = metrics::gini(income);
    row.creator_income_top1_share = top_income_share(c.income, 0.01);
    row.creator_income_top10_share = top_income_share(c.income, 0.1);
    row.talent_rank_corr = metrics::spearman(talent, followers);
    row.grassroots_top100_share = grassroots_top100(c, c.followers, all_ids);
    row.grassroots_top100_share_active = grassroots_top100(c, active_followers, active_ids);
    row.creators_per_user = row.users_online == 0
                                ? std::numeric_limits<double>::quiet_NaN()
                                : static_cast<double>(row.creators_active) / static_cast<double>(row.users_online);
    return row;
}

}  // namespace grassroots::model
