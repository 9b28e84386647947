// grassroots.Simulation: a run stepped tick by tick from Python, its agents' columns
// readable as numpy arrays that are views of the simulator's own memory (no copies).
#include <algorithm>
#include <cstdint>
#include <string>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <tbb/info.h>

#include "bindings.hpp"
#include "cli/memory_check.hpp"
#include "core/error.hpp"
#include "core/threads.hpp"
#include "io/run_files.hpp"
#include "run/single_run.hpp"
#include "scenario_input.hpp"

namespace grassroots::python {
namespace {

class Simulation {
public:
    Simulation(const ScenarioInput& in, int threads, bool quiet)
        : threads_(threads > 0 ? threads : tbb::info::default_concurrency()) {
        set_quiet(quiet);
        scenario::Scenario s = load_input(in);
        cli::require_run_memory(s, threads_, std::nullopt);
        py::gil_scoped_release release;
        run_ = core::run_with_threads(threads_, [&] { return run::start_run(std::move(s)); });
        // Creators are users: with room for all of them, the creators' columns never move,
        // so the views creators() hands out stay valid as long as this object lives.
        run_.sim->reserve_creators(run_.sim->world().users.size());
    }

    // Steps up to n ticks (not past the scenario's last); the ticks stepped. Ctrl-C stops at
    // the end of the current tick and raises KeyboardInterrupt.
    std::int64_t step(std::int64_t n) {
        if (n < 0) throw py::value_error("step(n): n must be >= 0");
        if (n > 0 && tick() >= ticks()) {
            throw py::value_error("the run is at its last tick (" + std::to_string(ticks()) +
                                  "); make the scenario longer (set={'ticks': ...})");
        }
        const std::int64_t todo = std::min<std::int64_t>(n, ticks() - tick());
        return run_interruptibly([&] {
            return core::run_with_threads(threads_, [&] {
                std::int64_t done = 0;
                while (done < todo) {
                    run::step_run(run_);
                    ++done;
                    if (core::stop_requested()) break;
                }
                return done;
            });
        });
    }

    std::int64_t tick() const { return run_.sim->tick(); }
    std::int64_t ticks() const { return run_.scenario.ticks; }
    const std::string& timeseries() const { return run_.timeseries; }
    std::string creators_csv() const { return io::creators_csv(run_.sim->world()); }
    std::string scenario_yaml() const { return scenario::dump_scenario(run_.scenario); }

    // The files `grassroots run` writes, once the last tick is done.
    py::dict result() {
        if (tick() < ticks()) {
            throw py::value_error("the run is at tick " + std::to_string(tick()) + " of " + std::to_string(ticks()) +
                                  ": result() is for a finished run (run() first)");
        }
        return output_texts(run::run_outputs(run_));
    }

    const model::World& world() const { return run_.sim->world(); }

private:
    int threads_;
    run::RunState run_;
};

// A read-only numpy view of `count` values at `data`, kept alive by `owner`.
template <class T>
py::array view_of(const T* data, std::size_t count, const py::object& owner) {
    py::array_t<T> array({static_cast<py::ssize_t>(count)}, {static_cast<py::ssize_t>(sizeof(T))}, data, owner);
    array.attr("flags").attr("writeable") = false;
    return array;
}

template <class Enum>
py::array enum_view(const std::vector<Enum>& column, const py::object& owner) {
    static_assert(sizeof(Enum) == 1);
    return view_of(reinterpret_cast<const std::uint8_t*>(column.data()), column.size(), owner);
}

py::dict users_columns(const py::object& self) {
    const model::Users& u = self.cast<const Simulation&>().world().users;
    py::dict d;
    d["cohort"] = view_of(u.cohort.data(), u.size(), self);
    d["online"] = view_of(u.online.data(), u.size(), self);
    d["active"] = view_of(u.active.data(), u.size(), self);
    d["topic"] = view_of(u.topic.data(), u.size(), self);
    d["creator_id"] = view_of(u.creator_id.data(), u.size(), self);
    d["region"] = view_of(u.region.data(), u.size(), self);
    return d;
}

// Only columns Creators::reserve reserves: they cannot move while the object lives. The
// length is the number of creators now; later creators need another call.
py::dict creators_columns(const py::object& self) {
    const model::Creators& c = self.cast<const Simulation&>().world().creators;
    const std::size_t n = c.size();
    py::dict d;
    d["user"] = view_of(c.user.data(), n, self);
    d["talent"] = view_of(c.talent.data(), n, self);
    d["topic"] = view_of(c.topic.data(), n, self);
    d["background"] = enum_view(c.background, self);
    d["status"] = enum_view(c.status, self);
    d["joined_tick"] = view_of(c.joined_tick.data(), n, self);
    d["followers"] = view_of(c.followers.data(), n, self);
    d["views"] = view_of(c.views.data(), n, self);
    d["likes"] = view_of(c.likes.data(), n, self);
    d["items"] = view_of(c.items.data(), n, self);
    d["income_cents"] = view_of(c.income.data(), n, self);
    d["sessions"] = view_of(c.sessions.data(), n, self);
    d["live_orders"] = view_of(c.live_orders.data(), n, self);
    d["gmv_cents"] = view_of(c.gmv.data(), n, self);
    return d;
}

}  // namespace

void bind_simulation(py::module_& m) {
    py::class_<Simulation>(m, "Simulation")
        .def(py::init<const ScenarioInput&, int, bool>(), py::arg("scenario"), py::arg("threads"), py::arg("quiet"))
        .def("step", &Simulation::step, py::arg("n") = 1)
        .def_property_readonly("tick", &Simulation::tick)
        .def_property_readonly("ticks", &Simulation::ticks)
        .def("timeseries_csv", &Simulation::timeseries)
        .def("creators_csv", &Simulation::creators_csv)
        .def("scenario_yaml", &Simulation::scenario_yaml)
        .def("result", &Simulation::result)
        .def("users_columns", &users_columns)
        .def("creators_columns", &creators_columns);
}

}  // namespace grassroots::python
