// Evaluating a target on one run's files.
#include "calibration/run_values.hpp"

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <limits>

#include <fmt/format.h>

#include "scenario/suggest.hpp"

namespace grassroots::calibration {
namespace {

namespace fs = std::filesystem;
using core::InputError;
using core::SourcePosition;

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::size_t index_of(const std::vector<std::string>& columns, const std::string& name) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i] == name) return i;
    }
    return kNone;
}

std::vector<std::string> header_names(const analysis::CsvTable& table) {
    std::vector<std::string> names;
    for (const analysis::CsvField& f : table.header) names.push_back(f.text);
    return names;
}

// A field of a file grassroots wrote: a number, or nan/inf, which fmt writes for an
// undefined measure.
double field_value(const std::string& text, const std::string& column, const std::string& file,
                   const SourcePosition& at, const std::string& key) {
    errno = 0;
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size()) {
        throw InputError(at, key, fmt::format("column '{}' of {} holds '{}', not a number", column, file, text),
                         "a column of numbers");
    }
    return value;
}

std::string missing_column(const std::string& column, const std::string& files) {
    return fmt::format("no column '{}' in {}", column, files);
}

}  // namespace

analysis::CsvTable read_table(const std::string& path, const std::string& what, const std::string& expected) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        throw InputError({path, 0, 0}, "score", fmt::format("no such file ({})", what), expected);
    }
    return analysis::read_csv(path, what, expected);
}

std::string closest_columns(const std::string& word, std::vector<std::string> candidates, const std::string& what) {
    std::vector<std::string> found;
    while (found.size() < 3) {
        const std::string next = scenario::closest_match(word, candidates);
        if (next.empty()) break;
        found.push_back(next);
        std::erase(candidates, next);
    }
    if (found.empty()) return what + " (none has a close name)";
    std::string text = what + "; closest: ";
    for (std::size_t i = 0; i < found.size(); ++i) text += (i ? ", " : "") + found[i];
    return text;
}

const analysis::CsvTable& RunValues::timeseries(const Target& target, const SourcePosition& at) {
    if (!timeseries_) {
        std::error_code ec;
        if (!fs::is_regular_file(timeseries_file_, ec)) {
            throw InputError(at, target.key + ".metric", "no file " + timeseries_file_,
                             "a run that wrote its timeseries.csv");
        }
        timeseries_ = read_table(timeseries_file_, "the run's time series", "timeseries.csv");
        if (timeseries_->column("tick") == kNone) {
            throw InputError({timeseries_file_, 1, 1}, "tick", "no tick column", "a grassroots timeseries.csv");
        }
    }
    return *timeseries_;
}

double RunValues::timeseries_value(const Target& target, const std::string& column, const SourcePosition& at,
                                   const std::string& key) {
    const analysis::CsvTable& table = timeseries(target, at);
    const std::size_t c = table.column(column);
    if (c == kNone) {
        throw InputError(at, key, missing_column(column, timeseries_file_),
                         closest_columns(column, header_names(table), "a column of the file"));
    }
    const std::size_t tick_column = table.column("tick");
    for (const auto& row : table.rows) {
        const std::string& tick = row[tick_column].text;
        if (tick == std::to_string(target.metric.tick)) {
            return field_value(row[c].text, column, timeseries_file_, at, key);
        }
    }
    std::string rows = "no rows";
    if (!table.rows.empty()) {
        rows = fmt::format("{} rows, ticks {} to {}", table.rows.size(), table.rows.front()[tick_column].text,
                           table.rows.back()[tick_column].text);
    }
    throw InputError(target.tick_at, target.key + ".metric.tick",
                     fmt::format("no row at tick {} in {} ({})", target.metric.tick, timeseries_file_, rows),
                     "a tick the run wrote a row at (output.every thins the rows; the last tick is always written)");
}

double RunValues::value(const Target& target) {
    const Metric& m = target.metric;
    const std::vector<std::string>& columns = *summary_.columns;
    if (m.kind == Metric::Kind::summary) {
        const std::size_t c = index_of(columns, m.column);
        if (c == kNone) {
            throw InputError(target.metric_at, target.key + ".metric", missing_column(m.column, summary_.file),
                             closest_columns(m.column, columns, "a column of the file"));
        }
        return field_value(summary_.values[c], m.column, summary_.file, target.metric_at, target.key + ".metric");
    }
    double value = timeseries_value(target, m.column, target.metric_at, target.key + ".metric.timeseries");
    for (const std::string& more : m.more_columns) {
        value += timeseries_value(target, more, target.metric_at, target.key + ".metric.timeseries");
    }
    double over = m.over_number;
    if (!m.over_column.empty()) {
        // The timeseries at the tick first (a level such as users_online), then the summary.
        const std::string key = target.key + ".metric.over";
        const analysis::CsvTable& table = timeseries(target, target.over_at);
        if (table.column(m.over_column) != kNone) {
            over = timeseries_value(target, m.over_column, target.over_at, key);
        } else if (const std::size_t c = index_of(columns, m.over_column); c != kNone) {
            over = field_value(summary_.values[c], m.over_column, summary_.file, target.over_at, key);
        } else {
            std::vector<std::string> both = header_names(table);
            both.insert(both.end(), columns.begin(), columns.end());
            throw InputError(target.over_at, key,
                             missing_column(m.over_column, timeseries_file_ + " or " + summary_.file),
                             closest_columns(m.over_column, both, "a column of either file, or a positive number"));
        }
    }
    if (over == 0.0) return std::numeric_limits<double>::quiet_NaN();
    return value / over;
}

RunValues read_run_directory(const std::string& dir) {
    const std::string file = (fs::path(dir) / "summary.csv").string();
    const analysis::CsvTable table = read_table(file, "the run's summary", "a finished run's summary.csv");
    if (table.rows.size() != 1) {
        throw InputError({file, 1, 1}, "summary", fmt::format("{} rows", table.rows.size()),
                         "a header and one row, as a run writes it");
    }
    SummaryRow summary;
    summary.file = file;
    summary.columns = std::make_shared<const std::vector<std::string>>(header_names(table));
    for (const analysis::CsvField& f : table.rows.front()) summary.values.push_back(f.text);
    return RunValues(std::move(summary), (fs::path(dir) / "timeseries.csv").string());
}

}  // namespace grassroots::calibration
