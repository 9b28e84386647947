#pragma once
// The memory check of `run` and `sweep`: a scenario whose estimated peak memory exceeds
// the limit (--max-memory, else what the machine has available) is refused as bad input
// before anything is allocated or written.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/memory_estimate.hpp"
#include "scenario/scenario.hpp"

namespace grassroots::sweep {
struct SweepSpec;
}

namespace grassroots::cli {

// --max-memory SIZE in bytes; nullopt when not given. A bad SIZE is an InputError.
std::optional<std::uint64_t> parse_max_memory(const std::optional<std::string>& text);

// The estimate for one run (reads an edge-list file once to size it).
model::MemoryEstimate estimate_run(const scenario::Scenario& s, int threads);

// Throws core::InputError naming `where` when `bytes` exceed the limit; `what` says what
// was estimated ("the run", "2 concurrent runs"), `detail` what it is made of.
void require_memory(const core::SourcePosition& where, double bytes, const std::string& what, const std::string& detail,
                    std::optional<std::uint64_t> max_memory);

// run's check: refuses `s` with `threads` workers when it would not fit.
void require_run_memory(const scenario::Scenario& s, int threads, const std::optional<std::string>& max_memory);

// sweep's check: the largest runs of this rank's share (of `ranks`), `jobs` at a time.
void require_sweep_memory(const sweep::SweepSpec& spec, int jobs, int threads, int ranks,
                          const std::optional<std::string>& max_memory);

// The comment line `check` prints first: "# estimated peak memory: ...".
std::string estimate_comment(const model::MemoryEstimate& e, int threads);

}  // namespace grassroots::cli
