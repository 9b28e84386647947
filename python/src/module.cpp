// `grassroots._grassroots`: the compiled half of `import grassroots` (the package's Python
// half, in the source tree's grassroots/, turns its texts into pandas DataFrames).
#include <spdlog/spdlog.h>

#include "bindings.hpp"
#include "core/build_info.hpp"
#include "core/error.hpp"
#include "io/atomic_file.hpp"

namespace grassroots::python {

void set_quiet(bool quiet) { spdlog::set_level(quiet ? spdlog::level::warn : spdlog::level::info); }

}  // namespace grassroots::python

PYBIND11_MODULE(_grassroots, m) {
    namespace py = pybind11;
    m.doc() = "grassroots' simulator, compiled (use the grassroots package, not this module)";
    // Bad input: the CLI's one line (FILE:LINE:COL: KEY: PROBLEM (expected ...)), as a
    // ValueError a notebook can catch; a file that cannot be written: an OSError.
    py::register_exception<grassroots::core::InputError>(m, "InputError", PyExc_ValueError);
    py::register_exception<grassroots::io::WriteError>(m, "WriteError", PyExc_OSError);
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const grassroots::core::Interrupted&) {
            PyErr_SetString(PyExc_KeyboardInterrupt, "stopped at the end of a tick");
        }
    });
    m.attr("version") = grassroots::core::build_version();
    grassroots::python::bind_run(m);
    grassroots::python::bind_simulation(m);
    grassroots::python::bind_commands(m);
}
