// Issue 12's stories of live commerce, as directions a test can check (the scenarios show
// the numbers): a grassroots host heads live commerce unless the platform caps the head,
// and late adopters start shopping once they come online. Two worlds (world seeds 1, 2)
// and two seeds each; margins are explained at each check.
#include <cstdint>
#include <string>
#include <vector>

#include "catch.hpp"
#include "metrics/inequality.hpp"
#include "support.hpp"

namespace model = grassroots::model;
namespace testing = grassroots::testing;

namespace {

// 3,000 users, 150 creators without elites: hosts are grassroots creators who grew an
// audience of 100 (min_followers); 60 goods merchants; 40 days.
const char* kHosts = R"(
name: hosts
ticks: 40
population: {users: 3000}
graph: {type: barabasi_albert, m: 4}
creators: {share: 0.05, talent: {mu: 0, sigma: 1}}
engagement: {like: 0.1, follow_given_like: 0.2}
platform:
  feed: {social: 0.3, interest: 0.2, popularity: 0.5, popularity_alpha: 1.5}
merchants: {count: 60, goods_share: 1, initially_online: 1}
commerce:
  live: {min_followers: 100, session_rate: 1, buy: 0.005, buy_trust: 0.03}
)";

// The top host's share of all live GMV, over creators who hosted.
double top_host_share(const model::World& w) {
    std::vector<std::uint64_t> gmv;
    for (model::CreatorId c = 0; c < w.creators.size(); ++c) {
        if (w.creators.sessions[c] > 0) gmv.push_back(static_cast<std::uint64_t>(w.creators.gmv[c]));
    }
    const double top[] = {1e-12};
    return grassroots::metrics::concentration(gmv, top).top[0];
}

model::World run_hosts(std::uint64_t world_seed, std::uint64_t seed, const std::string& head_cap) {
    auto s = testing::scenario_from(kHosts, {"world_seed=" + std::to_string(world_seed), "seed=" + std::to_string(seed),
                                             "platform.feed.head_cap=" + head_cap});
    model::Simulation sim(s, model::build_graph(s));
    for (std::int64_t t = 0; t < s.ticks; ++t) sim.step();
    return sim.world();
}

}  // namespace

TEST_CASE("Story: a grassroots host heads live commerce, less so under a head cap", "[model][story]") {
    // Under a popularity feed the top creator pulls away, and its audience buys in its
    // sessions: the top host sells 0.056-0.084 of all GMV among ~60 hosts (measured, four
    // runs; the check asks for 0.03). A head cap of 2 % of a day's views per creator limits
    // its sessions' viewers as well as its videos': 0.034-0.042, a fall of 40-50 %. The
    // check asks for a fall by a quarter.
    for (const std::uint64_t world_seed : {1, 2}) {
        for (const std::uint64_t seed : {1, 2}) {
            const model::World free = run_hosts(world_seed, seed, "1");
            const model::World capped = run_hosts(world_seed, seed, "0.02");
            const double a = top_host_share(free);
            const double b = top_host_share(capped);
            INFO("world " << world_seed << " seed " << seed << ": top host's GMV share " << a << " free, " << b
                          << " capped");
            CHECK(a > 0.03);
            CHECK(b < 0.75 * a);
        }
    }
}

TEST_CASE("Story: late adopters start shopping once they come online", "[model][story]") {
    // An early cohort all online from day 0 and a late one nobody of which is online at
    // first; the late cohort adopts by Bass (p 0.002, q 0.02 a day, q on the online share
    // of friends, half of whom are early). Its share of the live orders is small in the
    // first ten days (few of it online) and large in the last ten: measured 0.044-0.088
    // and 0.370-0.383 (four runs). The checks ask for under 0.15 and above 0.25.
    const char* yaml = R"(
name: late
ticks: 90
population:
  users: 3000
  cohorts:
    - {name: early, share: 0.5, p: 0, q: 0, initially_online: 1, attention: 20}
    - {name: late, share: 0.5, p: 0.002, q: 0.02, initially_online: 0, attention: 20}
graph: {type: barabasi_albert, m: 4}
creators: {share: 0.05, elite_share: 0.2, elite: {initial_followers: 200}}
merchants: {count: 40, goods_share: 1, initially_online: 1}
commerce:
  live: {min_followers: 50, session_rate: 1, buy: 0.005, buy_trust: 0.03}
)";
    for (const std::uint64_t world_seed : {1, 2}) {
        for (const std::uint64_t seed : {1, 2}) {
            auto s = testing::scenario_from(
                yaml, {"world_seed=" + std::to_string(world_seed), "seed=" + std::to_string(seed)});
            model::Simulation sim(s, model::build_graph(s));
            sim.take_row();
            model::CohortFlows first, last;
            first.reset(2);
            last.reset(2);
            for (std::int64_t t = 1; t <= s.ticks; ++t) {
                sim.step();
                const model::TickRow row = sim.take_row();
                if (t <= 10) REQUIRE(first.add(row.cohort_flows));
                if (t > s.ticks - 10) REQUIRE(last.add(row.cohort_flows));
            }
            const auto late_share = [](const model::CohortFlows& f) {
                return static_cast<double>(f.live_orders[1]) / static_cast<double>(f.live_orders[0] + f.live_orders[1]);
            };
            INFO("world " << world_seed << " seed " << seed << ": late cohort's share of orders " << late_share(first)
                          << " in the first ten days, " << late_share(last) << " in the last ten");
            CHECK(late_share(first) < 0.15);
            CHECK(late_share(last) > 0.25);
            // Watch time goes the same way.
            CHECK(last.views[1] > 5 * first.views[1]);
        }
    }
}
