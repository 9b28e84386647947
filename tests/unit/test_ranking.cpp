// Rank measures (src/metrics/ranking.cpp) on cases computed by hand: Spearman's rho with
// and without ties, top_k's order and tie rule, the median of odd and even counts.
#include <cmath>
#include <cstdint>
#include <vector>

#include "catch.hpp"
#include "metrics/ranking.hpp"

namespace metrics = grassroots::metrics;
using V = std::vector<double>;
using Ids = std::vector<std::uint32_t>;

TEST_CASE("Spearman: monotone relations are +-1, whatever their shape", "[metrics]") {
    CHECK(metrics::spearman(V{1, 2, 3, 4}, V{10, 20, 30, 40}) == Approx(1.0));
    CHECK(metrics::spearman(V{1, 2, 3, 4}, V{1, 4, 9, 16}) == Approx(1.0));  // not linear, still monotone
    CHECK(metrics::spearman(V{1, 2, 3, 4}, V{8, 4, 2, 1}) == Approx(-1.0));
    CHECK(metrics::spearman(V{3, 1, 4, 2}, V{30, 10, 40, 20}) == Approx(1.0));  // order of input irrelevant
}

TEST_CASE("Spearman: hand-computed values, with ties at their average rank", "[metrics]") {
    // x ranks 1..5; y = 5, 6, 7, 8, 7 ranks 1, 2, 3.5, 5, 3.5 (the two 7s share ranks 3 and
    // 4). Deviations from the mean rank 3: x -2 -1 0 1 2, y -2 -1 0.5 2 0.5:
    // sum xy = 4 + 1 + 0 + 2 + 1 = 8, sum xx = 10, sum yy = 4 + 1 + 0.25 + 4 + 0.25 = 9.5.
    CHECK(metrics::spearman(V{1, 2, 3, 4, 5}, V{5, 6, 7, 8, 7}) == Approx(8.0 / std::sqrt(95.0)));
    // Ties on both sides: ranks 1.5 1.5 3.5 3.5 against 1.5 3.5 1.5 3.5 (deviations
    // -1 -1 1 1 against -1 1 -1 1): sum xy = 1 - 1 - 1 + 1 = 0.
    CHECK(metrics::spearman(V{1, 1, 2, 2}, V{1, 2, 1, 2}) == Approx(0.0).margin(1e-12));
    CHECK(metrics::spearman(V{1, 1, 2, 2}, V{5, 5, 9, 9}) == Approx(1.0));
    // Without ties rho = 1 - 6 sum d^2 / (n (n^2 - 1)): ranks 1 2 3 4 against 2 1 4 3,
    // sum d^2 = 4, rho = 1 - 24 / 60 = 0.6.
    CHECK(metrics::spearman(V{1, 2, 3, 4}, V{2, 1, 4, 3}) == Approx(0.6));
    // Symmetric in its arguments.
    CHECK(metrics::spearman(V{5, 6, 7, 8, 7}, V{1, 2, 3, 4, 5}) == Approx(8.0 / std::sqrt(95.0)));
}

TEST_CASE("Spearman: undefined for fewer than two values or a constant side", "[metrics]") {
    CHECK(std::isnan(metrics::spearman(V{}, V{})));
    CHECK(std::isnan(metrics::spearman(V{1}, V{2})));
    CHECK(std::isnan(metrics::spearman(V{3, 3, 3}, V{1, 2, 3})));
    CHECK(std::isnan(metrics::spearman(V{1, 2, 3}, V{7, 7, 7})));
    CHECK_FALSE(std::isnan(metrics::spearman(V{1, 2}, V{2, 1})));
    CHECK(metrics::spearman(V{1, 2}, V{2, 1}) == Approx(-1.0));
}

TEST_CASE("top_k: the k largest, largest first, ties to the lower index", "[metrics]") {
    const std::vector<std::uint32_t> v{5, 9, 1, 9, 3};
    CHECK(metrics::top_k(v, 3) == Ids{1, 3, 0});
    CHECK(metrics::top_k(v, 1) == Ids{1});
    CHECK(metrics::top_k(v, 0).empty());
    // k past the size: every index, in order.
    CHECK(metrics::top_k(v, 10) == Ids{1, 3, 0, 4, 2});
    CHECK(metrics::top_k(std::vector<std::uint32_t>{}, 3).empty());
    // All equal: the lowest indices.
    CHECK(metrics::top_k(std::vector<std::uint32_t>{2, 2, 2, 2}, 2) == Ids{0, 1});
    // A tie across the cut: of the three 4s the two lowest indices make it.
    CHECK(metrics::top_k(std::vector<std::uint32_t>{4, 0, 4, 7, 4}, 3) == Ids{3, 0, 2});
}

TEST_CASE("median: middle value, mean of the two middle values, NaN for none", "[metrics]") {
    CHECK(metrics::median(V{3, 1, 2}) == 2.0);
    CHECK(metrics::median(V{4, 1, 3, 2}) == 2.5);
    CHECK(metrics::median(V{7}) == 7.0);
    CHECK(metrics::median(V{-1, -3}) == -2.0);
    CHECK(std::isnan(metrics::median(V{})));
    // Ties: the middle values may repeat.
    CHECK(metrics::median(V{2, 5, 2, 2}) == 2.0);
    CHECK(metrics::median(V{9, 3, 1, 3}) == 3.0);
    CHECK(metrics::median(V{5, 1, 5, 1}) == 3.0);
    CHECK(metrics::median(V{1, 1, 1, 1, 1}) == 1.0);
    // Unsorted input of an odd count, with the answer far from the mean.
    CHECK(metrics::median(V{100, -50, 2, 1, 3}) == 2.0);
}
