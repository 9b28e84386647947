// Platform designs, elites vs grassroots and commerce (issue 3): each mechanism switched
// off does nothing, money is conserved, and the designs move the measures the way the
// literature and the platform stories say, by margins checked over several seeds.
#include <algorithm>
#include <cmath>
#include <numeric>

#include <tbb/global_control.h>

#include "catch.hpp"
#include "support.hpp"

namespace model = grassroots::model;
namespace sc = grassroots::scenario;
namespace testing = grassroots::testing;
using testing::with;

namespace {

// A test's world: scenario text and the overrides applied to it before each run's own.
struct Setup {
    std::string yaml;
    std::vector<std::string> sets;
};

// 5,000 users, 500 creators of whom 100 elites with a large head start (300 followers
// each, better production, twice the output), 120 days.
const Setup kElites{R"(
name: elites
ticks: 120
population:
  users: 5000
  cohorts: [{name: all, share: 1, p: 0.02, q: 0.3, initially_online: 0.5, attention: 20}]
graph: {type: barabasi_albert, m: 4}
creators:
  share: 0.1
  elite_share: 0.2
  elite: {initial_followers: 300, quality_boost: 0.5, rate_multiplier: 2}
)",
                    {}};

// Everything on (tests/inputs/good/everything.yaml): elites, entry and exit, all four
// feed sources, a head cap, merchants with mini programs, local services and live
// commerce; 4,000 users, 60 days here, on world seed 1 and with a row every day as
// simulate() takes them.
Setup everything() {
    return {sc::read_scenario_file(testing::kEverythingPath), {"world_seed=1", "ticks=60", "output.every=1"}};
}

struct Outcome {
    std::vector<model::TickRow> rows;  // tick 0 .. ticks
    model::Flows totals;
    model::World world;
};

Outcome simulate(const Setup& setup, std::uint64_t seed, const std::vector<std::string>& sets = {}) {
    std::vector<std::string> overrides = with(setup.sets, sets);
    overrides.push_back("seed=" + std::to_string(seed));
    sc::Scenario s = testing::scenario_from(setup.yaml, overrides);
    auto graph = model::build_graph(s);
    model::Simulation sim(s, std::move(graph));
    Outcome out;
    out.rows.push_back(sim.take_row());
    for (std::int64_t t = 0; t < s.ticks; ++t) {
        sim.step();
        out.rows.push_back(sim.take_row());
    }
    out.totals = sim.totals();
    out.world = sim.world();
    return out;
}

const std::vector<std::string> kSocialFeed{"platform.feed.social=1", "platform.feed.interest=0"};
const std::vector<std::string> kAlgorithmicFeed{"platform.feed.social=0.2", "platform.feed.interest=0.5",
                                                "platform.feed.explore=0.3"};

}  // namespace

TEST_CASE("Elites start with exactly their initial followers", "[model][platform]") {
    const Outcome o = simulate(kElites, 1, {"ticks=1"});
    sc::Scenario s = testing::scenario_from(kElites.yaml, {"ticks=1"});
    model::World start = model::build_world(s, model::build_graph(s));
    std::size_t elites = 0;
    for (model::CreatorId c = 0; c < start.creators.size(); ++c) {
        const bool elite = start.creators.background[c] == model::Background::elite;
        elites += elite;
        CHECK(start.creators.followers[c] == (elite ? 300u : 0u));
    }
    CHECK(elites == 100);  // exactly 20% of 500
    CHECK(start.follows.values.size() == 100u * 300u);
    CHECK(o.rows.front().grassroots_top100_share == 0.0);  // the top 100 are all elites at tick 0
}

TEST_CASE("Feeds: grassroots overtake elites under interest + explore, not under a social feed",
          "[model][platform][statistical]") {
    // Measured (seeds 1-3): grassroots hold 0.02-0.03 of the top 100 after 120 days of a
    // purely social feed (they reach only their friends) and 0.25-0.27 under interest +
    // explore. A 0.08 margin per seed is a third of the gap.
    for (std::uint64_t seed : {1, 2, 3}) {
        const double social = simulate(kElites, seed, kSocialFeed).rows.back().grassroots_top100_share;
        const double algorithmic = simulate(kElites, seed, kAlgorithmicFeed).rows.back().grassroots_top100_share;
        INFO("seed " << seed << ": social " << social << ", algorithmic " << algorithmic);
        CHECK(algorithmic > social + 0.08);
    }
}

TEST_CASE("Feeds: popularity raises follower inequality and lowers the talent-rank correlation",
          "[model][platform][statistical]") {
    // Without elites and with less varied talent, luck has room: measured over seeds 1-3,
    // Gini 0.42 (interest only) vs 0.55 (popularity 0.8), Spearman 0.92 vs 0.69-0.72.
    // Margins of under half those gaps per seed.
    const std::vector<std::string> world{"creators.elite_share=0", "creators.talent.sigma=0.5",
                                         "platform.feed.social=0"};
    for (std::uint64_t seed : {1, 2, 3}) {
        const auto interest = with(world, {"platform.feed.interest=1"});
        const auto popularity = with(world, {"platform.feed.interest=0.2", "platform.feed.popularity=0.8"});
        const auto a = simulate(kElites, seed, interest).rows.back();
        const auto b = simulate(kElites, seed, popularity).rows.back();
        INFO("seed " << seed << ": gini " << a.follower_gini << " vs " << b.follower_gini << ", rho "
                     << a.talent_rank_corr << " vs " << b.talent_rank_corr);
        CHECK(b.follower_gini > a.follower_gini + 0.05);
        CHECK(a.talent_rank_corr > b.talent_rank_corr + 0.1);
    }
}

TEST_CASE("Mini programs: a lower cost raises merchant adoption", "[model][platform][statistical]") {
    const std::vector<std::string> base{"creators.share=0", "merchants.initially_online=0.02",
                                        "merchants.mini_program.base=0.001"};
    for (std::uint64_t seed : {1, 2, 3}) {
        const auto cheap = with(base, {"merchants.mini_program.cost=100"});
        const auto dear = with(base, {"merchants.mini_program.cost=1000000"});
        const auto a = simulate(everything(), seed, cheap).rows.back().merchants_online;
        const auto b = simulate(everything(), seed, dear).rows.back().merchants_online;
        INFO("seed " << seed << ": cheap " << a << ", dear " << b);
        // 300 merchants, 60 days: measured 229-291 online at a cost of 100 (the economic
        // term is ~0.05 a day once peers earn) against 62-115 at 10^6 (it is ~0 and only
        // base and peer effects act). A margin of 50 is a third of the smallest gap.
        CHECK(a > b + 50);
    }
}

TEST_CASE("Money is conserved every tick", "[model][platform]") {
    const Outcome o = simulate(everything(), 1);
    for (const auto& row : o.rows) {
        const auto& f = row.flows;
        REQUIRE(f.gmv == f.live_merchant_revenue + f.commission + f.platform_take);
    }
    const auto& c = o.world.creators;
    const auto& m = o.world.merchants;
    const auto income = std::accumulate(c.income.begin(), c.income.end(), model::Cents{0});
    const auto revenue = std::accumulate(m.revenue.begin(), m.revenue.end(), model::Cents{0});
    const auto orders = std::accumulate(m.orders.begin(), m.orders.end(), std::uint64_t{0});
    CHECK(income == o.totals.commission);
    CHECK(revenue == o.totals.local_revenue + o.totals.live_merchant_revenue);
    CHECK(orders == o.totals.local_orders + o.totals.live_orders);
    // Not vacuous: every stream of money flowed.
    CHECK(o.totals.live_orders > 0);
    CHECK(o.totals.local_orders > 0);
    CHECK(o.totals.commission > 0);
    CHECK(o.totals.platform_take > 0);
}

TEST_CASE("Switched off, a mechanism does nothing", "[model][platform]") {
    SECTION("commission 0: no commission income, the merchant keeps the rest") {
        const Outcome o = simulate(everything(), 2, {"commerce.live.commission=0"});
        CHECK(o.totals.live_orders > 0);
        CHECK(o.totals.commission == 0);
        for (auto income : o.world.creators.income) CHECK(income == 0);
        CHECK(o.totals.gmv == o.totals.live_merchant_revenue + o.totals.platform_take);
    }
    SECTION("no merchant online: every local need is lost") {
        const Outcome o = simulate(everything(), 2,
                                   {"merchants.initially_online=0", "merchants.mini_program.base=0",
                                    "merchants.mini_program.peer=0", "merchants.mini_program.economic=0"});
        CHECK(o.totals.local_orders == 0);
        CHECK(o.totals.local_orders_lost > 1000);
        CHECK(o.totals.live_orders == 0);  // no goods merchant online, no sessions to sell in
        CHECK(o.rows.back().merchants_online == 0);
    }
    SECTION("head cap 1.0: the same run as with the cap left out") {
        const std::string cap = ", head_cap: 0.05";
        Setup uncapped = everything();
        const auto at = uncapped.yaml.find(cap);
        REQUIRE((at != std::string::npos && uncapped.yaml.rfind(cap) == at));  // the feed's line, only
        uncapped.yaml.erase(at, cap.size());
        const Outcome a = simulate(uncapped, 3);
        const Outcome b = simulate(everything(), 3, {"platform.feed.head_cap=1"});
        CHECK(a.world.creators.views == b.world.creators.views);
        CHECK(a.world.creators.followers == b.world.creators.followers);
        CHECK(a.world.merchants.revenue == b.world.merchants.revenue);
    }
    SECTION("no entry and no exit: the creator population is fixed") {
        const Outcome o =
            simulate(everything(), 4, {"creators.entry.rate=0", "creators.entry.peer=0", "creators.exit.patience=0"});
        CHECK(o.totals.creators_new == 0);
        CHECK(o.totals.creators_churned == 0);
        CHECK(o.world.creators.size() == 200);
        const Outcome on = simulate(everything(), 4);
        CHECK(on.totals.creators_new > 0);
        CHECK(on.totals.creators_churned > 0);
    }
}

TEST_CASE("Head cap: a small cap limits the largest creator's share of views", "[model][platform]") {
    // Under a strong popularity feed the top creator took 3.9% of all views over 60 days
    // (seed 5). With a 0.5% cap, enforced from each day's views onwards, it took 0.57%:
    // the cap plus day one, which has no history to cap from.
    const std::vector<std::string> runaway{"platform.feed.social=0", "platform.feed.interest=0.1",
                                           "platform.feed.explore=0", "platform.feed.popularity=0.9",
                                           "platform.feed.popularity_alpha=1.5"};
    auto share_of_top = [&](const std::string& cap) {
        const Outcome o = simulate(everything(), 5, with(runaway, {"platform.feed.head_cap=" + cap}));
        const auto& views = o.world.creators.views;
        const auto top = *std::max_element(views.begin(), views.end());
        return static_cast<double>(top) / static_cast<double>(o.totals.views);
    };
    const double uncapped = share_of_top("1");
    const double capped = share_of_top("0.005");
    INFO("top creator's share of all views: uncapped " << uncapped << ", capped " << capped);
    CHECK(uncapped > 0.03);
    CHECK(capped < 0.008);
}

TEST_CASE("Determinism with every mechanism on: 1 and 2 threads agree", "[model][platform][determinism]") {
    auto run = [](int threads) {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
        return simulate(everything(), 6);
    };
    const Outcome a = run(1);
    const Outcome b = run(2);
    CHECK(a.world.creators.followers == b.world.creators.followers);
    CHECK(a.world.creators.views == b.world.creators.views);
    CHECK(a.world.creators.income == b.world.creators.income);
    CHECK(a.world.creators.status == b.world.creators.status);
    CHECK(a.world.merchants.revenue == b.world.merchants.revenue);
    CHECK(a.world.merchants.online_tick == b.world.merchants.online_tick);
    CHECK(a.world.items.stage == b.world.items.stage);
    CHECK(a.totals.gmv == b.totals.gmv);
    REQUIRE(a.rows.size() == b.rows.size());
    for (std::size_t i = 0; i < a.rows.size(); ++i) {
        CHECK(a.rows[i].follower_gini == b.rows[i].follower_gini);
        CHECK(a.rows[i].talent_rank_corr == b.rows[i].talent_rank_corr);
    }
}
