// Traffic pools (src/model/traffic_pools.cpp) on hand-made items: an item that has used its
// stage's impressions moves to the next pool when its like rate over that stage reaches
// promote_threshold, and leaves the pools when it falls short or passes the last one.
#include "catch.hpp"
#include "model/tick.hpp"
#include "support.hpp"

namespace model = grassroots::model;
namespace testing = grassroots::testing;

namespace {

// Pools of 20, 200 and 2,000 impressions (stage 3 is "out of the pools"), promotion at a
// like rate of 0.25: 5 likes in 20 views, exact in binary floating point (5.0 / 20 and
// the threshold 0.25 are the same double), so "reaches" is tested at equality.
const char* const kPools = R"(
name: pools
ticks: 1
population: {users: 10}
graph: {type: complete}
platform:
  feed: {social: 0, interest: 0, explore: 1, pool_sizes: [20, 200, 2000], promote_threshold: 0.25}
)";

struct Item {
    std::uint8_t stage;
    std::uint32_t views, likes, stage_views, stage_likes;
};

// Runs the traffic-pool phase once on the given items and returns them as it left them.
std::vector<Item> judge(const std::vector<Item>& given, const std::vector<std::string>& sets = {}) {
    const auto s = testing::scenario_from(kPools, sets);
    model::World w;
    model::Items& items = w.items;
    items.for_each_column([&](auto& column) { column.resize(given.size()); });
    for (std::size_t i = 0; i < given.size(); ++i) {
        items.stage[i] = given[i].stage;
        items.views[i] = given[i].views;
        items.likes[i] = given[i].likes;
        items.stage_views[i] = given[i].stage_views;
        items.stage_likes[i] = given[i].stage_likes;
    }
    model::Flows flows;
    model::CohortFlows cohort_flows;
    model::Buffers buffers;
    model::TickContext ctx{s, w, 1, flows, cohort_flows, buffers};
    model::run_traffic_pools(ctx);
    std::vector<Item> out;
    for (std::size_t i = 0; i < given.size(); ++i) {
        out.push_back({items.stage[i], items.views[i], items.likes[i], items.stage_views[i], items.stage_likes[i]});
    }
    return out;
}

}  // namespace

TEST_CASE("Traffic pools: a like rate at the threshold promotes, one like less does not", "[model][pools]") {
    const auto out = judge({
        {0, 20, 5, 0, 0},            // 0: 5 / 20 = 0.25 reaches the threshold: into the 200 pool
        {0, 20, 4, 0, 0},            // 1: 4 / 20 = 0.2: leaves the pools (stage 3)
        {0, 19, 19, 0, 0},           // 2: 19 of 20 impressions used: not judged yet, however liked
        {0, 24, 6, 0, 0},            // 3: a day's views overshot the pool: 6 / 24 = 0.25 promotes
        {1, 220, 55, 20, 5},         // 4: stage 1 rate 50 / 200 = 0.25: into the 2,000 pool
        {1, 220, 54, 20, 5},         // 5: 49 / 200: leaves
        {1, 219, 219, 20, 5},        // 6: 199 of 200 used: waits
        {2, 2220, 555, 220, 55},     // 7: 500 / 2000 at the last pool: passes it and leaves
        {3, 9000, 9000, 2220, 555},  // 8: out of the pools: never judged again
        {1, 220, 60, 20, 50},        // 9: 0.27 over the item's life but 10 / 200 over the stage: leaves
        {1, 220, 50, 20, 0},         // 10: 0 likes in stage 0 do not count against stage 1: promoted
    });
    REQUIRE(out.size() == 11);
    const std::uint8_t expected[] = {1, 3, 0, 1, 2, 3, 1, 3, 3, 3, 2};
    for (std::size_t i = 0; i < out.size(); ++i) {
        INFO("item " << i);
        CHECK(out[i].stage == expected[i]);
    }
    // A judged item's next stage counts from its views and likes now.
    CHECK(out[0].stage_views == 20);
    CHECK(out[0].stage_likes == 5);
    CHECK(out[3].stage_views == 24);
    CHECK(out[3].stage_likes == 6);
    CHECK(out[4].stage_views == 220);
    CHECK(out[4].stage_likes == 55);
    // An item not judged keeps its stage's start.
    CHECK(out[2].stage_views == 0);
    CHECK(out[6].stage_views == 20);
    CHECK(out[6].stage_likes == 5);
    CHECK(out[8].stage_views == 2220);
}

TEST_CASE("Traffic pools: the threshold decides", "[model][pools]") {
    // The same item (6 likes in 20 views, 0.3) against thresholds either side of its rate.
    const std::vector<Item> item{{0, 20, 6, 0, 0}};
    CHECK(judge(item, {"platform.feed.promote_threshold=0.3"})[0].stage == 1);
    CHECK(judge(item, {"platform.feed.promote_threshold=0.31"})[0].stage == 3);
    CHECK(judge(item, {"platform.feed.promote_threshold=0"})[0].stage == 1);
    // pool_sizes: the same item in a larger first pool is not judged yet.
    CHECK(judge(item, {"platform.feed.pool_sizes.0=21"})[0].stage == 0);
}

TEST_CASE("Traffic pools: no explore source, no judging", "[model][pools]") {
    // The pools feed the explore source only; with explore 0 items keep their stage.
    const auto out = judge({{0, 20, 5, 0, 0}, {0, 20, 0, 0, 0}}, {"platform.feed.explore=0", "platform.feed.social=1"});
    CHECK(out[0].stage == 0);
    CHECK(out[1].stage == 0);
}
