// `grassroots analyze` against functions whose sensitivity indices are known analytically,
// through the command's own code: a sweep directory written by the contract, read,
// analysed and written to sensitivity.csv, which the tests read back.
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <numbers>
#include <string>

#include "analysis/csv_table.hpp"
#include "analysis/sweep_directory.hpp"
#include "catch.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "sweep_writer.hpp"

namespace {

using namespace grassroots;
using namespace grassroots::testing;

struct Row {
    double value = 0.0, low = 0.0, high = 0.0;
    std::size_t samples = 0;
    std::string warning;
    bool has_interval = false;
};

// sensitivity.csv by "metric/index/key[/key2]".
using Rows = std::map<std::string, Row>;

double number(const std::string& text) { return text.empty() ? std::nan("") : std::stod(text); }

Rows analyze(const std::string& dir, cli::AnalyzeCommandOptions o = {}) {
    o.sweep_dir = dir;
    o.quiet = true;
    REQUIRE(cli::analyze_command(o) == 0);
    const std::string output = o.output.empty() ? dir + "/sensitivity.csv" : o.output;
    const analysis::CsvTable table = analysis::read_csv(output, "output", "");
    REQUIRE(table.header.size() == 10);
    Rows rows;
    for (const auto& f : table.rows) {
        std::string name = f[0].text + "/" + f[2].text + "/" + f[3].text;
        if (!f[4].text.empty()) name += "/" + f[4].text;
        Row row{number(f[5].text),     number(f[6].text), number(f[7].text),
                std::stoul(f[8].text), f[9].text,         !f[6].text.empty()};
        REQUIRE(rows.emplace(name, row).second);
    }
    return rows;
}

const Row& row(const Rows& rows, const std::string& name) {
    const auto it = rows.find(name);
    INFO(name);
    REQUIRE(it != rows.end());
    return it->second;
}

// Margins for estimates against analytic indices. The bootstrap's 95% half-widths measured
// on these designs (Ishigami at N = 8192, the linear model at N = 4096) are 0.003-0.030 for
// S1 and ST and 0.024-0.036 for S2, so standard errors of at most 0.016 and 0.019: the
// margins are a little over 3 standard errors, which an estimator with the bias or the
// pairing of a wrong formula (e.g. S1 from AB_i against f(A) instead of f(B)) misses.
constexpr double kMargin = 0.05;
constexpr double kMarginS2 = 0.07;

// For the checks that an interval covers the analytic index: some twenty intervals per test
// at 95% would each miss one time in twenty by design, so the tests ask for 99.9% (all
// cover with probability ~0.98) with 4000 resamples (the 0.05% quantile is then the 2nd
// smallest, not an extreme).
cli::AnalyzeCommandOptions coverage_options() {
    cli::AnalyzeCommandOptions o;
    o.confidence = 0.999;
    o.bootstrap = 4000;
    return o;
}

// The Ishigami function (Ishigami & Homma 1990) on [-pi, pi]^3, a = 7, b = 0.1.
double ishigami(const std::vector<double>& u) {
    const double pi = std::numbers::pi;
    const double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1], x3 = -pi + 2 * pi * u[2];
    return std::sin(x1) + 7.0 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

}  // namespace

TEST_CASE("Sobol indices of the Ishigami function match the analytic ones", "[analysis]") {
    // Analytic values (Sobol & Levitan 1999; Saltelli et al. 2008, Global Sensitivity
    // Analysis: The Primer, 4.9): V = 13.845, S1 = 0.3139, 0.4424, 0; ST = 0.5576,
    // 0.4424, 0.2437; the only interaction is x1 with x3, S13 = ST1 - S1 = 0.2437.
    TempDir dir;
    const std::vector<std::string> keys{"x.one", "x.two", "x.three"};
    write_sweep(dir.path(), keys, saltelli_design(3, 8192, true, 11),
                {{"ishigami", [](auto& u, auto) { return ishigami(u); }}});
    const Rows rows = analyze(dir.path(), coverage_options());
    const double s1[] = {0.3139, 0.4424, 0.0}, st[] = {0.5576, 0.4424, 0.2437};
    for (std::size_t i = 0; i < 3; ++i) {
        for (const auto& [index, truth] : {std::pair{"S1", s1[i]}, std::pair{"ST", st[i]}}) {
            const Row& r = row(rows, std::string("ishigami/") + index + "/" + keys[i]);
            INFO(index << " " << keys[i] << " = " << r.value << " [" << r.low << ", " << r.high << "]");
            CHECK(std::fabs(r.value - truth) < kMargin);
            CHECK(r.low <= truth);
            CHECK(truth <= r.high);
            CHECK(r.samples == 8192);
            CHECK(r.warning.empty());
        }
    }
    const double s2[] = {0.0, 0.2437, 0.0};  // (1,2), (1,3), (2,3)
    const char* pairs[] = {"x.one/x.two", "x.one/x.three", "x.two/x.three"};
    for (std::size_t k = 0; k < 3; ++k) {
        const Row& r = row(rows, std::string("ishigami/S2/") + pairs[k]);
        INFO("S2 " << pairs[k] << " = " << r.value << " [" << r.low << ", " << r.high << "]");
        CHECK(std::fabs(r.value - s2[k]) < kMarginS2);
        CHECK(r.low <= s2[k]);
        CHECK(s2[k] <= r.high);
    }
}

TEST_CASE("Sobol indices of a linear model are c_i^2 / sum c_j^2, a key without effect gets 0", "[analysis]") {
    // Y = X1 + 2 X2 + 3 X3 + 0 X4, X_i uniform on [0, 1]: S_i = ST_i = c_i^2 / 14.
    TempDir dir;
    const std::vector<std::string> keys{"a", "b", "c", "none"};
    const auto linear = [](const std::vector<double>& u) { return u[0] + 2 * u[1] + 3 * u[2] + 0 * u[3]; };
    write_sweep(dir.path(), keys, saltelli_design(4, 4096, false, 5),
                {{"linear", [&](auto& u, auto) { return linear(u); }},
                 // The same indices whatever the offset: the estimators centre f first.
                 {"shifted", [&](auto& u, auto) { return 1e6 + linear(u); }},
                 {"constant", [](auto&, auto) { return 3.0; }}});
    const Rows rows = analyze(dir.path(), coverage_options());
    const double c[] = {1, 2, 3, 0};
    for (std::size_t i = 0; i < 4; ++i) {
        const double truth = c[i] * c[i] / 14.0;
        for (const char* index : {"S1", "ST"}) {
            const Row& r = row(rows, std::string("linear/") + index + "/" + keys[i]);
            INFO(index << " " << keys[i] << " = " << r.value << " [" << r.low << ", " << r.high << "]");
            CHECK(std::fabs(r.value - truth) < kMargin);
            CHECK(r.low <= truth);
            CHECK(truth <= r.high);
            const Row& s = row(rows, std::string("shifted/") + index + "/" + keys[i]);
            CHECK(std::fabs(s.value - r.value) < 1e-6);
        }
    }
    // The key without effect: f(AB_4) = f(A) exactly, so its ST and S1 are 0 and so is
    // every resample's: the interval is [0, 0], which contains 0.
    const Row& st = row(rows, "linear/ST/none");
    CHECK(st.value == 0.0);
    CHECK(st.low == 0.0);
    CHECK(st.high == 0.0);
    CHECK(std::fabs(row(rows, "linear/S1/none").value) < 1e-12);
    // No second-order rows without BA points; constant metrics and wall_seconds are not analysed.
    for (const auto& [name, r] : rows) {
        CHECK(name.find("/S2/") == std::string::npos);
        CHECK(name.rfind("constant/", 0) == std::string::npos);
        CHECK(name.rfind("wall_seconds/", 0) == std::string::npos);
    }
    CHECK(rows.size() == 2 * 2 * 4);
}

TEST_CASE("Replicates are averaged per point before the indices", "[analysis]") {
    // Replicate r adds (r - 1) h(u) with h depending on the point: the three replicates
    // average to f exactly, while any single replicate is another function.
    const std::vector<std::string> keys{"a", "b", "c"};
    const auto f = [](const std::vector<double>& u) { return u[0] + 2 * u[1] * u[2]; };
    const auto noisy = [&](const std::vector<double>& u, std::size_t r) {
        return f(u) + (static_cast<double>(r) - 1.0) * (u[0] * u[0] + 5 * u[2]);
    };
    for (const bool sobol : {true, false}) {
        const TestDesign design = sobol ? saltelli_design(3, 256, false, 3) : morris_design(3, 20, 4, 3);
        TempDir once, three;
        write_sweep(once.path(), keys, design, {{"y", [&](auto& u, auto) { return f(u); }}});
        write_sweep(three.path(), keys, design, {{"y", noisy}}, 3);
        const analysis::SweepDirectory read = analysis::read_sweep_directory(three.path());
        REQUIRE(read.replicates == 3);
        for (std::size_t p = 0; p < design.points.size(); ++p) {
            const auto& u = design.points[p].unit;
            CHECK(std::fabs(read.metrics[0].point_values[p] - (noisy(u, 0) + noisy(u, 1) + noisy(u, 2)) / 3) < 1e-12);
        }
        const Rows a = analyze(once.path()), b = analyze(three.path());
        REQUIRE(a.size() == b.size());
        for (const auto& [name, r] : a) {
            INFO(name);
            CHECK(std::fabs(row(b, name).value - r.value) < 1e-9);
            CHECK(std::fabs(row(b, name).high - r.high) < 1e-9);
        }
    }
}

TEST_CASE("Morris mu* of a linear model is |c_i| times the key's range, exactly", "[analysis]") {
    // The elementary effect of a linear function is constant: in unit coordinates
    // EE_i = c_i (hi_i - lo_i) at every point, so mu = c_i w_i, mu* = |c_i| w_i, sigma = 0,
    // and every resample gives the same: the intervals are points.
    TempDir dir;
    const std::vector<std::string> keys{"a", "b", "c", "none"};
    const double c[] = {1.5, -2.0, 0.25, 0.0}, lo[] = {0, -2, 10, 0}, hi[] = {1, 2, 50, 3};
    const auto linear = [&](const std::vector<double>& u, std::size_t) {
        double y = 0.0;
        for (std::size_t i = 0; i < 4; ++i) y += c[i] * (lo[i] + u[i] * (hi[i] - lo[i]));
        return y;
    };
    write_sweep(dir.path(), keys, morris_design(4, 12, 4, 9), {{"linear", linear}});
    const Rows rows = analyze(dir.path());
    for (std::size_t i = 0; i < 4; ++i) {
        const double w = hi[i] - lo[i];
        const Row& star = row(rows, "linear/mu_star/" + keys[i]);
        INFO(keys[i] << ": mu* = " << star.value);
        // Exact up to the rounding of f's differences (|f| <= 20, so ~1e-14).
        CHECK(std::fabs(star.value - std::fabs(c[i]) * w) < 1e-9);
        CHECK(std::fabs(star.low - star.value) < 1e-9);
        CHECK(std::fabs(star.high - star.value) < 1e-9);
        CHECK(std::fabs(row(rows, "linear/mu/" + keys[i]).value - c[i] * w) < 1e-9);
        CHECK(std::fabs(row(rows, "linear/sigma/" + keys[i]).value) < 1e-9);
        CHECK(star.samples == 12);
        CHECK(star.warning.empty());
    }
}

TEST_CASE("Morris sigma tells an interaction from a linear effect", "[analysis]") {
    // y = a b: the effect of a is b (w = 1), which varies along the trajectories; that of c
    // is 0. Over p = 4 levels, b's step from a level to the next is b +- 2/3.
    TempDir dir;
    write_sweep(dir.path(), {"a", "b", "c"}, morris_design(3, 40, 4, 2),
                {{"y", [](const std::vector<double>& u, std::size_t) { return u[0] * u[1]; }}});
    const Rows rows = analyze(dir.path());
    CHECK(row(rows, "y/sigma/a").value > 0.2);  // b over the levels {0, 1/3, 2/3, 1}: sd ~0.37
    CHECK(row(rows, "y/mu_star/c").value == 0.0);
    CHECK(row(rows, "y/mu_star/a").low > 0.2);
}

TEST_CASE("Small samples are marked few_samples, intervals wider than the range wide_interval", "[analysis]") {
    TempDir sobol, morris;
    const std::vector<std::string> keys{"x.one", "x.two", "x.three"};
    write_sweep(sobol.path(), keys, saltelli_design(3, 8, false, 1),
                {{"ishigami", [](auto& u, auto) { return ishigami(u); }}});
    const Rows s = analyze(sobol.path());
    bool wide = false;
    for (const auto& [name, r] : s) {
        INFO(name << " " << r.warning);
        CHECK(r.warning.rfind("few_samples", 0) == 0);
        CHECK((r.warning.find("wide_interval") != std::string::npos) == (r.high - r.low > 1.0));
        wide = wide || r.high - r.low > 1.0;
    }
    CHECK(wide);  // at N = 8 some interval of the Ishigami function spans more than [0, 1]
    write_sweep(morris.path(), keys, morris_design(3, 5, 4, 1),
                {{"ishigami", [](auto& u, auto) { return ishigami(u); }}});
    for (const auto& [name, r] : analyze(morris.path())) CHECK(r.warning.rfind("few_samples", 0) == 0);
}

TEST_CASE("The bootstrap is deterministic from --seed; --bootstrap 0 gives no intervals", "[analysis]") {
    TempDir dir;
    write_sweep(dir.path(), {"a", "b"}, saltelli_design(2, 100, false, 4),
                {{"y", [](const std::vector<double>& u, std::size_t) { return u[0] + u[1] * u[1]; }}});
    cli::AnalyzeCommandOptions o;
    o.output = dir / "one.csv";
    analyze(dir.path(), o);
    o.output = dir / "two.csv";
    analyze(dir.path(), o);
    const auto read = [](const std::string& p) { return analysis::read_csv(p, "", "").rows.size(); };
    CHECK(read(dir / "one.csv") == 4);
    std::ifstream one(dir / "one.csv"), two(dir / "two.csv");
    const std::string a((std::istreambuf_iterator<char>(one)), {}), b((std::istreambuf_iterator<char>(two)), {});
    CHECK(a == b);
    o.seed = 2;
    o.output = dir / "three.csv";
    const Rows other = analyze(dir.path(), o);
    o.seed = 1;
    o.output = dir / "one.csv";
    const Rows first = analyze(dir.path(), o);
    CHECK(row(other, "y/S1/a").low != row(first, "y/S1/a").low);
    CHECK(row(other, "y/S1/a").value == row(first, "y/S1/a").value);
    o.bootstrap = 0;
    o.output = dir / "none.csv";
    for (const auto& [name, r] : analyze(dir.path(), o)) CHECK(!r.has_interval);
}
