// `grassroots sweep`: parameters x replicates, in parallel on one machine or over MPI ranks.
#include <optional>

#include <spdlog/spdlog.h>
#include <tbb/info.h>

#include "cli/commands.hpp"
#include "cli/memory_check.hpp"
#include "cli/progress.hpp"
#include "core/threads.hpp"
#include "io/atomic_file.hpp"
#include "sweep/executor.hpp"
#include "sweep/spec.hpp"

namespace grassroots::cli {

int sweep_command(const SweepCommandOptions& o, const sweep::Ranks& ranks) {
    const sweep::SweepSpec spec = sweep::load_sweep(o.sweep_path);
    const int threads = o.threads > 0 ? o.threads : tbb::info::default_concurrency();
    sweep::SweepOptions options;
    options.output_dir = o.output_dir;
    options.jobs = o.jobs > 0 ? o.jobs : threads;
    options.threads = threads;
    options.resume = o.resume;
    {
        // Every rank checks its own machine; a refusal on any stops all before the sweep starts.
        std::optional<core::InputError> refused;
        try {
            require_sweep_memory(spec, options.jobs, threads, ranks.size(), o.max_memory);
        } catch (const core::InputError& e) {
            refused = e;
        }
        if (ranks.max(refused ? 1 : 0) != 0) {
            if (refused) throw *refused;
            throw core::InputError({spec.source_file, 0, 0}, "memory", "another rank has too little memory");
        }
    }

    const std::size_t runs = spec.points.size() * static_cast<std::size_t>(spec.replicates);
    if (ranks.root()) {
        spdlog::info("sweep {}: {} points x {} replicates = {} runs; {} rank(s), {} jobs and {} threads each",
                     spec.name, spec.points.size(), spec.replicates, runs, ranks.size(), options.jobs, threads);
    }
    // The bar is drawn by rank 0 for its own runs still to do; without a terminal, a line per run.
    Progress progress(static_cast<std::int64_t>(runs), !o.quiet && ranks.root(), "runs");
    const bool terminal_bar = !o.quiet && ranks.root() && isatty_stderr();
    const auto result = core::run_with_threads(threads, [&] {
        return sweep::run_sweep(
            spec, options, ranks, [&](const sweep::RunReport& r, std::size_t done, std::size_t todo) {
                if (!r.ok) {
                    spdlog::error("run {} (point {}, replicate {}) failed: {}", r.run.run_id, r.run.point_id,
                                  r.run.replicate, r.error);
                } else if (!terminal_bar) {
                    spdlog::info("run {} (point {}, replicate {}) done in {:.2f} s [{}/{} on rank {}]", r.run.run_id,
                                 r.run.point_id, r.run.replicate, r.seconds, done, todo, ranks.rank());
                }
                progress.set_total(static_cast<std::int64_t>(todo));
                progress.update(static_cast<std::int64_t>(done));
            });
    });

    // A write error stopped the sweep: main prints it as one line (each rank its own).
    if (result.write_failed) {
        if (!result.write_error.empty()) {
            throw io::WriteError(result.write_error +
                                 " (the sweep stopped; its finished runs are kept and "
                                 "--resume runs the rest)");
        }
        if (!ranks.root()) return kExitFailure;
        throw io::WriteError("another rank could not write (see its message); the sweep stopped");
    }
    if (!ranks.root()) return result.failed ? kExitFailure : result.interrupted ? stopped_exit_code() : kExitOk;
    if (result.interrupted) {
        spdlog::warn("sweep {} interrupted: {} of {} runs finished; continue with --resume", spec.name,
                     result.skipped + result.finished, result.runs);
        return stopped_exit_code();
    }
    if (result.failed) {
        spdlog::error(
            "sweep {}: {} of {} runs failed (their errors are in {}/runs/*/error.txt); rerun the "
            "failed ones with --resume",
            spec.name, result.failed, result.runs, result.output_dir);
        return kExitFailure;
    }
    spdlog::info("sweep {}: {} runs ({} this time, {} from before); wrote {}/summary.csv", spec.name, result.runs,
                 result.finished, result.skipped, result.output_dir);
    return kExitOk;
}

}  // namespace grassroots::cli
