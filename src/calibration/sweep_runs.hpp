#pragma once
// The runs of a finished sweep directory, as targets read them: each run's summary row
// from the sweep's summary.csv (the columns after the identity and swept columns, as
// sweep.json lists them) and the path of its timeseries.csv under runs/<run_id>/.
#include <cstddef>
#include <string>
#include <vector>

#include "calibration/run_values.hpp"

namespace grassroots::calibration {

struct SweepRun {
    std::size_t run_id = 0;
    std::size_t point_id = 0;
    std::string replicate;
    std::vector<std::string> swept_values;  // one per SweepRuns::swept_keys, as summary.csv gives them
    SummaryRow summary;
    std::string timeseries_file;
};

struct SweepRuns {
    std::string dir;
    std::vector<std::string> swept_keys;
    std::string keep_runs;       // sweep.yaml's: none, timeseries or all ("" if it says nothing)
    std::vector<SweepRun> runs;  // in run order, as summary.csv has them
};

// Reads DIR/sweep.json, DIR/summary.csv (written once every run has finished: its absence
// is an InputError saying so) and DIR/sweep.yaml's keep_runs. Throws core::InputError.
SweepRuns read_sweep_directory(const std::string& dir);

}  // namespace grassroots::calibration
