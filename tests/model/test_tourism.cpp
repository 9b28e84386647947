// commerce.local.tourism_rate (issue 12, the viral nobody who lifts his home town): views
// of a creator's items draw local needs to the region its user lives in.
#include <cstdint>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support.hpp"

namespace model = grassroots::model;
namespace testing = grassroots::testing;

namespace {

// scenarios/viral_nobody.yaml's world cut to 2,000 users and 40 days, with 2 topics (the
// interest source then shows the prodigy to half of the users), in 10 regions, with
// 100 local merchants of 2 kinds all online (5 per cell): a need finds a merchant, so a
// region's orders are its residents' needs (0.02 a user a day) plus its visitors' (0.01 a
// view: visitors outnumber residents, so that where views go shows).
model::World run(std::uint64_t seed, std::uint64_t world_seed, const std::vector<std::string>& sets) {
    const std::string yaml = R"(
name: hometown_test
ticks: 40
population:
  users: 2000
  cohorts:
    - {name: all, share: 1, p: 0, q: 0, initially_online: 1, attention: 20}
  regions: 10
graph: {type: barabasi_albert, m: 5}
creators:
  share: 0.02
  topics: 2
  elite_share: 0.1
  talent: {mu: 0, sigma: 0.5}
  prodigy_talent: 25
  elite: {initial_followers: 100, quality_boost: 0.5, rate_multiplier: 2}
merchants:
  count: 100
  goods_share: 0
  local_kinds: 2
  initially_online: 1
  mini_program: {base: 0, peer: 0, economic: 0}
commerce:
  local: {need_rate: 0.02, tourism_rate: 0.01}
)";
    auto s = testing::scenario_from(
        yaml, testing::with({"seed=" + std::to_string(seed), "world_seed=" + std::to_string(world_seed)}, sets));
    model::Simulation sim(s, model::build_graph(s));
    for (int t = 0; t < 40; ++t) sim.step();
    return sim.world();
}

std::vector<double> orders_by_region(const model::World& w) {
    std::vector<double> orders(w.regions, 0.0);
    for (std::size_t i = 0; i < w.merchants.size(); ++i) {
        orders[w.merchants.region[i]] += static_cast<double>(w.merchants.orders[i]);
    }
    return orders;
}

}  // namespace

TEST_CASE("Key commerce.local.tourism_rate: a viral creator's views raise its home region's local orders",
          "[model][keys][local]") {
    for (const std::uint64_t world_seed : {1, 2}) {
        double home_with = 0.0, home_without = 0.0, rest_with = 0.0, rest_without = 0.0;
        for (const std::uint64_t seed : {1, 2, 3, 4}) {
            const model::World with = run(seed, world_seed, {});
            const model::World without = run(seed, world_seed, {"creators.prodigy_talent=0"});
            // The prodigy: the creator with talent 25 (the same world seed draws the same
            // creator, with an ordinary talent, in the run without).
            std::uint32_t home = 0;
            for (std::size_t c = 0; c < with.creators.size(); ++c) {
                if (with.creators.talent[c] == 25.0f) home = with.users.region[with.creators.user[c]];
            }
            const auto a = orders_by_region(with), b = orders_by_region(without);
            for (std::uint32_t r = 0; r < with.regions; ++r) {
                (r == home ? home_with : rest_with) += a[r];
                (r == home ? home_without : rest_without) += b[r];
            }
        }
        const double home_gain = home_with / home_without, rest_gain = rest_with / rest_without;
        INFO("world " << world_seed << ": the prodigy's region " << home_without << " -> " << home_with
                      << " local orders, the other regions " << rest_without << " -> " << rest_with);
        // Views are a fixed budget (attention): the prodigy does not add visitors, it moves
        // them home from the regions whose creators it outshines. Measured over seeds 1-4:
        // its region 4,082 -> 4,412 (+8 %) / 4,541 -> 4,657 (+3 %), the others -7 % / -6 %.
        // Its views over 40 days are only a few % of all (9 items, ~18,000 views), hence the
        // small rise; the gap between home and the rest, 15 / 8 points, has a margin of half
        // the smaller one.
        CHECK(home_gain > 1.0);
        CHECK(rest_gain < 1.0);
        CHECK(home_gain > rest_gain + 0.04);
    }
}
