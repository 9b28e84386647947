// grassroots: the command line. Parses arguments, dispatches, maps errors to exit codes.
#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "core/build_info.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "sweep/ranks.hpp"

namespace {

using namespace grassroots::cli;

void add_scenario_options(CLI::App& cmd, RunOptions& o) {
    cmd.add_option("scenario", o.scenario_path, "Scenario YAML file")->required();
    cmd.add_option("--set", o.overrides,
                   "Override a key by its dotted path, e.g. --set creators.share=0.05 or "
                   "--set population.cohorts.1.p=0.01 (repeatable; validated like the file)")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);
}

}  // namespace

int main(int argc, char** argv) {
    // Past a file-size limit (ulimit -f) a write then fails with EFBIG, which is reported
    // like any write error, instead of SIGXFSZ killing the process without a word.
    std::signal(SIGXFSZ, SIG_IGN);
    // MPI (when launched by mpirun) must start before anything reads the arguments.
    grassroots::sweep::Ranks ranks(argc, argv);
    CLI::App app{
        "grassroots: an agent-based simulator of users, creators and merchants on a social graph.\n"
        "Runs YAML scenarios and writes CSV results. Exit codes: 0 success, 2 bad input, 1 other failure."};
    const char* features = grassroots::sweep::Ranks::built_with_mpi() ? "tbb mpi" : "tbb";
    app.set_version_flag("--version", std::string("grassroots ") + grassroots::core::build_version() + " (commit " +
                                          grassroots::core::build_commit() + "; " + features + ")");
    app.require_subcommand(1);

    RunOptions run_options;
    CLI::App* run = app.add_subcommand("run", "Run a scenario and write its outputs to a directory");
    add_scenario_options(*run, run_options);
    run->add_option("-o,--output", run_options.output_dir, "Output directory (default: results/<scenario name>)");
    run->add_option("--seed", run_options.seed, "Dynamics seed, overriding the scenario's seed")->type_name("N");
    run->add_option("--threads", run_options.threads, "Worker threads (default 0: all cores)")
        ->check(CLI::Range(0, 4096));
    run->add_flag("-q,--quiet", run_options.quiet, "No log lines and no progress line");
    run->add_option("--max-memory", run_options.max_memory,
                    "Refuse the run if its estimated peak memory exceeds SIZE, e.g. 512M, 8G, 1.5G "
                    "(default: the memory available, within a cgroup limit)")
        ->type_name("SIZE");
    run->add_option("--checkpoint-every", run_options.checkpoint_every,
                    "Save the whole state to DIR/checkpoint.bin every N ticks, for grassroots resume "
                    "(default 0: never)")
        ->type_name("N")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 40));

    ResumeOptions resume_options;
    CLI::App* resume =
        app.add_subcommand("resume",
                           "Continue a run stopped or killed after a checkpoint (run --checkpoint-every N) in its "
                           "directory; the outputs equal an uninterrupted run's");
    resume->add_option("dir", resume_options.run_dir, "The run's output directory")->required();
    resume->add_option("--threads", resume_options.threads, "Worker threads (default 0: all cores)")
        ->check(CLI::Range(0, 4096));
    resume->add_flag("-q,--quiet", resume_options.quiet, "No log lines and no progress line");
    resume
        ->add_option("--max-memory", resume_options.max_memory,
                     "Refuse to resume if the run's estimated peak memory exceeds SIZE (as for run)")
        ->type_name("SIZE");

    RunOptions check_options;
    CLI::App* check =
        app.add_subcommand("check", "Validate a scenario and print it fully resolved (every default filled in)");
    add_scenario_options(*check, check_options);

    SweepCommandOptions sweep_options;
    CLI::App* sweep =
        app.add_subcommand("sweep",
                           "Run a sweep: parameter points x replicates, in parallel, optionally over MPI ranks "
                           "(mpirun -np K grassroots sweep ...); writes DIR/summary.csv with one row per run");
    sweep->add_option("sweep", sweep_options.sweep_path, "Sweep YAML file")->required();
    sweep->add_option("-o,--output", sweep_options.output_dir, "Output directory (default: results/<sweep name>)");
    sweep->add_option("--jobs", sweep_options.jobs, "Concurrent runs per process (default 0: as many as threads)")
        ->check(CLI::Range(0, 4096));
    sweep->add_option("--threads", sweep_options.threads, "Worker threads per process (default 0: all cores)")
        ->check(CLI::Range(0, 4096));
    sweep->add_flag("--resume", sweep_options.resume,
                    "Continue an interrupted sweep in its directory: run only the runs not finished");
    sweep->add_flag("-q,--quiet", sweep_options.quiet, "No log lines and no progress bar");
    sweep
        ->add_option("--max-memory", sweep_options.max_memory,
                     "Refuse the sweep if its concurrent runs' estimated peak memory exceeds SIZE "
                     "(default: the memory available, within a cgroup limit)")
        ->type_name("SIZE");

    AnalyzeCommandOptions analyze_options;
    CLI::App* analyze = app.add_subcommand(
        "analyze",
        "Sensitivity indices of a finished sobol or morris sweep: Sobol S1, ST (and S2) or Morris mu*, mu, "
        "sigma per metric and swept key, with bootstrap intervals; writes SWEEP_DIR/sensitivity.csv");
    analyze->add_option("sweep_dir", analyze_options.sweep_dir, "The sweep's output directory")->required();
    analyze
        ->add_option("--metric", analyze_options.metrics,
                     "A summary metric to analyse (repeatable; default: every metric that is a number in every run "
                     "and varies, wall_seconds never)")
        ->type_name("NAME")
        ->allow_extra_args(false);
    analyze->add_option("--bootstrap", analyze_options.bootstrap, "Bootstrap resamples (default 1000; 0: no intervals)")
        ->type_name("B")
        ->check(CLI::Range(std::size_t{0}, std::size_t{1'000'000}));
    analyze->add_option("--confidence", analyze_options.confidence, "Confidence of the intervals (default 0.95)")
        ->type_name("C");
    analyze->add_option("--seed", analyze_options.seed, "Seed of the bootstrap resamples (default 1)")->type_name("S");
    analyze->add_option("-o,--output", analyze_options.output, "Output file (default SWEEP_DIR/sensitivity.csv)")
        ->type_name("FILE");
    analyze->add_flag("-q,--quiet", analyze_options.quiet, "No log lines (warnings still show)");

    ScoreOptions score_options;
    CLI::App* score =
        app.add_subcommand("score",
                           "Score a run or a sweep against a targets file: per-target errors and a distance, as CSV "
                           "(DIR/score.csv for a run; DIR/scores.csv and DIR/scores_points.csv for a sweep)");
    score->add_option("dir", score_options.dir, "A run directory (meta.json) or a sweep directory (sweep.json)")
        ->required();
    score->add_option("--targets", score_options.targets_path, "Targets YAML file")->required();
    score->add_option("-o,--output", score_options.output,
                      "Output file (default: DIR/score.csv; for a sweep DIR/scores.csv, and the points file "
                      "beside it with _points added to its name)");
    score->add_flag("-q,--quiet", score_options.quiet, "No log lines (the distance is still printed)");

    CalibrateCommandOptions calibrate_options;
    CLI::App* calibrate = app.add_subcommand(
        "calibrate",
        "Calibrate scenario keys against a targets file by approximate Bayesian computation (ABC-SMC): "
        "generations of particles, each run as sweeps, in parallel like a sweep (also over MPI ranks); writes "
        "DIR/posterior.csv, posterior_summary.csv, fit.csv, generations.csv and each generation's particles");
    calibrate->add_option("calibration", calibrate_options.calibration_path, "Calibration YAML file")->required();
    calibrate->add_option("-o,--output", calibrate_options.output_dir,
                          "Output directory (default: results/<calibration name>)");
    calibrate
        ->add_option("--jobs", calibrate_options.jobs, "Concurrent runs per process (default 0: as many as threads)")
        ->check(CLI::Range(0, 4096));
    calibrate->add_option("--threads", calibrate_options.threads, "Worker threads per process (default 0: all cores)")
        ->check(CLI::Range(0, 4096));
    calibrate->add_flag("--resume", calibrate_options.resume,
                        "Continue an interrupted calibration in its directory: finished runs are read, not run again, "
                        "and the result is the one an uninterrupted calibration gives");
    calibrate->add_flag("-q,--quiet", calibrate_options.quiet, "No log lines and no progress bar");
    calibrate
        ->add_option("--max-memory", calibrate_options.max_memory,
                     "Refuse the calibration if its concurrent runs' estimated peak memory (at the priors' upper "
                     "bounds) exceeds SIZE (default: the memory available)")
        ->type_name("SIZE");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::fprintf(stderr, "command line:0:0: %s (see grassroots --help)\n", e.what());
        return kExitBadInput;
    }

    auto logger = spdlog::stderr_color_st("grassroots");
    logger->set_pattern("[%H:%M:%S] %v");
    spdlog::set_default_logger(logger);
    if (run_options.quiet || resume_options.quiet || check->parsed() || sweep_options.quiet || analyze_options.quiet ||
        score_options.quiet || calibrate_options.quiet) {
        spdlog::set_level(spdlog::level::warn);
    }
    if (ranks.size() > 1) logger->set_pattern("[%H:%M:%S] [rank " + std::to_string(ranks.rank()) + "] %v");

    grassroots::core::install_stop_handlers();
    try {
        if (sweep->parsed()) return sweep_command(sweep_options, ranks);
        if (analyze->parsed()) return analyze_command(analyze_options);
        if (score->parsed()) return score_command(score_options);
        if (calibrate->parsed()) return calibrate_command(calibrate_options, ranks);
        if (resume->parsed()) return resume_command(resume_options);
        return run->parsed() ? run_command(run_options) : check_command(check_options);
    } catch (const grassroots::core::Interrupted&) {
        std::fprintf(stderr, "grassroots: stopped by %s; nothing was written\n",
                     grassroots::core::stop_signal_name(grassroots::core::stop_signal()));
        return stopped_exit_code();
    } catch (const grassroots::core::InputError& e) {
        if (ranks.root()) std::fprintf(stderr, "%s\n", e.what());  // every rank finds it; one says it
        return kExitBadInput;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "grassroots: error: %s\n", e.what());
        return kExitFailure;
    }
}
