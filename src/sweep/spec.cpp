// Sweep files: strict reading, design expansion, seeds, validation of every point.
#include "sweep/spec.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/rng.hpp"
#include "io/checkpoint.hpp"
#include "io/run_files.hpp"
#include "model/build_graph.hpp"
#include "scenario/load.hpp"
#include "scenario/mapping_keys.hpp"
#include "scenario/strict_reader.hpp"
#include "scenario/yaml_document.hpp"
#include "sweep/latin_hypercube.hpp"
#include "sweep/morris_design.hpp"
#include "sweep/points_file.hpp"
#include "sweep/sobol_design.hpp"

namespace grassroots::sweep {
namespace {

namespace fs = std::filesystem;
using core::InputError;
using core::SourcePosition;

constexpr std::uint64_t kRunSeedSalt = 0x52554e53454544ULL;  // "RUNSEED"
constexpr std::uint64_t kWorldSeedSalt = 0x574f524c44ULL;    // "WORLD"
constexpr double kMaxExactInteger = 9007199254740992.0;      // 2^53

const std::vector<std::string> kSweepKeys{"name",   "base",        "replicates", "vary_world",
                                          "seed",   "fixed",       "grid",       "points",
                                          "sample", "points_file", "keep_runs",  "common_random_numbers"};

// 10000000 -> "10,000,000", as the messages print limits.
std::string with_commas(std::size_t n) {
    std::string text = std::to_string(n);
    for (std::size_t i = text.size(); i > 3; i -= 3) text.insert(i - 3, ",");
    return text;
}

// A finite number to the scenario reader (an optional '+', then all of the text read by
// std::from_chars), as scenario/parse.cpp reads a value.
bool is_number(const std::string& text) {
    const char* first = text.data();
    const char* last = first + text.size();
    if (first != last && *first == '+') ++first;
    double value = 0.0;
    const auto [end, ec] = std::from_chars(first, last, value);
    return ec == std::errc{} && end == last && std::isfinite(value);
}

}  // namespace

// A swept number in a form that YAML 1.1 readers (PyYAML's safe_load) take for the same
// number, as the scenario reader does: without '+' or leading zeros (010 is octal 8 to them),
// with a digit before the dot, and with a dot and a signed exponent where there is an
// exponent (2e-4 is a string to them; 2.0e+4 is not). Every digit is kept, so the value is
// the same to std::from_chars. Any other text is returned as it is.
std::string yaml_number(const std::string& text) {
    if (!is_number(text)) return text;
    std::string_view rest(text);
    if (rest.front() == '+') rest.remove_prefix(1);
    std::string out;
    if (rest.front() == '-') {
        out += '-';
        rest.remove_prefix(1);
    }
    const std::size_t e = rest.find_first_of("eE");
    const std::string_view mantissa = rest.substr(0, e);
    const std::size_t dot = mantissa.find('.');
    const std::string_view whole = mantissa.substr(0, dot);
    const std::size_t first_digit = whole.find_first_not_of('0');
    out += first_digit == std::string_view::npos ? std::string_view("0") : whole.substr(first_digit);
    if (dot != std::string_view::npos) {
        out += mantissa.substr(dot);
        if (dot + 1 == mantissa.size()) out += '0';  // 5. -> 5.0
    } else if (e != std::string_view::npos) {
        out += ".0";
    }
    if (e != std::string_view::npos) {
        out += 'e';
        std::string_view exponent = rest.substr(e + 1);
        if (exponent.front() != '-' && exponent.front() != '+') out += '+';
        out += exponent;
    }
    return out;
}

namespace {

void check_sweepable(const std::string& key, const SourcePosition& where) {
    if (key == "seed" || key == "world_seed" || key == "name") {
        throw InputError(where, key, "cannot be swept: the sweep sets it for every run",
                         "scenario keys other than name, seed and world_seed");
    }
}

class SweepReader : public scenario::StrictReader {
public:
    SweepReader(std::string file, std::size_t max_runs) : StrictReader(std::move(file)), max_runs_(max_runs) {}

    std::size_t max_runs() const { return max_runs_; }

    // A design of `points` points is refused before it is built: the points take memory,
    // and validating each one costs a scenario parse.
    void check_runs(std::size_t points, std::int64_t replicates) const {
        if (points * static_cast<std::size_t>(replicates) > max_runs_) {
            throw InputError({file(), 1, 1}, "replicates", "more than " + with_commas(max_runs_) + " runs",
                             "fewer points or replicates");
        }
    }

    // A swept key: a dotted scenario path, never a seed (the sweep sets those).
    std::string swept_key(const YAML::Node& key_node) const {
        check_sweepable(key_node.Scalar(), at(key_node));
        return key_node.Scalar();
    }

private:
    std::size_t max_runs_;
};

std::size_t key_index(SweepSpec& spec, const std::string& key) {
    for (std::size_t i = 0; i < spec.keys.size(); ++i) {
        if (spec.keys[i] == key) return i;
    }
    spec.keys.push_back(key);
    for (auto& p : spec.points) {
        p.values.emplace_back();
        p.origins.emplace_back();
    }
    return spec.keys.size() - 1;
}

void read_grid(const SweepReader& r, const YAML::Node& grid, SweepSpec& spec) {
    if (!grid.IsMap() || grid.size() == 0) {
        throw InputError(r.at(grid), "grid", "not a mapping of keys to lists",
                         "e.g. {platform.feed.explore: [0, 0.1]}");
    }
    r.check_keys(grid, "grid", {});
    // The product is counted before any point is built: a few short lists can ask for far
    // more points than memory holds (10^7 points of seven keys took 6.4 GB; an eighth list
    // of 10 values, built before it was counted, made the sweep die of bad_alloc).
    std::size_t count = 1;
    for (const auto& entry : grid) {
        const std::string key = r.swept_key(entry.first);
        const YAML::Node values = entry.second;
        if (!values.IsSequence() || values.size() == 0) {
            throw InputError(r.at(values), "grid." + key, "not a non-empty list of values", "e.g. [0.0, 0.25, 0.5]");
        }
        count *= values.size();  // no overflow: count <= max_runs, a list no longer than the file
        if (count > r.max_runs()) {
            throw InputError(r.at(grid), "grid", "too many points", "at most " + with_commas(r.max_runs()));
        }
    }
    r.check_runs(count, spec.replicates);
    spec.points.assign(1, SweepPoint{});
    for (const auto& entry : grid) {
        const std::string key = entry.first.Scalar();
        const YAML::Node values = entry.second;
        key_index(spec, key);
        // Cartesian product: the first key varies slowest.
        std::vector<SweepPoint> expanded;
        expanded.reserve(spec.points.size() * values.size());
        for (const SweepPoint& p : spec.points) {
            for (const auto& v : values) {
                SweepPoint next = p;
                next.values.back() = r.scalar(v, "grid." + key, "a single value per list item");
                next.origins.back() = r.at(v);
                expanded.push_back(std::move(next));
            }
        }
        spec.points = std::move(expanded);
    }
}

void read_points(const SweepReader& r, const YAML::Node& points, SweepSpec& spec) {
    if (!points.IsSequence() || points.size() == 0) {
        throw InputError(r.at(points), "points", "not a non-empty list", "a list of mappings {key: value, ...}");
    }
    r.check_runs(points.size(), spec.replicates);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const YAML::Node point = points[i];
        const std::string where = "points." + std::to_string(i);
        if (!point.IsMap()) throw InputError(r.at(point), where, "not a mapping", "{key: value, ...}");
        r.check_keys(point, where, {});
        spec.points.push_back(
            SweepPoint{std::vector<std::string>(spec.keys.size()), std::vector<SourcePosition>(spec.keys.size())});
        for (const auto& entry : point) {
            const std::size_t k = key_index(spec, r.swept_key(entry.first));
            spec.points.back().values[k] = r.scalar(entry.second, where + "." + spec.keys[k], "a single value");
            spec.points.back().origins[k] = r.at(entry.second);
        }
    }
}

bool is_integer_text(const std::string& s) {
    return !s.empty() && s.find_first_not_of("+-0123456789") == std::string::npos;
}

// sample.ranges.KEY: [lo, hi] or [lo, hi, log].
SampleRange read_range(const SweepReader& r, const std::string& key, const YAML::Node& range) {
    const std::string where = "sample.ranges." + key;
    const char* shape = "[lo, hi] or [lo, hi, log]";
    if (!range.IsSequence() || range.size() < 2 || range.size() > 3)
        throw InputError(r.at(range), where, "not " + std::string(shape), "a list of two numbers, then optionally log");
    SampleRange out;
    out.key = key;
    out.lo = r.number(range[0], where);
    out.hi = r.number(range[1], where);
    out.lo_text = yaml_number(range[0].Scalar());
    out.hi_text = yaml_number(range[1].Scalar());
    if (range.size() == 3) {
        if (!range[2].IsScalar() || range[2].Scalar() != "log") {
            throw InputError(r.at(range[2]), where, "the third item is not log", shape);
        }
        out.log = true;
    }
    if (out.lo > out.hi) throw InputError(r.at(range), where, "lo exceeds hi", "[lo, hi] with lo <= hi");
    if (out.log && !(out.lo > 0.0 && out.lo < out.hi)) {
        throw InputError(r.at(range), where, "a log range needs 0 < lo < hi", "[lo, hi, log] with 0 < lo < hi");
    }
    out.integer = is_integer_text(range[0].Scalar()) && is_integer_text(range[1].Scalar());
    // Sampled values must be finite (an infinite hi - lo made them inf or nan), and
    // integers exact: a double holds every integer up to 2^53, and llround has no
    // defined result beyond 2^63. Either is refused here, where the range stands.
    if (!std::isfinite(out.hi - out.lo)) {
        throw InputError(r.at(range), where, "hi - lo is not a finite number", "a range narrower than 1.7e308");
    }
    if (out.integer && (std::fabs(out.lo) > kMaxExactInteger || std::fabs(out.hi) > kMaxExactInteger)) {
        throw InputError(r.at(range), where, "an integer bound beyond 2^53", "integers in [-2^53, 2^53]");
    }
    return out;
}

// sample: a Latin hypercube (McKay, Beckman & Conover 1979), Saltelli's design for Sobol'
// indices or Morris trajectories, each made in unit coordinates and mapped through the ranges.
void read_sample(const SweepReader& r, const YAML::Node& sample, SweepSpec& spec) {
    const char* example = "{n: 50, method: latin_hypercube, ranges: {...}}";
    if (!sample.IsMap()) throw InputError(r.at(sample), "sample", "not a mapping", example);
    r.check_keys(sample, "sample", {"n", "method", "ranges", "second_order", "levels"});
    if (!sample["n"] || !sample["ranges"])
        throw InputError(r.at(sample), "sample", "n and ranges are required", example);
    Design& design = spec.design;
    design.method = DesignMethod::latin_hypercube;
    if (sample["method"]) {
        const std::string method = r.scalar(sample["method"], "sample.method", "latin_hypercube, sobol or morris");
        if (method == "sobol") {
            design.method = DesignMethod::sobol;
        } else if (method == "morris") {
            design.method = DesignMethod::morris;
        } else if (method != "latin_hypercube") {
            throw InputError(r.at(sample["method"]), "sample.method", "unknown method '" + method + "'",
                             "latin_hypercube, sobol or morris");
        }
    }
    design.n = r.integer<std::size_t>(sample["n"], "sample.n", 1, 1'000'000, "an integer in [1, 1000000]");
    if (sample["second_order"]) {
        if (design.method != DesignMethod::sobol) {
            throw InputError(r.at(sample["second_order"]), "sample.second_order", "only for method sobol",
                             "second_order with method: sobol");
        }
        const std::string v = r.scalar(sample["second_order"], "sample.second_order", "true or false");
        if (v != "true" && v != "false") {
            throw InputError(r.at(sample["second_order"]), "sample.second_order", "'" + v + "' is not a boolean",
                             "true or false");
        }
        design.second_order = v == "true";
    }
    if (design.method == DesignMethod::morris) {
        design.levels = 4;
        if (sample["levels"]) {
            design.levels = r.integer<int>(sample["levels"], "sample.levels", 2, 1000, "an even integer in [2, 1000]");
            if (design.levels % 2 != 0) {
                throw InputError(r.at(sample["levels"]), "sample.levels", "odd",
                                 "an even integer in [2, 1000] (delta = p / (2 (p - 1)) is then p/2 levels)");
            }
        }
    } else if (sample["levels"]) {
        throw InputError(r.at(sample["levels"]), "sample.levels", "only for method morris",
                         "levels with method: morris");
    }

    const YAML::Node ranges = sample["ranges"];
    if (!ranges.IsMap() || ranges.size() == 0) {
        throw InputError(r.at(ranges), "sample.ranges", "not a mapping of keys to [lo, hi]",
                         "e.g. {creators.share: [0.01, 0.1]}");
    }
    r.check_keys(ranges, "sample.ranges", {});
    std::vector<SourcePosition> origins;  // where each range stands: a sampled value's origin
    for (const auto& entry : ranges) {
        design.ranges.push_back(read_range(r, r.swept_key(entry.first), entry.second));
        origins.push_back(r.at(entry.second));
    }
    const std::size_t keys = design.ranges.size();
    std::size_t points = design.n;
    if (design.second_order && keys < 2) {
        throw InputError(r.at(sample["second_order"]), "sample.second_order", "second order with one swept key",
                         "at least two keys in sample.ranges (S2 is about pairs of keys)");
    }
    if (design.method == DesignMethod::morris) {
        // An integer key must land on an integer at every level, or its steps (after
        // rounding) would differ from delta and its elementary effects be scaled wrongly.
        for (std::size_t k = 0; k < keys; ++k) {
            const SampleRange& range = design.ranges[k];
            const double span = range.hi - range.lo;
            if (range.integer && !range.log && std::fmod(span, design.levels - 1) != 0.0) {
                throw InputError(origins[k], "sample.ranges." + range.key,
                                 fmt::format("an integer range of width {} over {} levels", span, design.levels),
                                 fmt::format("hi - lo a multiple of levels - 1 = {}, or lo and hi written as decimals",
                                             design.levels - 1));
            }
            if (range.integer && range.log) {
                throw InputError(origins[k], "sample.ranges." + range.key, "an integer log range in a Morris design",
                                 "a linear integer range, or lo and hi written as decimals");
            }
        }
    }
    if (design.method == DesignMethod::sobol) {
        if (keys > kMaxSobolKeys) {
            throw InputError(r.at(ranges), "sample.ranges",
                             std::to_string(keys) + " keys, more than a Sobol' design takes here",
                             "at most 20 keys (the 40 dimensions of the Joe & Kuo table kept), or method: morris");
        }
        points = design.n * (design.second_order ? 2 * keys + 2 : keys + 2);
    } else if (design.method == DesignMethod::morris) {
        points = design.n * (keys + 1);
    }
    r.check_runs(points, spec.replicates);

    std::vector<std::vector<double>> units;
    if (design.method == DesignMethod::latin_hypercube) {
        units = latin_hypercube(design.n, keys, spec.seed);
    } else if (design.method == DesignMethod::sobol) {
        make_sobol_design(design, keys, spec.seed);
    } else {
        make_morris_design(design, keys, spec.seed);
    }
    const auto& unit_points = design.method == DesignMethod::latin_hypercube ? units : design.units;
    for (const SampleRange& range : design.ranges) key_index(spec, range.key);
    spec.points.assign(unit_points.size(), SweepPoint{});
    for (std::size_t i = 0; i < unit_points.size(); ++i) {
        for (std::size_t k = 0; k < keys; ++k) {
            spec.points[i].values.push_back(range_value(design.ranges[k], unit_points[i][k]));
            spec.points[i].origins.push_back(origins[k]);
        }
    }
}

// points_file: every row a point, every column a swept key, values as written.
void read_points_from_file(const SweepReader& r, const YAML::Node& node, const std::string& sweep_path,
                           const FileReader& read_file, SweepSpec& spec) {
    fs::path file(r.scalar(node, "points_file", "a CSV file, relative to this file"));
    if (file.is_relative()) file = fs::absolute(sweep_path).parent_path() / file;
    const std::string path = fs::absolute(file).lexically_normal().string();
    const PointsTable table = parse_points_csv(read_file(path, r.at(node)), path);
    r.check_runs(table.rows.size(), spec.replicates);
    for (std::size_t k = 0; k < table.keys.size(); ++k) check_sweepable(table.keys[k], table.key_positions[k]);
    for (const std::string& key : table.keys) key_index(spec, key);
    for (std::size_t p = 0; p < table.rows.size(); ++p) spec.points.push_back({table.rows[p], table.positions[p]});
    spec.design.method = DesignMethod::points_file;
}

// A swept or fixed value in sweep.yaml: numbers (in YAML 1.1 form by now) and booleans
// plain, any other text quoted, so that no YAML reader takes a text such as yes, 1_000 or
// 2024-01-01 for a boolean, a number or a date; yaml-cpp reads either back as the same text.
void emit_value(YAML::Emitter& out, const std::string& text) {
    if (!is_number(text) && text != "true" && text != "false") out << YAML::DoubleQuoted;
    out << text;
}

std::uint64_t derive(std::uint64_t seed, std::uint64_t salt, std::uint64_t index) {
    return core::mix64(core::mix64(seed ^ salt) + index * core::kGolden);
}

}  // namespace

SweepSpec parse_sweep(const std::string& text, const std::string& path, const BaseReader& read_base,
                      std::size_t max_runs, const FileReader& read_points_file) {
    SweepReader r(path, max_runs);
    const YAML::Node root = scenario::load_single_document(text, path, "sweep file");
    if (!root.IsMap()) {
        throw InputError({path, 1, 1}, "", "not a mapping",
                         "one mapping with base, replicates and grid, points or sample");
    }
    r.check_keys(root, "", kSweepKeys);

    SweepSpec spec;
    spec.source_file = path;
    spec.name = fs::path(path).stem().string();
    if (root["name"]) {
        spec.name = r.scalar(root["name"], "name", "a name");
        if (!scenario::valid_name(spec.name)) {
            throw InputError(r.at(root["name"]), "name", "invalid name '" + spec.name + "'", scenario::kNameRule);
        }
    } else if (!scenario::valid_name(spec.name)) {
        throw InputError({path, 1, 1}, "name", "missing, and the file name gives no valid name '" + spec.name + "'",
                         scenario::kNameRule);
    }
    if (root["seed"]) {
        spec.seed = r.integer<std::uint64_t>(root["seed"], "seed", 0, ~std::uint64_t{0}, "an integer in [0, 2^64)");
    }
    if (root["replicates"]) {
        spec.replicates =
            r.integer<std::int64_t>(root["replicates"], "replicates", 1, 1'000'000, "an integer in [1, 1000000]");
    }
    if (root["vary_world"]) {
        spec.vary_world = r.boolean(root["vary_world"], "vary_world");
    }
    if (root["world_seed"]) {
        spec.world_seed =
            r.integer<std::uint64_t>(root["world_seed"], "world_seed", 0, ~std::uint64_t{0}, "an integer in [0, 2^64)");
        if (spec.vary_world) {
            throw InputError(r.at(root["world_seed"]), "world_seed", "given with vary_world: true",
                             "either one world for every run (world_seed) or a new world per replicate (vary_world)");
        }
    }
    if (root["common_random_numbers"]) {
        spec.common_random_numbers = r.boolean(root["common_random_numbers"], "common_random_numbers");
    }
    if (root["keep_runs"]) {
        const std::string v = r.scalar(root["keep_runs"], "keep_runs", "none, timeseries or all");
        if (v == "none")
            spec.keep = run::Keep::summary;
        else if (v == "timeseries")
            spec.keep = run::Keep::timeseries;
        else if (v == "all")
            spec.keep = run::Keep::all;
        else
            throw InputError(r.at(root["keep_runs"]), "keep_runs", "unknown value '" + v + "'",
                             "none, timeseries or all");
    }
    if (!root["base"])
        throw InputError({path, 1, 1}, "base", "missing", "the path of the base scenario, relative to this file");
    {
        fs::path base(r.scalar(root["base"], "base", "a path"));
        if (base.is_relative()) base = fs::absolute(path).parent_path() / base;
        spec.base_path = fs::absolute(base).lexically_normal().string();
        spec.base_text = read_base(spec.base_path, r.at(root["base"]));
    }

    const int designs =
        (root["grid"] ? 1 : 0) + (root["points"] ? 1 : 0) + (root["sample"] ? 1 : 0) + (root["points_file"] ? 1 : 0);
    if (designs != 1) {
        throw InputError({path, 1, 1}, "grid", designs ? "more than one design" : "no design",
                         "exactly one of grid, points, sample and points_file");
    }
    if (root["fixed"]) {
        const YAML::Node fixed = root["fixed"];
        if (!fixed.IsMap())
            throw InputError(r.at(fixed), "fixed", "not a mapping", "{key: value, ...} applied to every run");
        r.check_keys(fixed, "fixed", {});
        for (const auto& entry : fixed) {
            const std::string key = r.swept_key(entry.first);
            spec.fixed_keys.push_back(key);
            spec.fixed.values.push_back(r.scalar(entry.second, "fixed." + key, "a single value"));
            spec.fixed.origins.push_back(r.at(entry.second));
        }
    }
    // Each design checks its run count.
    if (root["grid"]) {
        spec.design.method = DesignMethod::grid;
        read_grid(r, root["grid"], spec);
    }
    if (root["points"]) {
        spec.design.method = DesignMethod::points;
        read_points(r, root["points"], spec);
    }
    if (root["sample"]) read_sample(r, root["sample"], spec);
    if (root["points_file"]) {
        read_points_from_file(r, root["points_file"], path,
                              read_points_file ? read_points_file : FileReader(read_file_from_disk), spec);
    }

    // A key both fixed and swept: one of the two values would silently lose.
    for (std::size_t f = 0; f < spec.fixed_keys.size(); ++f) {
        for (const std::string& key : spec.keys) {
            if (key == spec.fixed_keys[f]) {
                throw InputError(spec.fixed.origins[f], "fixed." + key, "also swept",
                                 "a key either in fixed or in the design, not both");
            }
        }
    }
    // Every point must make a valid scenario: fail now, not after hours of runs.
    for (std::size_t p = 0; p < spec.points.size(); ++p) check_point(spec, p);
    // Numbers as sweep.yaml and summary.csv give them; only now, so that an error above
    // quotes the value as the file wrote it.
    for (std::string& value : spec.fixed.values) value = yaml_number(value);
    for (SweepPoint& point : spec.points) {
        for (std::string& value : point.values) value = yaml_number(value);
    }
    return spec;
}

std::string read_file_from_disk(const std::string& path, const SourcePosition& where) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        throw InputError(where, "points_file", "no file at " + path, "a CSV file, relative to this file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError({path, 0, 0}, "points_file", "cannot open the file", "a readable CSV file");
    std::ostringstream text;
    text << in.rdbuf();  // an empty file sets failbit: parse_points_csv says it is empty
    if (in.bad()) throw InputError({path, 0, 0}, "points_file", "cannot read the file", "a readable CSV file");
    return text.str();
}

SweepSpec load_sweep(const std::string& path) {
    const auto read_base = [](const std::string& base_path, const SourcePosition& where) {
        std::error_code ec;
        if (!fs::is_regular_file(base_path, ec)) {
            throw InputError(where, "base", "no scenario file at " + base_path,
                             "a scenario file, relative to this file");
        }
        return scenario::read_scenario_file(base_path);
    };
    return parse_sweep(scenario::read_scenario_file(path), path, read_base);
}

void check_point(const SweepSpec& spec, std::size_t point_id) {
    RunPlan run;
    run.point_id = point_id;
    model::check_graph(scenario_for(spec, run));
}

std::vector<RunPlan> plan_runs(const SweepSpec& spec) {
    std::vector<RunPlan> runs;
    for (std::size_t p = 0; p < spec.points.size(); ++p) {
        for (std::int64_t r = 0; r < spec.replicates; ++r) {
            RunPlan run;
            run.run_id = runs.size();
            run.point_id = p;
            run.replicate = r;
            // Replicate r has the same seeds at every point (common random numbers), so
            // points differ by their parameters, not by their luck.
            // Without them, the run's number takes the replicate's place.
            const auto draw =
                static_cast<std::uint64_t>(spec.common_random_numbers ? r : static_cast<std::int64_t>(run.run_id));
            run.seed = derive(spec.seed, kRunSeedSalt, draw);
            run.world_seed = derive(spec.seed, kWorldSeedSalt, spec.vary_world ? draw : 0);
            if (spec.world_seed && !spec.vary_world) run.world_seed = *spec.world_seed;
            runs.push_back(run);
        }
    }
    return runs;
}

scenario::Scenario scenario_for(const SweepSpec& spec, const RunPlan& run) {
    const SweepPoint& point = spec.points[run.point_id];
    std::vector<std::string> overrides;
    std::vector<core::SourcePosition> origins;
    for (std::size_t k = 0; k < spec.fixed_keys.size(); ++k) {
        overrides.push_back(spec.fixed_keys[k] + "=" + spec.fixed.values[k]);
        origins.push_back(spec.fixed.origins[k]);
    }
    for (std::size_t k = 0; k < spec.keys.size(); ++k) {
        if (point.values[k].empty()) continue;
        overrides.push_back(spec.keys[k] + "=" + point.values[k]);
        origins.push_back(point.origins[k]);
    }
    scenario::Scenario s = scenario::parse_scenario(
        spec.base_text, spec.base_path, fs::path(spec.base_path).parent_path().string(), overrides, origins);
    s.seed = run.seed;
    s.world_seed = run.world_seed;
    return s;
}

std::string dump_sweep(const SweepSpec& spec) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << spec.name;  // text, even as 007
    out << YAML::Key << "base" << YAML::Value << spec.base_path;
    out << YAML::Key << "replicates" << YAML::Value << spec.replicates;
    out << YAML::Key << "vary_world" << YAML::Value << (spec.vary_world ? "true" : "false");
    // Written only when off, so that the sweep.yaml of a sweep from before the key existed
    // still matches for --resume.
    if (!spec.common_random_numbers) out << YAML::Key << "common_random_numbers" << YAML::Value << "false";
    out << YAML::Key << "seed" << YAML::Value << std::to_string(spec.seed);
    if (spec.world_seed) out << YAML::Key << "world_seed" << YAML::Value << std::to_string(*spec.world_seed);
    out << YAML::Key << "keep_runs" << YAML::Value
        << (spec.keep == run::Keep::summary      ? "none"
            : spec.keep == run::Keep::timeseries ? "timeseries"
                                                 : "all");
    if (!spec.fixed_keys.empty()) {
        out << YAML::Key << "fixed" << YAML::Value << YAML::BeginMap;
        for (std::size_t k = 0; k < spec.fixed_keys.size(); ++k) {
            out << YAML::Key << spec.fixed_keys[k] << YAML::Value;
            emit_value(out, spec.fixed.values[k]);
        }
        out << YAML::EndMap;
    }
    const Design& design = spec.design;
    if (design.method == DesignMethod::sobol || design.method == DesignMethod::morris) {
        // Its points follow from the seed and this block (see spec.hpp).
        out << YAML::Key << "sample" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "method" << YAML::Value << method_name(design.method);
        out << YAML::Key << "n" << YAML::Value << design.n;
        if (design.method == DesignMethod::sobol) {
            out << YAML::Key << "second_order" << YAML::Value << (design.second_order ? "true" : "false");
        } else {
            out << YAML::Key << "levels" << YAML::Value << design.levels;
        }
        out << YAML::Key << "ranges" << YAML::Value << YAML::BeginMap;
        for (const SampleRange& range : design.ranges) {
            out << YAML::Key << range.key << YAML::Value << YAML::Flow << YAML::BeginSeq << range.lo_text
                << range.hi_text;
            if (range.log) out << "log";
            out << YAML::EndSeq;
        }
        out << YAML::EndMap << YAML::EndMap << YAML::EndMap;
        return std::string(
                   "# Resolved sweep: the sample's points follow from it and the seed; the base scenario is "
                   "read from `base`.\n") +
               out.c_str() + "\n";
    }
    out << YAML::Key << "points" << YAML::Value << YAML::BeginSeq;
    for (const SweepPoint& p : spec.points) {
        out << YAML::Flow << YAML::BeginMap;
        for (std::size_t k = 0; k < spec.keys.size(); ++k) {
            if (p.values[k].empty()) continue;
            out << YAML::Key << spec.keys[k] << YAML::Value;
            emit_value(out, p.values[k]);
        }
        out << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap;
    return std::string("# Resolved sweep: every point listed; the base scenario is read from `base`.\n") + out.c_str() +
           "\n";
}

std::string sweep_json(const SweepSpec& spec) {
    const auto list = [](const auto& names) {
        std::string text;
        for (const auto& name : names) text += (text.empty() ? "" : ", ") + io::json_string(name);
        return "[" + text + "]";
    };
    return fmt::format(
        "{{\n  \"name\": {},\n  \"id_columns\": {},\n  \"swept_keys\": {},\n  \"fixed_keys\": {},\n"
        "  \"points\": {},\n  \"replicates\": {},\n  \"runs\": {},\n  \"design\": {},\n  \"program\": {}\n}}\n",
        io::json_string(spec.name), list(kIdColumns), list(spec.keys), list(spec.fixed_keys), spec.points.size(),
        spec.replicates, spec.points.size() * static_cast<std::size_t>(spec.replicates), design_json(spec.design),
        io::json_string(io::program_identity()));
}

}  // namespace grassroots::sweep
