// The counter-based generator: reproducible per key, independent across keys, uniform.
#include <cmath>
#include <vector>

#include "catch.hpp"
#include "core/rng.hpp"

using grassroots::core::RandomStream;

TEST_CASE("RNG: the same key gives the same draws, another key other draws", "[rng]") {
    RandomStream a(42, 3, 7, 1000), b(42, 3, 7, 1000), c(42, 3, 7, 1001), d(43, 3, 7, 1000);
    int equal_to_c = 0, equal_to_d = 0;
    for (int i = 0; i < 1000; ++i) {
        const auto x = a.next_u64();
        REQUIRE(x == b.next_u64());
        equal_to_c += x == c.next_u64();
        equal_to_d += x == d.next_u64();
    }
    CHECK(equal_to_c == 0);
    CHECK(equal_to_d == 0);
}

TEST_CASE("RNG: uniform draws pass a chi-square test across many agents", "[rng]") {
    // First draw of 100,000 consecutive agent keys into 100 bins: the statistic has 99
    // degrees of freedom, mean 99 and sd 14; 160 is beyond the 99.999th percentile.
    std::vector<int> bins(100, 0);
    for (std::uint64_t agent = 0; agent < 100000; ++agent) {
        RandomStream rng(1, 1, 1, agent);
        ++bins[static_cast<std::size_t>(rng.uniform() * 100)];
    }
    double chi2 = 0.0;
    for (int count : bins) chi2 += (count - 1000.0) * (count - 1000.0) / 1000.0;
    CHECK(chi2 < 160.0);
}

TEST_CASE("RNG: below(n) is unbiased and normal() has mean 0 and sd 1", "[rng]") {
    RandomStream rng(9, 0, 0, 0);
    std::vector<int> counts(3, 0);
    for (int i = 0; i < 300000; ++i) ++counts[rng.below(3)];
    // Each count is Binomial(300000, 1/3): sd 258; 5 sd margin.
    for (int c : counts) CHECK(std::abs(c - 100000) < 1300);
    double sum = 0.0, squares = 0.0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        const double z = rng.normal();
        sum += z;
        squares += z * z;
    }
    // The mean's sd is 1/sqrt(n) = 0.0022 and the variance's sqrt(2/n) = 0.0032: 5 sd.
    CHECK(std::abs(sum / n) < 0.011);
    CHECK(std::abs(squares / n - 1.0) < 0.016);
    // count_with_mean has the exact mean.
    double total = 0.0;
    for (int i = 0; i < n; ++i) total += rng.count_with_mean(0.3);
    CHECK(std::abs(total / n - 0.3) < 0.005);  // sd of the mean: 0.001
}
