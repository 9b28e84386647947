// grassroots.sweep(), analyze(), score() and calibrate(): the command line's own commands
// (same files, same resume), in this one process; the package reads their CSVs back.
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include "bindings.hpp"
#include "calibration/calibration_spec.hpp"
#include "cli/commands.hpp"
#include "sweep/ranks.hpp"
#include "sweep/spec.hpp"

namespace grassroots::python {
namespace {

// Exit codes other than success and a stop (KeyboardInterrupt) are failed runs: the
// command has logged which, and where their errors are.
void require_success(int code, const std::string& what, const std::string& dir) {
    if (code == cli::kExitOk) return;
    throw std::runtime_error(what + " failed (exit code " + std::to_string(code) + "); see " + dir +
                             " (runs/*/error.txt for failed runs)");
}

const sweep::Ranks& one_process() {
    static const sweep::Ranks ranks;
    return ranks;
}

std::string sweep(const std::string& path, const std::string& output, int jobs, int threads, bool resume, bool quiet) {
    set_quiet(quiet);
    cli::SweepCommandOptions o;
    o.sweep_path = path;
    o.output_dir = output.empty() ? "results/" + sweep::load_sweep(path).name : output;
    o.jobs = jobs;
    o.threads = threads;
    o.resume = resume;
    o.quiet = quiet;
    require_success(run_interruptibly([&] { return cli::sweep_command(o, one_process()); }), "sweep " + path,
                    o.output_dir);
    return o.output_dir;
}

std::string analyze(const std::string& sweep_dir, const std::vector<std::string>& metrics, std::size_t bootstrap,
                    double confidence, std::uint64_t seed, const std::string& output, bool quiet) {
    set_quiet(quiet);
    cli::AnalyzeCommandOptions o;
    o.sweep_dir = sweep_dir;
    o.metrics = metrics;
    o.bootstrap = bootstrap;
    o.confidence = confidence;
    o.seed = seed;
    o.output = output.empty() ? sweep_dir + "/sensitivity.csv" : output;
    o.quiet = quiet;
    require_success(run_interruptibly([&] { return cli::analyze_command(o); }), "analyze " + sweep_dir, o.output);
    return o.output;
}

std::string score(const std::string& dir, const std::string& targets, const std::string& output, bool quiet) {
    set_quiet(quiet);
    cli::ScoreOptions o;
    o.dir = dir;
    o.targets_path = targets;
    o.output = output;
    // The log lines follow set_quiet; the distance line score_command prints on stdout is
    // printed whatever quiet says, as with the command line's -q.
    o.quiet = quiet;
    require_success(run_interruptibly([&] { return cli::score_command(o); }), "score " + dir, dir);
    return dir;
}

std::string calibrate(const std::string& path, const std::string& output, int jobs, int threads, bool resume,
                      bool quiet) {
    set_quiet(quiet);
    cli::CalibrateCommandOptions o;
    o.calibration_path = path;
    o.output_dir = output.empty() ? "results/" + calibration::load_calibration(path).name : output;
    o.jobs = jobs;
    o.threads = threads;
    o.resume = resume;
    o.quiet = quiet;
    require_success(run_interruptibly([&] { return cli::calibrate_command(o, one_process()); }), "calibrate " + path,
                    o.output_dir);
    return o.output_dir;
}

}  // namespace

void bind_commands(py::module_& m) {
    m.def("sweep", &sweep, py::arg("path"), py::arg("output"), py::arg("jobs"), py::arg("threads"), py::arg("resume"),
          py::arg("quiet"), "As `grassroots sweep`; returns the sweep's directory.");
    m.def("analyze", &analyze, py::arg("sweep_dir"), py::arg("metrics"), py::arg("bootstrap"), py::arg("confidence"),
          py::arg("seed"), py::arg("output"), py::arg("quiet"),
          "As `grassroots analyze`; returns the sensitivity CSV's path.");
    m.def("score", &score, py::arg("dir"), py::arg("targets"), py::arg("output"), py::arg("quiet"),
          "As `grassroots score`; returns the directory scored.");
    m.def("calibrate", &calibrate, py::arg("path"), py::arg("output"), py::arg("jobs"), py::arg("threads"),
          py::arg("resume"), py::arg("quiet"), "As `grassroots calibrate`; returns the calibration's directory.");
}

}  // namespace grassroots::python
