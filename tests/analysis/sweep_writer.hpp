#pragma once
// Test sweeps written as `grassroots sweep` writes them (the contract of docs/ between the
// sweep designs and `grassroots analyze`): sweep.json with its "design", design.csv and
// summary.csv, for designs made here with plain pseudo-random numbers and metrics that are
// known functions of the unit coordinates. `grassroots analyze` then reads them through
// the same code as a real sweep.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <numeric>
#include <string>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>

#include "core/rng.hpp"

namespace grassroots::testing {

struct TestPoint {
    std::size_t block = 0;
    std::string role;
    int changed = -1;
    std::vector<double> unit;
};

struct TestDesign {
    std::string json;  // sweep.json's "design" object
    std::vector<TestPoint> points;
};

// Saltelli's design with A and B drawn uniformly (not a Sobol sequence: plain Monte Carlo
// is enough for N in the thousands, and keeps the test independent of the design code).
inline TestDesign saltelli_design(std::size_t keys, std::size_t n, bool second_order, std::uint64_t seed) {
    TestDesign d;
    d.json = fmt::format(R"({{"method": "sobol", "n": {}, "second_order": {}, "ranges": {{}}}})", n,
                         second_order ? "true" : "false");
    for (std::size_t j = 0; j < n; ++j) {
        core::RandomStream stream(seed, 0, 7, j);
        std::vector<double> a(keys), b(keys);
        for (double& x : a) x = stream.uniform();
        for (double& x : b) x = stream.uniform();
        d.points.push_back({j, "A", -1, a});
        for (std::size_t i = 0; i < keys; ++i) {
            std::vector<double> ab = a;
            ab[i] = b[i];
            d.points.push_back({j, "AB", static_cast<int>(i), ab});
        }
        for (std::size_t i = 0; i < keys && second_order; ++i) {
            std::vector<double> ba = b;
            ba[i] = a[i];
            d.points.push_back({j, "BA", static_cast<int>(i), ba});
        }
        d.points.push_back({j, "B", -1, b});
    }
    return d;
}

// Morris trajectories over p levels: a base on the grid, then each key once, in a random
// order, by +delta (or -delta where +delta would leave [0, 1]).
inline TestDesign morris_design(std::size_t keys, std::size_t r, int levels, std::uint64_t seed) {
    TestDesign d;
    d.json = fmt::format(R"({{"method": "morris", "trajectories": {}, "levels": {}, "ranges": {{}}}})", r, levels);
    const double delta = levels / (2.0 * (levels - 1));
    for (std::size_t t = 0; t < r; ++t) {
        core::RandomStream stream(seed, 0, 8, t);
        std::vector<double> x(keys);
        for (double& u : x) u = static_cast<double>(stream.below(static_cast<std::uint64_t>(levels))) / (levels - 1);
        d.points.push_back({t, "base", -1, x});
        std::vector<std::size_t> order(keys);
        std::iota(order.begin(), order.end(), std::size_t{0});
        for (std::size_t i = keys; i > 1; --i) std::swap(order[i - 1], order[stream.below(i)]);
        for (std::size_t k : order) {
            x[k] += x[k] + delta <= 1.0 + 1e-12 ? delta : -delta;
            d.points.push_back({t, "step", static_cast<int>(k), x});
        }
    }
    return d;
}

// A metric: its value at a point (unit coordinates) in a replicate.
struct TestMetric {
    std::string name;
    std::function<double(const std::vector<double>& u, std::size_t replicate)> f;
};

// A fresh directory under the system's temporary directory, removed with the object.
class TempDir {
public:
    TempDir() {
        static int counter = 0;
        path_ = std::filesystem::temp_directory_path() /
                ("grassroots_analysis_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        if (std::getenv("KEEP") == nullptr) std::filesystem::remove_all(path_);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string path() const { return path_.string(); }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

inline void write_text(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// Writes dir/sweep.json, dir/design.csv and dir/summary.csv; every point runs `replicates`
// times, run_id = point * replicates + replicate; wall_seconds is last, as the sweep writes it.
inline void write_sweep(const std::string& dir, const std::vector<std::string>& keys, const TestDesign& design,
                        const std::vector<TestMetric>& metrics, std::size_t replicates = 1) {
    std::filesystem::create_directories(dir);
    std::string key_list;
    for (const std::string& k : keys) key_list += fmt::format("{}\"{}\"", key_list.empty() ? "" : ", ", k);
    const std::size_t points = design.points.size();
    write_text(dir + "/sweep.json",
               fmt::format("{{\n  \"name\": \"test\",\n  \"id_columns\": [\"run_id\", \"point_id\", \"replicate\", "
                           "\"seed\", \"world_seed\"],\n  \"swept_keys\": [{}],\n  \"fixed_keys\": [],\n"
                           "  \"points\": {},\n  \"replicates\": {},\n  \"runs\": {},\n  \"program\": \"test\",\n"
                           "  \"design\": {}\n}}\n",
                           key_list, points, replicates, points * replicates, design.json));
    std::string csv = "point_id,block,role,changed";
    for (const std::string& k : keys) csv += ",u:" + k;
    csv += '\n';
    for (std::size_t p = 0; p < points; ++p) {
        const TestPoint& pt = design.points[p];
        csv += fmt::format("{},{},{},{}", p, pt.block, pt.role, pt.changed);
        for (double u : pt.unit) csv += fmt::format(",{:.17g}", u);
        csv += '\n';
    }
    write_text(dir + "/design.csv", csv);
    std::string summary = "run_id,point_id,replicate,seed,world_seed";
    for (const std::string& k : keys) summary += "," + k;
    for (const TestMetric& m : metrics) summary += "," + m.name;
    summary += ",wall_seconds\n";
    for (std::size_t p = 0; p < points; ++p) {
        for (std::size_t r = 0; r < replicates; ++r) {
            summary += fmt::format("{},{},{},{},1", p * replicates + r, p, r, 100 + r);
            for (double u : design.points[p].unit) summary += fmt::format(",{:.17g}", u);
            for (const TestMetric& m : metrics) summary += fmt::format(",{:.17g}", m.f(design.points[p].unit, r));
            summary += fmt::format(",{:.3f}\n", 0.001 * static_cast<double>(p % 7));
        }
    }
    write_text(dir + "/summary.csv", summary);
}

}  // namespace grassroots::testing
