// `grassroots analyze`: Sobol or Morris sensitivity indices of a finished sweep.
#include <filesystem>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "analysis/analyze.hpp"
#include "analysis/sensitivity_csv.hpp"
#include "analysis/sweep_directory.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "io/atomic_file.hpp"

namespace grassroots::cli {
namespace {

namespace fs = std::filesystem;

void check_options(const AnalyzeCommandOptions& o) {
    // An interval of confidence 0 or 1 is a point or everything: neither says anything.
    if (!(o.confidence > 0.0 && o.confidence < 1.0)) {
        throw core::InputError({"command line", 0, 0}, "--confidence", fmt::format("{} is not in (0, 1)", o.confidence),
                               "a probability strictly between 0 and 1, e.g. 0.95");
    }
    if (!o.output.empty()) {
        std::error_code ec;
        if (fs::is_directory(o.output, ec)) {
            throw core::InputError({o.output, 0, 0}, "-o", "is a directory", "a file name for sensitivity.csv");
        }
    }
}

}  // namespace

int analyze_command(const AnalyzeCommandOptions& o) {
    check_options(o);
    const analysis::SweepDirectory sweep = analysis::read_sweep_directory(o.sweep_dir);
    analysis::AnalyzeOptions options;
    options.metrics = o.metrics;
    options.bootstrap = o.bootstrap;
    options.confidence = o.confidence;
    options.seed = o.seed;
    const bool sobol = sweep.design.method == analysis::Method::sobol;
    const analysis::Analysis result = analysis::analyze(sweep, options);

    for (const std::string& skipped : result.skipped) spdlog::info("skipped metric {}", skipped);
    spdlog::info("{} design: {} {}, {} swept keys, {} replicate(s) per point; {} metric(s), {} resamples",
                 sobol ? "sobol" : "morris", sweep.design.samples, sobol ? "blocks" : "trajectories", sweep.keys.size(),
                 sweep.replicates, result.metrics.size(), o.bootstrap);
    if (result.few_samples) {
        spdlog::warn(
            "{} = {} is below {}: the intervals cover the true index less often than {} says (rows marked "
            "few_samples; see results/README.md)",
            sobol ? "N" : "r", sweep.design.samples,
            sobol ? analysis::kFewSobolBlocks : analysis::kFewMorrisTrajectories, o.confidence);
    }
    if (result.wide_intervals > 0) {
        spdlog::warn(
            "{} interval(s) wider than their index's range (rows marked wide_interval): the sample is too "
            "small to tell those keys apart",
            result.wide_intervals);
    }
    const fs::path output = o.output.empty() ? fs::path(o.sweep_dir) / "sensitivity.csv" : fs::path(o.output);
    if (output.has_parent_path()) io::create_directories(output.parent_path());
    io::write_file_atomically(output, analysis::sensitivity_csv(result.rows));
    spdlog::info("wrote {} ({} rows)", output.string(), result.rows.size());
    return kExitOk;
}

}  // namespace grassroots::cli
