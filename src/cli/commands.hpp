#pragma once
// Subcommands. Each returns the process exit code: 0 success, 2 bad input, 1 other failure.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace grassroots::sweep {
class Ranks;
}
namespace grassroots::scenario {
struct Scenario;
}

namespace grassroots::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report it

// The exit code of work stopped by a signal: 128 + the signal (130 for SIGINT, 143 for
// SIGTERM), as shells report a process the signal killed.
int stopped_exit_code();

struct RunOptions {
    std::string scenario_path;
    std::string output_dir;  // empty: results/<scenario name>
    std::vector<std::string> overrides;
    std::optional<std::string> seed;  // parsed and range-checked with the scenario
    int threads = 0;                  // 0: all cores
    bool quiet = false;
    std::int64_t checkpoint_every = 0;      // 0: no checkpoints
    std::optional<std::string> max_memory;  // SIZE; default: the memory available
};

struct ResumeOptions {
    std::string run_dir;
    int threads = 0;  // 0: all cores
    bool quiet = false;
    std::optional<std::string> max_memory;  // SIZE; default: the memory available
};

struct SweepCommandOptions {
    std::string sweep_path;
    std::string output_dir;  // empty: results/<sweep name>
    int jobs = 0;            // concurrent runs per rank; 0: as many as threads
    int threads = 0;         // 0: all cores
    bool resume = false;
    bool quiet = false;
    std::optional<std::string> max_memory;  // SIZE for all concurrent runs; default: available
};

struct AnalyzeCommandOptions {
    std::string sweep_dir;
    std::vector<std::string> metrics;  // empty: every metric that varies
    std::size_t bootstrap = 1000;      // resamples; 0: no intervals
    double confidence = 0.95;
    std::uint64_t seed = 1;
    std::string output;  // empty: SWEEP_DIR/sensitivity.csv
    bool quiet = false;
};

struct ScoreOptions {
    std::string dir;  // a run directory or a sweep directory
    std::string targets_path;
    std::string output;  // empty: DIR/score.csv, or DIR/scores.csv and DIR/scores_points.csv
    bool quiet = false;
};

struct CalibrateCommandOptions {
    std::string calibration_path;
    std::string output_dir;  // empty: results/<calibration name>
    int jobs = 0;            // concurrent runs per rank; 0: as many as threads
    int threads = 0;         // 0: all cores
    bool resume = false;
    bool quiet = false;
    std::optional<std::string> max_memory;
};

int run_command(const RunOptions& options);
// `grassroots run` once the scenario is read (options' scenario_path, overrides and seed
// are not used): the Python module's run(..., output=DIR) writes its directory so.
int run_loaded_scenario(scenario::Scenario s, const RunOptions& options);
int check_command(const RunOptions& options);
int resume_command(const ResumeOptions& options);
int sweep_command(const SweepCommandOptions& options, const sweep::Ranks& ranks);
int analyze_command(const AnalyzeCommandOptions& options);
int score_command(const ScoreOptions& options);
int calibrate_command(const CalibrateCommandOptions& options, const sweep::Ranks& ranks);

// Whether stderr is a terminal (progress bars instead of log lines).
bool isatty_stderr();

}  // namespace grassroots::cli
