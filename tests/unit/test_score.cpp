// Targets files and distances (calibration/): parsing, errors to the nearest bound, the
// weighted distance and a point's replicate means, on hand-computed numbers. The command
// on real runs and sweeps is tests/cli/test_score.sh.
#include <cmath>
#include <string>
#include <vector>

#include "calibration/distance.hpp"
#include "calibration/run_values.hpp"
#include "calibration/targets.hpp"
#include "catch.hpp"
#include "core/error.hpp"
#include "support.hpp"

namespace cal = grassroots::calibration;

namespace {

std::string error_of(const std::string& yaml) {
    try {
        cal::parse_targets(yaml, "t.yaml");
    } catch (const grassroots::core::InputError& e) {
        return e.what();
    }
    return "";
}

const char* kTwo = R"(name: two
targets:
  - name: share
    metric: views_top3_share
    observed: 0.85
    tolerance: 0.05
    source: "M. Bärtl, Convergence 24(1):16-32, 2018"
  - name: old.online-y1
    metric: {timeseries: online_old, tick: 365, over: users_old}
    observed: [0.2, 0.3]
    tolerance: 0.1
    weight: 3
    source: a survey
  - name: per_thousand
    metric: {timeseries: users_online, tick: 0, over: 1000}
    observed: 1
    tolerance: 1
    weight: 0
    source: none
)";

}  // namespace

TEST_CASE("Targets: a file with summary and timeseries targets, ranges and defaults", "[score]") {
    const cal::TargetsFile f = cal::parse_targets(kTwo, "dir/t.yaml");
    CHECK(f.name == "two");
    REQUIRE(f.targets.size() == 3);
    const cal::Target& a = f.targets[0];
    CHECK(a.name == "share");
    CHECK(a.metric.kind == cal::Metric::Kind::summary);
    CHECK(a.metric.label() == "views_top3_share");
    CHECK(a.observed_lo == 0.85);
    CHECK(a.observed_hi == 0.85);
    CHECK(a.weight == 1.0);  // the default
    CHECK(a.metric_at.line == 4);
    const cal::Target& b = f.targets[1];
    CHECK(b.metric.kind == cal::Metric::Kind::timeseries);
    CHECK(b.metric.column == "online_old");
    CHECK(b.metric.tick == 365);
    CHECK(b.metric.over_column == "users_old");
    CHECK(b.metric.label() == "online_old@365/users_old");
    CHECK(b.observed_lo == 0.2);
    CHECK(b.observed_hi == 0.3);
    CHECK(b.weight == 3.0);
    CHECK(b.source == "a survey");
    CHECK(f.targets[2].metric.over_number == 1000.0);
    CHECK(f.targets[2].metric.over_column.empty());
    CHECK(f.targets[2].metric.label() == "users_online@0/1000");
    CHECK(cal::needs_timeseries(f));
    // Without a name, the file's stem.
    CHECK(cal::parse_targets("targets: [{name: a, metric: x, observed: 1, tolerance: 1, source: s}]", "d/facts.yaml")
              .name == "facts");
}

TEST_CASE("Targets: bad values name the line, the key and what was expected", "[score]") {
    const std::string head = "targets:\n  - name: a\n    metric: x\n    source: s\n";
    CHECK(error_of(head + "    observed: 1\n    tolerance: 0\n") ==
          "t.yaml:6:16: targets.0.tolerance: value 0 is not positive (expected a positive number, in the metric's "
          "unit)");
    CHECK(error_of(head + "    observed: [2, 1]\n    tolerance: 1\n") ==
          "t.yaml:5:15: targets.0.observed: lo exceeds hi (expected a number, or a range [lo, hi] with lo <= hi)");
    CHECK(error_of(head + "    observed: 1\n    tolerance: 1\n    weight: -1\n") ==
          "t.yaml:7:13: targets.0.weight: value -1 is negative (expected a number >= 0)");
    CHECK(error_of(head + "    observed: 1\n    tolerance: 1\n    weight: 0\n") ==
          "t.yaml:2:3: targets: every weight is 0 (expected at least one target with a positive weight)");
    CHECK(error_of(head + "    observed: nan\n    tolerance: 1\n") ==
          "t.yaml:5:15: targets.0.observed: 'nan' is not a finite number (expected a number, or a range [lo, hi] "
          "with lo <= hi)");
    CHECK(error_of(head + "    observed: 1\n    tolerence: 1\n")
              .find("t.yaml:6:5: targets.0.tolerence: unknown key (did you mean targets.0.tolerance?)") == 0);
    CHECK(error_of("targets:\n  - {name: a, metric: {timeseries: x, tick: -1}, observed: 1, tolerance: 1, source: s}\n")
              .find("targets.0.metric.tick: value -1 is out of range") != std::string::npos);
    CHECK(error_of("targets:\n  - {name: a, metric: {timeseries: x, tick: 1, over: 0}, observed: 1, tolerance: 1, "
                   "source: s}\n")
              .find("targets.0.metric.over: value 0 is not positive") != std::string::npos);
}

TEST_CASE("Distance: errors to the nearest bound, scaled by tolerances, weighted", "[score]") {
    const cal::TargetsFile f = cal::parse_targets(kTwo, "t.yaml");
    const cal::Target& point = f.targets[0];  // 0.85, tolerance 0.05
    const cal::Target& range = f.targets[1];  // [0.2, 0.3], tolerance 0.1, weight 3
    CHECK(cal::target_error(point, 0.95) == Approx(0.10).margin(1e-15));
    CHECK(cal::target_error(range, 0.25) == 0.0);  // inside the range
    CHECK(cal::target_error(range, 0.2) == 0.0);   // on a bound
    CHECK(cal::target_error(range, 0.1) == Approx(-0.1).margin(1e-15));
    CHECK(cal::target_error(range, 0.45) == Approx(0.15).margin(1e-15));
    CHECK(std::isnan(cal::target_error(range, std::nan(""))));

    // By hand: scaled errors 0.10 / 0.05 = 2 (weight 1) and -0.1 / 0.1 = -1 (weight 3); the
    // third target has weight 0 and counts for nothing, even far off:
    // sqrt((1 * 4 + 3 * 1) / (1 + 3)) = sqrt(7 / 4).
    CHECK(cal::distance(f.targets, {0.95, 0.1, 500.0}) == Approx(std::sqrt(7.0 / 4.0)).epsilon(1e-12));
    CHECK(cal::distance(f.targets, {0.85, 0.3, 500.0}) == 0.0);
    CHECK(std::isnan(cal::distance(f.targets, {std::nan(""), 0.3, 1.0})));
    CHECK(cal::distance(f.targets, {0.85, 0.3, std::nan("")}) == 0.0);  // weight 0: never counts
}

TEST_CASE("Distance: a point's replicate means and the distance of those means", "[score]") {
    const cal::TargetsFile f = cal::parse_targets(kTwo, "t.yaml");
    const std::vector<std::string> p0{"0.1"}, p1{"0.2"};
    // Point 1 listed first: the points come out sorted by id.
    std::vector<cal::RunScore> runs{
        {1, &p1, {0.85, 0.25, 0.0}, 0.0}, {0, &p0, {0.75, 0.4, 0.0}, 0.0}, {0, &p0, {0.95, 0.6, 0.0}, 0.0}};
    for (cal::RunScore& r : runs) r.distance = cal::distance(f.targets, r.model);
    const std::vector<cal::PointScore> points = cal::score_points(f.targets, runs);
    REQUIRE(points.size() == 2);
    CHECK(points[0].point_id == 0);
    CHECK(points[0].swept_values == p0);
    CHECK(points[0].replicates == 2);
    CHECK(points[0].means[0] == Approx(0.85).epsilon(1e-12));
    CHECK(points[0].means[1] == Approx(0.5).epsilon(1e-12));
    // Means 0.85 (error 0) and 0.5 (0.2 above the range: scaled 2, weight 3):
    // sqrt(3 * 4 / 4) = sqrt(3).
    CHECK(points[0].distance == Approx(std::sqrt(3.0)).epsilon(1e-12));
    // Runs: scaled (-2, 1) -> sqrt((4 + 3) / 4); (2, 3) -> sqrt((4 + 27) / 4). Their mean
    // exceeds the distance of the means: the replicates' spread counts in it.
    const double mean_run = (std::sqrt(7.0 / 4.0) + std::sqrt(31.0 / 4.0)) / 2.0;
    CHECK(points[0].mean_run_distance == Approx(mean_run).epsilon(1e-12));
    CHECK(points[1].point_id == 1);
    CHECK(points[1].replicates == 1);
    CHECK(points[1].distance == 0.0);
}

TEST_CASE("Targets: a list of timeseries columns is their sum at the tick, over the divisor", "[score]") {
    // Two cohorts that together make an age group: (30 + 12) / 60 online at tick 10.
    const cal::TargetsFile f = cal::parse_targets(R"(targets:
  - name: fifty_plus
    metric: {timeseries: [online_b, online_c], tick: 10, over: users_online}
    observed: 0.7
    tolerance: 0.1
    source: a survey
)",
                                                  "t.yaml");
    const cal::Target& t = f.targets.front();
    CHECK(t.metric.column == "online_b");
    CHECK(t.metric.more_columns == std::vector<std::string>{"online_c"});
    CHECK(t.metric.label() == "online_b+online_c@10/users_online");
    const grassroots::testing::TempFile timeseries("tick,users_online,online_b,online_c\n9,50,20,10\n10,60,30,12\n",
                                                   ".csv");
    cal::SummaryRow summary;
    summary.file = "summary.csv";
    summary.columns = std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"users"});
    summary.values = {"100"};
    cal::RunValues run(summary, timeseries.path());
    CHECK(run.value(t) == Approx(0.7));
    CHECK_THAT(error_of("targets:\n  - {name: a, metric: {timeseries: [], tick: 1}, observed: 1, tolerance: 1, "
                        "source: s}\n"),
               Catch::Matchers::Contains("t.yaml:2:36: targets.0.metric.timeseries: an empty list"));
}
