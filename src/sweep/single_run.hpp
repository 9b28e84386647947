#pragma once
// One run of a scenario, start to finish, as `grassroots run` and each run of a sweep do
// it: build the graph and world, step through the ticks, and turn what the model measured
// into the text of the output files. Writing is separate, so that nothing is written
// unless the run finished.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "io/run_files.hpp"
#include "scenario/scenario.hpp"

namespace grassroots::sweep {

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

// Runs `s` (whose graph may be an edge list: population.users is filled in). Calls
// on_tick(t) after each tick. Throws core::InputError for bad input found while building,
// core::Interrupted when a stop was requested (checked after every tick).
RunOutput execute_run(scenario::Scenario s, const std::function<void(std::int64_t)>& on_tick = {});

// What of a run to keep on disk.
enum class Keep { summary, timeseries, all };

// Writes the run's files into `dir` (created if needed), each atomically, meta.json last
// and only with Keep::all (it marks a complete run directory). Throws io::WriteError.
void write_run(const std::filesystem::path& dir, const RunOutput& out, Keep keep);

}  // namespace grassroots::sweep
