#pragma once
// A target's value on one finished run: read from the run's summary row and, for targets
// on the time series, from its timeseries.csv (read once, when a target first needs it).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/csv_table.hpp"
#include "calibration/targets.hpp"

namespace grassroots::calibration {

// The summary of a run: column names and one row of values, and the file they came from
// (a run's summary.csv, or a sweep's summary.csv for one of its runs).
struct SummaryRow {
    std::string file;
    std::shared_ptr<const std::vector<std::string>> columns;  // shared by a sweep's runs
    std::vector<std::string> values;                          // as many as columns
};

class RunValues {
public:
    // `timeseries_file`: where the run's timeseries.csv is (it may not exist: only targets
    // on the time series read it, and its absence is then an InputError).
    RunValues(SummaryRow summary, std::string timeseries_file)
        : summary_(std::move(summary)), timeseries_file_(std::move(timeseries_file)) {}

    // The model's value for the target. NaN when the run's value is nan (a measure that is
    // undefined on this run, e.g. follower_alpha with too few creators with followers) or
    // the divisor `over` is 0. A column the files lack, a tick without a row, or a field
    // that is not a number is an InputError at the target's line, naming the run's file.
    double value(const Target& target);

private:
    const analysis::CsvTable& timeseries(const Target& target, const core::SourcePosition& at);
    double timeseries_value(const Target& target, const std::string& column, const core::SourcePosition& at,
                            const std::string& key);

    SummaryRow summary_;
    std::string timeseries_file_;
    std::optional<analysis::CsvTable> timeseries_;
};

// A run directory's summary row (RUN_DIR/summary.csv: a header and one row) and its
// timeseries.csv, for RunValues.
RunValues read_run_directory(const std::string& dir);

// A CSV file grassroots wrote, read strictly (analysis/csv_table.hpp); a missing file is an
// InputError saying what it is (`what`) and what was expected.
analysis::CsvTable read_table(const std::string& path, const std::string& what, const std::string& expected);

// The "expected" part of a missing-column error: `what` was expected, and the names
// closest to `word` among `candidates` (at most three, best first).
std::string closest_columns(const std::string& word, std::vector<std::string> candidates, const std::string& what);

}  // namespace grassroots::calibration
