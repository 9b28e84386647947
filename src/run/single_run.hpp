#pragma once
// One run of a scenario, start to finish, as `grassroots run` and each run of a sweep do
// it: build the graph and world, step through the ticks, and turn what the model measured
// into the text of the output files. Writing is separate, so that nothing is written
// unless the caller decides to (a sweep writes only finished runs).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "io/run_files.hpp"
#include "model/simulation.hpp"
#include "scenario/scenario.hpp"

namespace grassroots::run {

struct RunOutput {
    std::string scenario_yaml;
    std::string timeseries;
    std::string creators;
    std::string merchants;  // empty when the scenario has no merchants
    std::string summary;    // header line and one row
    io::RunInfo info;       // threads and peak memory are the caller's to fill
    std::uint64_t users = 0;
    std::uint64_t edges = 0;
};

// A run under way: the simulation and the timeseries rows written so far. Made by
// start_run, or from a checkpoint (run_directory.hpp).
struct RunState {
    using Clock = std::chrono::steady_clock;
    scenario::Scenario scenario;
    std::unique_ptr<model::Simulation> sim;
    std::string timeseries;              // header and rows so far
    std::optional<model::TickRow> last;  // the row of the current tick, once taken
    Clock::time_point start = Clock::now();
    double setup_seconds = 0.0;
    double graph_seconds = 0.0;           // of the setup: building or loading the graph
    double rows_seconds = 0.0;            // taking and formatting timeseries rows (issue 5: < 2% of the run)
    std::int64_t resumed_from_tick = -1;  // -1: started at tick 0
};

// Builds the graph (an edge list fills in population.users) and the world, and takes the
// tick-0 row. Throws core::InputError for bad input found while building.
RunState start_run(scenario::Scenario s);

// Steps one tick (taking its timeseries row when it has one); the Python module's step().
void step_run(RunState& run);

// Steps to the last tick, calling after_tick(t) after each; returns false when a stop was
// requested (checked after every tick but the last) before the end.
bool advance_run(RunState& run, const std::function<void(std::int64_t)>& after_tick = {});

// The output files as of the current tick: the end, or a stop (the timeseries then ends
// with a row at the stop tick).
RunOutput run_outputs(RunState& run);

// start_run, advance_run and run_outputs; throws core::Interrupted when a stop was requested.
RunOutput execute_run(scenario::Scenario s, const std::function<void(std::int64_t)>& on_tick = {});

// What of a run to keep on disk.
enum class Keep { summary, timeseries, all };

// Writes the run's files into `dir` (created if needed), each atomically, meta.json last
// and only with Keep::all (it marks a complete run directory; an INCOMPLETE marker and a
// checkpoint left by an earlier stop are removed around it). Throws io::WriteError.
void write_run(const std::filesystem::path& dir, const RunOutput& out, Keep keep);

}  // namespace grassroots::run
