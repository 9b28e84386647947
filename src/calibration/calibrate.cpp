// The calibration's loop: generations of batches of proposals, each batch a sweep.
#include "calibration/calibrate.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "calibration/abc_smc.hpp"
#include "calibration/batch.hpp"
#include "calibration/calibration_csv.hpp"
#include "calibration/distance.hpp"
#include "calibration/run_values.hpp"
#include "calibration/sweep_runs.hpp"
#include "core/interrupt.hpp"
#include "core/rng.hpp"
#include "io/atomic_file.hpp"
#include "io/checkpoint.hpp"

namespace grassroots::calibration {
namespace {

namespace fs = std::filesystem;
using core::InputError;

constexpr core::StreamId kBatchSeedStream = 0x42415443;  // "BATC"
constexpr double kInfinity = std::numeric_limits<double>::infinity();
// A batch proposes at most this many times the particles still needed: a first estimate of
// the acceptance rate that is far too low must not spend the budget on one batch.
constexpr double kMaxBatchFactor = 4.0;
constexpr double kMinBatchDivisor = 4.0;

// The files a finished generation (re)writes, and a fresh calibration removes.
const std::vector<const char*> kResultFiles{"generations.csv", "posterior.csv", "posterior_summary.csv", "fit.csv",
                                            "calibration.json"};

// Runs `write` on rank 0; a write error there is thrown on every rank, so that no rank
// waits in a barrier for one that has stopped.
void on_root(const sweep::Ranks& ranks, const std::function<void()>& write) {
    std::optional<io::WriteError> failed;
    if (ranks.root()) {
        try {
            write();
        } catch (const io::WriteError& e) {
            failed = e;
        }
    }
    if (ranks.max(failed ? 1 : 0) != 0) {
        throw failed ? *failed : io::WriteError("rank 0 could not write the calibration's files; it stopped");
    }
}

fs::path generation_dir(const fs::path& dir, std::int64_t g) { return dir / "generations" / fmt::format("{:03}", g); }

void prepare(const fs::path& dir, const CalibrationSpec& spec, const CalibrateOptions& options,
             const sweep::Ranks& ranks) {
    const std::string resolved = dump_calibration(spec);
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
        throw InputError({dir.string(), 0, 0}, "-o", "exists and is not a directory",
                         "a directory, or a path that does not exist yet");
    }
    const fs::path recorded = dir / "calibration.yaml";
    if (options.resume) {
        if (!fs::exists(recorded, ec)) {
            throw InputError({dir.string(), 0, 0}, "--resume", "no calibration to resume here (no calibration.yaml)",
                             "the output directory of an earlier run of this calibration");
        }
        if (io::read_file(recorded) != resolved) {
            throw InputError({recorded.string(), 0, 0}, "--resume",
                             "the calibration differs from the one this directory holds",
                             "the same calibration file as the interrupted calibration");
        }
        if (!fs::exists(dir / "targets.yaml", ec) || io::read_file(dir / "targets.yaml") != spec.targets_text) {
            throw InputError({spec.targets_path, 0, 0}, "--resume",
                             "the targets file changed since the calibration started (or its copy is gone)",
                             "the targets the interrupted calibration was started with");
        }
    }
    on_root(ranks, [&] {
        if (!options.resume) {
            io::remove_tree(dir / "generations");
            io::remove_tree(dir / "figures");  // drawn from an older calibration's files
            for (const char* file : kResultFiles) io::remove_file(dir / file);
        }
        io::create_directories(dir / "generations");
        io::write_file_atomically(recorded, resolved);
        io::write_file_atomically(dir / "targets.yaml", spec.targets_text);
    });
}

// What one batch gave: per proposal, the replicate means of the targets and their distance.
struct Scored {
    std::vector<std::vector<double>> model;
    std::vector<double> distance;
};

Scored score_batch(const CalibrationSpec& spec, const fs::path& batch_dir, std::size_t proposals) {
    const SweepRuns sweep = read_sweep_directory(batch_dir.string());
    std::vector<RunScore> scores;
    for (const SweepRun& run : sweep.runs) {
        RunValues values(run.summary, run.timeseries_file);
        RunScore score;
        score.point_id = run.point_id;
        score.swept_values = &run.swept_values;
        for (const Target& t : spec.targets.targets) score.model.push_back(values.value(t));
        score.distance = distance(spec.targets.targets, score.model);
        scores.push_back(std::move(score));
    }
    const std::vector<PointScore> points = score_points(spec.targets.targets, scores);
    if (points.size() != proposals) {
        throw InputError(
            {batch_dir.string(), 0, 0}, "calibrate",
            fmt::format("the batch has {} points, not the {} proposals it was made of", points.size(), proposals),
            "a batch directory written by this calibration: start it again without --resume");
    }
    Scored scored;
    for (const PointScore& p : points) {
        scored.model.push_back(p.means);
        scored.distance.push_back(p.distance);
    }
    return scored;
}

void write_status(const fs::path& dir, const CalibrationSpec& spec, const std::vector<GenerationRow>& rows,
                  std::size_t runs_total, const std::string& status, const sweep::Ranks& ranks) {
    on_root(ranks, [&] {
        io::write_file_atomically(dir / "calibration.json", calibration_json(spec, status, rows, runs_total));
    });
}

double next_tolerance(const std::vector<Particle>& particles, double quantile) {
    std::vector<double> distances, weights;
    for (const Particle& p : particles) {
        distances.push_back(p.distance);
        weights.push_back(p.weight);
    }
    return weighted_quantile(distances, weights, quantile);
}

}  // namespace

CalibrationResult run_calibration(const CalibrationSpec& spec, const CalibrateOptions& options,
                                  const sweep::Ranks& ranks, const CalibrationObserver& observer) {
    const fs::path dir = options.output_dir.empty() ? fs::path("results") / spec.name : fs::path(options.output_dir);
    prepare(dir, spec, options, ranks);
    ranks.barrier();

    CalibrationResult result;
    result.output_dir = dir.string();
    const auto particles_wanted = static_cast<std::size_t>(spec.particles);
    const auto replicates = static_cast<std::size_t>(spec.replicates);
    const auto budget = static_cast<std::size_t>(spec.budget);
    const std::size_t dims = spec.priors.size();

    // A proposal inside the prior's box that the scenario schema refuses is outside the
    // prior's support.
    const auto valid = [&](const std::vector<double>& z) {
        std::vector<std::string> values;
        for (std::size_t k = 0; k < dims; ++k) values.push_back(spec.priors[k].value_text(z[k]));
        try {
            sweep::check_point(batch_sweep(spec, "probe", 0, {values}), 0);
            return true;
        } catch (const InputError&) {
            return false;
        }
    };

    std::vector<Particle> previous;
    std::vector<GenerationRow> rows;
    std::size_t runs_total = 0;
    double previous_rate = 1.0;
    std::string status;
    for (std::int64_t g = 0; g < spec.generations && status.empty(); ++g) {
        // The tolerance: the quantile of the last generation's distances (none for the prior).
        const double tolerance = g == 0 ? kInfinity : next_tolerance(previous, spec.quantile);
        std::optional<ProposalKernel> kernel;
        if (g > 0) kernel.emplace(previous);

        std::vector<Particle> kept;
        std::size_t proposals = 0, accepted = 0, runs = 0;
        for (std::int64_t b = 0; kept.size() < particles_wanted; ++b) {
            // Every rank stops at the same batch (one that went on alone would wait for the
            // others in the sweep's barriers forever).
            if (ranks.max(core::stop_requested() ? 1 : 0) != 0) {
                result.interrupted = true;
                write_status(dir, spec, rows, runs_total, "interrupted", ranks);
                return result;
            }
            const std::size_t affordable = (budget - runs_total - runs) / replicates;
            if (affordable == 0) {
                status = "budget";
                break;
            }
            if (spec.min_acceptance > 0.0 &&
                static_cast<double>(proposals) >= static_cast<double>(particles_wanted) / spec.min_acceptance) {
                status = "min_acceptance";
                break;
            }
            // How many to propose: the particles still needed over the acceptance rate
            // expected (this generation's so far, else the last one's times the quantile).
            const std::size_t needed = particles_wanted - kept.size();
            const double rate = proposals > 0
                                    ? (static_cast<double>(accepted) + 1.0) / (static_cast<double>(proposals) + 2.0)
                                    : (g == 0 ? 1.0 : previous_rate * spec.quantile);
            const double wanted = std::ceil(static_cast<double>(needed) / std::max(rate, 1e-3));
            // Never fewer than a quarter of the particles: the last few particles of a
            // generation would otherwise come a handful of runs at a time, each batch paying a
            // sweep's set-up and leaving workers idle.
            const double floor = std::ceil(static_cast<double>(particles_wanted) / kMinBatchDivisor);
            const std::size_t size =
                std::min(affordable, static_cast<std::size_t>(std::max(
                                         floor, std::min(wanted, kMaxBatchFactor * static_cast<double>(needed)))));

            std::vector<std::vector<double>> zs;
            std::vector<std::vector<std::string>> points;
            for (std::size_t i = proposals; i < proposals + size; ++i) {
                std::vector<double> z = g == 0 ? propose_from_prior(dims, spec.seed, i, valid)
                                               : kernel->propose(spec.seed, static_cast<std::uint32_t>(g), i, valid);
                std::vector<std::string> values;
                for (std::size_t k = 0; k < dims; ++k) values.push_back(spec.priors[k].value_text(z[k]));
                zs.push_back(std::move(z));
                points.push_back(std::move(values));
            }
            const std::string name = fmt::format("{}_g{:03}_b{:03}", spec.name, g, b);
            const std::uint64_t seed = core::RandomStream(spec.seed, static_cast<std::uint32_t>(g), kBatchSeedStream,
                                                          static_cast<std::uint64_t>(b))
                                           .next_u64();
            const sweep::SweepSpec batch = batch_sweep(spec, name, seed, points);
            const fs::path batch_dir = generation_dir(dir, g) / fmt::format("batch_{:03}", b);
            sweep::SweepOptions sweep_options;
            sweep_options.output_dir = batch_dir.string();
            sweep_options.jobs = options.jobs;
            sweep_options.threads = options.threads;
            // Decided by rank 0 for all: another rank could see the file rank 0 is writing.
            std::error_code ec;
            sweep_options.resume = ranks.max(ranks.root() && fs::exists(batch_dir / "sweep.yaml", ec) ? 1 : 0) != 0;
            if (observer.on_batch) observer.on_batch(name, size * replicates);
            const sweep::SweepResult ran = sweep::run_sweep(
                batch, sweep_options, ranks, [&](const sweep::RunReport& r, std::size_t done, std::size_t todo) {
                    if (observer.on_run) observer.on_run(name, r, done, todo);
                });
            ranks.barrier();  // rank 0 wrote the batch's summary.csv: every rank reads it
            result.runs_this_time += ran.finished + ran.failed;
            if (ran.write_failed) {
                throw io::WriteError(ran.write_error.empty() ? "another rank could not write; the calibration stopped"
                                                             : ran.write_error);
            }
            if (ran.failed > 0) {
                result.failed = ran.failed;
                result.failed_batch = batch_dir.string();
                return result;
            }
            // Rank 0 wrote the summary or not: every rank takes the same way.
            const bool summary_written = ranks.max(ran.summary_written ? 1 : 0) != 0;
            if (ran.interrupted || !summary_written) {
                result.interrupted = true;
                write_status(dir, spec, rows, runs_total, "interrupted", ranks);
                return result;
            }
            const Scored scored = score_batch(spec, batch_dir, size);
            for (std::size_t i = 0; i < size; ++i) {
                // Only a finite distance is ever within the tolerance: NaN (a target
                // undefined on the proposal) or inf would make the next tolerance meaningless.
                if (!std::isfinite(scored.distance[i]) || !(scored.distance[i] <= tolerance)) continue;
                ++accepted;
                if (kept.size() == particles_wanted) continue;
                Particle p;
                p.proposal = proposals + i;
                p.z = zs[i];
                p.distance = scored.distance[i];
                p.model = scored.model[i];
                // The log weight (normalised below): the prior is 1 on the cube.
                p.weight = g == 0 ? 0.0 : -kernel->log_density(p.z);
                kept.push_back(std::move(p));
            }
            proposals += size;
            runs += size * replicates;
        }
        runs_total += runs;
        if (kept.size() < particles_wanted) break;  // stopped inside the generation: it does not count

        normalise_log_weights(kept);
        GenerationRow row;
        row.generation = g;
        row.tolerance = tolerance;
        row.proposals = proposals;
        row.accepted = accepted;
        row.runs = runs;
        row.runs_total = runs_total;
        std::vector<double> d, w;
        for (const Particle& p : kept) {
            d.push_back(p.distance);
            w.push_back(p.weight);
        }
        row.ess = effective_sample_size(w);
        row.median_distance = weighted_quantile(d, w, 0.5);
        rows.push_back(row);
        previous = std::move(kept);
        previous_rate = static_cast<double>(accepted) / static_cast<double>(proposals);

        if (g + 1 == spec.generations) status = "generations";
        if (g > 0 && previous_rate < spec.min_acceptance) status = "min_acceptance";
        if (next_tolerance(previous, spec.quantile) <= spec.min_tolerance) status = "min_tolerance";
        on_root(ranks, [&] {
            const std::string particles = particles_csv(spec, previous);
            io::write_file_atomically(generation_dir(dir, g) / "particles.csv", particles);
            io::write_file_atomically(dir / "posterior.csv", particles);
            io::write_file_atomically(dir / "posterior_summary.csv", posterior_summary_csv(spec, previous));
            io::write_file_atomically(dir / "fit.csv", fit_csv(spec, previous));
            io::write_file_atomically(dir / "generations.csv", generations_csv(rows));
        });
        write_status(dir, spec, rows, runs_total, status.empty() ? "running" : status, ranks);
        if (observer.on_generation) observer.on_generation(g, tolerance, proposals, accepted, row.ess);
    }
    if (status.empty()) status = "generations";
    result.status = status;
    result.generations = rows.size();
    result.runs = runs_total;
    result.tolerance = rows.empty() ? kInfinity : rows.back().tolerance;
    write_status(dir, spec, rows, runs_total, status, ranks);
    return result;
}

}  // namespace grassroots::calibration
