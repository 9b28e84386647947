// `grassroots run` and `grassroots check`.
#include <charconv>
#include <chrono>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <sys/resource.h>

#include <spdlog/spdlog.h>
#include <tbb/global_control.h>
#include <tbb/info.h>

#include "cli/commands.hpp"
#include "cli/memory_check.hpp"
#include "cli/progress.hpp"
#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "model/build_graph.hpp"
#include "scenario/load.hpp"
#include "sweep/single_run.hpp"

namespace grassroots::cli {
namespace {

namespace fs = std::filesystem;

std::uint64_t peak_memory_bytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

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

}  // namespace

int run_command(const RunOptions& o) {
    scenario::Scenario s = load(o);
    const fs::path dir = output_dir_for(o, s);
    const int threads = o.threads > 0 ? o.threads : tbb::info::default_concurrency();
    require_run_memory(s, threads, o.max_memory);  // before anything is allocated
    tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(threads));
    sweep::RunOutput out;
    {
        Progress progress(s.ticks, !o.quiet);
        out = sweep::execute_run(s, [&](std::int64_t t) { progress.update(t); });
    }
    out.info.threads = threads;
    out.info.peak_memory_bytes = peak_memory_bytes();
    sweep::write_run(dir, out, sweep::Keep::all);
    spdlog::info("{}: {} users, {} edges; {} ticks in {:.2f} s ({:.2f} s setup), {} views; wrote {}", s.name,
                 out.users, out.edges, s.ticks, out.info.wall_seconds, out.info.setup_seconds,
                 out.info.total_views, dir.string());
    return kExitOk;
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
