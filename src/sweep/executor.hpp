#pragma once
// Running a sweep: every run of the plan that this rank owns and that has not finished
// yet, `jobs` at a time, each run's own parallelism sharing the same worker threads.
// A finished run is on disk at once (runs/<id>/result.csv marks it), so an interrupted
// or crashed sweep loses no finished run and --resume runs only what is missing.
#include <cstdint>
#include <functional>
#include <string>

#include "sweep/ranks.hpp"
#include "sweep/spec.hpp"

namespace grassroots::sweep {

struct SweepOptions {
    std::string output_dir;  // empty: results/<sweep name>
    int jobs = 0;            // concurrent runs per rank; 0: the worker thread count
    int threads = 0;         // the worker threads the runs share (for meta.json)
    bool resume = false;
};

struct RunReport {
    const RunPlan& run;
    bool ok;
    std::string error;  // when !ok
    double seconds;
};

struct SweepResult {
    std::string output_dir;
    std::size_t runs = 0;      // in the whole sweep
    std::size_t skipped = 0;   // finished before (resume), all ranks
    std::size_t finished = 0;  // this time, all ranks
    std::size_t failed = 0;    // all ranks
    bool interrupted = false;
    bool summary_written = false;
    bool write_failed = false;  // on any rank: the sweep stopped at a write error
    std::string write_error;    // this rank's first write error, if it had one
};

// Throws core::InputError for an output directory that cannot hold the sweep or a
// --resume that does not match it, io::WriteError when the directory cannot be prepared
// or the summary written. A write error during the runs stops the sweep and is returned. `on_run` is called (from one
// thread at a time) as each of this rank's runs ends.
SweepResult run_sweep(const SweepSpec& spec, const SweepOptions& options, const Ranks& ranks,
                      const std::function<void(const RunReport&, std::size_t done, std::size_t todo)>& on_run);

}  // namespace grassroots::sweep
