#pragma once
// Running a calibration (ABC-SMC, abc_smc.hpp) into a directory: each generation's
// proposals run in batches, each batch a sweep (batch.hpp) under
// DIR/generations/NNN/batch_BBB, and each finished generation writes its particles and the
// posterior so far (results/README.md, "Calibration outputs").
//
// The result depends only on the calibration file and its seed: a proposal's values and
// seeds are functions of (seed, generation, index); the batches' sizes are functions of
// earlier results; a generation keeps its first `particles` accepted proposals in index
// order. Threads, jobs and ranks change only how fast it goes. --resume replays the
// finished batches from their files and runs only what is missing, so a calibration killed
// and resumed ends exactly as one that was never stopped.
#include <cstddef>
#include <functional>
#include <string>

#include "calibration/calibration_spec.hpp"
#include "sweep/executor.hpp"
#include "sweep/ranks.hpp"

namespace grassroots::calibration {

struct CalibrateOptions {
    std::string output_dir;  // empty: results/<calibration name>
    int jobs = 0;            // concurrent runs per rank; 0: the worker thread count
    int threads = 0;         // the worker threads (for the runs' meta.json)
    bool resume = false;
};

struct CalibrationResult {
    std::string output_dir;
    // Why it stopped: generations (all generations done), min_tolerance, min_acceptance,
    // budget; "" when it did not end (interrupted or runs failed).
    std::string status;
    std::size_t generations = 0;  // complete generations
    std::size_t runs = 0;         // runs in all, before and this time
    std::size_t runs_this_time = 0;
    double tolerance = 0.0;  // the last complete generation's
    bool interrupted = false;
    std::size_t failed = 0;  // runs that failed (their batch directory has their errors)
    std::string failed_batch;
};

struct CalibrationObserver {
    // A run of batch `batch` ended; done and todo count this rank's runs of the batch.
    std::function<void(const std::string& batch, const sweep::RunReport&, std::size_t done, std::size_t todo)> on_run;
    // A batch is about to run (`runs` runs, `finished` of them from before).
    std::function<void(const std::string& batch, std::size_t runs)> on_batch;
    // A generation is complete.
    std::function<void(std::int64_t generation, double tolerance, std::size_t proposals, std::size_t accepted,
                       double ess)>
        on_generation;
};

// Throws core::InputError for a directory that cannot hold the calibration or a --resume
// that does not match it, io::WriteError when a file cannot be written.
CalibrationResult run_calibration(const CalibrationSpec& spec, const CalibrateOptions& options,
                                  const sweep::Ranks& ranks, const CalibrationObserver& observer);

}  // namespace grassroots::calibration
