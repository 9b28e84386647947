#include "analysis/sweep_directory.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "analysis/csv_table.hpp"
#include "scenario/yaml_document.hpp"

namespace grassroots::analysis {
namespace fs = std::filesystem;
namespace {

using core::InputError;
using core::SourcePosition;

// Two unit coordinates design.csv prints with 17 significant digits from the same double
// read back equal; the margin only forgives a tool that rounds to ~12 digits.
constexpr double kSameCoordinate = 1e-9;

constexpr const char* kFinishHint = "a finished sweep: grassroots sweep SWEEP_FILE -o DIR --resume finishes it";

SourcePosition at(const std::string& file, const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) return {file, 0, 0};
    return {file, mark.line + 1, mark.column + 1};
}

// ---- sweep.json ---------------------------------------------------------------------------

struct SweepJson {
    std::vector<std::string> id_columns;
    std::vector<std::string> keys;
    std::size_t points = 0;
    std::size_t replicates = 0;
    std::size_t runs = 0;
    Design design;
};

class JsonReader {
public:
    explicit JsonReader(std::string file) : file_(std::move(file)) {}

    YAML::Node field(const YAML::Node& map, const std::string& name, const std::string& key) const {
        const YAML::Node node = map[name];
        if (!node) throw InputError(at(file_, map), key, "missing", "the field \"" + name + "\"");
        return node;
    }

    std::size_t count(const YAML::Node& map, const std::string& name, const std::string& key, std::size_t least) const {
        const YAML::Node node = field(map, name, key);
        double value = 0.0;
        if (!node.IsScalar() || !parse_finite(node.Scalar(), value) || value < static_cast<double>(least) ||
            value != std::floor(value) || value > 1e15) {
            throw InputError(at(file_, node), key, "not a count: " + (node.IsScalar() ? node.Scalar() : "a list"),
                             "an integer >= " + std::to_string(least));
        }
        return static_cast<std::size_t>(value);
    }

    std::vector<std::string> names(const YAML::Node& map, const std::string& name) const {
        const YAML::Node node = field(map, name, name);
        if (!node.IsSequence()) throw InputError(at(file_, node), name, "not a list", "a list of names");
        std::vector<std::string> out;
        for (const YAML::Node& item : node) {
            if (!item.IsScalar()) throw InputError(at(file_, item), name, "not a name", "a string");
            out.push_back(item.Scalar());
        }
        return out;
    }

    const std::string& file() const { return file_; }

private:
    std::string file_;
};

Design read_design(const JsonReader& json, const YAML::Node& root, std::size_t keys) {
    if (!root["design"]) {
        throw InputError(at(json.file(), root), "design",
                         "sweep.json has no design (the sweep was made by a grassroots from before Sobol and "
                         "Morris designs)",
                         "a sweep whose sample method is sobol or morris");
    }
    const YAML::Node node = root["design"];
    if (!node.IsMap()) throw InputError(at(json.file(), node), "design", "not a mapping", "{\"method\": ...}");
    const YAML::Node method = json.field(node, "method", "design.method");
    const std::string name = method.IsScalar() ? method.Scalar() : "";
    Design design;
    if (name == "sobol") {
        design.method = Method::sobol;
        design.samples = json.count(node, "n", "design.n", 1);
        const YAML::Node second = json.field(node, "second_order", "design.second_order");
        if (!second.IsScalar() || (second.Scalar() != "true" && second.Scalar() != "false")) {
            throw InputError(at(json.file(), second), "design.second_order", "not true or false", "true or false");
        }
        design.second_order = second.Scalar() == "true";
        if (design.second_order && keys < 2) {
            throw InputError(at(json.file(), second), "design.second_order", "second order with one swept key",
                             "at least two swept keys");
        }
    } else if (name == "morris") {
        design.method = Method::morris;
        design.samples = json.count(node, "trajectories", "design.trajectories", 1);
        const std::size_t levels = json.count(node, "levels", "design.levels", 2);
        if (levels % 2 != 0 || levels > 1'000'000) {
            throw InputError(at(json.file(), node["levels"]), "design.levels", "odd or huge: " + std::to_string(levels),
                             "an even number of levels >= 2");
        }
        design.levels = static_cast<int>(levels);
        design.delta = static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
    } else {
        throw InputError(at(json.file(), method), "design.method",
                         "the sweep's design is " + (name.empty() ? std::string("not a name") : name) +
                             ": sensitivity indices need a Sobol or Morris design",
                         "a sweep whose sample method is sobol or morris");
    }
    return design;
}

SweepJson read_sweep_json(const fs::path& dir) {
    const fs::path path = dir / "sweep.json";
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        const bool run = fs::exists(dir / "meta.json", ec) || fs::exists(dir / "timeseries.csv", ec);
        throw InputError({dir.string(), 0, 0}, "analyze",
                         run ? "is a run directory, not a sweep" : "not a sweep directory: it has no sweep.json",
                         "the output directory of grassroots sweep with a sobol or morris sample");
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw InputError({path.string(), 0, 0}, "analyze", "cannot be read", "a readable sweep.json");
    const JsonReader json(path.string());
    const YAML::Node root = scenario::load_single_document(text.str(), path.string(), "sweep.json");
    if (!root.IsMap()) throw InputError({path.string(), 1, 1}, "sweep.json", "not a JSON object", "{...}");
    SweepJson out;
    out.id_columns = json.names(root, "id_columns");
    out.keys = json.names(root, "swept_keys");
    if (out.keys.empty()) {
        throw InputError(at(path.string(), root["swept_keys"]), "swept_keys", "no swept keys", "at least one");
    }
    out.points = json.count(root, "points", "points", 1);
    out.replicates = json.count(root, "replicates", "replicates", 1);
    out.runs = json.count(root, "runs", "runs", 1);
    if (out.runs != out.points * out.replicates) {
        throw InputError(at(path.string(), root["runs"]), "runs",
                         fmt::format("{} runs for {} points x {} replicates", out.runs, out.points, out.replicates),
                         "points x replicates");
    }
    out.design = read_design(json, root, out.keys.size());
    const std::size_t d = out.keys.size();
    const std::size_t per_block = out.design.method == Method::morris ? d + 1
                                  : out.design.second_order           ? 2 * d + 2
                                                                      : d + 2;
    if (out.points != out.design.samples * per_block) {
        throw InputError(at(path.string(), root["points"]), "points",
                         fmt::format("{} points for {} {} of {} points", out.points, out.design.samples,
                                     out.design.method == Method::morris ? "trajectories" : "blocks", per_block),
                         "the design's size");
    }
    return out;
}

// ---- design.csv ---------------------------------------------------------------------------

struct Cell {
    const CsvTable& table;
    const CsvField& field;
    std::string column;

    std::size_t index(std::size_t limit) const {
        double value = 0.0;
        if (!parse_finite(field.text, value) || value < 0 || value != std::floor(value) ||
            value >= static_cast<double>(limit)) {
            throw InputError(table.at(field), column,
                             "'" + field.text + "' is not an index below " + std::to_string(limit),
                             "an integer from 0 to " + std::to_string(limit - 1));
        }
        return static_cast<std::size_t>(value);
    }
};

Role role_of(const CsvTable& table, const CsvField& field, Method method) {
    const std::string& t = field.text;
    if (method == Method::sobol) {
        if (t == "A") return Role::a;
        if (t == "AB") return Role::ab;
        if (t == "BA") return Role::ba;
        if (t == "B") return Role::b;
        throw InputError(table.at(field), "role", "'" + t + "' is not a Sobol role", "A, AB, BA or B");
    }
    if (t == "base") return Role::base;
    if (t == "step") return Role::step;
    throw InputError(table.at(field), "role", "'" + t + "' is not a Morris role", "base or step");
}

const char* role_name(Role role) {
    switch (role) {
        case Role::a:
            return "A";
        case Role::ab:
            return "AB";
        case Role::ba:
            return "BA";
        case Role::b:
            return "B";
        case Role::base:
            return "base";
        case Role::step:
            return "step";
    }
    return "?";
}

// The role and changed key the contract's point order puts at position q of a block.
std::pair<Role, int> expected_slot(const Design& design, std::size_t d, std::size_t q) {
    if (design.method == Method::morris) return {q == 0 ? Role::base : Role::step, -2};  // any key, once
    if (q == 0) return {Role::a, -1};
    if (q <= d) return {Role::ab, static_cast<int>(q - 1)};
    if (design.second_order && q <= 2 * d) return {Role::ba, static_cast<int>(q - d - 1)};
    return {Role::b, -1};
}

// Every coordinate of `point` equals `from`'s but key `except`, which equals `other`'s
// (Sobol: AB and BA) or differs by +-delta (Morris: other == nullptr).
void check_coordinates(const CsvTable& table, const std::vector<CsvField>& row, std::size_t first_u,
                       const std::vector<std::string>& keys, const DesignPoint& point, const DesignPoint& from,
                       const DesignPoint* other, double delta, const std::string& relation) {
    for (std::size_t k = 0; k < keys.size(); ++k) {
        const double expected = static_cast<int>(k) != point.changed ? from.unit[k]
                                : other != nullptr                   ? other->unit[k]
                                                                     : point.unit[k];
        if (other == nullptr && static_cast<int>(k) == point.changed) {
            const double step = std::fabs(point.unit[k] - from.unit[k]);
            if (std::fabs(step - delta) > kSameCoordinate) {
                throw InputError(table.at(row[first_u + k]), "u:" + keys[k],
                                 fmt::format("a Morris step of {} from the previous point", step),
                                 fmt::format("a step of delta = p / (2 (p - 1)) = {}", delta));
            }
            continue;
        }
        if (std::fabs(point.unit[k] - expected) > kSameCoordinate) {
            throw InputError(table.at(row[first_u + k]), "u:" + keys[k],
                             fmt::format("{} differs from {} ({})", point.unit[k], relation, expected),
                             "the contract's point order: only the changed key differs");
        }
    }
}

std::vector<DesignPoint> read_design_csv(const fs::path& dir, const SweepJson& sweep) {
    const CsvTable table = read_csv((dir / "design.csv").string(), "the sweep's design, one row per point",
                                    "design.csv, which grassroots sweep writes for sobol and morris samples");
    const std::size_t d = sweep.keys.size();
    std::vector<std::string> expected_header{"point_id", "block", "role", "changed"};
    for (const std::string& key : sweep.keys) expected_header.push_back("u:" + key);
    for (std::size_t c = 0; c < std::max(expected_header.size(), table.header.size()); ++c) {
        if (c >= table.header.size() || c >= expected_header.size() || table.header[c].text != expected_header[c]) {
            const CsvField& f = c < table.header.size() ? table.header[c] : table.header.back();
            throw InputError(table.at(f), "header",
                             c < table.header.size() ? "column '" + table.header[c].text + "'" : "too few columns",
                             c < expected_header.size()
                                 ? "column '" + expected_header[c] + "' (swept keys in sweep.json's order)"
                                 : "no more columns");
        }
    }
    if (table.rows.size() != sweep.points) {
        const int line = table.rows.empty() ? 1 : table.rows.back().front().line;
        throw InputError({table.file, line, 1}, "design.csv",
                         fmt::format("{} rows for the sweep's {} points", table.rows.size(), sweep.points),
                         "one row per point, as sweep.json counts them");
    }
    const Design& design = sweep.design;
    const std::size_t per_block = sweep.points / design.samples;
    std::vector<DesignPoint> points(sweep.points);
    std::vector<bool> changed_seen(d);
    for (std::size_t p = 0; p < sweep.points; ++p) {
        const auto& row = table.rows[p];
        DesignPoint& point = points[p];
        if (Cell{table, row[0], "point_id"}.index(sweep.points) != p) {
            throw InputError(table.at(row[0]), "point_id", "'" + row[0].text + "' out of order",
                             std::to_string(p) + " (rows in point order)");
        }
        const std::size_t block = p / per_block, q = p % per_block;
        point.block = Cell{table, row[1], "block"}.index(design.samples);
        if (point.block != block) {
            throw InputError(table.at(row[1]), "block", "'" + row[1].text + "' out of order",
                             std::to_string(block) + fmt::format(" ({} consecutive points per block)", per_block));
        }
        point.role = role_of(table, row[2], design.method);
        const auto [role, changed] = expected_slot(design, d, q);
        if (point.role != role) {
            throw InputError(table.at(row[2]), "role", std::string("'") + role_name(point.role) + "' out of order",
                             fmt::format("{} at position {} of its block", role_name(role), q));
        }
        point.changed = row[3].text == "-1" ? -1 : static_cast<int>(Cell{table, row[3], "changed"}.index(d));
        const int wanted = changed == -2 ? (q == 0 ? -1 : point.changed) : changed;
        if (point.changed != wanted || (changed == -2 && q > 0 && point.changed < 0)) {
            throw InputError(table.at(row[3]), "changed", "'" + row[3].text + "'",
                             changed == -2 && q > 0 ? "the index of the key this step changes"
                                                    : std::to_string(wanted) + " for a " + role_name(role) + " point");
        }
        point.unit.resize(d);
        for (std::size_t k = 0; k < d; ++k) {
            const CsvField& f = row[4 + k];
            if (!parse_finite(f.text, point.unit[k]) || point.unit[k] < 0.0 || point.unit[k] > 1.0) {
                throw InputError(table.at(f), "u:" + sweep.keys[k], "'" + f.text + "' is not a unit coordinate",
                                 "a number in [0, 1]");
            }
        }
        // The coordinates must be what the point's role says, relative to its block's A and B.
        const std::size_t start = block * per_block;
        if (design.method == Method::morris) {
            if (q == 0) {
                std::fill(changed_seen.begin(), changed_seen.end(), false);
                continue;
            }
            const auto k = static_cast<std::size_t>(point.changed);
            if (changed_seen[k]) {
                throw InputError(table.at(row[3]), "changed",
                                 fmt::format("key {} changes twice in trajectory {}", k, block),
                                 "every key changed exactly once per trajectory");
            }
            changed_seen[k] = true;
            check_coordinates(table, row, 4, sweep.keys, point, points[p - 1], nullptr, design.delta,
                              "the previous point");
        } else if (point.role == Role::b) {
            // B is last in its block: now A, B and every AB and BA can be checked.
            for (std::size_t r = start + 1; r < p; ++r) {
                const bool ab = points[r].role == Role::ab;
                check_coordinates(table, table.rows[r], 4, sweep.keys, points[r], ab ? points[start] : point,
                                  ab ? &point : &points[start], 0.0, ab ? "its block's A" : "its block's B");
            }
        }
    }
    return points;
}

// ---- summary.csv --------------------------------------------------------------------------

void read_summary(const fs::path& dir, const SweepJson& sweep, SweepDirectory& out) {
    const fs::path path = dir / "summary.csv";
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        throw InputError({path.string(), 0, 0}, "analyze",
                         fmt::format("no summary.csv: the sweep has not finished (all {} runs missing)", sweep.runs),
                         kFinishHint);
    }
    const CsvTable table = read_csv(path.string(), "the sweep's runs", kFinishHint);
    out.summary_file = path.string();
    std::vector<std::string> leading = sweep.id_columns;
    leading.insert(leading.end(), sweep.keys.begin(), sweep.keys.end());
    for (std::size_t c = 0; c < leading.size(); ++c) {
        if (c >= table.header.size() || table.header[c].text != leading[c]) {
            const CsvField& f = c < table.header.size() ? table.header[c] : table.header.back();
            throw InputError(table.at(f), "header",
                             c < table.header.size() ? "column '" + f.text + "'" : "too few columns",
                             "column '" + leading[c] + "' (sweep.json's id_columns, then its swept_keys)");
        }
    }
    if (table.rows.size() != sweep.runs) {
        const int line = table.rows.empty() ? 1 : table.rows.back().front().line;
        const std::string problem = table.rows.size() < sweep.runs
                                        ? fmt::format("{} of the sweep's {} runs: {} missing", table.rows.size(),
                                                      sweep.runs, sweep.runs - table.rows.size())
                                        : fmt::format("{} rows for the sweep's {} runs", table.rows.size(), sweep.runs);
        throw InputError({path.string(), line, 1}, "summary.csv", problem, kFinishHint);
    }
    const std::size_t point_column = table.column("point_id");
    const std::size_t run_column = table.column("run_id");
    const std::size_t replicate_column = table.column("replicate");
    if (point_column == static_cast<std::size_t>(-1)) {
        throw InputError({path.string(), 1, 1}, "header", "no point_id column", "a column point_id");
    }
    std::vector<std::size_t> point_of(table.rows.size());
    std::vector<std::size_t> rows_per_point(sweep.points);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        point_of[r] = Cell{table, table.rows[r][point_column], "point_id"}.index(sweep.points);
        ++rows_per_point[point_of[r]];
    }
    for (std::size_t p = 0; p < sweep.points; ++p) {
        if (rows_per_point[p] != sweep.replicates) {
            throw InputError({path.string(), 0, 0}, "point_id",
                             fmt::format("point {} has {} rows", p, rows_per_point[p]),
                             fmt::format("{} rows per point, one per replicate", sweep.replicates));
        }
    }
    const auto run_name = [&](std::size_t r) {
        const auto& row = table.rows[r];
        return fmt::format("run {} (point {}, replicate {})",
                           run_column < row.size() ? row[run_column].text : std::to_string(r), point_of[r],
                           replicate_column < row.size() ? row[replicate_column].text : "?");
    };
    for (std::size_t c = leading.size(); c < table.header.size(); ++c) {
        if (table.header[c].text == "wall_seconds") continue;  // differs between identical sweeps
        MetricColumn metric;
        metric.name = table.header[c].text;
        metric.point_values.assign(sweep.points, 0.0);
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            const CsvField& f = table.rows[r][c];
            double value = 0.0;
            if (!parse_finite(f.text, value)) {
                metric.usable = false;
                metric.problem_at = table.at(f);
                metric.problem = run_name(r) + " has '" + f.text + "', not a finite number";
                break;
            }
            metric.point_values[point_of[r]] += value;
        }
        for (double& v : metric.point_values) v /= static_cast<double>(sweep.replicates);
        out.metrics.push_back(std::move(metric));
    }
}

}  // namespace

SweepDirectory read_sweep_directory(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        throw InputError({dir, 0, 0}, "analyze", fs::exists(dir, ec) ? "not a directory" : "no such directory",
                         "the output directory of grassroots sweep with a sobol or morris sample");
    }
    const SweepJson sweep = read_sweep_json(dir);
    SweepDirectory out;
    out.dir = dir;
    out.design = sweep.design;
    out.keys = sweep.keys;
    out.replicates = sweep.replicates;
    out.points = read_design_csv(dir, sweep);
    read_summary(dir, sweep, out);
    return out;
}

}  // namespace grassroots::analysis
