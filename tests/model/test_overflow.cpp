// Counts that would wrap stop the run instead of reporting nonsense: money in 64-bit
// cents (every addition checked, model/money.hpp) and an item's 32-bit view and like
// counts. Each case continues a real run from a world whose counters were set just below
// their limit, through the same pipeline as every run.
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "catch.hpp"
#include "model/money.hpp"
#include "support.hpp"

namespace model = grassroots::model;
using grassroots::testing::scenario_from;

namespace {

// 2,000 users online, 200 creators; 40 local merchants of one kind in one region, all
// online, and goods merchants selling through live sessions.
const char* const kShop = R"(
name: shop
ticks: 10
population:
  users: 2000
  cohorts: [{name: all, share: 1, p: 0, q: 0, initially_online: 1, attention: 20}]
  regions: 1
creators: {share: 0.1}
merchants: {count: 80, goods_share: 0.5, local_kinds: 1, initially_online: 1}
commerce:
  live: {min_followers: 0, session_rate: 1, buy: 0.5}
  local: {need_rate: 1}
)";

// The run of `yaml` after `ticks` ticks, continued from its world changed by `edit`.
template <class Edit>
model::Simulation continued(const char* yaml, int ticks, Edit edit) {
    auto s = scenario_from(yaml);
    auto graph = model::build_graph(s);
    model::Simulation sim(s, std::move(graph));
    for (int t = 0; t < ticks; ++t) sim.step();
    model::World world = sim.world();
    edit(world);
    return model::Simulation(s, std::move(world), sim.state());
}

}  // namespace

TEST_CASE("add_cents reports a sum past 2^63 - 1 cents", "[model][overflow]") {
    model::Cents total = std::numeric_limits<model::Cents>::max() - 5;
    CHECK(model::add_cents(total, 5));
    CHECK(total == std::numeric_limits<model::Cents>::max());
    CHECK_FALSE(model::add_cents(total, 1));
    model::Cents shared = std::numeric_limits<model::Cents>::max() - 1;
    CHECK(model::add_cents_atomic(shared, 1));
    CHECK_FALSE(model::add_cents_atomic(shared, 1));
}

TEST_CASE("Money that would pass 2^63 - 1 cents stops the run", "[model][overflow]") {
    // Control: the same continuation with ordinary revenue runs on and earns money.
    auto control = continued(kShop, 2, [](model::World&) {});
    control.step();
    CHECK(control.totals().local_revenue > 0);
    CHECK(control.totals().gmv > 0);
    CHECK(control.totals().money_overflows == 0);

    SECTION("a merchant's revenue") {
        auto sim = continued(kShop, 2, [](model::World& w) {
            for (auto& revenue : w.merchants.revenue) revenue = std::numeric_limits<model::Cents>::max() - 1000;
        });
        CHECK_THROWS_AS(sim.step(), model::MoneyOverflow);
    }
    SECTION("a host's commission income") {
        auto sim = continued(kShop, 2, [](model::World& w) {
            for (auto& income : w.creators.income) income = std::numeric_limits<model::Cents>::max() - 1000;
        });
        CHECK_THROWS_AS(sim.step(), model::MoneyOverflow);
    }
}

TEST_CASE("An item's views past 2^32 - 1 stop the run", "[model][overflow]") {
    auto sim = continued(kShop, 3, [](model::World& w) {
        for (auto& views : w.items.views) views = std::numeric_limits<std::uint32_t>::max() - 3;
        // Tallies already counted: as if the item had always had these views.
        w.items.tallied_views = w.items.views;
        for (auto& stage_views : w.items.stage_views) stage_views = std::numeric_limits<std::uint32_t>::max() - 3;
    });
    REQUIRE(sim.world().items.size() > 0);
    try {
        sim.step();
        FAIL("the views wrapped silently");
    } catch (const std::overflow_error& e) {
        CHECK(std::string(e.what()).find("passed 2^32 - 1 views") != std::string::npos);
    }
}
