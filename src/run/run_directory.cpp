#include "run/run_directory.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "io/atomic_file.hpp"
#include "io/checkpoint.hpp"
#include "model/build_graph.hpp"
#include "scenario/load.hpp"

namespace grassroots::run {
namespace {

namespace fs = std::filesystem;

std::string checkpoint_line(std::int64_t checkpoint_tick) {
    return checkpoint_tick < 0
               ? "checkpoint_tick: none   # no checkpoint: start again with grassroots run\n"
               : fmt::format("checkpoint_tick: {}   # continue with: grassroots resume DIR\n", checkpoint_tick);
}

// While checkpointing, before any stop: the run may go on, or its process may be gone.
std::string running_marker(const RunState& run, std::int64_t checkpoint_tick) {
    return fmt::format(
        "# This run has not finished: it is running, or its process was killed. meta.json marks\n"
        "# a finished run; checkpoint.bin holds the state at checkpoint_tick, or at the next\n"
        "# checkpoint if the process was killed between writing checkpoint.bin and this file.\n"
        "status: running_or_killed\nticks: {}\n{}",
        run.scenario.ticks, checkpoint_line(checkpoint_tick));
}

std::string stopped_marker(const RunState& run, const Stop& stop) {
    return fmt::format(
        "# This run was stopped before its last tick: the CSV files hold its state at `tick`,\n"
        "# and meta.json, which marks a finished run, is absent.\n"
        "status: stopped\nreason: {}\ntick: {}\nticks: {}\n{}",
        core::stop_signal_name(stop.signal), stop.tick, run.scenario.ticks,
        checkpoint_line(stop.checkpoint ? stop.tick : -1));
}

}  // namespace

DirectoryLock::DirectoryLock(const fs::path& dir) {
    io::create_directories(dir);
    fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) throw io::WriteError("cannot open directory " + dir.string() + ": " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd_);
        fd_ = -1;
        if (error != EWOULDBLOCK) {
            throw io::WriteError("cannot lock directory " + dir.string() + ": " + std::strerror(error));
        }
        throw core::InputError({dir.string(), 0, 0}, "", "another grassroots process is running in this directory",
                               "a directory no other run or resume is using; wait for it or stop it first");
    }
}

DirectoryLock::~DirectoryLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
}

void clear_previous_run(const fs::path& dir) {
    io::remove_file(dir / io::kCheckpointFile);
    io::remove_file(dir / kIncompleteFile);
}

std::optional<Stop> run_in_directory(RunState& run, const DirectoryRun& o) {
    std::int64_t checkpoint_tick = -1;
    const std::string scenario_yaml = scenario::dump_scenario(run.scenario);
    auto checkpoint = [&](std::int64_t t) {
        if (checkpoint_tick < 0) {
            // The directory now holds an unfinished run: no meta.json may vouch for it.
            io::create_directories(o.dir);
            io::remove_file(o.dir / "meta.json");
            io::write_file_atomically(o.dir / "scenario.yaml", scenario_yaml);
            // Marked before the first checkpoint too: a kill while it is written must not
            // leave a directory that looks like neither a finished nor a stopped run.
            io::write_file_atomically(o.dir / kIncompleteFile, running_marker(run, -1));
        }
        const auto start = RunState::Clock::now();
        const fs::path path = o.dir / io::kCheckpointFile;
        io::write_checkpoint(path, *run.sim, scenario_yaml, run.timeseries, o.checkpoint_every);
        // Two files cannot be renamed as one: a kill between these two renames leaves the
        // marker one checkpoint behind. resume trusts checkpoint.bin, which is always whole.
        checkpoint_tick = t;
        io::write_file_atomically(o.dir / kIncompleteFile, running_marker(run, checkpoint_tick));
        if (o.on_checkpoint) {
            std::error_code ec;
            o.on_checkpoint(t, fs::file_size(path, ec),
                            std::chrono::duration<double>(RunState::Clock::now() - start).count());
        }
    };
    const bool finished = advance_run(run, [&](std::int64_t t) {
        if (o.on_tick) o.on_tick(t);
        if (o.checkpoint_every > 0 && t % o.checkpoint_every == 0 && t < run.scenario.ticks) checkpoint(t);
    });
    if (finished) {
        RunOutput out = run_outputs(run);
        if (o.fill_info) o.fill_info(out.info);
        write_run(o.dir, out, Keep::all);
        return std::nullopt;
    }

    Stop stop;
    stop.tick = run.sim->tick();
    stop.signal = core::stop_signal();
    if (o.checkpoint_every > 0 && checkpoint_tick != stop.tick) checkpoint(stop.tick);
    stop.checkpoint = o.checkpoint_every > 0;
    // The checkpoint above holds the state before run_outputs adds the stop tick's row.
    RunOutput out = run_outputs(run);
    io::create_directories(o.dir);
    io::remove_file(o.dir / "meta.json");
    io::write_file_atomically(o.dir / "scenario.yaml", out.scenario_yaml);
    io::write_file_atomically(o.dir / "summary.csv", out.summary);
    io::write_file_atomically(o.dir / "timeseries.csv", out.timeseries);
    io::write_file_atomically(o.dir / "creators.csv", out.creators);
    if (!out.merchants.empty()) io::write_file_atomically(o.dir / "merchants.csv", out.merchants);
    io::write_file_atomically(o.dir / kIncompleteFile, stopped_marker(run, stop));
    return stop;
}

RunState resume_run(const fs::path& dir, std::int64_t& checkpoint_every,
                    const std::function<void(const scenario::Scenario&)>& before_building) {
    std::error_code ec;
    if (fs::exists(dir / "meta.json", ec)) {
        throw core::InputError({dir.string(), 0, 0}, "resume",
                               "the run in this directory is finished (it has meta.json)",
                               "the directory of an interrupted run");
    }
    const fs::path path = dir / io::kCheckpointFile;
    if (!fs::exists(path, ec)) {
        throw core::InputError({dir.string(), 0, 0}, "resume", "no checkpoint here (checkpoint.bin)",
                               "the directory of a run started with --checkpoint-every N; without one, run it again");
    }
    RunState run;
    const io::CheckpointHeader header = io::read_checkpoint_header(path);
    run.scenario = scenario::parse_scenario(header.scenario_yaml, path.string(), dir.string());
    if (scenario::dump_scenario(run.scenario) != header.scenario_yaml || header.tick < 0 ||
        header.tick > run.scenario.ticks || header.checkpoint_every < 1) {
        throw core::InputError({path.string(), 0, 0}, "checkpoint", "its scenario or tick does not hold together",
                               "a checkpoint written by " + io::program_identity());
    }
    const fs::path recorded = dir / "scenario.yaml";
    if (fs::exists(recorded, ec) && io::read_file(recorded) != header.scenario_yaml) {
        throw core::InputError({recorded.string(), 0, 0}, "resume",
                               "differs from the scenario the checkpoint was written for",
                               "the run's own scenario.yaml and checkpoint.bin (was one copied from another run?)");
    }
    if (before_building) before_building(run.scenario);
    graph::SocialGraph graph = model::build_graph(run.scenario);
    run.graph_seconds = std::chrono::duration<double>(RunState::Clock::now() - run.start).count();
    run.sim = io::read_checkpoint_simulation(path, header, run.scenario, std::move(graph));
    run.timeseries = header.timeseries;
    run.resumed_from_tick = header.tick;
    run.setup_seconds = std::chrono::duration<double>(RunState::Clock::now() - run.start).count();
    checkpoint_every = header.checkpoint_every;
    return run;
}

}  // namespace grassroots::run
