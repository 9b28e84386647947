// `grassroots run`, `grassroots resume` and `grassroots check`.
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <tbb/info.h>

#include "cli/commands.hpp"
#include "cli/memory_check.hpp"
#include "cli/progress.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/memory.hpp"
#include "core/threads.hpp"
#include "io/atomic_file.hpp"
#include "io/checkpoint.hpp"
#include "model/build_graph.hpp"
#include "run/run_directory.hpp"
#include "run/single_run.hpp"
#include "scenario/load.hpp"

namespace grassroots::cli {
namespace {

namespace fs = std::filesystem;

// --seed takes the same values as the file's seed: an integer in [0, 2^64).
std::uint64_t parse_seed(const std::string& text) {
    std::uint64_t seed = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) {
        throw core::InputError({"command line", 0, 0}, "--seed", "'" + text + "' is not a seed",
                               "an integer in [0, 2^64)");
    }
    return seed;
}

scenario::Scenario load(const RunOptions& o) {
    const std::optional<std::uint64_t> seed = o.seed ? std::optional(parse_seed(*o.seed)) : std::nullopt;
    scenario::Scenario s = scenario::load_scenario(o.scenario_path, o.overrides);
    if (seed) s.seed = *seed;
    return s;
}

// The output directory must be a directory or not exist yet; checked before any work so
// that bad input writes nothing.
fs::path output_dir_for(const RunOptions& o, const scenario::Scenario& s) {
    const fs::path dir = o.output_dir.empty() ? fs::path("results") / s.name : fs::path(o.output_dir);
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
        throw core::InputError({dir.string(), 0, 0}, "-o", "exists and is not a directory",
                               "a directory, or a path that does not exist yet");
    }
    return dir;
}

// Steps a started or resumed run to its end (or a stop) in `dir`; the exit code.
int run_in_directory(run::RunState& run, const fs::path& dir, std::int64_t checkpoint_every, int threads, bool quiet) {
    run::DirectoryRun options;
    options.dir = dir;
    options.checkpoint_every = checkpoint_every;
    options.fill_info = [&](io::RunInfo& info) {
        info.threads = threads;
        info.peak_memory_bytes = core::peak_memory_bytes();
    };
    std::optional<run::Stop> stop;
    {
        Progress progress(run.scenario.ticks, !quiet);
        progress.set_done_before(std::max<std::int64_t>(run.resumed_from_tick, 0));
        options.on_tick = [&](std::int64_t t) { progress.update(t); };
        options.on_checkpoint = [&](std::int64_t t, std::uint64_t bytes, double seconds) {
            progress.clear();
            spdlog::info("checkpoint at tick {}: {:.1f} MB in {:.2f} s", t, static_cast<double>(bytes) / 1e6, seconds);
        };
        stop = run::run_in_directory(run, options);
    }
    if (stop) {
        // A warning, so that -q does not hide it.
        spdlog::warn("{}: stopped by {} at the end of tick {} of {}; wrote the outputs so far to {}, marked {}; {}",
                     run.scenario.name, core::stop_signal_name(stop->signal), stop->tick, run.scenario.ticks,
                     dir.string(), run::kIncompleteFile,
                     stop->checkpoint ? "continue with: grassroots resume " + dir.string()
                                      : std::string("no checkpoint (--checkpoint-every N): run it again"));
        return stopped_exit_code();
    }
    const model::Simulation& sim = *run.sim;
    spdlog::info("{}: {} users, {} edges; {} ticks{} in {:.2f} s ({:.2f} s setup), {} views; wrote {}",
                 run.scenario.name, sim.world().graph.vertex_count(), sim.world().graph.edge_count(),
                 run.scenario.ticks,
                 run.resumed_from_tick >= 0 ? fmt::format(" (resumed at tick {})", run.resumed_from_tick) : "",
                 std::chrono::duration<double>(run::RunState::Clock::now() - run.start).count(), run.setup_seconds,
                 sim.totals().views, dir.string());
    return kExitOk;
}

}  // namespace

int stopped_exit_code() {
    const int signal = core::stop_signal();
    return signal > 0 ? 128 + signal : kExitInterrupted;
}

int run_command(const RunOptions& o) { return run_loaded_scenario(load(o), o); }

int run_loaded_scenario(scenario::Scenario s, const RunOptions& o) {
    const fs::path dir = output_dir_for(o, s);
    const int threads = o.threads > 0 ? o.threads : tbb::info::default_concurrency();
    require_run_memory(s, threads, o.max_memory);  // before anything is allocated
    return core::run_with_threads(threads, [&] {
        run::RunState run = run::start_run(std::move(s));
        // The input is good (the graph is built): the directory is this run's, and what an
        // earlier run left here goes.
        const run::DirectoryLock lock(dir);
        run::clear_previous_run(dir);
        return run_in_directory(run, dir, o.checkpoint_every, threads, o.quiet);
    });
}

int resume_command(const ResumeOptions& o) {
    const int threads = o.threads > 0 ? o.threads : tbb::info::default_concurrency();
    std::int64_t checkpoint_every = 0;
    std::error_code ec;
    if (!fs::is_directory(o.run_dir, ec)) {
        throw core::InputError({o.run_dir, 0, 0}, "resume", "not a directory",
                               "the output directory of a run started with --checkpoint-every N");
    }
    const run::DirectoryLock lock(o.run_dir);
    return core::run_with_threads(threads, [&] {
        run::RunState run = run::resume_run(o.run_dir, checkpoint_every, [&](const scenario::Scenario& s) {
            require_run_memory(s, threads, o.max_memory);
        });
        spdlog::info("{}: resuming at tick {} of {} from {}", run.scenario.name, run.resumed_from_tick,
                     run.scenario.ticks, (fs::path(o.run_dir) / io::kCheckpointFile).string());
        return run_in_directory(run, o.run_dir, checkpoint_every, threads, o.quiet);
    });
}

int check_command(const RunOptions& o) {
    scenario::Scenario s = load(o);
    // An edge list is read to validate it and to fill in population.users.
    if (s.graph.type == scenario::GraphType::edgelist) model::build_graph(s);
    // stdout may be a full disk or a closed pipe: a resolved scenario cut short must not pass
    // for a whole one, so the write is checked like a file's.
    // The estimate leads as a comment, so the output stays a valid scenario.
    const std::string text =
        estimate_comment(estimate_run(s, tbb::info::default_concurrency()), tbb::info::default_concurrency()) +
        scenario::dump_scenario(s);
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
        throw io::WriteError(std::string("cannot write standard output: ") + std::strerror(errno));
    }
    return kExitOk;
}

}  // namespace grassroots::cli
