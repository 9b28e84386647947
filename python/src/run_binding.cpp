// grassroots.run(): one run start to finish, its output files' texts returned (and, with
// output=DIR, its directory written exactly as `grassroots run -o DIR` writes it).
#include <string>

#include <pybind11/stl.h>
#include <tbb/info.h>

#include "bindings.hpp"
#include "cli/commands.hpp"
#include "cli/memory_check.hpp"
#include "core/threads.hpp"
#include "run/single_run.hpp"
#include "scenario_input.hpp"

namespace grassroots::python {
namespace {

int resolve_threads(int threads) { return threads > 0 ? threads : tbb::info::default_concurrency(); }

// Without an output directory: the texts in memory, nothing written.
py::dict run_in_memory(const ScenarioInput& in, int threads, bool quiet) {
    set_quiet(quiet);
    scenario::Scenario s = load_input(in);
    const int workers = resolve_threads(threads);
    cli::require_run_memory(s, workers, std::nullopt);
    const run::RunOutput out = run_interruptibly(
        [&] { return core::run_with_threads(workers, [&] { return run::execute_run(std::move(s)); }); });
    return output_texts(out);
}

// With one: the command line's own path (progress, the directory's lock, meta.json last);
// the package reads the files back.
void run_to_directory(const ScenarioInput& in, const std::string& output, int threads, bool quiet) {
    set_quiet(quiet);
    scenario::Scenario s = load_input(in);
    cli::RunOptions options;
    options.output_dir = output;
    options.threads = threads;
    options.quiet = quiet;
    run_interruptibly([&] { return cli::run_loaded_scenario(std::move(s), options); });
}

}  // namespace

py::dict output_texts(const run::RunOutput& out) {
    py::dict d;
    d["scenario.yaml"] = out.scenario_yaml;
    d["timeseries.csv"] = out.timeseries;
    d["creators.csv"] = out.creators;
    if (!out.merchants.empty()) d["merchants.csv"] = out.merchants;
    d["summary.csv"] = out.summary;
    return d;
}

void bind_run(py::module_& m) {
    py::class_<ScenarioInput>(m, "ScenarioInput")
        .def(py::init<>())
        .def_readwrite("path", &ScenarioInput::path)
        .def_readwrite("text", &ScenarioInput::text)
        .def_readwrite("base_dir", &ScenarioInput::base_dir)
        .def_readwrite("overrides", &ScenarioInput::overrides)
        .def_readwrite("seed", &ScenarioInput::seed);
    m.def("run_in_memory", &run_in_memory, py::arg("scenario"), py::arg("threads"), py::arg("quiet"),
          "Runs a scenario; returns {file name: text} of the files `grassroots run` would write.");
    m.def("run_to_directory", &run_to_directory, py::arg("scenario"), py::arg("output"), py::arg("threads"),
          py::arg("quiet"), "Runs a scenario into a directory, as `grassroots run -o DIR`.");
    m.def(
        "check", [](const ScenarioInput& in) { return scenario::dump_scenario(load_input(in)); }, py::arg("scenario"),
        "The resolved scenario as YAML (every default filled in), or InputError.");
}

}  // namespace grassroots::python
