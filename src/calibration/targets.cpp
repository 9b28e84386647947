// Targets files: strict reading, in the idiom of the sweep reader (sweep/spec.cpp).
#include "calibration/targets.hpp"

#include <filesystem>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "scenario/load.hpp"
#include "scenario/strict_reader.hpp"
#include "scenario/yaml_document.hpp"

namespace grassroots::calibration {
namespace {

using core::InputError;
using core::SourcePosition;

const std::vector<std::string> kRootKeys{"name", "targets"};
const std::vector<std::string> kTargetKeys{"name", "metric", "observed", "tolerance", "weight", "source"};
const std::vector<std::string> kMetricKeys{"timeseries", "tick", "over"};
constexpr const char* kMetricExpected =
    "a summary.csv column, or {timeseries: COLUMN or [COLUMN, ...], tick: N, over: COLUMN or a positive number}";
constexpr std::int64_t kMaxTick = std::int64_t{1} << 53;

class TargetsReader : public scenario::StrictReader {
public:
    using StrictReader::StrictReader;

    std::int64_t tick(const YAML::Node& node, const std::string& key) const {
        return integer<std::int64_t>(node, key, 0, kMaxTick, "an integer in [0, 2^53]");
    }

    void read_metric(const YAML::Node& node, const std::string& key, Target& t) const {
        t.metric_at = at(node);
        if (node.IsScalar()) {
            t.metric.kind = Metric::Kind::summary;
            t.metric.column = scalar(node, key, kMetricExpected);
            return;
        }
        if (!node.IsMap()) throw InputError(at(node), key, "not a column name or a mapping", kMetricExpected);
        check_keys(node, key, kMetricKeys);
        if (!node["timeseries"] || !node["tick"]) {
            throw InputError(at(node), key, "timeseries and tick are required", kMetricExpected);
        }
        t.metric.kind = Metric::Kind::timeseries;
        const YAML::Node columns = node["timeseries"];
        constexpr const char* columns_expected = "a timeseries.csv column, or a list of columns to add up";
        if (columns.IsSequence()) {
            if (columns.size() == 0)
                throw InputError(at(columns), key + ".timeseries", "an empty list", columns_expected);
            t.metric.column = scalar(columns[0], key + ".timeseries.0", columns_expected);
            for (std::size_t i = 1; i < columns.size(); ++i) {
                t.metric.more_columns.push_back(
                    scalar(columns[i], fmt::format("{}.timeseries.{}", key, i), columns_expected));
            }
        } else {
            t.metric.column = scalar(columns, key + ".timeseries", columns_expected);
        }
        t.metric_at = at(node["timeseries"]);
        t.metric.tick = tick(node["tick"], key + ".tick");
        t.tick_at = at(node["tick"]);
        if (const YAML::Node over = node["over"]) {
            constexpr const char* expected = "a timeseries.csv or summary.csv column, or a positive number";
            const std::string over_text = scalar(over, key + ".over", expected);
            t.over_at = at(over);
            double value = 0.0;
            if (scenario::read_finite_number(over_text, value)) {
                if (!(value > 0.0))
                    throw InputError(at(over), key + ".over", "value " + over_text + " is not positive", expected);
                t.metric.over_number = value;
            } else {
                t.metric.over_column = over_text;
            }
        }
    }

    void read_observed(const YAML::Node& node, const std::string& key, Target& t) const {
        constexpr const char* expected = "a number, or a range [lo, hi] with lo <= hi";
        if (node.IsSequence()) {
            if (node.size() != 2) throw InputError(at(node), key, "not [lo, hi]", expected);
            t.observed_lo = number(node[0], key, expected);
            t.observed_hi = number(node[1], key, expected);
            if (t.observed_lo > t.observed_hi) throw InputError(at(node), key, "lo exceeds hi", expected);
        } else {
            t.observed_lo = t.observed_hi = number(node, key, expected);
        }
    }

    Target read_target(const YAML::Node& node, std::size_t index) const {
        const std::string where = "targets." + std::to_string(index);
        if (!node.IsMap()) {
            throw InputError(at(node), where, "not a mapping", "{name, metric, observed, tolerance, weight, source}");
        }
        check_keys(node, where, kTargetKeys);
        for (const char* required : {"name", "metric", "observed", "tolerance", "source"}) {
            if (!node[required]) {
                throw InputError(at(node), where + "." + required, "missing",
                                 "name, metric, observed, tolerance and source in every target (weight: default 1)");
            }
        }
        Target t;
        t.key = where;
        t.at = at(node);
        t.name = scalar(node["name"], where + ".name", scenario::kNameRule);
        if (!scenario::valid_name(t.name)) {
            throw InputError(at(node["name"]), where + ".name", "invalid name '" + t.name + "'", scenario::kNameRule);
        }
        read_metric(node["metric"], where + ".metric", t);
        read_observed(node["observed"], where + ".observed", t);
        t.tolerance = number(node["tolerance"], where + ".tolerance", "a positive number, in the metric's unit");
        if (!(t.tolerance > 0.0)) {
            throw InputError(at(node["tolerance"]), where + ".tolerance",
                             "value " + node["tolerance"].Scalar() + " is not positive",
                             "a positive number, in the metric's unit");
        }
        if (node["weight"]) {
            t.weight = number(node["weight"], where + ".weight", "a number >= 0");
            if (t.weight < 0.0) {
                throw InputError(at(node["weight"]), where + ".weight",
                                 "value " + node["weight"].Scalar() + " is negative", "a number >= 0");
            }
        }
        t.source = scalar(node["source"], where + ".source", "the publication or data set the value comes from");
        return t;
    }
};

}  // namespace

std::string Metric::label() const {
    if (kind == Kind::summary) return column;
    std::string text = column;
    for (const std::string& more : more_columns) text += "+" + more;
    text += fmt::format("@{}", tick);
    if (!over_column.empty()) text += "/" + over_column;
    if (over_column.empty() && over_number != 1.0) text += fmt::format("/{}", over_number);
    return text;
}

TargetsFile parse_targets(const std::string& text, const std::string& path) {
    TargetsReader r(path);
    const YAML::Node root = scenario::load_single_document(text, path, "targets file");
    if (!root.IsMap()) throw InputError({path, 1, 1}, "", "not a mapping", "a mapping with targets: [...]");
    r.check_keys(root, "", kRootKeys);

    TargetsFile file;
    file.file = path;
    file.name = std::filesystem::path(path).stem().string();
    if (root["name"]) {
        file.name = r.scalar(root["name"], "name", scenario::kNameRule);
        if (!scenario::valid_name(file.name)) {
            throw InputError(r.at(root["name"]), "name", "invalid name '" + file.name + "'", scenario::kNameRule);
        }
    }
    const YAML::Node targets = root["targets"];
    if (!targets) throw InputError({path, 1, 1}, "targets", "missing", "a list of targets");
    if (!targets.IsSequence() || targets.size() == 0) {
        throw InputError(r.at(targets), "targets", "not a non-empty list", "a list of targets");
    }
    double total_weight = 0.0;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        Target t = r.read_target(targets[i], i);
        for (const Target& earlier : file.targets) {
            if (earlier.name == t.name) {
                throw InputError(r.at(targets[i]["name"]), "targets." + std::to_string(i) + ".name",
                                 "duplicate target name '" + t.name + "'", "unique target names");
            }
        }
        total_weight += t.weight;
        file.targets.push_back(std::move(t));
    }
    // The distance divides by the sum of the weights.
    if (!(total_weight > 0.0)) {
        throw InputError(r.at(targets), "targets", "every weight is 0", "at least one target with a positive weight");
    }
    return file;
}

TargetsFile load_targets(const std::string& path) { return parse_targets(scenario::read_scenario_file(path), path); }

bool needs_timeseries(const TargetsFile& targets) {
    for (const Target& t : targets.targets) {
        if (t.metric.kind == Metric::Kind::timeseries) return true;
    }
    return false;
}

}  // namespace grassroots::calibration
