// Seen items (engagement.seen_filter, issue 11): a per-user Bloom filter never forgets an
// item it holds (no user likes an item twice), its false-positive rate is the one it was
// sized for, and its two generations cover an item's whole life.
#include <cmath>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "catch.hpp"
#include "core/rng.hpp"
#include "model/seen_filter.hpp"
#include "support.hpp"

namespace model = grassroots::model;
namespace sc = grassroots::scenario;
namespace testing = grassroots::testing;

TEST_CASE("Seen filter: sized for n items at rate p, it holds them all and errs at about p", "[seen]") {
    // 2,000 users' filters, each filled with the 210 items it was sized for (attention 30 x
    // 7 days), then asked about 500 items it never saw: 1,000,000 checks. A Bloom filter of
    // m bits and k hashes holding n items errs with chance (1 - e^(-kn/m))^k, about 0.0098
    // for the shape chosen at p = 0.01 (and 0.048 at 0.05); the sd of the measured rate
    // over 1e6 checks is 1e-4, so +-0.003 is many sd yet tells 0.01 from 0.05 or 0.005.
    for (const double rate : {0.01, 0.05}) {
        model::SeenFilters f;
        f.shape = model::seen_filter_shape(210, rate);
        const double m = f.shape.words * 64.0, k = f.shape.hashes;
        const double theory = std::pow(1.0 - std::exp(-k * 210.0 / m), k);
        constexpr std::uint32_t kUsers = 2000;
        f.current.assign(std::size_t{kUsers} * f.shape.words, 0);
        f.previous.assign(f.current.size(), 0);
        grassroots::core::RandomStream rng(7, 0, 0, 0);
        std::uint64_t misses = 0, false_positives = 0, checks = 0;
        for (std::uint32_t u = 0; u < kUsers; ++u) {
            std::vector<std::uint64_t> held;
            for (int i = 0; i < 210; ++i) held.push_back(rng.next_u64() >> 1);  // ids below 2^63
            for (const auto id : held) f.insert(u, id);
            for (const auto id : held) misses += f.contains(u, id) ? 0 : 1;
            for (int i = 0; i < 500; ++i, ++checks) false_positives += f.contains(u, rng.next_u64() | (1ULL << 63));
        }
        const double measured = static_cast<double>(false_positives) / static_cast<double>(checks);
        INFO("rate " << rate << ": " << f.shape.words << " words, " << f.shape.hashes << " hashes, theory " << theory
                     << ", measured " << measured);
        CHECK(misses == 0);
        CHECK(theory <= rate * 1.05);
        CHECK(std::abs(measured - theory) < 0.003);
    }
}

TEST_CASE("Seen filter: two generations remember an item for a lifetime, then forget it", "[seen]") {
    model::SeenFilters f;
    f.shape = model::seen_filter_shape(50, 0.01);
    f.current.assign(f.shape.words, 0);
    f.previous.assign(f.shape.words, 0);
    f.insert(0, 42);  // viewed on day 0, in the generation that began on day 0
    for (int tick = 1; tick <= 6; ++tick) f.rotate_if_due(tick, 7);
    CHECK(f.contains(0, 42));  // still in the current generation on day 6
    f.rotate_if_due(7, 7);     // day 7: it moves to the previous generation
    CHECK(f.contains(0, 42));
    for (int tick = 8; tick <= 13; ++tick) f.rotate_if_due(tick, 7);
    CHECK(f.contains(0, 42));
    f.rotate_if_due(14, 7);  // day 14: gone; an item of day 0 with a 7-day life expired on day 7
    CHECK_FALSE(f.contains(0, 42));
}

TEST_CASE("Seen filter: with it on no user likes an item twice; with it off users do", "[seen]") {
    // Every like becomes a share (share_given_like 1), and a user's shares of the previous
    // tick are in World::shared: every (user, item) like of the run is read from there.
    // Small worlds with long-lived items and little content make repeats common without
    // the filter (566,250 in the first world and seed, measured), so the off runs show the
    // test can fail.
    const std::string yaml = R"(
name: seen
ticks: 30
population:
  users: 3000
  cohorts: [{name: all, share: 1, initially_online: 1, attention: 20}]
graph: {type: barabasi_albert, m: 4}
creators: {share: 0.01, item_lifetime: 14}
engagement: {like: 0.3, share_given_like: 1, follow_given_like: 0.05}
)";
    for (const std::uint64_t world_seed : {1, 2}) {
        for (const std::uint64_t seed : {1, 2}) {
            std::uint64_t repeats[2] = {};
            for (const bool on : {true, false}) {
                sc::Scenario s = testing::scenario_from(
                    yaml, {"seed=" + std::to_string(seed), "world_seed=" + std::to_string(world_seed),
                           std::string("engagement.seen_filter=") + (on ? "true" : "false")});
                model::Simulation sim(s, model::build_graph(s));
                REQUIRE(sim.world().seen.enabled() == on);
                std::set<std::pair<std::uint32_t, std::uint64_t>> liked;
                for (int t = 0; t < s.ticks; ++t) {
                    sim.step();
                    const auto& shared = sim.world().shared;
                    for (std::uint32_t u = 0; u < sim.world().users.size(); ++u) {
                        for (std::size_t i = 0; i < shared.row_size(u); ++i) {
                            repeats[on ? 0 : 1] += liked.insert({u, shared.row(u)[i]}).second ? 0 : 1;
                        }
                    }
                }
            }
            INFO("world " << world_seed << " seed " << seed << ": repeated likes " << repeats[0] << " with the filter, "
                          << repeats[1] << " without");
            CHECK(repeats[0] == 0);
            CHECK(repeats[1] > 20);
        }
    }
}

TEST_CASE("Seen filter: the keys size it; view_once or no content turn it off", "[seen]") {
    // attention 20 x item_lifetime 14 = 280 views a generation: at 1 % that is 2,684 bits
    // (42 words, 7 hashes), at 20 % 938 bits (15 words, 2 hashes). A run shorter than an
    // item's life needs room for its own days only: 2 ticks, 40 views, 384 bits (6 words).
    const std::string yaml = R"(
name: seen
ticks: 30
population:
  users: 100
  cohorts: [{name: all, share: 1, initially_online: 1, attention: 20}]
creators: {share: 0.1, item_lifetime: 14}
)";
    const auto shape = [&](const std::vector<std::string>& sets) {
        return model::seen_filter_shape_for(testing::scenario_from(yaml, sets));
    };
    CHECK(shape({}).words == 42);
    CHECK(shape({}).hashes == 7);
    CHECK(shape({"engagement.seen_filter_fpr=0.2"}).words == 15);
    CHECK(shape({"engagement.seen_filter_fpr=0.2"}).hashes == 2);
    CHECK(shape({"creators.item_lifetime=28"}).words == 84);
    CHECK(shape({"ticks=14"}).words == 42);
    CHECK(shape({"ticks=2"}).words == 6);
    CHECK(shape({"ticks=2"}).hashes == 7);
    CHECK(shape({"engagement.seen_filter=false"}).words == 0);
    CHECK(shape({"engagement.view_once=true"}).words == 0);
    CHECK(shape({"creators.share=0"}).words == 0);
}
