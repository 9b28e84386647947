#pragma once
// Sweep files: a base scenario, the points of a design (grid, explicit points, a points_file,
// or a sample: Latin hypercube, Sobol' (Saltelli) or Morris) and replicates. Parsed strictly,
// expanded into points, and every point validated against the scenario schema before any
// run starts.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "run/single_run.hpp"
#include "scenario/scenario.hpp"
#include "sweep/design.hpp"

namespace grassroots::sweep {

struct SweepPoint {
    std::vector<std::string> values;            // one per SweepSpec::keys; "" = the base's value
    std::vector<core::SourcePosition> origins;  // where each value stood in the sweep file
};

struct SweepSpec {
    std::string name;
    std::string source_file;
    std::string base_path;  // absolute
    std::string base_text;  // the base scenario file's text, read once
    std::int64_t replicates = 1;
    bool vary_world = false;
    // true: replicate r has the same seeds at every point, so points differ by their
    // parameters, not their luck; false: every run its own seeds (a calibration's proposals
    // must each be an independent draw of the model).
    bool common_random_numbers = true;
    std::uint64_t seed = 1;
    // With vary_world false: the world seed every run shares, when given (a calibration's
    // batches, each its own sweep with its own seed, share one world); else one derived
    // from `seed`.
    std::optional<std::uint64_t> world_seed;
    run::Keep keep = run::Keep::timeseries;
    // Overrides every run shares (e.g. a smaller population for a quick sweep), applied
    // before the point's values; not columns of the summary.
    std::vector<std::string> fixed_keys;
    SweepPoint fixed;
    std::vector<std::string> keys;  // swept dotted keys, in column order
    std::vector<SweepPoint> points;
    Design design;  // how the points were made (sample: its ranges; Sobol', Morris: each point's place)
};

// One run of a sweep: point x replicate, with its seeds.
struct RunPlan {
    std::size_t run_id = 0;
    std::size_t point_id = 0;
    std::int64_t replicate = 0;
    std::uint64_t seed = 0;
    std::uint64_t world_seed = 0;
};

// The first columns of a sweep's summary.csv, before one column per swept key.
inline constexpr std::array<const char*, 5> kIdColumns{"run_id", "point_id", "replicate", "seed", "world_seed"};

// The most runs (points x replicates) a sweep may have.
constexpr std::size_t kMaxRuns = 10'000'000;

// Throws core::InputError naming the sweep file's line for any problem, including a
// point the scenario schema rejects.
SweepSpec load_sweep(const std::string& path);

// Reads the base scenario a sweep names: its absolute path, and where `base` stands in the
// sweep file (for the error when there is none). Throws core::InputError.
using BaseReader = std::function<std::string(const std::string& base_path, const core::SourcePosition& where)>;

// Reads a points_file: its absolute path, and where `points_file` stands in the sweep file.
using FileReader = std::function<std::string(const std::string& path, const core::SourcePosition& where)>;

// A points_file from the file system: a missing or unreadable file is an InputError.
std::string read_file_from_disk(const std::string& path, const core::SourcePosition& where);

// load_sweep on text already in memory: `path` names the sweep file in errors, gives the
// sweep its default name and the directory a relative base or points_file starts from; the
// base scenario comes from `read_base` (load_sweep's reads the file system; the fuzzer's
// never does), a points_file from `read_points_file` (empty: read_file_from_disk).
// `max_runs` lowers the limit for the fuzzer, which needs every input done in seconds
// (validating a point costs a scenario parse, ~2 ms under ASan).
SweepSpec parse_sweep(const std::string& text, const std::string& path, const BaseReader& read_base,
                      std::size_t max_runs = kMaxRuns, const FileReader& read_points_file = {});

// Throws core::InputError when the point does not make a valid scenario with the base and
// the fixed values (a value out of its range, shares summing past 1, a graph too small).
void check_point(const SweepSpec& spec, std::size_t point_id);

// A number as sweep.yaml and summary.csv give it, in a form YAML 1.1 readers take for the
// same number (no '+' or leading zeros, 2.0e+4 rather than 2e4); other text unchanged.
std::string yaml_number(const std::string& text);

// Runs in run order: point-major, replicates within a point.
std::vector<RunPlan> plan_runs(const SweepSpec& spec);

// The base scenario with the point's values and the run's seeds.
scenario::Scenario scenario_for(const SweepSpec& spec, const RunPlan& run);

// The resolved sweep (keep_runs and seeds explicit): loading it gives the same runs. Every
// point is listed, except for a Sobol' or Morris design, which keeps its `sample` block
// (every option explicit): its points are a function of that block and the seed, and
// analysing them needs the design (each point's block and role in design.csv), which a
// plain list of points would lose.
std::string dump_sweep(const SweepSpec& spec);

// DIR/sweep.json: what the columns of the sweep's summary.csv are (the identity columns,
// then one per swept key, then the runs' summary columns and wall_seconds), with the
// design's size and its "design" object (method, and for a sample its options and ranges),
// so that no reader has to tell swept keys from metrics by guessing.
std::string sweep_json(const SweepSpec& spec);

}  // namespace grassroots::sweep
