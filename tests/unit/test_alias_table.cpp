#include <cmath>
#include <vector>

#include "catch.hpp"
#include "core/alias_table.hpp"

using namespace grassroots::core;

TEST_CASE("Alias table draws in proportion to the weights", "[alias]") {
    const std::vector<double> weights{1.0, 0.0, 3.0, 6.0, 0.5, 0.5};
    std::vector<float> probability(weights.size());
    std::vector<std::uint32_t> alias(weights.size());
    std::vector<std::uint32_t> small, large;
    build_alias(weights, probability, alias, small, large);
    std::vector<AliasSlot> slots(weights.size());
    pack_alias(probability, alias, {}, slots);

    RandomStream rng(5, 0, 0, 0);
    const int draws = 1'100'000;
    std::vector<int> counts(weights.size(), 0);
    for (int i = 0; i < draws; ++i) ++counts[draw_alias(slots, rng)];
    CHECK(counts[1] == 0);  // a zero weight is never drawn
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const double p = weights[i] / 11.0;
        const double sd = std::sqrt(draws * p * (1.0 - p));
        // 5 sd: a false alarm once in millions of runs.
        CHECK(std::abs(counts[i] - draws * p) <= 5.0 * sd + 1e-9);
    }
}

TEST_CASE("Alias table with all weights zero draws uniformly", "[alias]") {
    const std::vector<double> weights(4, 0.0);
    std::vector<float> probability(4);
    std::vector<std::uint32_t> alias(4);
    std::vector<std::uint32_t> small, large;
    build_alias(weights, probability, alias, small, large);
    std::vector<AliasSlot> slots(4);
    pack_alias(probability, alias, {}, slots);
    RandomStream rng(6, 0, 0, 0);
    std::vector<int> counts(4, 0);
    for (int i = 0; i < 40000; ++i) ++counts[draw_alias(slots, rng)];
    for (int c : counts) CHECK(std::abs(c - 10000) < 500);  // sd 87
}

TEST_CASE("A packed alias table yields the caller's ids in proportion to the weights", "[alias]") {
    // Weights 1 : 3 on ids 70 and 42 (a slot and its alias both renamed).
    const std::vector<double> weights{1.0, 3.0};
    const std::vector<std::uint32_t> ids{70, 42};
    std::vector<float> probability(2);
    std::vector<std::uint32_t> alias(2);
    std::vector<std::uint32_t> small, large;
    build_alias(weights, probability, alias, small, large);
    std::vector<AliasSlot> slots(2);
    pack_alias(probability, alias, ids, slots);
    RandomStream rng(7, 0, 0, 0);
    int seventy = 0, forty_two = 0;
    for (int i = 0; i < 40000; ++i) {
        const std::uint32_t id = draw_alias(slots, rng);
        seventy += id == 70;
        forty_two += id == 42;
    }
    CHECK(seventy + forty_two == 40000);
    CHECK(std::abs(seventy - 10000) < 5 * 87);  // binomial sd sqrt(40000 * 0.25 * 0.75) = 87
}
