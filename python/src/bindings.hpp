#pragma once
// The compiled half of the Python module: one bind_* per part, and how long work runs
// without holding the interpreter (the GIL released) yet still answers Ctrl-C.
#include <chrono>
#include <future>
#include <thread>
#include <type_traits>
#include <utility>

#include <pybind11/pybind11.h>

#include "core/interrupt.hpp"
#include "run/single_run.hpp"

namespace grassroots::python {

namespace py = pybind11;

void bind_run(py::module_& m);
void bind_simulation(py::module_& m);
void bind_commands(py::module_& m);

// The log level of the library's messages: warnings only when quiet (as the CLI's -q).
void set_quiet(bool quiet);

// {file name: text} of the files `grassroots run` writes for this output (run_binding.cpp).
py::dict output_texts(const run::RunOutput& out);

// Runs work() on a thread of its own with the GIL released, while this thread waits and
// every 0.1 s looks at Python's signals. On Ctrl-C the work is asked to stop (the end of the
// current tick, or of the current runs), is waited for, and KeyboardInterrupt is raised:
// Python's own SIGINT handler stays in place; the library's stop flag carries the request.
template <class Work>
auto run_interruptibly(Work&& work) -> std::invoke_result_t<Work&> {
    using Result = std::invoke_result_t<Work&>;
    core::clear_stop_request();
    std::packaged_task<Result()> task(std::forward<Work>(work));
    std::future<Result> done = task.get_future();
    bool interrupted = false;
    {
        py::gil_scoped_release release;
        std::thread worker(std::move(task));
        while (done.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
            py::gil_scoped_acquire acquire;
            if (PyErr_CheckSignals() != 0) {  // sets KeyboardInterrupt (or the handler's error)
                interrupted = true;
                core::request_stop();
                break;
            }
        }
        worker.join();
    }
    core::clear_stop_request();
    if (interrupted) throw py::error_already_set();
    return done.get();  // the work's own exception, if it threw
}

}  // namespace grassroots::python
