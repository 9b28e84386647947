#pragma once
// A finished Sobol or Morris sweep as `grassroots analyze` sees it: the design (from
// sweep.json and design.csv) and each metric's value at each point, the mean over the
// point's replicates (under common random numbers every point sees the same replicate
// seeds, so the mean is the point's value with the same luck everywhere).
//
// Reads only SWEEP_DIR/sweep.json, design.csv and summary.csv, and checks that they agree
// with each other and with the point order of docs/ (the contract with the sweep designs):
// anything else is core::InputError naming the file and line.
#include <cstddef>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace grassroots::analysis {

enum class Method { sobol, morris };

// What sweep.json's "design" says.
struct Design {
    Method method = Method::sobol;
    std::size_t samples = 0;    // sobol: base samples N (blocks); morris: trajectories r
    bool second_order = false;  // sobol: blocks hold the BA points
    int levels = 0;             // morris: p
    double delta = 0.0;         // morris: p / (2 (p - 1)), the step in unit coordinates
};

// sobol roles: A, AB (A with one key from B), BA (B with one key from A), B; morris:
// base, step.
enum class Role { a, ab, ba, b, base, step };

struct DesignPoint {
    std::size_t block = 0;  // sobol base sample j, or morris trajectory t
    Role role = Role::a;
    int changed = -1;          // the key that differs (AB, BA, step), else -1
    std::vector<double> unit;  // the unit coordinate of each swept key, in [0, 1]
};

// A metric column of summary.csv. `usable` false when some run has no finite value for
// it (it is then neither analysed by default nor on request: see `problem`).
struct MetricColumn {
    std::string name;
    std::vector<double> point_values;  // mean over replicates, one per point
    bool usable = true;
    core::SourcePosition problem_at;  // the first run without a finite value
    std::string problem;              // why it is not usable
};

struct SweepDirectory {
    std::string dir;
    std::string summary_file;  // SWEEP_DIR/summary.csv, for errors about metrics
    Design design;
    std::vector<std::string> keys;  // swept keys, in sweep.json's order
    std::vector<DesignPoint> points;
    std::size_t replicates = 0;
    std::vector<MetricColumn> metrics;  // every column after the swept keys but wall_seconds
};

// Throws core::InputError: a directory that is not a sweep, a design that is not sobol
// or morris, design.csv out of the contract's point order, an incomplete summary.csv.
SweepDirectory read_sweep_directory(const std::string& dir);

}  // namespace grassroots::analysis
