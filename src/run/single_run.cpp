#include "run/single_run.hpp"

#include "core/interrupt.hpp"
#include "core/parallel.hpp"
#include "io/atomic_file.hpp"
#include "io/checkpoint.hpp"
#include "model/build_graph.hpp"
#include "run/run_directory.hpp"
#include "scenario/load.hpp"

namespace grassroots::run {
namespace {

double seconds_since(RunState::Clock::time_point start) {
    return std::chrono::duration<double>(RunState::Clock::now() - start).count();
}

// Ticks that have a timeseries row: the start, every output.every, and the last.
bool row_tick(const scenario::Scenario& s, std::int64_t t) { return t == 0 || t % s.output.every == 0 || t == s.ticks; }

}  // namespace

RunState start_run(scenario::Scenario s) {
    RunState run;
    graph::SocialGraph graph = model::build_graph(s);
    run.graph_seconds = seconds_since(run.start);
    run.sim = std::make_unique<model::Simulation>(s, std::move(graph));
    run.scenario = std::move(s);
    run.setup_seconds = seconds_since(run.start);
    run.timeseries = io::timeseries_header(run.scenario);
    run.last = run.sim->take_row();
    run.timeseries += io::timeseries_row(*run.last);
    return run;
}

void step_run(RunState& run) {
    model::Simulation& sim = *run.sim;
    sim.step();
    if (row_tick(run.scenario, sim.tick())) {
        const auto row_start = RunState::Clock::now();
        run.last = sim.take_row();
        run.timeseries += io::timeseries_row(*run.last);
        run.rows_seconds += seconds_since(row_start);
    }
}

bool advance_run(RunState& run, const std::function<void(std::int64_t)>& after_tick) {
    for (std::int64_t t = run.sim->tick() + 1; t <= run.scenario.ticks; ++t) {
        step_run(run);
        if (after_tick) after_tick(t);
        if (t < run.scenario.ticks && core::stop_requested()) return false;
    }
    return true;
}

RunOutput run_outputs(RunState& run) {
    model::Simulation& sim = *run.sim;
    if (!run.last || run.last->tick != sim.tick()) {
        // A stop between rows gets a row of its own; a run resumed at a row tick has its
        // row in the text already and needs only the levels (its flows since are zero).
        run.last = sim.take_row();
        if (!row_tick(run.scenario, sim.tick())) run.timeseries += io::timeseries_row(*run.last);
    }
    const scenario::Scenario& s = run.scenario;
    RunOutput out;
    out.users = sim.world().graph.vertex_count();
    out.edges = sim.world().graph.edge_count();
    out.timeseries = run.timeseries;
    out.scenario_yaml = scenario::dump_scenario(s);
    const auto final_start = RunState::Clock::now();
    out.creators = io::creators_csv(sim.world());
    if (s.merchants.count > 0) out.merchants = io::merchants_csv(sim.world());
    out.summary = io::summary_csv(sim, *run.last);
    out.info.final_outputs_seconds = seconds_since(final_start);
    out.info.rows_seconds = run.rows_seconds;
    out.info.seed = s.seed;
    out.info.world_seed = s.world_seed;
    out.info.ticks = s.ticks;
    out.info.resumed_from_tick = run.resumed_from_tick;
    out.info.setup_seconds = run.setup_seconds;
    out.info.graph_seconds = run.graph_seconds;
    out.info.total_views = sim.totals().views;
    const model::World& w = sim.world();
    out.info.user_blocks = core::block_count(w.users.size());
    out.info.creator_blocks = core::block_count(w.creators.size());
    out.info.live_item_blocks = core::block_count(w.items.size());
    out.info.merchant_blocks = core::block_count(w.merchants.size());
    out.info.cohorts = io::cohort_sizes(s, w);
    out.info.wall_seconds = seconds_since(run.start);
    return out;
}

RunOutput execute_run(scenario::Scenario s, const std::function<void(std::int64_t)>& on_tick) {
    RunState run = start_run(std::move(s));
    if (!advance_run(run, on_tick)) throw core::Interrupted();
    return run_outputs(run);
}

void write_run(const std::filesystem::path& dir, const RunOutput& out, Keep keep) {
    io::create_directories(dir);
    // An old meta.json would vouch for files this run is about to replace.
    io::remove_file(dir / "meta.json");
    io::write_file_atomically(dir / "scenario.yaml", out.scenario_yaml);
    io::write_file_atomically(dir / "summary.csv", out.summary);
    if (keep == Keep::summary) return;
    io::write_file_atomically(dir / "timeseries.csv", out.timeseries);
    if (keep == Keep::timeseries) return;
    io::write_file_atomically(dir / "creators.csv", out.creators);
    if (!out.merchants.empty()) io::write_file_atomically(dir / "merchants.csv", out.merchants);
    // Without the marker nothing says "incomplete" for a moment, but nothing says "complete"
    // either until meta.json is in place; the checkpoint is useless once it is.
    io::remove_file(dir / kIncompleteFile);
    io::write_file_atomically(dir / "meta.json", io::meta_json(out.info));
    io::remove_file(dir / io::kCheckpointFile);
}

}  // namespace grassroots::run
