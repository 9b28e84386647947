// Reading a sweep directory for scoring.
#include "calibration/sweep_runs.hpp"

#include <charconv>
#include <filesystem>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "scenario/load.hpp"
#include "scenario/yaml_document.hpp"

namespace grassroots::calibration {
namespace {

namespace fs = std::filesystem;
using core::InputError;

// A list of names in sweep.json (JSON is read as the YAML it also is).
std::vector<std::string> name_list(const YAML::Node& root, const char* key, const std::string& file) {
    const YAML::Node list = root[key];
    std::vector<std::string> names;
    if (!list || !list.IsSequence()) {
        throw InputError({file, 1, 1}, key, "missing or not a list", "a sweep.json written by grassroots sweep");
    }
    for (const auto& item : list) {
        if (!item.IsScalar()) throw InputError({file, 1, 1}, key, "an item is not a name", "a list of names");
        names.push_back(item.Scalar());
    }
    return names;
}

std::size_t id_value(const analysis::CsvTable& table, const analysis::CsvField& field) {
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(field.text.data(), field.text.data() + field.text.size(), value);
    if (ec != std::errc{} || end != field.text.data() + field.text.size()) {
        throw InputError(table.at(field), "summary", "'" + field.text + "' is not a run or point id",
                         "an integer >= 0");
    }
    return value;
}

// keep_runs of the resolved sweep.yaml, for the message when timeseries are missing.
std::string keep_runs_of(const fs::path& dir) {
    const fs::path file = dir / "sweep.yaml";
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return "";
    const YAML::Node root =
        scenario::load_single_document(scenario::read_scenario_file(file.string()), file.string(), "sweep file");
    if (!root.IsMap() || !root["keep_runs"] || !root["keep_runs"].IsScalar()) return "";
    return root["keep_runs"].Scalar();
}

}  // namespace

SweepRuns read_sweep_directory(const std::string& dir_text) {
    const fs::path dir(dir_text);
    SweepRuns sweep;
    sweep.dir = dir_text;
    const std::string json_file = (dir / "sweep.json").string();
    const YAML::Node json =
        scenario::load_single_document(scenario::read_scenario_file(json_file), json_file, "sweep.json");
    if (!json.IsMap()) throw InputError({json_file, 1, 1}, "", "not an object", "a sweep.json written by grassroots");
    const std::vector<std::string> id_columns = name_list(json, "id_columns", json_file);
    sweep.swept_keys = name_list(json, "swept_keys", json_file);
    sweep.keep_runs = keep_runs_of(dir);

    const std::string summary_file = (dir / "summary.csv").string();
    std::error_code ec;
    if (!fs::is_regular_file(summary_file, ec)) {
        throw InputError({summary_file, 0, 0}, "score", "no such file: the sweep has not finished",
                         "a finished sweep (grassroots sweep --resume finishes it)");
    }
    const analysis::CsvTable table = read_table(summary_file, "the sweep's summary", "a finished sweep's summary.csv");
    // The identity columns, then the swept keys, then the runs' summary columns.
    std::vector<std::string> leading = id_columns;
    leading.insert(leading.end(), sweep.swept_keys.begin(), sweep.swept_keys.end());
    for (std::size_t i = 0; i < leading.size(); ++i) {
        if (i >= table.header.size() || table.header[i].text != leading[i]) {
            throw InputError({summary_file, 1, 1}, "summary", fmt::format("column {} is not '{}'", i + 1, leading[i]),
                             "the columns sweep.json lists: id_columns, then swept_keys");
        }
    }
    auto metrics = std::make_shared<std::vector<std::string>>();
    for (std::size_t i = leading.size(); i < table.header.size(); ++i) metrics->push_back(table.header[i].text);
    const std::size_t run_id = table.column("run_id"), point_id = table.column("point_id"),
                      replicate = table.column("replicate");
    constexpr auto kNone = static_cast<std::size_t>(-1);
    if (run_id == kNone || point_id == kNone || replicate == kNone) {
        throw InputError({summary_file, 1, 1}, "summary", "no run_id, point_id or replicate column",
                         "a grassroots sweep's summary.csv");
    }
    for (const auto& row : table.rows) {
        SweepRun run;
        run.run_id = id_value(table, row[run_id]);
        run.point_id = id_value(table, row[point_id]);
        run.replicate = row[replicate].text;
        for (std::size_t i = id_columns.size(); i < leading.size(); ++i) run.swept_values.push_back(row[i].text);
        run.summary.file = fmt::format("{} (run {})", summary_file, run.run_id);
        run.summary.columns = metrics;
        for (std::size_t i = leading.size(); i < row.size(); ++i) run.summary.values.push_back(row[i].text);
        run.timeseries_file = (dir / "runs" / fmt::format("{:06}", run.run_id) / "timeseries.csv").string();
        sweep.runs.push_back(std::move(run));
    }
    if (sweep.runs.empty()) throw InputError({summary_file, 1, 1}, "summary", "no runs", "one row per run");
    return sweep;
}

}  // namespace grassroots::calibration
