// Every model key is pinned by a test (issue 11, part 7): merchant and commerce keys. As in
// test_keys_creators.cpp (which says why these cannot pass by chance nor flake): two
// settings of one key, two worlds, seeds 1-3, a measure that moves the way the model says,
// margins at most about half the measured gap (quoted as world seed 1 / world seed 2).
#include <cmath>

#include "catch.hpp"
#include "key_runs.hpp"
#include "metrics/inequality.hpp"

namespace keys = grassroots::testing::keys;
using grassroots::testing::with;
using keys::Outcome;

TEST_CASE("Key merchants.goods_share: more goods merchants sell live, fewer serve local needs", "[model][keys]") {
    // Goods merchants sell in live sessions, the rest serve local needs: 0.8 against 0.1
    // of the 300 merchants is 8 times the goods merchants and 2/9 of the local ones. A
    // session sells one online goods merchant's goods, drawn at random, so the orders
    // spread over 8 times as many sellers (their count, not the number of orders, which
    // the sessions and their viewers set), and local needs find a merchant less often.
    // Measured: 28 / 26 goods merchants sold against 123 / 114 (x4.3); 2,582 / 2,574 local
    // orders against 1,789 / 1,941 (x1.33 at least, the margin x1.15, half the gap: fewer
    // local merchants also adopt their mini program sooner, through more peers online in
    // their group and because each is more often alone in its cell, where a program is
    // worth more; before issue 12 weighed that value, the gap was x1.7).
    const auto sellers = [](const Outcome& o) {
        const auto& m = o.world.merchants;
        double count = 0.0;
        for (std::size_t i = 0; i < m.size(); ++i) {
            count += m.category[i] == grassroots::model::MerchantCategory::goods && m.orders[i] > 0;
        }
        return count;
    };
    const auto local = [](const Outcome& o) { return static_cast<double>(o.totals.local_orders); };
    for (const auto& world : keys::worlds()) {
        const auto few = keys::runs(world, {"merchants.goods_share=0.1"});
        const auto many = keys::runs(world, {"merchants.goods_share=0.8"});
        INFO("goods merchants with live orders: goods 0.1 " << keys::mean_of(few, sellers) << ", goods 0.8 "
                                                            << keys::mean_of(many, sellers));
        INFO("local orders: goods 0.1 " << keys::mean_of(few, local) << ", goods 0.8 " << keys::mean_of(many, local));
        CHECK(keys::mean_of(many, sellers) > 2.0 * keys::mean_of(few, sellers));
        CHECK(keys::mean_of(few, local) > 1.15 * keys::mean_of(many, local));
    }
}

TEST_CASE("Key merchants.local_kinds: more kinds of service leave more needs unmet", "[model][keys]") {
    // A need is of a random kind and met only by an online merchant of that kind in the
    // user's region: 1 kind x 5 regions is 5 cells for ~210 local merchants, 20 kinds x 5
    // regions is 100 cells, many of them without an online merchant. Measured: 0.002 / 0
    // lost against 0.63 / 0.60; the margin 0.2 is a third of the gap.
    for (const auto& world : keys::worlds()) {
        const double one = keys::mean_over_seeds(world, {"merchants.local_kinds=1"}, keys::lost_share);
        const double many = keys::mean_over_seeds(world, {"merchants.local_kinds=20"}, keys::lost_share);
        INFO("share of needs lost: 1 kind " << one << ", 20 kinds " << many);
        CHECK(many > one + 0.2);
    }
}

namespace {

// Local revenue per local order: the mean price paid.
double price_paid(const Outcome& o) {
    return o.totals.local_orders > 0
               ? static_cast<double>(o.totals.local_revenue) / static_cast<double>(o.totals.local_orders)
               : 0.0;
}

}  // namespace

TEST_CASE("Key merchants.price.mu: a higher log-price mean raises what an order pays", "[model][keys]") {
    // Prices are lognormal(mu, sigma): mu 5 against 3 multiplies every merchant's price by
    // e^2 = 7.4 (same draws, same world seed). Which merchants get the orders changes with
    // their adoption, but a factor of 3 cannot be made up by the 0.5 spread of log-prices.
    // Measured: 2,093 / 2,295 cents against 15,842 / 17,111 (x7.5).
    for (const auto& world : keys::worlds()) {
        const double low = keys::mean_over_seeds(world, {"merchants.price.mu=3"}, price_paid);
        const double high = keys::mean_over_seeds(world, {"merchants.price.mu=5"}, price_paid);
        INFO("mean price of a local order, cents: mu 3 " << low << ", mu 5 " << high);
        CHECK(high > 3.0 * low);
    }
}

TEST_CASE("Key merchants.price.sigma: a wider spread makes prices and revenues unequal", "[model][keys]") {
    // The Gini of a lognormal is erf(sigma / 2): 0.056 at sigma 0.1, 0.71 at 1.5. Over 300
    // merchants the sample Gini is within a few hundredths of that. The revenue of the
    // local merchants (orders x price) follows the prices. Measured: prices 0.054 / 0.060
    // against 0.64 / 0.75 (margin 0.4); revenue 0.42 / 0.43 against 0.71 / 0.82 (margin
    // 0.15, half the smaller gap).
    for (const auto& world : keys::worlds()) {
        // Gini of every merchant's price, and of the online local merchants' revenue.
        const auto price_gini = [](const Outcome& o) {
            std::vector<double> prices;
            for (const auto price : o.world.merchants.price) prices.push_back(static_cast<double>(price));
            return grassroots::metrics::gini(prices);
        };
        const auto revenue_gini = [](const Outcome& o) {
            const auto& m = o.world.merchants;
            std::vector<double> revenue;
            for (std::size_t i = 0; i < m.size(); ++i) {
                if (m.online[i] && m.category[i] == grassroots::model::MerchantCategory::local) {
                    revenue.push_back(static_cast<double>(m.revenue[i]));
                }
            }
            return grassroots::metrics::gini(revenue);
        };
        const auto narrow = keys::runs(world, {"merchants.price.sigma=0.1"});
        const auto wide = keys::runs(world, {"merchants.price.sigma=1.5"});
        const double narrow_prices = keys::mean_of(narrow, price_gini), wide_prices = keys::mean_of(wide, price_gini);
        const double narrow_revenue = keys::mean_of(narrow, revenue_gini);
        const double wide_revenue = keys::mean_of(wide, revenue_gini);
        INFO("Gini of prices: sigma 0.1 " << narrow_prices << ", sigma 1.5 " << wide_prices);
        INFO("Gini of local revenue: sigma 0.1 " << narrow_revenue << ", sigma 1.5 " << wide_revenue);
        CHECK(wide_prices > narrow_prices + 0.4);
        CHECK(wide_revenue > narrow_revenue + 0.15);
    }
}

TEST_CASE("Key commerce.live.min_followers: a lower bar lets more creators host", "[model][keys]") {
    // Hosts need min_followers: at 80 only the elites (100 followers from tick 0) and a few
    // grown grassroots host, at 5 most creators with any audience do. Measured: 623 / 651
    // sessions against 288 / 259 (x2.2 at least); the check asks for x1.5.
    for (const auto& world : keys::worlds()) {
        const double low = keys::mean_over_seeds(world, {"commerce.live.min_followers=5"}, keys::live_sessions);
        const double high = keys::mean_over_seeds(world, {"commerce.live.min_followers=80"}, keys::live_sessions);
        INFO("live sessions: bar 5 " << low << ", bar 80 " << high);
        CHECK(low > 1.5 * high);
    }
}

TEST_CASE("Key commerce.live.session_rate: a higher rate hosts more sessions", "[model][keys]") {
    // Sessions per eligible creator per day: 1 against 0.2 is 5 times as many. Measured:
    // 179 / 166 against 778 / 740 (x4.4); the check asks for x3.
    for (const auto& world : keys::worlds()) {
        const double low = keys::mean_over_seeds(world, {"commerce.live.session_rate=0.2"}, keys::live_sessions);
        const double high = keys::mean_over_seeds(world, {"commerce.live.session_rate=1"}, keys::live_sessions);
        INFO("live sessions: rate 0.2 " << low << ", rate 1 " << high);
        CHECK(high > 3.0 * low);
    }
}

TEST_CASE("Key commerce.live.buy: a higher purchase chance sells more", "[model][keys]") {
    // Without the followers' extra (buy_trust 0), a session view buys with chance buy x
    // spending: 0.01 against 0.001 is 10 times as many orders, up to what faster adoption
    // by goods merchants adds. Measured: 398 / 371 orders against 3,815 / 3,681 (x9.6);
    // the check asks for x4.
    for (const auto& world : keys::worlds()) {
        const double low =
            keys::mean_over_seeds(world, {"commerce.live.buy=0.001", "commerce.live.buy_trust=0"}, keys::live_orders);
        const double high =
            keys::mean_over_seeds(world, {"commerce.live.buy=0.01", "commerce.live.buy_trust=0"}, keys::live_orders);
        INFO("live orders: buy 0.001 " << low << ", buy 0.01 " << high);
        CHECK(high > 4.0 * low);
    }
}

TEST_CASE("Key commerce.live.buy_trust: followers of the host buy more", "[model][keys]") {
    // A follower's view of a session buys with chance (buy + buy_trust) x spending: with
    // buy 0.001, trust 0.1 makes each follower's view 100 times as likely to buy. Followers
    // see their hosts' sessions through the social source. Measured: 398 / 371 orders
    // against 6,398 / 5,409 (x14); the check asks for x3 + 10.
    for (const auto& world : keys::worlds()) {
        const double none =
            keys::mean_over_seeds(world, {"commerce.live.buy=0.001", "commerce.live.buy_trust=0"}, keys::live_orders);
        const double trust =
            keys::mean_over_seeds(world, {"commerce.live.buy=0.001", "commerce.live.buy_trust=0.1"}, keys::live_orders);
        INFO("live orders: trust 0 " << none << ", trust 0.1 " << trust);
        CHECK(trust > 3.0 * none + 10.0);
    }
}

TEST_CASE("Key merchants.mini_program.cost: adoption falls over the whole range of costs, to ~0 far above the value",
          "[model][keys]") {
    // The program's value to a local merchant is the orders going online brings over
    // payback_days at its margin; in these worlds (400 users a region, 0.05 needs a day,
    // 5 kinds: 4 needs a day a cell, ~55 a order, margin 0.3, 90 days) a merchant alone in
    // its cell expects ~6,000, one of several a fraction of it. Every route to adoption is
    // multiplied by value / (value + cost): at a cost of 10 nearly everyone who considers a
    // program takes it, at 10^7 nearly nobody. No merchant online at the start, 60 days.
    const auto online = [](const Outcome& o) { return static_cast<double>(o.last.merchants_online); };
    for (auto world : keys::worlds()) {
        world.sets = with(world.sets, {"ticks=60", "output.every=60", "merchants.initially_online=0"});
        std::vector<double> by_cost;
        for (const char* cost : {"10", "1000", "100000", "10000000"}) {
            by_cost.push_back(
                keys::mean_over_seeds(world, {std::string("merchants.mini_program.cost=") + cost}, online));
        }
        INFO("merchants online after 60 days at costs 10, 10^3, 10^5, 10^7: "
             << by_cost[0] << ", " << by_cost[1] << ", " << by_cost[2] << ", " << by_cost[3]);
        // Measured (of 300 merchants) 298 / 298, 272 / 275, 51 / 48, 3.3 / 3: at 10^7 only
        // goods merchants adopt, on base and peer alone, until one has been online a day and
        // its earnings tell the rest the program does not pay. Margins half of each gap;
        // "near 0" is under 10 (3 % of the merchants).
        CHECK(by_cost[0] > by_cost[1] + 12.0);
        CHECK(by_cost[1] > by_cost[2] + 100.0);
        CHECK(by_cost[2] > by_cost[3] + 20.0);
        CHECK(by_cost[3] < 10.0);
    }
}
