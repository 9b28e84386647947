// `grassroots score`: a run's or a sweep's outputs against a targets file.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "calibration/distance.hpp"
#include "calibration/run_values.hpp"
#include "calibration/score_csv.hpp"
#include "calibration/sweep_runs.hpp"
#include "calibration/targets.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "io/atomic_file.hpp"

namespace grassroots::cli {
namespace {

namespace fs = std::filesystem;
using calibration::Target;
using core::InputError;

bool has_file(const fs::path& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

// -o FILE, or the default beside the scored outputs; its directory is made if missing.
fs::path output_path(const ScoreOptions& o, const fs::path& default_path) {
    const fs::path path = o.output.empty() ? default_path : fs::path(o.output);
    if (path.has_parent_path()) io::create_directories(path.parent_path());
    return path;
}

std::string observed_text(const Target& t) {
    return t.observed_lo == t.observed_hi ? fmt::format("{}", t.observed_lo)
                                          : fmt::format("[{}, {}]", t.observed_lo, t.observed_hi);
}

int score_run(const ScoreOptions& o, const calibration::TargetsFile& targets) {
    calibration::RunValues run = calibration::read_run_directory(o.dir);
    std::vector<double> model;
    for (const Target& t : targets.targets) model.push_back(run.value(t));
    const double distance = calibration::distance(targets.targets, model);
    const fs::path path = output_path(o, fs::path(o.dir) / "score.csv");
    io::write_file_atomically(path, calibration::score_csv(targets.targets, model));
    for (std::size_t i = 0; i < model.size(); ++i) {
        const Target& t = targets.targets[i];
        spdlog::info("{}: model {} against {} (scaled error {:.3g})", t.name, model[i], observed_text(t),
                     calibration::target_error(t, model[i]) / t.tolerance);
    }
    spdlog::info("wrote {}", path.string());
    std::printf("distance %s\n", fmt::format("{}", distance).c_str());
    return kExitOk;
}

int score_sweep(const ScoreOptions& o, const calibration::TargetsFile& targets) {
    const calibration::SweepRuns sweep = calibration::read_sweep_directory(o.dir);
    if (sweep.keep_runs == "none") {
        for (const Target& t : targets.targets) {
            if (t.metric.kind != calibration::Metric::Kind::timeseries) continue;
            throw InputError(
                t.metric_at, t.key + ".metric",
                fmt::format("the sweep {} kept no timeseries (its sweep.yaml says keep_runs: none)", o.dir),
                "a sweep run with keep_runs: timeseries or all, or targets on summary.csv columns");
        }
    }
    std::vector<calibration::RunScore> scores;
    std::size_t undefined = 0;
    for (const calibration::SweepRun& run : sweep.runs) {
        calibration::RunValues values(run.summary, run.timeseries_file);
        calibration::RunScore score;
        score.point_id = run.point_id;
        score.swept_values = &run.swept_values;
        for (const Target& t : targets.targets) score.model.push_back(values.value(t));
        score.distance = calibration::distance(targets.targets, score.model);
        undefined += std::isnan(score.distance) ? 1 : 0;
        scores.push_back(std::move(score));
    }
    const std::vector<calibration::PointScore> points = calibration::score_points(targets.targets, scores);

    const fs::path runs_path = output_path(o, fs::path(o.dir) / "scores.csv");
    const fs::path points_path =
        runs_path.parent_path() / (runs_path.stem().string() + "_points" + runs_path.extension().string());
    io::write_file_atomically(points_path, calibration::scores_points_csv(targets.targets, sweep.swept_keys, points));
    try {
        io::write_file_atomically(runs_path, calibration::scores_csv(targets.targets, sweep, scores));
    } catch (...) {
        io::remove_file(points_path);  // the pair is complete or absent
        throw;
    }
    if (undefined > 0) {
        spdlog::warn("{} of {} runs have an undefined (nan) distance: a target's measure is nan on them", undefined,
                     scores.size());
    }
    spdlog::info("wrote {} and {}", runs_path.string(), points_path.string());
    const calibration::PointScore* best = nullptr;
    for (const calibration::PointScore& p : points) {
        if (!std::isnan(p.distance) && (best == nullptr || p.distance < best->distance)) best = &p;
    }
    if (best == nullptr) {
        std::printf("no point has a defined distance (%zu points)\n", points.size());
    } else {
        std::printf("best point %zu: distance %s (of %zu points; mean run distance %s)\n", best->point_id,
                    fmt::format("{}", best->distance).c_str(), points.size(),
                    fmt::format("{}", best->mean_run_distance).c_str());
    }
    return kExitOk;
}

}  // namespace

int score_command(const ScoreOptions& o) {
    // The targets first: a bad targets file is refused whatever the directory holds.
    const calibration::TargetsFile targets = calibration::load_targets(o.targets_path);
    const fs::path dir(o.dir);
    constexpr const char* expected = "a run directory (with meta.json) or a sweep directory (with sweep.json)";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw InputError({o.dir, 0, 0}, "score", "no such directory", expected);
    // A finished run has meta.json; a sweep's run directory (runs/<id>/) has result.csv.
    if (has_file(dir / "meta.json") || has_file(dir / "result.csv")) return score_run(o, targets);
    if (has_file(dir / "sweep.json")) return score_sweep(o, targets);
    if (has_file(dir / "INCOMPLETE")) {
        throw InputError({o.dir, 0, 0}, "score", "an unfinished run (INCOMPLETE, no meta.json)",
                         "a finished run: grassroots resume DIR, or run it again");
    }
    throw InputError({o.dir, 0, 0}, "score", "neither meta.json nor sweep.json", expected);
}

}  // namespace grassroots::cli
