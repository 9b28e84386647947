// Invariants that hold at every tick of any run (NetworKit's style of test: they must hold
// exactly, not statistically).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "catch.hpp"
#include "support.hpp"

using grassroots::testing::simulation_from;
namespace model = grassroots::model;

namespace {

const char* kSmall = R"(
name: small
ticks: 30
population:
  users: 3000
  cohorts:
    - {name: young, share: 0.6, p: 0.05, q: 0.3, initially_online: 0.5, attention: 20}
    - {name: old, share: 0.4, p: 0.0, q: 0.0, initially_online: 0.0, attention: 10}
graph: {type: barabasi_albert, m: 3}
creators: {share: 0.05}
engagement: {like: 0.3, share_given_like: 0.3, follow_given_like: 0.3}
)";

}  // namespace

TEST_CASE("Invariants: follows are unique, bounded and counted consistently", "[model][invariants]") {
    auto sim = simulation_from(kSmall);
    sim.take_row();
    model::Flows sum;
    for (int t = 1; t <= 30; ++t) {
        sim.step();
        const auto row = sim.take_row();
        sum += row.flows;
        const model::World& w = sim.world();

        // No user follows a creator twice; rows are sorted ascending, so adjacent equal
        // entries would be a repeat.
        std::uint64_t follow_edges = 0;
        for (model::UserId u = 0; u < w.users.size(); ++u) {
            const auto* row_begin = w.follows.row(u);
            const auto* row_end = row_begin + w.follows.row_size(u);
            REQUIRE(std::adjacent_find(row_begin, row_end) == row_end);
            REQUIRE(std::is_sorted(row_begin, row_end));
            // Nobody follows their own creator account.
            for (const auto* c = row_begin; c != row_end; ++c) REQUIRE(w.creators.user[*c] != u);
            follow_edges += w.follows.row_size(u);
        }
        const std::uint64_t followers =
            std::accumulate(w.creators.followers.begin(), w.creators.followers.end(), std::uint64_t{0});
        REQUIRE(followers == follow_edges);
        REQUIRE(follow_edges == sum.follows);
        REQUIRE(follow_edges <= w.users.size() * w.creators.size());

        // Per-creator tallies add up to the timeseries' flows.
        const auto views = std::accumulate(w.creators.views.begin(), w.creators.views.end(), std::uint64_t{0});
        const auto likes = std::accumulate(w.creators.likes.begin(), w.creators.likes.end(), std::uint64_t{0});
        const auto items = std::accumulate(w.creators.items.begin(), w.creators.items.end(), std::uint64_t{0});
        REQUIRE(views == sum.views);
        REQUIRE(likes == sum.likes);
        REQUIRE(items == sum.items);
        REQUIRE(sum.likes <= sum.views);
        REQUIRE(sum.shares <= sum.likes);

        // Offline users never view: views this tick are bounded by the attention of the
        // users online during it.
        std::uint64_t attention = 0;
        for (model::UserId u = 0; u < w.users.size(); ++u) {
            if (w.users.online[u]) attention += w.users.cohort[u] == 0 ? 20 : 10;
        }
        REQUIRE(row.flows.views <= attention);
        // The old cohort (p = q = 0, none online at start) stays offline throughout.
        REQUIRE(row.online_by_cohort[1] == 0);
    }
    CHECK(sum.views > 10000);  // the run did something: the checks above were not vacuous
    CHECK(sum.follows > 1000);
}

TEST_CASE("Invariants: nobody online means no views at all", "[model][invariants]") {
    std::string text = kSmall;
    text.replace(text.find("initially_online: 0.5"), 21, "initially_online: 0.0");
    text.replace(text.find("p: 0.05, q: 0.3"), 15, "p: 0.0, q: 0.0");
    auto sim = simulation_from(text);
    for (int t = 0; t < 10; ++t) sim.step();
    const auto row = sim.take_row();
    CHECK(row.users_online == 0);
    CHECK(row.flows.views == 0);
    CHECK(row.flows.items == 0);  // offline creators do not publish
}

TEST_CASE("Invariants: money is conserved to the cent every tick with every mechanism of issue 12 on",
          "[model][invariants]") {
    // tests/inputs/good/everything.yaml (live commerce as a market with spread commission
    // rates and price elasticity, local services, mini programs, entry and exit) with the
    // rest of issue 12 on as well: income feedback, social commerce, local choice by
    // reputation and price, needs met offline, tourism and an aggregator whose members pay
    // its builder a fee, opening a kind every 5 members. Every cent paid is received, at
    // every tick, in every channel.
    auto s = grassroots::testing::scenario_from(
        grassroots::scenario::read_scenario_file(grassroots::testing::kEverythingPath),
        {"population.users=2000", "ticks=30", "commerce.social.seller_share=0.05", "commerce.social.buy=0.02",
         "creators.effort.income_elasticity=1", "creators.effort.session_elasticity=1", "creators.exit.min_income=1",
         "creators.entry.success_income=1", "commerce.local.reputation=1", "commerce.local.price_elasticity=1.5",
         "commerce.local.offline_rate=0.3", "commerce.local.tourism_rate=0.0005", "merchants.aggregator.kind=0",
         "merchants.aggregator.fee=0.07", "merchants.aggregator.expand_members=5"});
    model::Simulation sim(s, model::build_graph(s));
    const double fee = s.merchants.aggregator.fee;
    for (int t = 1; t <= 30; ++t) {
        sim.step();
        const model::World& w = sim.world();
        const model::Flows& f = sim.totals();
        const model::Merchants& m = w.merchants;
        const model::Creators& c = w.creators;
        REQUIRE(f.gmv == f.live_merchant_revenue + f.commission + f.platform_take);
        REQUIRE(std::accumulate(c.income.begin(), c.income.end(), model::Cents{0}) == f.commission);
        REQUIRE(std::accumulate(c.gmv.begin(), c.gmv.end(), model::Cents{0}) == f.gmv);
        REQUIRE(f.social_gmv == f.social_seller_income + f.social_supply);
        REQUIRE(std::accumulate(w.seller_income.begin(), w.seller_income.end(), model::Cents{0}) ==
                f.social_seller_income);
        // Every cent users paid is some merchant's: local orders in full (members' less the
        // fee, which is the builder's), live sales less commission and platform take.
        REQUIRE(std::accumulate(m.revenue.begin(), m.revenue.end(), model::Cents{0}) ==
                f.local_revenue + f.live_merchant_revenue);
        REQUIRE(std::accumulate(m.orders.begin(), m.orders.end(), std::uint64_t{0}) == f.local_orders + f.live_orders);
        // The fees: each member's orders x its fee (rounded per order), and the builder's
        // revenue is its own orders' prices plus them (a local merchant sells nothing live).
        model::Cents fees = 0, members = 0, members_kept = 0;
        for (std::size_t i = 0; i < m.size(); ++i) {
            if (m.joined_via[i] < 0 || static_cast<std::size_t>(m.joined_via[i]) == i) continue;
            const auto per_order = static_cast<model::Cents>(std::llround(static_cast<double>(m.price[i]) * fee));
            fees += static_cast<model::Cents>(m.orders[i]) * per_order;
            members_kept += static_cast<model::Cents>(m.orders[i]) * (m.price[i] - per_order);
            members += m.revenue[i];
        }
        REQUIRE(fees == f.aggregator_fees);
        REQUIRE(members == members_kept);
        std::size_t builder = m.size();
        for (std::size_t i = 0; i < m.size(); ++i) {
            if (m.joined_via[i] >= 0 && static_cast<std::size_t>(m.joined_via[i]) == i) builder = i;
        }
        REQUIRE(builder < m.size());
        REQUIRE(m.revenue[builder] == static_cast<model::Cents>(m.orders[builder]) * m.price[builder] + fees);
        REQUIRE(f.local_orders_tourism <= f.tourism_needs);
        REQUIRE(f.money_overflows == 0);
    }
    // Not vacuous: every stream of money flowed.
    const model::Flows& f = sim.totals();
    CHECK(f.live_orders > 0);
    CHECK(f.commission > 0);
    CHECK(f.social_orders > 0);
    CHECK(f.social_supply > 0);
    CHECK(f.local_orders_tourism > 0);
    CHECK(f.local_orders_offline > 0);
    CHECK(f.aggregator_fees > 0);
    CHECK(sim.take_row().aggregator_members > 5);  // past expand_members: a second kind
}
