// `grassroots calibrate`: ABC-SMC over scenario keys against a targets file.
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <tbb/info.h>

#include "calibration/batch.hpp"
#include "calibration/calibrate.hpp"
#include "calibration/calibration_spec.hpp"
#include "cli/commands.hpp"
#include "cli/memory_check.hpp"
#include "cli/progress.hpp"
#include "core/threads.hpp"

namespace grassroots::cli {
namespace {

// The check of `sweep`, on a batch of one proposal at the priors' upper bounds (the largest
// worlds, when a size is calibrated), `jobs` at a time.
void require_calibration_memory(const calibration::CalibrationSpec& spec, int jobs, int threads,
                                const sweep::Ranks& ranks, const std::optional<std::string>& max_memory) {
    std::vector<std::string> top;
    for (const calibration::Prior& p : spec.priors) top.push_back(p.text_of(p.hi));
    sweep::SweepSpec probe = calibration::batch_sweep(spec, spec.name, spec.seed, {top});
    try {
        sweep::check_point(probe, 0);
    } catch (const core::InputError&) {
        probe = calibration::batch_sweep(spec, spec.name, spec.seed, {std::vector<std::string>(top.size())});
    }
    probe.replicates = 1;
    probe.points.assign(static_cast<std::size_t>(jobs) * static_cast<std::size_t>(ranks.size()), probe.points.front());
    std::optional<core::InputError> refused;
    try {
        require_sweep_memory(probe, jobs, threads, ranks.size(), max_memory);
    } catch (const core::InputError& e) {
        refused = e;
    }
    if (ranks.max(refused ? 1 : 0) != 0) {
        if (refused) throw *refused;
        throw core::InputError({spec.source_file, 0, 0}, "memory", "another rank has too little memory");
    }
}

}  // namespace

int calibrate_command(const CalibrateCommandOptions& o, const sweep::Ranks& ranks) {
    const calibration::CalibrationSpec spec = calibration::load_calibration(o.calibration_path);
    const int threads = o.threads > 0 ? o.threads : tbb::info::default_concurrency();
    calibration::CalibrateOptions options;
    options.output_dir = o.output_dir;
    options.jobs = o.jobs > 0 ? o.jobs : threads;
    options.threads = threads;
    options.resume = o.resume;
    require_calibration_memory(spec, options.jobs, threads, ranks, o.max_memory);
    if (ranks.root()) {
        spdlog::info(
            "calibrate {}: {} parameters, {} targets; {} particles x {} replicates per generation, at most {} "
            "generations and {} runs; {} rank(s), {} jobs and {} threads each",
            spec.name, spec.priors.size(), spec.targets.targets.size(), spec.particles, spec.replicates,
            spec.generations, spec.budget, ranks.size(), options.jobs, threads);
    }
    const bool log = !o.quiet && ranks.root();
    const bool terminal_bar = log && isatty_stderr();
    std::optional<Progress> progress;
    calibration::CalibrationObserver observer;
    observer.on_batch = [&](const std::string& batch, std::size_t runs) {
        progress.reset();
        if (log) spdlog::info("{}: {} runs", batch, runs);
        progress.emplace(static_cast<std::int64_t>(runs), log, "runs");
    };
    observer.on_run = [&](const std::string&, const sweep::RunReport& r, std::size_t done, std::size_t todo) {
        if (!r.ok) {
            spdlog::error("run {} (point {}, replicate {}) failed: {}", r.run.run_id, r.run.point_id, r.run.replicate,
                          r.error);
        } else if (log && !terminal_bar && done == todo) {
            spdlog::info("{} runs done", todo);
        }
        if (progress) {
            progress->set_total(static_cast<std::int64_t>(todo));
            progress->update(static_cast<std::int64_t>(done));
        }
    };
    observer.on_generation = [&](std::int64_t g, double tolerance, std::size_t proposals, std::size_t accepted,
                                 double ess) {
        progress.reset();
        if (log) {
            spdlog::info("generation {}: tolerance {:.4g}, {} of {} proposals accepted, effective sample size {:.1f}",
                         g, tolerance, accepted, proposals, ess);
        }
    };
    const calibration::CalibrationResult result =
        core::run_with_threads(threads, [&] { return calibration::run_calibration(spec, options, ranks, observer); });
    progress.reset();

    if (result.failed > 0) {
        if (ranks.root()) {
            spdlog::error(
                "calibrate {}: {} runs failed (their errors are in {}/runs/*/error.txt); rerun them with "
                "--resume",
                spec.name, result.failed, result.failed_batch);
        }
        return kExitFailure;
    }
    if (result.interrupted) {
        if (ranks.root()) {
            spdlog::warn("calibrate {} interrupted; continue with --resume (finished runs are kept)", spec.name);
        }
        return stopped_exit_code();
    }
    if (!ranks.root()) return kExitOk;
    spdlog::info("calibrate {}: stopped by {} after {} generations and {} runs ({} this time); wrote {}/posterior.csv",
                 spec.name, result.status, result.generations, result.runs, result.runs_this_time, result.output_dir);
    if (result.generations == 0) {
        spdlog::error(
            "calibrate {}: not one generation completed ({}): no posterior; raise the budget, or see why "
            "proposals have no finite distance (a target undefined on them) in {}/generations/000",
            spec.name, result.status, result.output_dir);
        return kExitFailure;
    }
    std::printf("%s\n", fmt::format("generations {} runs {} tolerance {} status {}", result.generations, result.runs,
                                    result.tolerance, result.status)
                            .c_str());
    return kExitOk;
}

}  // namespace grassroots::cli
