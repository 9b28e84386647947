#include "sweep/single_run.hpp"

#include <chrono>

#include "core/interrupt.hpp"
#include "io/atomic_file.hpp"
#include "model/build_graph.hpp"
#include "model/simulation.hpp"
#include "scenario/load.hpp"

namespace grassroots::sweep {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

RunOutput execute_run(scenario::Scenario s, const std::function<void(std::int64_t)>& on_tick) {
    const auto start = Clock::now();
    graph::SocialGraph graph = model::build_graph(s);
    RunOutput out;
    out.users = graph.vertex_count();
    out.edges = graph.edge_count();
    model::Simulation sim(s, std::move(graph));
    const double setup_seconds = seconds_since(start);

    out.timeseries = io::timeseries_header(s);
    model::TickRow last = sim.take_row();
    out.timeseries += io::timeseries_row(last);
    for (std::int64_t t = 1; t <= s.ticks; ++t) {
        sim.step();
        if (t % s.output.every == 0 || t == s.ticks) {
            last = sim.take_row();
            out.timeseries += io::timeseries_row(last);
        }
        if (on_tick) on_tick(t);
        if (core::stop_requested()) throw core::Interrupted();
    }
    out.scenario_yaml = scenario::dump_scenario(s);
    out.creators = io::creators_csv(sim.world());
    if (s.merchants.count > 0) out.merchants = io::merchants_csv(sim.world());
    out.summary = io::summary_csv(sim, last);
    out.info.seed = s.seed;
    out.info.world_seed = s.world_seed;
    out.info.ticks = s.ticks;
    out.info.setup_seconds = setup_seconds;
    out.info.total_views = sim.totals().views;
    out.info.wall_seconds = seconds_since(start);
    return out;
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
    io::write_file_atomically(dir / "meta.json", io::meta_json(out.info));
}

}  // namespace grassroots::sweep
