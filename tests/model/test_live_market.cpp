// Live commerce as a market (issue 12, part 1): sessions are events of their day, followers
// are notified, purchases fall with the price against the viewer's budget, and hosts and
// merchants choose each other. Each test runs two worlds (world seeds 1, 2) and several
// seeds; the margins are explained at each check.
#include <cstdint>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support.hpp"

namespace model = grassroots::model;
namespace testing = grassroots::testing;

namespace {

// 3,000 users on a BA graph, 150 creators of whom 30 elites start with 200 followers (so
// there are hosts from day 1), 60 goods merchants online from the start, 20 days.
const char* kMarket = R"(
name: market
ticks: 20
population:
  users: 3000
  cohorts:
    - {name: rich, share: 0.5, p: 0, q: 0, initially_online: 1, attention: 20, budget: 500}
    - {name: poor, share: 0.5, p: 0, q: 0, initially_online: 1, attention: 20, budget: 5}
graph: {type: barabasi_albert, m: 4}
creators:
  share: 0.05
  elite_share: 0.2
  elite: {initial_followers: 200}
engagement: {like: 0.1, follow_given_like: 0.2}
merchants:
  count: 60
  goods_share: 1
  initially_online: 1
  price: {mu: 4, sigma: 1}
commerce:
  live: {min_followers: 50, session_rate: 1, buy: 0.01, buy_trust: 0.05}
)";

struct Run {
    model::Flows totals;
    model::CohortFlows cohorts;
};

Run run(std::uint64_t world_seed, std::uint64_t seed, const std::vector<std::string>& sets) {
    std::vector<std::string> all = sets;
    all.push_back("world_seed=" + std::to_string(world_seed));
    all.push_back("seed=" + std::to_string(seed));
    auto s = testing::scenario_from(kMarket, all);
    model::Simulation sim(s, model::build_graph(s));
    for (std::int64_t t = 0; t < s.ticks; ++t) sim.step();
    return {sim.totals(), sim.cohort_totals()};
}

double mean_order_price(const model::Flows& f) {
    return static_cast<double>(f.gmv) / static_cast<double>(f.live_orders);
}

}  // namespace

TEST_CASE("Live market: a session is watched on its day only", "[model][live]") {
    for (const std::uint64_t world_seed : {1, 2}) {
        for (const std::int64_t days : {1, 3}) {
            auto s = testing::scenario_from(kMarket, {"world_seed=" + std::to_string(world_seed),
                                                      "commerce.live.session_days=" + std::to_string(days)});
            model::Simulation sim(s, model::build_graph(s));
            std::uint64_t checked = 0, watched_late = 0;
            for (int t = 0; t < 10; ++t) {
                sim.step();
                const model::Items& items = sim.world().items;
                std::vector<std::uint32_t> before(items.views.begin(), items.views.end());
                const model::ItemId first = items.first_id;
                sim.step();
                const model::Items& after = sim.world().items;
                // Sessions born `days` or more days before this step's day were over during it:
                // exactly none of them gained a view. Younger ones still gain views.
                for (std::size_t i = 0; i < before.size(); ++i) {
                    const std::size_t j = first + i - after.first_id;
                    if (first + i < after.first_id || after.merchant[j] == model::kNoMerchant) continue;
                    const bool over = after.born[j] + days <= sim.tick();
                    if (over) {
                        ++checked;
                        CHECK(after.views[j] == before[i]);
                    } else if (after.views[j] > before[i]) {
                        ++watched_late;
                    }
                }
            }
            INFO("world " << world_seed << ", session_days " << days << ": " << checked << " sessions over, "
                          << watched_late << " gained views the next day");
            REQUIRE(checked > 100);  // the check above ran on many sessions
            // A 3-day session gains views after its first day; a 1-day one never does.
            if (days == 1) CHECK(watched_late == 0);
            if (days == 3) CHECK(watched_late > 50);
        }
    }
}

TEST_CASE("Live market: notified followers watch their hosts' sessions first", "[model][live]") {
    // follower_reach 0 notifies nobody; 1 notifies every active follower of a host live
    // today. With little of the social source (which also brings followed hosts' sessions;
    // notices are part of it and need it on), the followers' views buy at buy + buy_trust
    // = 0.06 against 0.01 for others, so orders rise. Measured: 14,817-20,496 orders without notices, 105,028-124,341
    // with (x5-7); the check asks for a rise of 20 %.
    for (const std::uint64_t world_seed : {1, 2}) {
        for (const std::uint64_t seed : {1, 2}) {
            const Run none = run(world_seed, seed, {"commerce.live.follower_reach=0", "platform.feed.social=0.01"});
            const Run all = run(world_seed, seed, {"commerce.live.follower_reach=1", "platform.feed.social=0.01"});
            INFO("world " << world_seed << " seed " << seed << ": notified views " << all.totals.live_views_followers
                          << ", orders " << none.totals.live_orders << " -> " << all.totals.live_orders);
            CHECK(none.totals.live_views_followers == 0);
            CHECK(all.totals.live_views_followers > 500);
            CHECK(all.totals.live_views_followers <= all.totals.live_views);
            CHECK(static_cast<double>(all.totals.live_orders) > 1.2 * static_cast<double>(none.totals.live_orders));
        }
    }
}

TEST_CASE("Live market: the chance to buy falls with the price against the cohort's budget", "[model][live]") {
    // Two cohorts alike but for their budgets, 500 and 5 against a median price of 55
    // (e^4). At elasticity 1 the rich cohort's purchase chance per view is 100 times the
    // poor one's at every price (until the cap of 1), at elasticity 0 the same. Orders per
    // view (views are alike: same attention, same feeds) are compared: a ratio above 10 at
    // elasticity 1, within 0.75-1.33 at 0 (each cohort makes hundreds of orders; the
    // binomial noise on a ratio of two such counts is under 15 %).
    for (const std::uint64_t world_seed : {1, 2}) {
        for (const std::uint64_t seed : {1, 2}) {
            const auto ratio = [&](const char* elasticity) {
                const Run r =
                    run(world_seed, seed,
                        {std::string("commerce.live.price_elasticity=") + elasticity, "commerce.live.matching=random"});
                const auto rate = [&](std::size_t c) {
                    return static_cast<double>(r.cohorts.live_orders[c]) / static_cast<double>(r.cohorts.views[c]);
                };
                return rate(0) / rate(1);
            };
            const double flat = ratio("0");
            const double elastic = ratio("1");
            INFO("world " << world_seed << " seed " << seed << ": rich/poor orders per view " << flat << " at 0, "
                          << elastic << " at 1");
            CHECK(flat > 0.75);
            CHECK(flat < 1.33);
            CHECK(elastic > 10.0);
        }
    }
}

TEST_CASE("Live market: hosts take the merchants that pay them and suit their audience", "[model][live]") {
    // Commission rates spread over 0.2 x (1 +- 0.9). Hosts choosing by commission x price x
    // price factor take higher rates than a random draw: the commission share of GMV rises
    // (random: the mean rate, 0.2; measured with the market: above 0.3). With elasticity 2
    // a host's pay per viewer is commission x price^-1 x budget^2: it prefers cheap goods,
    // and the mean price of an order falls below random matching's; with elasticity 0.5 it
    // is commission x price^0.5: dearer goods, and the mean price rises. Prices spread
    // widely (sigma 1), so the differences are large; the checks ask for 10 %.
    for (const std::uint64_t world_seed : {1, 2}) {
        for (const std::uint64_t seed : {1, 2}) {
            const auto with = [&](const char* matching, const char* elasticity) {
                return run(world_seed, seed,
                           {std::string("commerce.live.matching=") + matching,
                            std::string("commerce.live.price_elasticity=") + elasticity,
                            "commerce.live.commission_spread=0.9"})
                    .totals;
            };
            const model::Flows random = with("random", "1");
            const model::Flows market = with("market", "1");
            const auto rate = [](const model::Flows& f) {
                return static_cast<double>(f.commission) / static_cast<double>(f.gmv);
            };
            INFO("world " << world_seed << " seed " << seed << ": commission share " << rate(random) << " random, "
                          << rate(market) << " market");
            CHECK(rate(market) > 1.1 * rate(random));
            const double cheap_random = mean_order_price(with("random", "2"));
            const double cheap_market = mean_order_price(with("market", "2"));
            const double dear_random = mean_order_price(with("random", "0.5"));
            const double dear_market = mean_order_price(with("market", "0.5"));
            INFO("mean order price: elasticity 2 " << cheap_random << " random, " << cheap_market
                                                   << " market; elasticity 0.5 " << dear_random << " random, "
                                                   << dear_market << " market");
            CHECK(cheap_market < 0.9 * cheap_random);
            CHECK(dear_market > 1.1 * dear_random);
        }
    }
}
