#pragma once
// A run in a directory of its own (`grassroots run`, `grassroots resume`): optional
// checkpoints every N ticks; a stop by SIGINT or SIGTERM at the end of a tick that writes
// the outputs as of that tick, marked INCOMPLETE (and a checkpoint there, when checkpoints
// are on); resuming from the last checkpoint. meta.json is written only by a finished run.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>

#include "io/run_files.hpp"
#include "run/single_run.hpp"

namespace grassroots::run {

// Present while a run directory holds an unfinished run; says at which tick and why.
inline constexpr const char* kIncompleteFile = "INCOMPLETE";

struct DirectoryRun {
    std::filesystem::path dir;
    std::int64_t checkpoint_every = 0;            // 0: no checkpoints
    std::function<void(std::int64_t)> on_tick;    // after each tick (progress)
    std::function<void(io::RunInfo&)> fill_info;  // threads and peak memory
    // After each checkpoint: its tick, size in bytes and seconds to write (a log line).
    std::function<void(std::int64_t, std::uint64_t, double)> on_checkpoint;
};

// How a run ended early.
struct Stop {
    std::int64_t tick = 0;
    int signal = 0;           // SIGINT, SIGTERM, or 0 for a programmatic request
    bool checkpoint = false;  // a checkpoint at `tick` is on disk
};

// An exclusive advisory lock (flock) on a run directory, held while a run or a resume works
// in it, so that a second process (a resume while the run still goes on) is refused.
class DirectoryLock {
public:
    // Creates `dir` if needed. Throws core::InputError (exit 2) when another process holds
    // the lock, io::WriteError when the directory cannot be created or opened.
    explicit DirectoryLock(const std::filesystem::path& dir);
    ~DirectoryLock();
    DirectoryLock(const DirectoryLock&) = delete;
    DirectoryLock& operator=(const DirectoryLock&) = delete;

private:
    int fd_ = -1;
};

// Removes what an earlier run in `dir` left that could be mistaken for this run's state
// (its checkpoint and INCOMPLETE marker); call once the input is known to be good.
void clear_previous_run(const std::filesystem::path& dir);

// Steps `run` to its end, checkpointing into the directory; then writes every output and
// meta.json last. On a stop, writes the outputs so far and INCOMPLETE, and returns it.
// Throws io::WriteError.
std::optional<Stop> run_in_directory(RunState& run, const DirectoryRun& options);

// The run saved by `dir`'s checkpoint, ready to continue, and its checkpoint interval.
// `dir` is an existing directory the caller has locked (DirectoryLock; the caller checks
// it exists first, as the lock would create it). Throws core::InputError (exit 2) for a directory without a checkpoint,
// a finished run, and a checkpoint that is corrupt, foreign, from another build, or disagrees with dir/scenario.yaml or
// with the graph rebuilt from the scenario. `before_building` sees the scenario before anything large is allocated (a
// memory check).
RunState resume_run(const std::filesystem::path& dir, std::int64_t& checkpoint_every,
                    const std::function<void(const scenario::Scenario&)>& before_building = {});

}  // namespace grassroots::run
