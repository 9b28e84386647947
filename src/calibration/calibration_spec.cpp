// Calibration files: strict reading with the reader sweep and targets files share.
#include "calibration/calibration_spec.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "calibration/batch.hpp"
#include "scenario/load.hpp"
#include "scenario/strict_reader.hpp"
#include "scenario/yaml_document.hpp"
#include "sweep/spec.hpp"

namespace grassroots::calibration {
namespace {

namespace fs = std::filesystem;
using core::InputError;

const std::vector<std::string> kRootKeys{
    "name",  "base",       "targets",   "seed",        "world_seed", "replicates", "vary_world",     "keep_runs",
    "fixed", "parameters", "particles", "generations", "budget",     "quantile",   "min_acceptance", "min_tolerance"};
const std::vector<std::string> kPriorKeys{"prior", "range", "also"};
constexpr const char* kPriorExpected =
    "{prior: uniform, log_uniform or integer, range: [lo, hi], also: [more keys that take the value]}";

fs::path relative_to(const std::string& file, const std::string& path) {
    fs::path p(path);
    if (p.is_relative()) p = fs::absolute(file).parent_path() / p;
    return fs::absolute(p).lexically_normal();
}

std::string read_named_file(const fs::path& path, const core::SourcePosition& where, const std::string& key,
                            const std::string& expected) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) throw InputError(where, key, "no file at " + path.string(), expected);
    return scenario::read_scenario_file(path.string());
}

Prior read_prior(const scenario::StrictReader& r, const YAML::Node& key_node, const YAML::Node& node) {
    Prior prior;
    prior.key = key_node.Scalar();
    const std::string where = "parameters." + prior.key;
    if (prior.key == "seed" || prior.key == "world_seed" || prior.key == "name") {
        throw InputError(r.at(key_node), where, "cannot be calibrated: the calibration sets it for every run",
                         "scenario keys other than name, seed and world_seed");
    }
    prior.at = r.at(node);
    if (!node.IsMap()) throw InputError(r.at(node), where, "not a mapping", kPriorExpected);
    r.check_keys(node, where, kPriorKeys);
    if (!node["prior"] || !node["range"])
        throw InputError(r.at(node), where, "prior and range are required", kPriorExpected);
    const std::string kind = r.scalar(node["prior"], where + ".prior", "uniform, log_uniform or integer");
    if (kind == "uniform") {
        prior.kind = PriorKind::uniform;
    } else if (kind == "log_uniform") {
        prior.kind = PriorKind::log_uniform;
    } else if (kind == "integer") {
        prior.kind = PriorKind::integer;
    } else {
        throw InputError(r.at(node["prior"]), where + ".prior", "unknown prior '" + kind + "'",
                         "uniform, log_uniform or integer");
    }
    const YAML::Node range = node["range"];
    constexpr const char* range_expected = "[lo, hi] with lo < hi";
    if (!range.IsSequence() || range.size() != 2) {
        throw InputError(r.at(range), where + ".range", "not [lo, hi]", range_expected);
    }
    if (prior.kind == PriorKind::integer) {
        constexpr std::int64_t kMax = std::int64_t{1} << 53;  // exact as a double
        constexpr const char* expected = "integers in [-2^53, 2^53]";
        prior.lo = static_cast<double>(r.integer<std::int64_t>(range[0], where + ".range", -kMax, kMax, expected));
        prior.hi = static_cast<double>(r.integer<std::int64_t>(range[1], where + ".range", -kMax, kMax, expected));
    } else {
        prior.lo = r.number(range[0], where + ".range", range_expected);
        prior.hi = r.number(range[1], where + ".range", range_expected);
    }
    if (!(prior.lo < prior.hi)) throw InputError(r.at(range), where + ".range", "lo is not below hi", range_expected);
    if (prior.kind == PriorKind::log_uniform && !(prior.lo > 0.0)) {
        throw InputError(r.at(range), where + ".range", "a log_uniform prior needs lo > 0", "0 < lo < hi");
    }
    if (const YAML::Node also = node["also"]) {
        constexpr const char* expected = "a list of scenario keys that take the parameter's value";
        if (!also.IsSequence() || also.size() == 0)
            throw InputError(r.at(also), where + ".also", "not a non-empty list", expected);
        for (std::size_t i = 0; i < also.size(); ++i) {
            const std::string key = r.scalar(also[i], fmt::format("{}.also.{}", where, i), expected);
            if (key == "seed" || key == "world_seed" || key == "name") {
                throw InputError(r.at(also[i]), fmt::format("{}.also.{}", where, i),
                                 "cannot be calibrated: the calibration sets it for every run",
                                 "scenario keys other than name, seed and world_seed");
            }
            prior.also.push_back(key);
        }
    }
    return prior;
}

}  // namespace

const char* prior_name(PriorKind kind) {
    switch (kind) {
        case PriorKind::uniform:
            return "uniform";
        case PriorKind::log_uniform:
            return "log_uniform";
        case PriorKind::integer:
            return "integer";
    }
    return "uniform";
}

double Prior::value(double z) const {
    switch (kind) {
        case PriorKind::uniform:
            return lo + z * (hi - lo);
        case PriorKind::log_uniform:
            return lo * std::pow(hi / lo, z);
        case PriorKind::integer: {
            // z in [0, 1) covers [lo - 1/2, hi + 1/2): each integer a slice of width 1.
            const double v = std::floor(lo + z * (hi - lo + 1.0));
            return std::min(v, hi);
        }
    }
    return lo;
}

std::string Prior::text_of(double v) const {
    if (kind == PriorKind::integer) return fmt::format("{}", static_cast<std::int64_t>(v));
    return sweep::yaml_number(fmt::format("{}", v));
}

CalibrationSpec load_calibration(const std::string& path) {
    const std::string text = scenario::read_scenario_file(path);
    const scenario::StrictReader r(path);
    const YAML::Node root = scenario::load_single_document(text, path, "calibration file");
    if (!root.IsMap()) {
        throw InputError({path, 1, 1}, "", "not a mapping", "one mapping with base, targets and parameters");
    }
    r.check_keys(root, "", kRootKeys);

    CalibrationSpec spec;
    spec.source_file = path;
    spec.name = fs::path(path).stem().string();
    if (root["name"]) {
        spec.name = r.scalar(root["name"], "name", scenario::kNameRule);
        if (!scenario::valid_name(spec.name)) {
            throw InputError(r.at(root["name"]), "name", "invalid name '" + spec.name + "'", scenario::kNameRule);
        }
    } else if (!scenario::valid_name(spec.name)) {
        throw InputError({path, 1, 1}, "name", "missing, and the file name gives no valid name '" + spec.name + "'",
                         scenario::kNameRule);
    }
    for (const char* required : {"base", "targets", "parameters"}) {
        if (!root[required]) {
            throw InputError({path, 1, 1}, required, "missing",
                             "base (a scenario), targets (a targets file) and parameters (priors)");
        }
    }
    {
        const fs::path base = relative_to(path, r.scalar(root["base"], "base", "a path"));
        spec.base_path = base.string();
        spec.base_text = read_named_file(base, r.at(root["base"]), "base", "a scenario file, relative to this file");
    }
    {
        const fs::path targets = relative_to(path, r.scalar(root["targets"], "targets", "a path"));
        spec.targets_path = targets.string();
        spec.targets_text =
            read_named_file(targets, r.at(root["targets"]), "targets", "a targets file, relative to this file");
        spec.targets = parse_targets(spec.targets_text, targets.string());
    }
    if (root["seed"]) {
        spec.seed = r.integer<std::uint64_t>(root["seed"], "seed", 0, ~std::uint64_t{0}, "an integer in [0, 2^64)");
    }
    if (root["replicates"]) {
        spec.replicates = r.integer<std::int64_t>(root["replicates"], "replicates", 1, 1000, "an integer in [1, 1000]");
    }
    if (root["vary_world"]) spec.vary_world = r.boolean(root["vary_world"], "vary_world");
    if (root["world_seed"]) {
        spec.world_seed =
            r.integer<std::uint64_t>(root["world_seed"], "world_seed", 0, ~std::uint64_t{0}, "an integer in [0, 2^64)");
        if (spec.vary_world) {
            throw InputError(r.at(root["world_seed"]), "world_seed", "given with vary_world: true",
                             "either one world for every run (world_seed) or a new world per run (vary_world)");
        }
    }
    spec.keep = needs_timeseries(spec.targets) ? run::Keep::timeseries : run::Keep::summary;
    if (root["keep_runs"]) {
        const std::string v = r.scalar(root["keep_runs"], "keep_runs", "none, timeseries or all");
        if (v == "none" && needs_timeseries(spec.targets)) {
            throw InputError(r.at(root["keep_runs"]), "keep_runs", "none, but a target reads the time series",
                             "timeseries or all (or no keep_runs)");
        }
        if (v == "none") {
            spec.keep = run::Keep::summary;
        } else if (v == "timeseries") {
            spec.keep = run::Keep::timeseries;
        } else if (v == "all") {
            spec.keep = run::Keep::all;
        } else {
            throw InputError(r.at(root["keep_runs"]), "keep_runs", "unknown value '" + v + "'",
                             "none, timeseries or all");
        }
    }
    if (root["particles"]) {
        spec.particles =
            r.integer<std::int64_t>(root["particles"], "particles", 2, 100000, "an integer in [2, 100000]");
    }
    if (root["generations"]) {
        spec.generations =
            r.integer<std::int64_t>(root["generations"], "generations", 1, 1000, "an integer in [1, 1000]");
    }
    if (root["budget"]) {
        spec.budget =
            r.integer<std::int64_t>(root["budget"], "budget", 1, 100'000'000, "an integer in [1, 10^8] (runs)");
    }
    if (root["quantile"]) {
        spec.quantile = r.number(root["quantile"], "quantile", "a number in (0, 1)");
        if (!(spec.quantile > 0.0 && spec.quantile < 1.0)) {
            throw InputError(r.at(root["quantile"]), "quantile",
                             "value " + root["quantile"].Scalar() + " is out of range", "a number in (0, 1)");
        }
    }
    if (root["min_acceptance"]) {
        spec.min_acceptance = r.number(root["min_acceptance"], "min_acceptance", "a number in [0, 1)");
        if (!(spec.min_acceptance >= 0.0 && spec.min_acceptance < 1.0)) {
            throw InputError(r.at(root["min_acceptance"]), "min_acceptance",
                             "value " + root["min_acceptance"].Scalar() + " is out of range", "a number in [0, 1)");
        }
    }
    if (root["min_tolerance"]) {
        spec.min_tolerance = r.number(root["min_tolerance"], "min_tolerance", "a number >= 0");
        if (spec.min_tolerance < 0.0) {
            throw InputError(r.at(root["min_tolerance"]), "min_tolerance",
                             "value " + root["min_tolerance"].Scalar() + " is negative", "a number >= 0");
        }
    }
    // Generation 0 alone costs particles x replicates runs.
    if (spec.particles * spec.replicates > spec.budget) {
        throw InputError(r.at(root["budget"] ? root["budget"] : root), "budget",
                         fmt::format("{} runs cannot sample the prior's {} particles x {} replicates", spec.budget,
                                     spec.particles, spec.replicates),
                         "a budget of at least particles x replicates runs (several times that to get past the prior)");
    }
    if (root["fixed"]) {
        const YAML::Node fixed = root["fixed"];
        if (!fixed.IsMap())
            throw InputError(r.at(fixed), "fixed", "not a mapping", "{key: value, ...} applied to every run");
        r.check_keys(fixed, "fixed", {});
        for (const auto& entry : fixed) {
            const std::string key = entry.first.Scalar();
            if (key == "seed" || key == "world_seed" || key == "name") {
                throw InputError(r.at(entry.first), "fixed." + key, "cannot be fixed: the calibration sets it",
                                 "scenario keys other than name, seed and world_seed");
            }
            spec.fixed_keys.push_back(key);
            spec.fixed_values.push_back(r.scalar(entry.second, "fixed." + key, "a single value"));
            spec.fixed_origins.push_back(r.at(entry.second));
        }
    }
    const YAML::Node parameters = root["parameters"];
    if (!parameters.IsMap() || parameters.size() == 0) {
        throw InputError(r.at(parameters), "parameters", "not a mapping of keys to priors",
                         "e.g. {platform.feed.explore: {prior: uniform, range: [0.0, 0.5]}}");
    }
    r.check_keys(parameters, "parameters", {});
    std::vector<std::string> calibrated;  // every key a parameter sets, `also` included
    for (const auto& entry : parameters) {
        Prior prior = read_prior(r, entry.first, entry.second);
        std::vector<std::string> keys{prior.key};
        keys.insert(keys.end(), prior.also.begin(), prior.also.end());
        for (const std::string& key : keys) {
            if (std::find(calibrated.begin(), calibrated.end(), key) != calibrated.end()) {
                throw InputError(prior.at, "parameters." + prior.key, "sets " + key + ", which another parameter sets",
                                 "each scenario key set by one parameter");
            }
            calibrated.push_back(key);
            for (std::size_t f = 0; f < spec.fixed_keys.size(); ++f) {
                if (spec.fixed_keys[f] == key) {
                    throw InputError(spec.fixed_origins[f], "fixed." + key, "also calibrated",
                                     "a key either in fixed or in parameters, not both");
                }
            }
        }
        spec.priors.push_back(std::move(prior));
    }
    // The prior's corners must make valid scenarios: fail now, not after hours of runs. (A
    // proposal inside the box that the schema refuses, e.g. shares summing past 1, is
    // outside the prior's support: abc_smc.hpp draws another.)
    for (std::size_t k = 0; k < spec.priors.size(); ++k) {
        // An interior value too: an integer key under a uniform prior has valid bounds
        // (2 and 20) but no valid value between them.
        for (const double bound : {spec.priors[k].lo, spec.priors[k].hi, spec.priors[k].value(0.37)}) {
            std::vector<std::string> point(spec.priors.size());
            point[k] = spec.priors[k].text_of(bound);
            const sweep::SweepSpec probe = batch_sweep(spec, "probe", 0, {point});
            sweep::check_point(probe, 0);
        }
    }
    for (std::string& value : spec.fixed_values) value = sweep::yaml_number(value);
    return spec;
}

std::string dump_calibration(const CalibrationSpec& spec) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << spec.name;
    out << YAML::Key << "base" << YAML::Value << spec.base_path;
    out << YAML::Key << "targets" << YAML::Value << spec.targets_path;
    out << YAML::Key << "seed" << YAML::Value << std::to_string(spec.seed);
    out << YAML::Key << "replicates" << YAML::Value << spec.replicates;
    out << YAML::Key << "vary_world" << YAML::Value << (spec.vary_world ? "true" : "false");
    if (spec.world_seed) out << YAML::Key << "world_seed" << YAML::Value << std::to_string(*spec.world_seed);
    out << YAML::Key << "keep_runs" << YAML::Value
        << (spec.keep == run::Keep::summary      ? "none"
            : spec.keep == run::Keep::timeseries ? "timeseries"
                                                 : "all");
    out << YAML::Key << "particles" << YAML::Value << spec.particles;
    out << YAML::Key << "generations" << YAML::Value << spec.generations;
    out << YAML::Key << "budget" << YAML::Value << spec.budget;
    out << YAML::Key << "quantile" << YAML::Value << fmt::format("{}", spec.quantile);
    out << YAML::Key << "min_acceptance" << YAML::Value << fmt::format("{}", spec.min_acceptance);
    out << YAML::Key << "min_tolerance" << YAML::Value << fmt::format("{}", spec.min_tolerance);
    if (!spec.fixed_keys.empty()) {
        out << YAML::Key << "fixed" << YAML::Value << YAML::BeginMap;
        for (std::size_t k = 0; k < spec.fixed_keys.size(); ++k) {
            out << YAML::Key << spec.fixed_keys[k] << YAML::Value << spec.fixed_values[k];
        }
        out << YAML::EndMap;
    }
    out << YAML::Key << "parameters" << YAML::Value << YAML::BeginMap;
    for (const Prior& p : spec.priors) {
        out << YAML::Key << p.key << YAML::Value << YAML::Flow << YAML::BeginMap;
        out << YAML::Key << "prior" << YAML::Value << prior_name(p.kind);
        out << YAML::Key << "range" << YAML::Value << YAML::Flow << YAML::BeginSeq << fmt::format("{}", p.lo)
            << fmt::format("{}", p.hi) << YAML::EndSeq;
        if (!p.also.empty()) {
            out << YAML::Key << "also" << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (const std::string& key : p.also) out << key;
            out << YAML::EndSeq;
        }
        out << YAML::EndMap;
    }
    out << YAML::EndMap << YAML::EndMap;
    return std::string(
               "# Resolved calibration: every setting explicit; base and targets are read from their paths.\n") +
           out.c_str() + "\n";
}

}  // namespace grassroots::calibration
