#include "cli/memory_check.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/memory.hpp"
#include "model/build_graph.hpp"
#include "scenario/load.hpp"
#include "sweep/spec.hpp"

namespace grassroots::cli {

std::optional<std::uint64_t> parse_max_memory(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    const auto bytes = core::parse_size(*text);
    if (!bytes) {
        throw core::InputError({"command line", 0, 0}, "--max-memory", "'" + *text + "' is not a memory size",
                               "a positive number of bytes with an optional K, M, G or T suffix (binary), "
                               "e.g. 512M, 8G or 1.5G");
    }
    return bytes;
}

model::MemoryEstimate estimate_run(const scenario::Scenario& s, int threads) {
    std::optional<model::EdgeListShape> shape;
    if (s.graph.type == scenario::GraphType::edgelist) shape = model::scan_edge_list(s.graph.path);
    return model::estimate_memory(s, threads, shape);
}

void require_memory(const core::SourcePosition& where, double bytes, const std::string& what, const std::string& detail,
                    std::optional<std::uint64_t> max_memory) {
    std::optional<core::MemoryLimit> limit;
    if (max_memory) {
        limit = core::MemoryLimit{*max_memory, "--max-memory"};
    } else {
        limit = core::available_memory();
    }
    if (!limit || bytes <= static_cast<double>(limit->bytes)) return;
    throw core::InputError(
        where, "memory",
        fmt::format("{} needs an estimated {} at its peak ({}), more than the {} of {}", what, core::format_size(bytes),
                    detail, core::format_size(static_cast<double>(limit->bytes)), limit->source),
        what.starts_with("the run") ? "a smaller scenario, or --max-memory SIZE to set the limit"
                                    : "a smaller sweep, fewer --jobs, or --max-memory SIZE to set the limit");
}

void require_run_memory(const scenario::Scenario& s, int threads, const std::optional<std::string>& max_memory) {
    const auto limit = parse_max_memory(max_memory);
    model::check_graph(s);  // a size the generator refuses is reported as such, not as memory
    const model::MemoryEstimate e = estimate_run(s, threads);
    const std::string key = s.graph.type == scenario::GraphType::edgelist ? "graph.path" : "population.users";
    require_memory(scenario::position_of(s, key), e.bytes(), "the run", model::describe(e), limit);
}

void require_sweep_memory(const sweep::SweepSpec& spec, int jobs, int threads, int ranks,
                          const std::optional<std::string>& max_memory) {
    const auto limit = parse_max_memory(max_memory);
    // One estimate per point (replicates differ only in seeds), each edge-list file read once.
    std::map<std::string, std::optional<model::EdgeListShape>> shapes;
    std::vector<double> runs;  // bytes beyond the shared process, one entry per run
    double fixed = 0;
    for (const sweep::RunPlan& plan : sweep::plan_runs(spec)) {
        if (plan.replicate != 0) continue;
        const scenario::Scenario s = sweep::scenario_for(spec, plan);
        std::optional<model::EdgeListShape> shape;
        if (s.graph.type == scenario::GraphType::edgelist) {
            auto [it, added] = shapes.try_emplace(s.graph.path);
            if (added) it->second = model::scan_edge_list(s.graph.path);
            shape = it->second;
        }
        const model::MemoryEstimate e = model::estimate_memory(s, threads, shape);
        fixed = e.fixed_bytes;
        runs.insert(runs.end(), static_cast<std::size_t>(spec.replicates), e.bytes() - e.fixed_bytes);
    }
    // This rank's largest runs may all be running at once.
    const std::size_t mine = (runs.size() + static_cast<std::size_t>(ranks) - 1) / static_cast<std::size_t>(ranks);
    const std::size_t together = std::min(mine, static_cast<std::size_t>(std::max(1, jobs)));
    std::sort(runs.begin(), runs.end(), std::greater<>());
    double bytes = fixed;
    for (std::size_t i = 0; i < together; ++i) bytes += runs[i];
    const std::string what =
        together == 1 ? "the sweep (1 run at a time)" : fmt::format("the sweep ({} runs at a time, --jobs)", together);
    require_memory({spec.source_file, 0, 0}, bytes, what,
                   fmt::format("its largest run {}", core::format_size(runs.empty() ? 0 : runs[0] + fixed)), limit);
}

std::string estimate_comment(const model::MemoryEstimate& e, int threads) {
    return fmt::format("# estimated peak memory: {} with {} threads ({})\n", core::format_size(e.bytes()), threads,
                       model::describe(e));
}

}  // namespace grassroots::cli
