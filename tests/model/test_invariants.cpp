// Invariants that hold at every tick of any run (NetworKit's style of test: they must hold
// exactly, not statistically).
#include <algorithm>
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

TEST_CASE("Invariants: money is conserved every tick with every mechanism on, social commerce included",
          "[model][invariants]") {
    // tests/inputs/good/everything.yaml (live commerce, local services, mini programs,
    // entry and exit) with social commerce and income feedback on: every cent paid is
    // received, at every tick, in every channel.
    auto s = grassroots::testing::scenario_from(
        grassroots::scenario::read_scenario_file(grassroots::testing::kEverythingPath),
        {"population.users=2000", "ticks=40", "commerce.social.seller_share=0.05", "commerce.social.buy=0.02",
         "creators.effort.income_elasticity=1", "creators.exit.min_income=1", "creators.entry.success_income=1"});
    model::Simulation sim(s, model::build_graph(s));
    model::Flows sum;
    for (int t = 1; t <= 40; ++t) {
        sim.step();
        const auto f = sim.take_row().flows;
        sum += f;
        REQUIRE(f.gmv == f.live_merchant_revenue + f.commission + f.platform_take);
        REQUIRE(f.social_gmv == f.social_seller_income + f.social_supply);
        REQUIRE(f.social_seller_income <= f.social_gmv);
        const model::World& w = sim.world();
        const auto income = std::accumulate(w.creators.income.begin(), w.creators.income.end(), model::Cents{0});
        const auto revenue = std::accumulate(w.merchants.revenue.begin(), w.merchants.revenue.end(), model::Cents{0});
        const auto sellers = std::accumulate(w.seller_income.begin(), w.seller_income.end(), model::Cents{0});
        REQUIRE(income == sum.commission);
        REQUIRE(revenue == sum.local_revenue + sum.live_merchant_revenue);
        REQUIRE(sellers == sum.social_seller_income);
    }
    // Not vacuous: every stream of money flowed.
    CHECK(sum.live_orders > 0);
    CHECK(sum.local_orders > 0);
    CHECK(sum.social_orders > 0);
    CHECK(sum.commission > 0);
    CHECK(sum.social_supply > 0);
}
