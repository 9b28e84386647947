#include <cstdint>
#include <vector>

#include "catch.hpp"
#include "metrics/inequality.hpp"

namespace metrics = grassroots::metrics;

TEST_CASE("Gini of known distributions", "[metrics]") {
    const std::vector<std::uint32_t> equal(10, 5);
    CHECK(metrics::gini(equal) == Approx(0.0).margin(1e-12));
    // One holder of everything among n: (n - 1) / n.
    std::vector<std::uint32_t> one(10, 0);
    one[3] = 7;
    CHECK(metrics::gini(one) == Approx(0.9));
    // 1, 2, 3, 4: G = 2 * (1 + 4 + 9 + 16) / (4 * 10) - 5 / 4 = 0.25.
    const std::vector<std::uint32_t> ramp{4, 1, 3, 2};
    CHECK(metrics::gini(ramp) == Approx(0.25));
    const std::vector<double> ramp_d{4, 1, 3, 2};
    CHECK(metrics::gini(ramp_d) == Approx(0.25));
    CHECK(metrics::gini(std::vector<std::uint32_t>{}) == 0.0);
    CHECK(metrics::gini(std::vector<std::uint32_t>(5, 0)) == 0.0);
}

TEST_CASE("Top share takes the largest ceil(fraction * n) values", "[metrics]") {
    std::vector<std::uint32_t> v(200, 1);
    v[17] = 101;  // top 1% of 200 = 2 values: 101 + 1 of a total 300
    CHECK(metrics::top_share(v, 0.01) == Approx(102.0 / 300.0));
    CHECK(metrics::top_share(std::vector<std::uint32_t>{0, 0}, 0.01) == 0.0);
    CHECK(metrics::top_share(std::vector<std::uint32_t>{3}, 0.01) == 1.0);
}
