#include "sweep/executor.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>

#include <fmt/format.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>

#include "analysis/tidy_summary.hpp"
#include "core/interrupt.hpp"
#include "core/memory.hpp"
#include "core/tsan.hpp"
#include "io/atomic_file.hpp"
#include "io/checkpoint.hpp"
#include "io/csv_field.hpp"
#include "io/run_files.hpp"
#include "scenario/load.hpp"

namespace grassroots::sweep {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

fs::path run_dir(const fs::path& dir, std::size_t run_id) { return dir / "runs" / fmt::format("{:06}", run_id); }

// The sweep's summary line of one run: identity, swept values, the run's own summary
// row, then wall seconds (the only column that differs between identical sweeps).
std::string result_csv(const SweepSpec& spec, const RunPlan& run, const run::RunOutput& out) {
    const std::size_t newline = out.summary.find('\n');
    const std::string run_header = out.summary.substr(0, newline);
    std::string run_row = out.summary.substr(newline + 1);
    while (!run_row.empty() && run_row.back() == '\n') run_row.pop_back();
    std::string header;
    for (const char* column : kIdColumns) {
        if (!header.empty()) header += ',';
        header += column;
    }
    std::string row = fmt::format("{},{},{},{},{}", run.run_id, run.point_id, run.replicate, run.seed, run.world_seed);
    // Appends rather than "," + s: GCC 12 warns falsely on the latter (its bug 105651).
    for (std::size_t k = 0; k < spec.keys.size(); ++k) {
        header += ',';
        header += io::csv_field(spec.keys[k]);
        row += ',';
        row += io::csv_field(spec.points[run.point_id].values[k]);
    }
    header += ',';
    header += run_header;
    header += ",wall_seconds\n";
    row += fmt::format(",{},{:.3f}\n", run_row, out.info.wall_seconds);
    return header + row;
}

// A sweep resumed by another build of grassroots (another version or commit) could mix
// two programs' results in one summary: refused, as a checkpoint of another build is. A
// directory without sweep.json (from before it existed) cannot say, and is not refused.
void require_same_build(const fs::path& dir) {
    const fs::path json = dir / "sweep.json";
    std::error_code ec;
    if (!fs::exists(json, ec)) return;
    const std::string text = io::read_file(json);
    const std::string field = "\"program\": ";
    const std::size_t at = text.find(field);
    const std::string expected = io::json_string(io::program_identity());
    if (at != std::string::npos && text.compare(at + field.size(), expected.size(), expected) == 0) return;
    throw core::InputError({json.string(), 0, 0}, "--resume",
                           "the sweep was started by another build of grassroots than " + io::program_identity(),
                           "the build that started it (its results could differ): run the sweep again into "
                           "a new directory");
}

// The base scenario is named by its path in sweep.yaml, not by its contents: a base edited
// since the sweep started gives the same sweep.yaml. A finished run's scenario.yaml says
// what it ran; the first one must be what this sweep would run for it now.
void require_same_base(const fs::path& dir, const SweepSpec& spec) {
    for (const RunPlan& run : plan_runs(spec)) {
        const fs::path run_path = run_dir(dir, run.run_id);
        std::error_code ec;
        if (!fs::exists(run_path / "result.csv", ec)) continue;
        const fs::path recorded_path = run_path / "scenario.yaml";
        scenario::Scenario now = scenario_for(spec, run);
        bool same = false;
        try {
            const scenario::Scenario then =
                scenario::parse_scenario(io::read_file(recorded_path), recorded_path.string(), run_path.string());
            // An edge list's user count is filled in when the run loads the file.
            if (now.graph.type == scenario::GraphType::edgelist && now.population.users == 0) {
                now.population.users = then.population.users;
            }
            same = scenario::dump_scenario(then) == scenario::dump_scenario(now);
        } catch (const core::InputError&) {
            same = false;  // unreadable or no longer valid: not what this sweep runs
        }
        if (!same) {
            throw core::InputError({recorded_path.string(), 0, 0}, "--resume",
                                   "run " + std::to_string(run.run_id) +
                                       " ran another scenario than this sweep runs for it now (the base "
                                       "scenario changed?)",
                                   "the same sweep file and base scenario as the interrupted sweep");
        }
        return;
    }
}

// Checks (every rank) and prepares (rank 0) the output directory: sweep.yaml, design.csv,
// then sweep.json (which --resume rewrites, so that an older sweep's directory gets them).
void prepare(const fs::path& dir, const SweepSpec& spec, const SweepOptions& options, const Ranks& ranks) {
    const std::string resolved = dump_sweep(spec);
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
        throw core::InputError({dir.string(), 0, 0}, "-o", "exists and is not a directory",
                               "a directory, or a path that does not exist yet");
    }
    const fs::path recorded = dir / "sweep.yaml";
    if (options.resume) {
        if (!fs::exists(recorded, ec)) {
            throw core::InputError({dir.string(), 0, 0}, "--resume", "no sweep to resume here (no sweep.yaml)",
                                   "the output directory of an earlier run of this sweep");
        }
        if (io::read_file(recorded) != resolved) {
            throw core::InputError({recorded.string(), 0, 0}, "--resume",
                                   "the sweep differs from the one this directory holds",
                                   "the same sweep file as the interrupted sweep");
        }
        require_same_build(dir);
        require_same_base(dir, spec);
    }
    if (!ranks.root()) return;
    if (!options.resume) {
        // A fresh sweep replaces an old one here: its runs would mix with the new ones.
        io::remove_file(dir / "summary.csv");
        io::remove_file(dir / "summary_long.csv");
        io::remove_tree(dir / "runs");
        // What analyze and score made of the old sweep would describe runs that are gone.
        for (const char* derived : {"sensitivity.csv", "scores.csv", "scores_points.csv", "score.csv"}) {
            io::remove_file(dir / derived);
        }
    }
    io::create_directories(dir / "runs");
    io::write_file_atomically(recorded, resolved);
    // design.csv: a Sobol' or Morris design's blocks and unit coordinates, for `analyze`;
    // rewritten by --resume (as sweep.json) and removed when a fresh sweep of another
    // design replaces one that had it.
    const std::string design = design_csv(spec.design);
    if (design.empty()) {
        io::remove_file(dir / "design.csv");
    } else {
        io::write_file_atomically(dir / "design.csv", design);
    }
    io::write_file_atomically(dir / "sweep.json", sweep_json(spec));
}

struct Finished {
    const RunPlan* run = nullptr;
    bool ok = false;
    bool interrupted = false;
    std::string error;
    run::RunOutput output;
};

}  // namespace

SweepResult run_sweep(const SweepSpec& spec, const SweepOptions& options, const Ranks& ranks,
                      const std::function<void(const RunReport&, std::size_t, std::size_t)>& on_run) {
    const fs::path dir = options.output_dir.empty() ? fs::path("results") / spec.name : fs::path(options.output_dir);
    prepare(dir, spec, options, ranks);
    ranks.barrier();

    const std::vector<RunPlan> runs = plan_runs(spec);
    std::vector<const RunPlan*> todo;
    std::size_t skipped = 0;
    for (const RunPlan& run : runs) {
        if (run.run_id % static_cast<std::size_t>(ranks.size()) != static_cast<std::size_t>(ranks.rank())) continue;
        if (fs::exists(run_dir(dir, run.run_id) / "result.csv")) {
            ++skipped;
        } else {
            todo.push_back(&run);
        }
    }

    const int jobs = options.jobs > 0 ? options.jobs : tbb::info::default_concurrency();
    std::size_t next = 0, done = 0, failed = 0;
    bool interrupted = false;
    // The first write error (a full disk, no permission) stops the sweep: no new run starts,
    // and runs that finish after it are not written (--resume reruns them).
    std::atomic<bool> write_failed = false;
    std::string write_error;
    // Edges TBB's scheduler guarantees but ThreadSanitizer cannot see (core/tsan.hpp).
    // A serial stage acquires what it released itself: its calls follow one another.
    core::HappensBefore to_runs, to_writer, pipeline_done;
    to_runs.release();
    // Runs' results are kept here, not carried in the tokens: a large token is moved into
    // and out of TBB's own storage outside the stages' marked spans, which TSan reports as
    // a race. An index travels inside the token itself.
    std::vector<Finished> finished(todo.size());
    tbb::parallel_pipeline(
        static_cast<std::size_t>(jobs),
        // Tokens are indices into `todo` (oneTBB cannot carry const pointers).
        tbb::make_filter<void, std::size_t>(tbb::filter_mode::serial_in_order,
                                            [&](tbb::flow_control& control) -> std::size_t {
                                                const core::PipelineStage stage(to_runs, to_runs, pipeline_done);
                                                if (next == todo.size() || core::stop_requested() || write_failed) {
                                                    control.stop();
                                                    return 0;
                                                }
                                                return next++;
                                            }) &
            tbb::make_filter<std::size_t, std::size_t>(
                tbb::filter_mode::parallel,
                [&](std::size_t index) {
                    const core::PipelineStage stage(to_runs, to_writer, pipeline_done);
                    Finished& f = finished[index];
                    const RunPlan* run = todo[index];
                    f.run = run;
                    try {
                        f.output = run::execute_run(scenario_for(spec, *run));
                        f.output.info.threads =
                            options.threads > 0 ? options.threads : tbb::info::default_concurrency();
                        f.output.info.concurrent_runs = static_cast<int>(std::min<std::size_t>(jobs, todo.size()));
                        f.output.info.peak_memory_bytes = core::peak_memory_bytes();
                        f.ok = true;
                    } catch (const core::Interrupted&) {
                        f.interrupted = true;
                    } catch (const std::exception& e) {
                        f.error = e.what();
                    }
                    return index;
                }) &
            tbb::make_filter<std::size_t, void>(tbb::filter_mode::serial_out_of_order, [&](std::size_t index) {
                const core::PipelineStage stage(to_writer, to_writer, pipeline_done);
                // Taken out of the vector, so that a written run's outputs are freed now.
                const Finished f = std::move(finished[index]);
                finished[index] = Finished{};
                if (f.interrupted) {
                    interrupted = true;
                    return;
                }
                if (write_failed) return;
                const fs::path here = run_dir(dir, f.run->run_id);
                try {
                    if (f.ok) {
                        run::write_run(here, f.output, spec.keep);
                        // Written last: its presence is what marks the run finished.
                        io::write_file_atomically(here / "result.csv", result_csv(spec, *f.run, f.output));
                        io::remove_file(here / "error.txt");
                    } else {
                        io::create_directories(here);
                        io::write_file_atomically(here / "error.txt", f.error + "\n");
                    }
                } catch (const io::WriteError& e) {
                    write_error = e.what();
                    write_failed = true;
                    return;
                }
                if (!f.ok) ++failed;
                ++done;
                if (on_run) on_run(RunReport{*f.run, f.ok, f.error, f.output.info.wall_seconds}, done, todo.size());
            }));
    pipeline_done.acquire();
    interrupted = interrupted || (core::stop_requested() && next < todo.size());
    const bool any_write_failed = ranks.max(write_failed ? 1 : 0) != 0;

    SweepResult result;
    result.output_dir = dir.string();
    result.runs = runs.size();
    result.skipped = static_cast<std::size_t>(ranks.sum(static_cast<std::int64_t>(skipped)));
    result.finished = static_cast<std::size_t>(ranks.sum(static_cast<std::int64_t>(done - failed)));
    result.failed = static_cast<std::size_t>(ranks.sum(static_cast<std::int64_t>(failed)));
    result.interrupted = ranks.max(interrupted ? 1 : 0) != 0;
    result.write_failed = any_write_failed;
    result.write_error = write_error;
    ranks.barrier();

    // Rank 0 joins the runs' rows in run order, once every run has one.
    if (ranks.root() && !any_write_failed) {
        std::string summary;
        bool complete = true;
        for (const RunPlan& run : runs) {
            const fs::path result_file = run_dir(dir, run.run_id) / "result.csv";
            if (!fs::exists(result_file)) {
                complete = false;
                break;
            }
            const std::string text = io::read_file(result_file);
            const std::size_t newline = text.find('\n');
            if (summary.empty()) summary = text.substr(0, newline + 1);
            summary += text.substr(newline + 1);
        }
        if (complete) {
            // The long form first: summary.csv's presence says the sweep is complete.
            const std::size_t key_columns = kIdColumns.size() + spec.keys.size();
            io::write_file_atomically(dir / "summary_long.csv",
                                      analysis::tidy_summary(summary, key_columns, (dir / "summary.csv").string()));
            io::write_file_atomically(dir / "summary.csv", summary);
            result.summary_written = true;
        }
    }
    return result;
}

}  // namespace grassroots::sweep
