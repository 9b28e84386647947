#pragma once
// Calibration files: a base scenario, a targets file, priors on scenario keys and the
// settings of approximate Bayesian computation by sequential Monte Carlo (abc_smc.hpp).
// Parsed strictly, like sweep files; every prior's bounds are checked against the scenario
// schema before any run starts.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calibration/targets.hpp"
#include "core/error.hpp"
#include "run/single_run.hpp"

namespace grassroots::calibration {

enum class PriorKind { uniform, log_uniform, integer };

const char* prior_name(PriorKind kind);

// A prior on one scenario key. Every prior is uniform on the unit interval of its latent
// coordinate z: value = lo + z (hi - lo) (uniform), lo (hi/lo)^z (log_uniform: uniform in
// log value), or the integer nearest to lo - 1/2 + z (hi - lo + 1) (integer: each of the
// hi - lo + 1 values has the same prior mass).
struct Prior {
    std::string key;  // dotted scenario key
    PriorKind kind = PriorKind::uniform;
    double lo = 0.0;
    double hi = 1.0;
    // More scenario keys that take the same value (`also: [...]`): one parameter shared by
    // several keys, e.g. an imitation rate common to every cohort.
    std::vector<std::string> also;
    core::SourcePosition at;

    double value(double z) const;
    // The text a run's scenario gets: an integer for integer priors, else the shortest
    // text that reads back as the same double.
    std::string value_text(double z) const { return text_of(value(z)); }
    // The text of a value of this key (lo and hi are the prior's bounds).
    std::string text_of(double v) const;
};

struct CalibrationSpec {
    std::string name;
    std::string source_file;
    std::string base_path;  // absolute
    std::string base_text;
    std::string targets_path;  // absolute
    std::string targets_text;  // the targets file as read (kept with the calibration's outputs)
    TargetsFile targets;
    std::vector<std::string> fixed_keys;
    std::vector<std::string> fixed_values;
    std::vector<core::SourcePosition> fixed_origins;
    std::vector<Prior> priors;
    std::uint64_t seed = 1;
    std::int64_t replicates = 1;  // runs per particle; the particle's values are their means
    bool vary_world = false;      // true: every run builds its own world
    // With vary_world false: the world every run shares (the observed platform's, when the
    // targets were measured on one world); default: one derived from `seed`.
    std::optional<std::uint64_t> world_seed;
    run::Keep keep = run::Keep::summary;  // what each run keeps (timeseries when a target needs it)
    // ABC-SMC settings (README, "Calibration").
    std::int64_t particles = 100;   // accepted particles per generation
    std::int64_t generations = 10;  // at most, the prior's (generation 0) included
    std::int64_t budget = 10000;    // at most this many runs in all
    double quantile = 0.5;          // the next tolerance: this weighted quantile of the distances
    double min_acceptance = 0.01;   // stop when a generation accepts fewer proposals than this
    double min_tolerance = 0.0;     // stop once the tolerance is at most this
};

// Throws core::InputError naming the calibration file's (or targets file's) line.
CalibrationSpec load_calibration(const std::string& path);

// The resolved calibration (every setting explicit, paths absolute): --resume compares it.
std::string dump_calibration(const CalibrationSpec& spec);

}  // namespace grassroots::calibration
