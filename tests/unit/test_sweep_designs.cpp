// Sweep designs (src/sweep/): the Sobol' sequence against its published first points,
// Saltelli's design and Morris trajectories in the order `grassroots analyze` relies on
// (docs: README, Sweeps), log-scaled ranges, points_file and its errors, determinism from
// the sweep's seed. Sweeps are read by parse_sweep, as `grassroots sweep` reads them.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "catch.hpp"
#include "core/error.hpp"
#include "scenario/load.hpp"
#include "sweep/design.hpp"
#include "sweep/latin_hypercube.hpp"
#include "sweep/points_file.hpp"
#include "sweep/sobol_design.hpp"
#include "sweep/spec.hpp"

using namespace grassroots::sweep;
using Catch::Matchers::Contains;
using grassroots::core::InputError;

namespace {

constexpr const char* kSweepPath = "/grassroots-test/sweeps/designs.yaml";
constexpr const char* kCsvPath = "/grassroots-test/sweeps/design.csv";

// A sweep over tests/inputs/sweeps/base.yaml; `csv` is the text of design.csv next to it.
SweepSpec sweep_from(const std::string& body, const std::string& csv = "") {
    const std::string text = "base: " GRASSROOTS_SOURCE_DIR "/tests/inputs/sweeps/base.yaml\n" + body;
    const auto read_base = [](const std::string& path, const grassroots::core::SourcePosition&) {
        return grassroots::scenario::read_scenario_file(path);
    };
    const auto read_csv = [csv](const std::string& path, const grassroots::core::SourcePosition& where) {
        if (path != kCsvPath) throw InputError(where, "points_file", "no file at " + path);
        return csv;
    };
    return parse_sweep(text, kSweepPath, read_base, kMaxRuns, read_csv);
}

std::string sobol_sweep(int n, bool second_order, int seed = 1) {
    return "seed: " + std::to_string(seed) + "\nsample:\n  method: sobol\n  n: " + std::to_string(n) +
           "\n  second_order: " + (second_order ? "true" : "false") +
           "\n  ranges:\n    creators.share: [0.02, 0.1]\n    platform.feed.explore: [0.0, 0.5]\n"
           "    population.cohorts.0.attention: [1, 100, log]\n";
}

std::string morris_sweep(int r, int levels, int seed = 1) {
    return "seed: " + std::to_string(seed) + "\nsample:\n  method: morris\n  n: " + std::to_string(r) +
           "\n  levels: " + std::to_string(levels) +
           "\n  ranges:\n    creators.share: [0.02, 0.1]\n    platform.feed.explore: [0.0, 0.5]\n"
           "    platform.feed.popularity: [0.0, 0.5]\n    engagement.like: [0.001, 0.1, log]\n";
}

std::vector<double> sequence_column(std::size_t dims, std::size_t dim, std::size_t count) {
    SobolSequence sequence(dims);
    std::vector<double> out;
    for (std::size_t i = 0; i < count; ++i) out.push_back(static_cast<double>(sequence.next()[dim]) * 0x1.0p-32);
    return out;
}

std::string error_of(const std::string& body, const std::string& csv = "") {
    try {
        sweep_from(body, csv);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("Sobol' sequence: the published first points", "[sweep][sobol]") {
    // Dimension 1 is van der Corput's sequence in Gray-code order; dimensions 2 and 3 follow
    // from Joe & Kuo's first rows by hand: dimension 2 (s = 1, m_1 = 1) has v = 1/2, 3/4,
    // 5/8, ...; dimension 3 (s = 2, a = 1, m = 1, 3) has v = 1/2, 3/4, 1/8, ... Point i is
    // point i-1 xor v_c, c the lowest zero bit of i-1. These are the first points Joe & Kuo
    // and Bratley & Fox list.
    CHECK(sequence_column(3, 0, 8) == std::vector<double>{0, 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125});
    CHECK(sequence_column(3, 1, 8) == std::vector<double>{0, 0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625});
    CHECK(sequence_column(3, 2, 8) == std::vector<double>{0, 0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375});
    // Deeper in the table: point 1000 of the 40-dimensional sequence, as SciPy 1.10's
    // scipy.stats.qmc.Sobol(d=40, scramble=False) gives it (another implementation of the
    // same new-joe-kuo-6.21201 numbers); exact, all dyadic fractions.
    SobolSequence sequence(40);
    for (int i = 0; i < 1000; ++i) sequence.next();
    const std::vector<std::uint32_t>& x = sequence.next();
    CHECK(static_cast<double>(x[0]) * 0x1.0p-32 == 0.2197265625);
    CHECK(static_cast<double>(x[1]) * 0x1.0p-32 == 0.0966796875);
    CHECK(static_cast<double>(x[2]) * 0x1.0p-32 == 0.5185546875);
    CHECK(static_cast<double>(x[19]) * 0x1.0p-32 == 0.7255859375);
    CHECK(static_cast<double>(x[39]) * 0x1.0p-32 == 0.4794921875);
    // Every row of the table: the top 12 bits of the first 4096 points of all 40 dimensions,
    // point by point, through a polynomial hash (h = h * 1000003 + x, modulo 2^64); the same
    // hash of SciPy's points. A wrong m_k, k <= 12, in any row changes it.
    SobolSequence all(40);
    std::uint64_t hash = 0;
    for (int i = 0; i < 4096; ++i) {
        for (const std::uint32_t c : all.next()) hash = hash * 1000003U + (c >> 20);
    }
    CHECK(hash == 13604423362561409024ULL);
    CHECK_THROWS_AS(SobolSequence(41), std::invalid_argument);
    CHECK_THROWS_AS(SobolSequence(0), std::invalid_argument);
}

TEST_CASE("Sobol' sequence: the first 2^m points of dimensions 1 and 2 form a (0, m, 2)-net", "[sweep][sobol]") {
    // Sobol's first two dimensions have quality parameter t = 0: each of the 2^m points
    // lies in its own box of every split of the unit square into 2^a x 2^(m-a) dyadic boxes.
    constexpr std::size_t m = 8;
    constexpr std::size_t count = std::size_t{1} << m;
    const std::vector<double> x = sequence_column(2, 0, count);
    const std::vector<double> y = sequence_column(2, 1, count);
    for (std::size_t a = 0; a <= m; ++a) {
        std::set<std::pair<std::uint64_t, std::uint64_t>> boxes;
        for (std::size_t i = 0; i < count; ++i) {
            boxes.emplace(static_cast<std::uint64_t>(x[i] * static_cast<double>(std::size_t{1} << a)),
                          static_cast<std::uint64_t>(y[i] * static_cast<double>(std::size_t{1} << (m - a))));
        }
        CHECK(boxes.size() == count);
    }
}

TEST_CASE("Sobol' design: N(D+2) points, N(2D+2) with second order, in the contract's order", "[sweep][sobol]") {
    constexpr std::size_t n = 16, d = 3;
    for (const bool second : {false, true}) {
        const SweepSpec spec = sweep_from(sobol_sweep(n, second));
        const Design& design = spec.design;
        const std::size_t per_block = second ? 2 * d + 2 : d + 2;
        REQUIRE(spec.points.size() == n * per_block);
        REQUIRE(design.rows.size() == spec.points.size());
        REQUIRE(design.units.size() == spec.points.size());
        CHECK(spec.keys ==
              std::vector<std::string>{"creators.share", "platform.feed.explore", "population.cohorts.0.attention"});
        for (std::size_t j = 0; j < n; ++j) {
            const std::size_t first = j * per_block;
            const std::vector<double>& a = design.units[first];
            const std::vector<double>& b = design.units[first + per_block - 1];
            CHECK(design.rows[first].role == std::string("A"));
            CHECK(design.rows[first + per_block - 1].role == std::string("B"));
            for (std::size_t p = first; p < first + per_block; ++p) CHECK(design.rows[p].block == j);
            for (std::size_t i = 0; i < d; ++i) {
                // AB_j^i: A_j with key i from B_j.
                const std::size_t ab = first + 1 + i;
                CHECK(design.rows[ab].role == std::string("AB"));
                CHECK(design.rows[ab].changed == static_cast<int>(i));
                for (std::size_t k = 0; k < d; ++k) CHECK(design.units[ab][k] == (k == i ? b[k] : a[k]));
                if (second) {
                    // BA_j^i: B_j with key i from A_j.
                    const std::size_t ba = first + 1 + d + i;
                    CHECK(design.rows[ba].role == std::string("BA"));
                    CHECK(design.rows[ba].changed == static_cast<int>(i));
                    for (std::size_t k = 0; k < d; ++k) CHECK(design.units[ba][k] == (k == i ? a[k] : b[k]));
                }
            }
            for (std::size_t k = 0; k < d; ++k) {
                CHECK(a[k] >= 0.0);
                CHECK(a[k] < 1.0);
                CHECK(b[k] >= 0.0);
                CHECK(b[k] < 1.0);
                CHECK(a[k] != b[k]);
            }
        }
        // Each point's values are its unit coordinates mapped through the ranges.
        for (std::size_t p = 0; p < spec.points.size(); ++p) {
            for (std::size_t k = 0; k < d; ++k) {
                CHECK(spec.points[p].values[k] == range_value(design.ranges[k], design.units[p][k]));
            }
        }
    }
}

TEST_CASE("Sobol' design: a digital shift of the sequence, balanced in every key", "[sweep][sobol]") {
    // A digital shift xors each coordinate with a constant: the first 2^m values of every
    // dimension still fall one into each of 2^m equal strata of [0, 1).
    constexpr std::size_t n = 64, d = 3;
    const SweepSpec spec = sweep_from(sobol_sweep(n, false));
    for (const std::size_t column : {std::size_t{0}, d + 1}) {  // A's rows, then B's
        for (std::size_t k = 0; k < d; ++k) {
            std::set<std::uint64_t> strata;
            for (std::size_t j = 0; j < n; ++j) {
                strata.insert(static_cast<std::uint64_t>(spec.design.units[j * (d + 2) + column][k] * n));
            }
            CHECK(strata.size() == n);
        }
    }
}

TEST_CASE("Sobol' design: more than 20 keys is refused", "[sweep][sobol]") {
    std::string body = "sample:\n  method: sobol\n  n: 1\n  ranges:\n";
    for (int k = 0; k < 21; ++k)
        body += "    platform.feed.explore" + std::string(k == 0 ? "" : "x") + std::to_string(k) + ": [0.0, 0.5]\n";
    CHECK_THAT(error_of(body),
               Contains("sample.ranges: 21 keys, more than a Sobol' design takes") && Contains("at most 20 keys"));
    CHECK_THAT(
        error_of("sample: {method: latin_hypercube, n: 2, second_order: true, ranges: {creators.share: [0.0, 0.1]}}"),
        Contains("sample.second_order: only for method sobol"));
}

TEST_CASE("Morris design: each step changes one key by exactly delta, every key once", "[sweep][morris]") {
    constexpr std::size_t r = 20, d = 4;
    for (const int p : {2, 4, 6}) {
        const SweepSpec spec = sweep_from(morris_sweep(r, p));
        const Design& design = spec.design;
        const double delta = static_cast<double>(p) / (2.0 * (p - 1));
        CHECK(morris_delta(p) == delta);
        REQUIRE(spec.points.size() == r * (d + 1));
        for (std::size_t t = 0; t < r; ++t) {
            const std::size_t first = t * (d + 1);
            CHECK(design.rows[first].role == std::string("base"));
            CHECK(design.rows[first].changed == -1);
            std::set<int> changed;
            for (std::size_t s = 1; s <= d; ++s) {
                const std::size_t now = first + s;
                CHECK(design.rows[now].role == std::string("step"));
                CHECK(design.rows[now].block == t);
                const int key = design.rows[now].changed;
                changed.insert(key);
                for (std::size_t k = 0; k < d; ++k) {
                    const double step = design.units[now][k] - design.units[now - 1][k];
                    // Levels are integers divided by p - 1: exact up to one rounding each.
                    if (static_cast<int>(k) == key) {
                        CHECK(std::fabs(std::fabs(step) - delta) < 1e-15);
                    } else {
                        CHECK(step == 0.0);
                    }
                }
            }
            CHECK(changed.size() == d);
            for (std::size_t s = 0; s <= d; ++s) {
                for (const double u : design.units[first + s]) {
                    // On the grid {0, 1/(p-1), ..., 1}.
                    const double level = u * (p - 1);
                    CHECK(std::fabs(level - std::round(level)) < 1e-12);
                    CHECK(u >= 0.0);
                    CHECK(u <= 1.0);
                }
            }
        }
    }
    CHECK_THAT(error_of("sample: {method: morris, n: 2, levels: 5, ranges: {creators.share: [0.0, 0.1]}}"),
               Contains("sample.levels: odd"));
    // An integer key whose levels would not all be integers, or on a log scale: its rounded
    // steps would not be delta.
    CHECK_THAT(error_of("sample: {method: morris, n: 2, levels: 4, ranges: {population.cohorts.0.attention: [2, "
                        "10]}}"),
               Contains("an integer range of width 8 over 4 levels"));
    CHECK_THAT(error_of("sample: {method: morris, n: 2, levels: 4, ranges: {population.cohorts.0.attention: [1, "
                        "100, log]}}"),
               Contains("an integer log range in a Morris design"));
    CHECK_NOTHROW(
        sweep_from("sample: {method: morris, n: 2, levels: 4, ranges: {population.cohorts.0.attention: "
                   "[2, 11]}}"));
    CHECK_THAT(error_of("sample: {method: sobol, n: 2, levels: 4, ranges: {creators.share: [0.0, 0.1]}}"),
               Contains("sample.levels: only for method morris"));
}

TEST_CASE("Morris design: directions and key orders vary between trajectories", "[sweep][morris]") {
    // 40 trajectories of 4 keys: both directions and more than one key order must occur
    // (a fixed direction or order would have probability 2^-160 or (1/24)^39).
    const SweepSpec spec = sweep_from(morris_sweep(40, 4));
    std::set<std::vector<int>> orders;
    bool up = false, down = false;
    for (std::size_t t = 0; t < 40; ++t) {
        std::vector<int> order;
        for (std::size_t s = 1; s <= 4; ++s) {
            const std::size_t p = t * 5 + s;
            const int key = spec.design.rows[p].changed;
            order.push_back(key);
            const double step = spec.design.units[p][static_cast<std::size_t>(key)] -
                                spec.design.units[p - 1][static_cast<std::size_t>(key)];
            (step > 0 ? up : down) = true;
        }
        orders.insert(order);
    }
    CHECK(up);
    CHECK(down);
    CHECK(orders.size() > 1);
}

TEST_CASE("Log ranges: a Latin hypercube spreads evenly in ln(value)", "[sweep][log]") {
    // 16 points over [10^-4, 1], log: one point in each quarter-decade [10^(k/4), 10^((k+1)/4)).
    const SweepSpec spec = sweep_from("sample:\n  n: 16\n  ranges:\n    creators.share: [0.0001, 1.0, log]\n");
    std::set<int> strata;
    for (const SweepPoint& point : spec.points) {
        const double value = std::stod(point.values[0]);
        CHECK(value >= 0.0001);
        CHECK(value <= 1.0);
        strata.insert(static_cast<int>(std::floor(4.0 * std::log10(value))));
    }
    CHECK(strata.size() == 16);
    CHECK(*strata.begin() == -16);
    CHECK(*strata.rbegin() == -1);
    CHECK(spec.design.ranges[0].log);
    CHECK_FALSE(spec.design.ranges[0].integer);

    // Integer bounds: integer values; the bounds map exactly (u = 0 and 1 in a Morris design).
    const SampleRange integer{"k", "1", "100", 1.0, 100.0, true, true};
    CHECK(range_value(integer, 0.0) == "1");
    CHECK(range_value(integer, 0.5) == "10");
    CHECK(range_value(integer, 1.0) == "100");
    const SampleRange share{"k", "0.001", "1.0", 0.001, 1.0, true, false};
    CHECK(range_value(share, 1.0) == "1");  // never 1 + an ulp: a probability's bound holds
    CHECK(std::fabs(std::stod(range_value(share, 1.0 / 3.0)) - 0.01) < 1e-15);

    CHECK_THAT(error_of("sample: {n: 2, ranges: {creators.share: [0.0, 0.1, log]}}"),
               Contains("sample.ranges.creators.share: a log range needs 0 < lo < hi"));
    CHECK_THAT(error_of("sample: {n: 2, ranges: {creators.share: [0.1, 0.1, log]}}"),
               Contains("a log range needs 0 < lo < hi"));
    CHECK_THAT(error_of("sample: {n: 2, ranges: {creators.share: [0.01, 0.1, ln]}}"),
               Contains("sample.ranges.creators.share: the third item is not log"));
}

TEST_CASE("Designs: the same seed gives the same design, another seed another", "[sweep][seed]") {
    const auto units = [](const std::string& body) { return sweep_from(body).design.units; };
    const auto values = [](const std::string& body) {
        std::vector<std::vector<std::string>> out;
        for (const SweepPoint& p : sweep_from(body).points) out.push_back(p.values);
        return out;
    };
    CHECK(units(sobol_sweep(8, true, 1)) == units(sobol_sweep(8, true, 1)));
    CHECK(units(sobol_sweep(8, true, 1)) != units(sobol_sweep(8, true, 2)));
    CHECK(units(morris_sweep(8, 4, 1)) == units(morris_sweep(8, 4, 1)));
    CHECK(units(morris_sweep(8, 4, 1)) != units(morris_sweep(8, 4, 2)));
    const std::string lhs = "sample: {n: 8, ranges: {creators.share: [0.01, 0.1, log]}}\n";
    CHECK(values("seed: 1\n" + lhs) == values("seed: 1\n" + lhs));
    CHECK(values("seed: 1\n" + lhs) != values("seed: 2\n" + lhs));
    CHECK(latin_hypercube(5, 2, 9) == latin_hypercube(5, 2, 9));
}

TEST_CASE("Sobol' and Morris sweeps: design.csv, sweep.json and a resolved sweep that gives the same design",
          "[sweep][sobol][morris]") {
    const SweepSpec spec = sweep_from(sobol_sweep(2, false, 3));
    const std::string csv = design_csv(spec.design);
    CHECK(csv.substr(0, csv.find('\n')) ==
          "point_id,block,role,changed,u:creators.share,u:platform.feed.explore,u:population.cohorts.0.attention");
    // 17 significant digits: each u reads back as the same double.
    const std::size_t row2 = csv.find("\n2,0,AB,1,");
    REQUIRE(row2 != std::string::npos);
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 2 * 5);
    const std::string json = sweep_json(spec);
    CHECK_THAT(json, Contains("\"design\": {\"method\": \"sobol\", \"n\": 2, \"second_order\": false, \"ranges\": "
                              "{\"creators.share\": {\"lo\": 0.02, \"hi\": 0.1, \"scale\": \"linear\", "
                              "\"integer\": false}, "));
    CHECK_THAT(json, Contains("\"population.cohorts.0.attention\": {\"lo\": 1, \"hi\": 100, \"scale\": \"log\", "
                              "\"integer\": true}}}"));
    const SweepSpec morris = sweep_from(morris_sweep(3, 4));
    CHECK_THAT(sweep_json(morris), Contains("\"design\": {\"method\": \"morris\", \"trajectories\": 3, \"levels\": 4, "
                                            "\"delta\": 0.6666666666666666, \"ranges\": {"));
    CHECK_THAT(design_csv(morris.design), Contains("\n4,0,step,"));
    CHECK(design_csv(sweep_from("grid: {creators.share: [0.1, 0.2]}").design).empty());
    CHECK_THAT(sweep_json(sweep_from("grid: {creators.share: [0.1, 0.2]}")),
               Contains("\"design\": {\"method\": \"grid\"}"));

    // sweep.yaml keeps the sample block: reading it back gives the same design and points.
    for (const SweepSpec* original : {&spec, &morris}) {
        const std::string dumped = dump_sweep(*original);
        CHECK_THAT(dumped, Contains("sample:"));
        CHECK_THAT(dumped, Contains(", log]"));  // a log range kept as written
        const std::string body = dumped.substr(dumped.find("replicates:"));
        const SweepSpec again = sweep_from(body);
        CHECK(dump_sweep(again).substr(dumped.find("replicates:")) == body);
        CHECK(again.design.units == original->design.units);
        CHECK(design_csv(again.design) == design_csv(original->design));
        for (std::size_t p = 0; p < again.points.size(); ++p)
            CHECK(again.points[p].values == original->points[p].values);
    }
}

TEST_CASE("points_file: a CSV's rows are the points, values unchanged", "[sweep][points_file]") {
    const std::string csv =
        "\xEF\xBB\xBF"
        "creators.share,population.cohorts.0.attention\r\n0.05,7\r\n1e-2,\"12\"\r\n";
    const SweepSpec spec = sweep_from("points_file: design.csv\n", csv);
    CHECK(spec.design.method == DesignMethod::points_file);
    CHECK(spec.keys == std::vector<std::string>{"creators.share", "population.cohorts.0.attention"});
    REQUIRE(spec.points.size() == 2);
    CHECK(spec.points[0].values == std::vector<std::string>{"0.05", "7"});
    CHECK(spec.points[1].values == std::vector<std::string>{"1.0e-2", "12"});  // YAML 1.1 form, same number
    CHECK(spec.points[1].origins[1].file == kCsvPath);
    CHECK(spec.points[1].origins[1].line == 3);
    CHECK(spec.points[1].origins[1].column == 6);
    CHECK_THAT(sweep_json(spec), Contains("\"design\": {\"method\": \"points_file\"}"));
    // The resolved sweep lists the points; it gives them back without the CSV.
    const std::string dumped = dump_sweep(spec);
    const SweepSpec again = sweep_from(dumped.substr(dumped.find("replicates:")));
    REQUIRE(again.points.size() == 2);
    CHECK(again.points[1].values == spec.points[1].values);
    CHECK(again.keys == spec.keys);
}

TEST_CASE("points_file: a malformed CSV is refused naming its line", "[sweep][points_file]") {
    const std::string f = "/grassroots-test/sweeps/design.csv:";
    const auto error = [](const std::string& csv) { return error_of("points_file: design.csv\n", csv); };
    CHECK_THAT(error(""), Contains(f + "1:1: points_file: the file is empty"));
    CHECK_THAT(error("creators.share\n"), Contains(f + "1:1: points_file: a header but no points"));
    CHECK_THAT(error("creators.share,ticks\n0.1,5\n0.2\n"),
               Contains(f + "3:1: points_file: 1 fields where the header has 2 (expected one value per column)"));
    CHECK_THAT(error("creators.share,ticks\n0.1,5,6\n"), Contains(f + "2:1: points_file: 3 fields where"));
    CHECK_THAT(error("creators.share,ticks\n0.1,\n"), Contains(f + "2:5: points_file: no value for ticks"));
    CHECK_THAT(error("creators.share,creators.share\n0.1,0.2\n"),
               Contains(f + "1:16: points_file: column 'creators.share' is repeated"));
    CHECK_THAT(error("creators.share,\n0.1,0.2\n"), Contains(f + "1:16: points_file: an empty column name"));
    CHECK_THAT(error("creators.share\n0.1\n\n0.2\n"), Contains(f + "3:1: points_file: a blank line"));
    CHECK_THAT(error("creators.share\n\"0.1\n"), Contains(f + "2:1: points_file: a quoted field is not closed"));
    CHECK_THAT(error("creators.share\n\"0.1\"x\n"), Contains(f + "2:6: points_file: text after a quoted field"));
    CHECK_THAT(error("creators.share\n0.\"1\n"), Contains(f + "2:1: points_file: a quote inside an unquoted field"));
    CHECK_THAT(error("seed\n5\n"), Contains(f + "1:1: seed: cannot be swept"));
    // A value the scenario refuses: the error names the CSV's line and column.
    CHECK_THAT(error("ticks,creators.share\n5,0.1\n5,2\n"), Contains(f + "3:3: creators.share"));
    CHECK_THAT(error_of("points_file: other.csv\n"), Contains("designs.yaml:2:14: points_file: no file at"));
    CHECK_THAT(error_of("points_file: design.csv\ngrid: {ticks: [5]}\n", "ticks\n5\n"),
               Contains("designs.yaml:1:1: grid: more than one design (expected exactly one of grid, points, sample "
                        "and points_file)"));
}
