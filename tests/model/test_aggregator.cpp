// merchants.aggregator (issue 12, the locksmith whose mini program became a platform for
// locksmiths): others of the builder's kind join its program for a share of the cost of
// their own and pay it a fee per order.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support.hpp"

namespace model = grassroots::model;
namespace testing = grassroots::testing;

namespace {

// 3,000 users all online in 10 regions, 200 local merchants of 4 kinds (20 cells of ~10),
// none online at the start; a program of their own costs 200,000 (a merchant alone in its
// cell expects 0.05 x 300 / 4 = 3.75 needs a day, ~55 each, margin 0.3, 90 days: ~5,600,
// so few build one). 180 days.
const char* kWorld = R"(
name: aggregator
ticks: 180
population:
  users: 3000
  regions: 10
creators: {share: 0}
merchants:
  count: 200
  goods_share: 0
  local_kinds: 4
  mini_program: {cost: 200000, base: 0.0002, peer: 0.03, economic: 0.01}
commerce:
  local: {need_rate: 0.05}
)";

struct Result {
    model::World world;
    model::Flows totals;
    std::uint64_t members = 0;
};

Result run(std::uint64_t seed, std::uint64_t world_seed, const std::vector<std::string>& sets) {
    auto s = testing::scenario_from(
        kWorld, testing::with({"seed=" + std::to_string(seed), "world_seed=" + std::to_string(world_seed)}, sets));
    model::Simulation sim(s, model::build_graph(s));
    for (int t = 0; t < 180; ++t) sim.step();
    Result r{sim.world(), sim.totals(), sim.take_row().aggregator_members};
    return r;
}

double online_of_kind(const model::World& w, std::uint16_t kind) {
    double n = 0.0;
    for (std::size_t i = 0; i < w.merchants.size(); ++i) n += w.merchants.kind[i] == kind && w.merchants.online[i];
    return n;
}

}  // namespace

TEST_CASE("Key merchants.aggregator.kind: an aggregator brings more merchants of its kind online",
          "[model][keys][local]") {
    for (const std::uint64_t world_seed : {1, 2}) {
        double without = 0.0, with = 0.0, other_without = 0.0, other_with = 0.0;
        for (const std::uint64_t seed : {1, 2, 3}) {
            const Result a = run(seed, world_seed, {});
            const Result b = run(seed, world_seed, {"merchants.aggregator.kind=0"});
            without += online_of_kind(a.world, 0) / 3.0;
            with += online_of_kind(b.world, 0) / 3.0;
            other_without += online_of_kind(a.world, 1) / 3.0;
            other_with += online_of_kind(b.world, 1) / 3.0;
            CHECK(a.members == 0);
        }
        INFO("world " << world_seed << ": locksmiths (kind 0) online " << without << " -> " << with
                      << ", kind 1 (not covered) " << other_without << " -> " << other_with);
        // Measured 2.3 -> 23.3 / 2.7 -> 17.7 of ~50 locksmiths (joining costs 20,000, a
        // tenth of a program of one's own), margin half the smaller gap; kind 1, which the
        // aggregator does not cover, is untouched (3.3 / 3.7 both ways: its chances do not
        // depend on kind 0).
        CHECK(with > without + 7.0);
        CHECK(std::abs(other_with - other_without) < 2.0);
    }
}

TEST_CASE("Key merchants.aggregator.join_share: cheaper joining, more members, more income for the builder",
          "[model][keys][local]") {
    for (const std::uint64_t world_seed : {1, 2}) {
        double members_dear = 0.0, members_cheap = 0.0, income_dear = 0.0, income_cheap = 0.0;
        for (const std::uint64_t seed : {1, 2, 3}) {
            const Result dear =
                run(seed, world_seed, {"merchants.aggregator.kind=0", "merchants.aggregator.join_share=0.5"});
            const Result cheap =
                run(seed, world_seed, {"merchants.aggregator.kind=0", "merchants.aggregator.join_share=0.02"});
            members_dear += static_cast<double>(dear.members) / 3.0;
            members_cheap += static_cast<double>(cheap.members) / 3.0;
            income_dear += static_cast<double>(dear.totals.aggregator_fees) / 300.0;
            income_cheap += static_cast<double>(cheap.totals.aggregator_fees) / 300.0;
        }
        INFO("world " << world_seed << ": members " << members_dear << " -> " << members_cheap
                      << ", builder's fees (currency units) " << income_dear << " -> " << income_cheap);
        // Measured: members 6.3 -> 44 / 4.3 -> 37 and fees 6,384 -> 20,375 (x3.2) / 3,690 ->
        // 16,754 (x4.5): the builder's income follows its members (5 % of ~55 an order, each
        // member taking its share of its cell's needs). Margins about half the gaps.
        CHECK(members_cheap > members_dear + 15.0);
        CHECK(income_cheap > 1.8 * income_dear);
    }
}

TEST_CASE("Key merchants.aggregator.expand_members: the aggregator opens to the next kinds as it grows",
          "[model][keys][local]") {
    for (const std::uint64_t world_seed : {1, 2}) {
        double fixed = 0.0, expanding = 0.0;
        for (const std::uint64_t seed : {1, 2, 3}) {
            fixed += static_cast<double>(run(seed, world_seed, {"merchants.aggregator.kind=0"}).members) / 3.0;
            expanding +=
                static_cast<double>(
                    run(seed, world_seed, {"merchants.aggregator.kind=0", "merchants.aggregator.expand_members=10"})
                        .members) /
                3.0;
        }
        INFO("world " << world_seed << ": members, one kind " << fixed << ", opening a kind every 10 " << expanding);
        // Measured 22 -> 47 / 17 -> 42 members: past 10 members the locksmiths' program
        // opens to kind 1, past 20 to kind 2... Margin half the smaller gap.
        CHECK(expanding > fixed + 12.0);
    }
}
