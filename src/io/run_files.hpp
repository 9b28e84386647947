#pragma once
// The files of a run directory (results/README.md documents them): CSV text is made here,
// from what the model measured; the CLI decides when to write it.
#include <cstdint>
#include <string>
#include <vector>

#include "model/simulation.hpp"

namespace grassroots::io {

std::string timeseries_header(const scenario::Scenario& s);
std::string timeseries_row(const model::TickRow& row);
std::string creators_csv(const model::World& w);
std::string merchants_csv(const model::World& w);
std::string summary_csv(const model::Simulation& sim, const model::TickRow& last);

// A cohort's name and how many users the world put in it (population.users, or an edge
// list's vertices, split by the shares), so that no reader has to split them again.
struct CohortSize {
    std::string name;
    std::uint64_t users = 0;
};
std::vector<CohortSize> cohort_sizes(const scenario::Scenario& s, const model::World& w);

struct RunInfo {
    std::uint64_t seed = 0;
    std::uint64_t world_seed = 0;
    int threads = 0;
    int concurrent_runs = 1;  // runs sharing those threads (a sweep's jobs)
    double setup_seconds = 0.0;
    double graph_seconds = 0.0;  // of the setup: building or loading the graph
    double wall_seconds = 0.0;
    double rows_seconds = 0.0;            // of the wall time: taking and formatting timeseries rows
    double final_outputs_seconds = 0.0;   // of the wall time: creators.csv, merchants.csv, summary.csv
    std::uint64_t peak_memory_bytes = 0;  // the process's: in a sweep, of all its runs so far
    std::uint64_t total_views = 0;
    std::int64_t ticks = 0;
    // Blocks of core::kBlockSize ids that the parallel loops over each kind of agent split
    // into at the end of the run: a loop with no more blocks than threads runs on fewer
    // threads than it was given (the thread tests assert they have more).
    std::uint64_t user_blocks = 0;
    std::uint64_t creator_blocks = 0;
    std::uint64_t live_item_blocks = 0;
    std::uint64_t merchant_blocks = 0;
    std::int64_t resumed_from_tick = -1;  // the checkpoint a resumed run began at (timings are then
                                          // the resumed process's only); -1: not resumed
    std::vector<CohortSize> cohorts;      // in the scenario's order
};
std::string meta_json(const RunInfo& info);

// `text` as a JSON string literal, quotes included.
std::string json_string(const std::string& text);

}  // namespace grassroots::io
