#pragma once
// Runs work on exactly the number of threads asked for. TBB's default arena has one slot
// per core, and tbb::global_control can only lower that: `--threads 4` on a 2-core machine
// ran on 2 threads. An explicit arena of that many slots, with the global limit raised to
// match, runs on exactly `threads` (the calling thread among them), more than the cores if
// asked, so that a test of determinism at 4 threads really has 4.
#include <cstddef>
#include <utility>

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

namespace grassroots::core {

// fn() inside an arena of `threads` >= 1 slots; returns what fn returns, rethrows what it throws.
template <class Fn>
decltype(auto) run_with_threads(int threads, Fn&& fn) {
    const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    tbb::task_arena arena(threads);
    return arena.execute(std::forward<Fn>(fn));
}

}  // namespace grassroots::core
