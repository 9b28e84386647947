// Targets files: strict reading, in the idiom of the sweep reader (sweep/spec.cpp).
#include "calibration/targets.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "scenario/load.hpp"
#include "scenario/mapping_keys.hpp"
#include "scenario/yaml_document.hpp"

namespace grassroots::calibration {
namespace {

using core::InputError;
using core::SourcePosition;

const std::vector<std::string> kRootKeys{"name", "targets"};
const std::vector<std::string> kTargetKeys{"name", "metric", "observed", "tolerance", "weight", "source"};
const std::vector<std::string> kMetricKeys{"timeseries", "tick", "over"};
constexpr const char* kMetricExpected =
    "a summary.csv column, or {timeseries: COLUMN, tick: N, over: COLUMN or a positive number}";
constexpr std::int64_t kMaxTick = std::int64_t{1} << 53;

// A finite number as the scenario reader takes one: all of the text, an optional '+'.
bool read_number(const std::string& text, double& value) {
    const char* first = text.data();
    const char* last = first + text.size();
    if (first != last && *first == '+') ++first;
    const auto [end, ec] = std::from_chars(first, last, value);
    return ec == std::errc{} && end == last && std::isfinite(value);
}

class TargetsReader {
public:
    explicit TargetsReader(std::string file) : file_(std::move(file)) {}

    SourcePosition at(const YAML::Node& node) const {
        const YAML::Mark mark = node.Mark();
        return mark.is_null() ? SourcePosition{file_, 1, 1} : SourcePosition{file_, mark.line + 1, mark.column + 1};
    }

    // A mapping's keys: scalar, unique, known.
    void check_keys(const YAML::Node& map, const std::string& prefix, const std::vector<std::string>& known) const {
        auto problem = scenario::malformed_key(map, prefix);
        if (!problem) problem = scenario::unknown_key(map, prefix, known);
        if (problem) throw InputError(at(problem->key), problem->dotted, problem->problem, problem->expected);
    }

    std::string text(const YAML::Node& node, const std::string& key, const std::string& expected) const {
        if (!node.IsScalar() || node.Scalar().empty()) throw InputError(at(node), key, "not a single value", expected);
        return node.Scalar();
    }

    double number(const YAML::Node& node, const std::string& key, const std::string& expected) const {
        const std::string value_text = text(node, key, expected);
        double value = 0.0;
        if (!read_number(value_text, value)) {
            throw InputError(at(node), key, "'" + value_text + "' is not a finite number", expected);
        }
        return value;
    }

    std::int64_t tick(const YAML::Node& node, const std::string& key) const {
        constexpr const char* expected = "an integer in [0, 2^53]";
        const std::string value_text = text(node, key, expected);
        std::int64_t value = 0;
        const auto [end, ec] = std::from_chars(value_text.data(), value_text.data() + value_text.size(), value);
        if (ec != std::errc{} || end != value_text.data() + value_text.size()) {
            throw InputError(at(node), key, "'" + value_text + "' is not an integer", expected);
        }
        if (value < 0 || value > kMaxTick) {
            throw InputError(at(node), key, "value " + value_text + " is out of range", expected);
        }
        return value;
    }

    void read_metric(const YAML::Node& node, const std::string& key, Target& t) const {
        t.metric_at = at(node);
        if (node.IsScalar()) {
            t.metric.kind = Metric::Kind::summary;
            t.metric.column = text(node, key, kMetricExpected);
            return;
        }
        if (!node.IsMap()) throw InputError(at(node), key, "not a column name or a mapping", kMetricExpected);
        check_keys(node, key, kMetricKeys);
        if (!node["timeseries"] || !node["tick"]) {
            throw InputError(at(node), key, "timeseries and tick are required", kMetricExpected);
        }
        t.metric.kind = Metric::Kind::timeseries;
        t.metric.column = text(node["timeseries"], key + ".timeseries", "a timeseries.csv column");
        t.metric_at = at(node["timeseries"]);
        t.metric.tick = tick(node["tick"], key + ".tick");
        t.tick_at = at(node["tick"]);
        if (const YAML::Node over = node["over"]) {
            constexpr const char* expected = "a timeseries.csv or summary.csv column, or a positive number";
            const std::string over_text = text(over, key + ".over", expected);
            t.over_at = at(over);
            double value = 0.0;
            if (read_number(over_text, value)) {
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
        t.name = text(node["name"], where + ".name", scenario::kNameRule);
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
        t.source = text(node["source"], where + ".source", "the publication or data set the value comes from");
        return t;
    }

private:
    std::string file_;
};

}  // namespace

std::string Metric::label() const {
    if (kind == Kind::summary) return column;
    std::string text = fmt::format("{}@{}", column, tick);
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
        file.name = r.text(root["name"], "name", scenario::kNameRule);
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
