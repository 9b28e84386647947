// commerce.local.reputation and commerce.local.price_elasticity (issue 12, local services):
// a need picks among the online merchants of its kind in its region in proportion to
// (orders so far + 1)^reputation x (price / the cell's mean price)^-price_elasticity.
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support.hpp"

namespace model = grassroots::model;
namespace testing = grassroots::testing;

namespace {

// 4,000 users all online in 5 regions, 200 local merchants of 2 kinds (10 cells of ~20),
// all online from the start and no adoption: the choice among a cell's merchants is all
// that differs between runs. 0.2 needs per user per day: ~800 orders a day.
model::Simulation make(std::uint64_t seed, std::uint64_t world_seed, const std::vector<std::string>& sets) {
    const std::string yaml = R"(
name: choice
ticks: 20
population:
  users: 4000
  regions: 5
creators: {share: 0}
merchants:
  count: 200
  goods_share: 0
  local_kinds: 2
  price: {mu: 4, sigma: 0.5}
  initially_online: 1
  mini_program: {base: 0, peer: 0, economic: 0}
commerce:
  local: {need_rate: 0.2}
)";
    auto s = testing::scenario_from(
        yaml, testing::with({"seed=" + std::to_string(seed), "world_seed=" + std::to_string(world_seed)}, sets));
    return model::Simulation(s, model::build_graph(s));
}

std::uint64_t cell(const model::Merchants& m, std::size_t id) { return std::uint64_t{m.region[id]} * 2 + m.kind[id]; }

// Orders per merchant priced below its cell's mean price over orders per merchant priced
// above it.
double cheap_over_dear(const model::Merchants& m) {
    std::map<std::uint64_t, std::pair<double, double>> prices;  // cell -> sum, count
    for (std::size_t id = 0; id < m.size(); ++id) {
        auto& [sum, count] = prices[cell(m, id)];
        sum += static_cast<double>(m.price[id]);
        count += 1.0;
    }
    double cheap_orders = 0.0, cheap = 0.0, dear_orders = 0.0, dear = 0.0;
    for (std::size_t id = 0; id < m.size(); ++id) {
        const auto& [sum, count] = prices[cell(m, id)];
        const bool below = static_cast<double>(m.price[id]) < sum / count;
        (below ? cheap_orders : dear_orders) += static_cast<double>(m.orders[id]);
        (below ? cheap : dear) += 1.0;
    }
    return (cheap_orders / cheap) / (dear_orders / dear);
}

// Runs 10 days, takes each cell's leader (the most orders, the lowest id among equals),
// runs 10 more: the leaders' share of the later orders over their share of merchants.
double leaders_later_share(model::Simulation sim) {
    for (int t = 0; t < 10; ++t) sim.step();
    const model::Merchants before = sim.world().merchants;
    std::map<std::uint64_t, std::size_t> leader;
    for (std::size_t id = 0; id < before.size(); ++id) {
        const auto [at, fresh] = leader.try_emplace(cell(before, id), id);
        if (!fresh && before.orders[id] > before.orders[at->second]) at->second = id;
    }
    for (int t = 0; t < 10; ++t) sim.step();
    const model::Merchants& after = sim.world().merchants;
    double to_leaders = 0.0, all = 0.0;
    for (std::size_t id = 0; id < after.size(); ++id) all += static_cast<double>(after.orders[id] - before.orders[id]);
    for (const auto& [c, id] : leader) to_leaders += static_cast<double>(after.orders[id] - before.orders[id]);
    return (to_leaders / all) / (static_cast<double>(leader.size()) / static_cast<double>(after.size()));
}

}  // namespace

TEST_CASE("Key commerce.local.price_elasticity: cheaper merchants take more of their cell's orders",
          "[model][keys][local]") {
    for (const std::uint64_t world_seed : {1, 2}) {
        double uniform = 0.0, elastic = 0.0;
        for (const std::uint64_t seed : {1, 2, 3}) {
            auto a = make(seed, world_seed, {});
            auto b = make(seed, world_seed, {"commerce.local.price_elasticity=2"});
            for (int t = 0; t < 20; ++t) a.step(), b.step();
            uniform += cheap_over_dear(a.world().merchants) / 3.0;
            elastic += cheap_over_dear(b.world().merchants) / 3.0;
        }
        INFO("world " << world_seed << ": orders per cheap / per dear merchant, elasticity 0 " << uniform
                      << ", elasticity 2 " << elastic);
        // Measured 0.98 / 0.99 uniform (each merchant takes ~80 orders: a few % of noise)
        // against 4.7 / 5.6 at elasticity 2 (log-prices spread 0.5 around the cell's mean: a
        // cheap merchant is ~0.7 of the mean, a dear one ~1.4, (1.4 / 0.7)^2 = 4); 3 is
        // half the smaller gap above 1.
        CHECK(std::abs(uniform - 1.0) < 0.1);
        CHECK(elastic > 3.0);
    }
}

TEST_CASE("Key commerce.local.reputation: merchants with more past orders take more of the later ones",
          "[model][keys][local]") {
    for (const std::uint64_t world_seed : {1, 2}) {
        double uniform = 0.0, reputed = 0.0;
        for (const std::uint64_t seed : {1, 2, 3}) {
            uniform += leaders_later_share(make(seed, world_seed, {})) / 3.0;
            reputed += leaders_later_share(make(seed, world_seed, {"commerce.local.reputation=1"})) / 3.0;
        }
        INFO("world " << world_seed << ": later orders of each cell's leader over a fair share, reputation 0 "
                      << uniform << ", reputation 1 " << reputed);
        // Measured 1.01 / 1.01 (a leader of 10 days is only luckier: no edge later) against
        // 2.25 / 2.29 at reputation 1 (a Polya urn: ~80 orders with the luckiest at ~2x the
        // mean keeps drawing ~2x); 1.6 is half the smaller gap.
        CHECK(uniform < 1.2);
        CHECK(reputed > 1.6);
    }
}
