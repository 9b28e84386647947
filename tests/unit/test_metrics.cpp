#include <cmath>
#include <cstdint>
#include <vector>

#include "catch.hpp"
#include "core/rng.hpp"
#include "metrics/inequality.hpp"
#include "metrics/power_law.hpp"

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

TEST_CASE("Concentration: the Gini and top shares from one sort, by hand", "[metrics]") {
    // 0, 1, 2, 3, 4, 10 (total 20): the top 0.1 % of 6 is one value (10), the top half
    // three (10 + 4 + 3), all of them everything.
    const std::vector<std::uint32_t> small{3, 0, 10, 1, 4, 2};
    const double fractions[] = {0.001, 0.5, 1.0};
    const auto c = metrics::concentration(small, fractions);
    REQUIRE(c.top.size() == 3);
    CHECK(c.top[0] == Approx(10.0 / 20.0));
    CHECK(c.top[1] == Approx(17.0 / 20.0));
    CHECK(c.top[2] == Approx(1.0));
    CHECK(c.gini == Approx(metrics::gini(small)));

    // 999 creators with 1 and one with 1001 (total 2000): the top 0.1 %, 1 %, 3 %, 10 %
    // are 1, 10, 30, 100 creators: the large one and 0, 9, 29, 99 ones.
    std::vector<std::uint64_t> views(1000, 1);
    views[500] = 1001;
    const double top[] = {0.001, 0.01, 0.03, 0.1};
    const auto v = metrics::concentration(views, top);
    CHECK(v.top[0] == Approx(1001.0 / 2000.0));
    CHECK(v.top[1] == Approx(1010.0 / 2000.0));
    CHECK(v.top[2] == Approx(1030.0 / 2000.0));
    CHECK(v.top[3] == Approx(1100.0 / 2000.0));
    // The same as top_share, one fraction at a time.
    std::vector<std::uint32_t> views32(views.begin(), views.end());
    for (std::size_t i = 0; i < 4; ++i) CHECK(v.top[i] == Approx(metrics::top_share(views32, top[i])));

    // Nothing to share: 0, as top_share and gini say.
    const auto zero = metrics::concentration(std::vector<std::uint32_t>(7, 0), top);
    CHECK(zero.gini == 0.0);
    CHECK(zero.top[3] == 0.0);
    CHECK(metrics::concentration(std::vector<std::uint32_t>{}, top).top[0] == 0.0);
}

TEST_CASE("Hurwitz zeta against closed forms", "[metrics][power_law]") {
    const double pi = 3.14159265358979323846;
    CHECK(metrics::hurwitz_zeta(2.0, 1.0) == Approx(pi * pi / 6.0).epsilon(1e-12));
    CHECK(metrics::hurwitz_zeta(4.0, 1.0) == Approx(pi * pi * pi * pi / 90.0).epsilon(1e-12));
    CHECK(metrics::hurwitz_zeta(3.0, 1.0) == Approx(1.2020569031595942).epsilon(1e-12));  // Apery's constant
    // zeta(s, q) = zeta(s) - sum_{k=1}^{q-1} k^-s for an integer q.
    double partial = 0.0;
    for (int k = 1; k < 10; ++k) partial += 1.0 / (k * k);
    CHECK(metrics::hurwitz_zeta(2.0, 10.0) == Approx(pi * pi / 6.0 - partial).epsilon(1e-12));
    // zeta(2, 1/2) = 3 zeta(2) (q not an integer; (2^s - 1) zeta(s)).
    CHECK(metrics::hurwitz_zeta(2.0, 0.5) == Approx(3.0 * pi * pi / 6.0).epsilon(1e-12));
    // Close to s = 1 the sum diverges as 1/(s - 1) + digamma term: zeta(s, 1) ~ 1/(s-1) + gamma.
    CHECK(metrics::hurwitz_zeta(1.0 + 1e-6, 1.0) == Approx(1e6 + 0.5772156649).epsilon(1e-9));
}

namespace {

// n draws of a discrete power law p(k) ~ k^-alpha, k >= x_min, exact and independent of
// the fit's zeta: a continuous Pareto y on [x_min, inf) gives k = floor(y) with
// probability ~ integral_k^{k+1} y^-alpha dy; accepting k with probability r(k) / r(x_min),
// r(k) = k^-alpha / that integral (largest at x_min), turns it into k^-alpha.
std::vector<std::uint32_t> power_law_sample(double alpha, std::uint32_t x_min, std::size_t n, std::uint64_t seed) {
    grassroots::core::RandomStream rng(seed, 0, 0, 0);
    auto ratio = [&](double k) {
        return std::pow(k, -alpha) * (alpha - 1.0) / (std::pow(k, 1.0 - alpha) - std::pow(k + 1.0, 1.0 - alpha));
    };
    const double r_max = ratio(x_min);
    std::vector<std::uint32_t> out;
    while (out.size() < n) {
        const double y = x_min * std::pow(1.0 - rng.uniform(), -1.0 / (alpha - 1.0));
        if (y >= 4e9) continue;  // past a 32-bit count: about 1e-5 of draws at alpha 2
        const double k = std::floor(y);
        if (rng.uniform() * r_max < ratio(k)) out.push_back(static_cast<std::uint32_t>(k));
    }
    return out;
}

}  // namespace

TEST_CASE("Power-law fit recovers the exponent of synthetic samples", "[metrics][power_law]") {
    // The MLE's standard error is (alpha - 1) / sqrt(n) (Clauset et al. 2009, eq. 3.6):
    // 0.007-0.011 here. A margin of 4 of them fails a correct estimator about once in
    // 16,000 samples, and an estimator biased by a few hundredths.
    const std::size_t n = 20000;
    for (const double alpha : {2.0, 2.5}) {
        for (const std::uint32_t x_min : {1u, 10u}) {
            CAPTURE(alpha, x_min);
            const auto sample = power_law_sample(alpha, x_min, n, 7 + x_min);
            const auto at = metrics::fit_discrete_power_law_at(sample, x_min);
            CHECK(at.n_tail == n);
            CHECK(at.alpha == Approx(alpha).margin(4.0 * (alpha - 1.0) / std::sqrt(double(n))));
            CHECK(at.ks < 0.02);
            // x_min searched too: a pure power law fits from any x_min on; the chosen one
            // keeps the estimate within the error of its (smaller) tail.
            const auto fit = metrics::fit_discrete_power_law(sample);
            CAPTURE(fit.x_min, fit.n_tail, fit.alpha, fit.ks);
            CHECK(fit.x_min >= x_min);
            CHECK(fit.n_tail >= 50);
            CHECK(fit.ks <= at.ks);
            CHECK(fit.alpha ==
                  Approx(alpha).margin(4.0 * (fit.alpha - 1.0) / std::sqrt(static_cast<double>(fit.n_tail))));
        }
    }
}

TEST_CASE("Power-law fit finds x_min where a different body ends", "[metrics][power_law]") {
    // 20,000 values from alpha 2.5 above 10 and 10,000 spread evenly over 1..9: the body
    // is no power law, so the KS distance is smallest with x_min at (or just past) 10.
    auto sample = power_law_sample(2.5, 10, 20000, 11);
    for (std::uint32_t i = 0; i < 10000; ++i) sample.push_back(1 + i % 9);
    const auto fit = metrics::fit_discrete_power_law(sample);
    CAPTURE(fit.x_min, fit.n_tail, fit.alpha, fit.ks);
    CHECK(fit.x_min >= 10);
    CHECK(fit.x_min <= 15);
    CHECK(fit.alpha == Approx(2.5).margin(4.0 * 1.5 / std::sqrt(static_cast<double>(fit.n_tail))));
    // Fitting from x_min 1 instead is far off.
    CHECK(metrics::fit_discrete_power_law_at(sample, 1).ks > 5.0 * fit.ks);
}

TEST_CASE("Power-law fit: no fit with fewer than min_tail positive values", "[metrics][power_law]") {
    std::vector<std::uint32_t> few(1000, 0);  // zeros do not count
    for (std::uint32_t i = 0; i < 49; ++i) few[i] = i + 1;
    const auto none = metrics::fit_discrete_power_law(few, 50);
    CHECK(std::isnan(none.alpha));
    CHECK(none.x_min == 0);
    few[100] = 3;
    const auto some = metrics::fit_discrete_power_law(few, 50);
    CHECK(some.x_min == 1);  // only x_min 1 leaves 50 values
    CHECK(some.n_tail == 50);
    CHECK(some.alpha > 1.0);
    // Every value x_min: the likelihood grows with alpha to the search's bound.
    const auto flat = metrics::fit_discrete_power_law_at(std::vector<std::uint32_t>(60, 4), 4);
    CHECK(flat.alpha == Approx(metrics::kMaxAlpha).margin(1e-6));
}
