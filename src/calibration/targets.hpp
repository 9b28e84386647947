#pragma once
// Targets files: observed facts a run or a sweep is scored against (README, "Targets and
// scores"). Parsed strictly: an unknown key, a wrong type or an out-of-range value is a
// core::InputError naming the file, line, column and dotted key.
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace grassroots::calibration {

// What a target compares: a column of the run's summary.csv, or the value of a
// timeseries.csv column at one tick, optionally divided by something at the same run.
struct Metric {
    enum class Kind { summary, timeseries };
    Kind kind = Kind::summary;
    std::string column;  // summary.csv or timeseries.csv column
    // timeseries only: more columns added to `column` (`timeseries: [a, b]`), e.g. the
    // online users of two cohorts that together make an age group.
    std::vector<std::string> more_columns;
    std::int64_t tick = 0;  // timeseries: the row whose tick is this
    // timeseries only: the divisor. `over_column` empty and `over_number` 1: none; a
    // column is looked up in the timeseries (at `tick`) first, then in summary.csv.
    std::string over_column;
    double over_number = 1.0;

    // A short text for the CSVs: the column, or "online_old@1095/users_old" ("a+b@..." for a sum).
    std::string label() const;
};

struct Target {
    std::string name;
    std::string key;  // "targets.3": the dotted key errors name
    Metric metric;
    double observed_lo = 0.0;  // a single observed value has lo == hi
    double observed_hi = 0.0;
    double tolerance = 1.0;  // > 0, in the metric's unit
    double weight = 1.0;     // >= 0
    std::string source;
    // Where the target's parts stand in the targets file, for errors found on a run.
    core::SourcePosition at;
    core::SourcePosition metric_at;
    core::SourcePosition tick_at;
    core::SourcePosition over_at;
};

struct TargetsFile {
    std::string file;
    std::string name;  // the file's `name`, or its stem
    std::vector<Target> targets;
};

// `path` names the text in errors and gives the default name.
TargetsFile parse_targets(const std::string& text, const std::string& path);
// Reads the file (a missing or unreadable one is an InputError) and parses it.
TargetsFile load_targets(const std::string& path);

// Whether any target reads a timeseries (a sweep then needs its runs' timeseries.csv).
bool needs_timeseries(const TargetsFile& targets);

}  // namespace grassroots::calibration
