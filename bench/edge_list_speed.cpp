// Edge-list loading speed: writes a large deterministic edge list, and times the loader on
// it. bench/run.sh --edges drives it (one process per measurement, so that each reports
// its own peak memory).
// Usage:
//   grassroots_edge_list_speed generate FILE MEGABYTES [SEED]
//       SNAP-style lines "id<TAB>id" over 20 million sparse ids (up to 12 digits), each
//       endpoint uniform: the worst case for the id map (no locality at all).
//   grassroots_edge_list_speed time FILE VARIANT THREADS REPS
//       VARIANT: load (load_edge_list, the graph built), parse (the same without
//       SocialGraph::from_edges: parse, dense ids, duplicates removed) or sequential
//       (the one-line-at-a-time loader, the baseline). Prints one CSV line:
//       variant,threads,text_mb,median_s,min_s,max_s,median_mb_per_s,peak_rss_mb,vertices,edges
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/memory.hpp"
#include "core/rng.hpp"
#include "core/threads.hpp"
#include "graph/edge_list.hpp"
#include "graph/text_input.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using grassroots::graph::VertexId;

constexpr std::uint64_t kIds = 20'000'000;
constexpr std::uint64_t kIdRange = 1'000'000'000'000;  // sparse: ids up to 12 digits

void generate(const std::string& path, std::uint64_t megabytes, std::uint64_t seed) {
    std::FILE* out = std::fopen(path.c_str(), "wb");
    if (out == nullptr) throw std::runtime_error("cannot write " + path);
    const std::uint64_t target = megabytes * 1'000'000;
    std::string buffer =
        fmt::format("# Random graph over {} sparse ids (seed {})\n# FromNodeId\tToNodeId\n", kIds, seed);
    std::uint64_t written = 0;
    grassroots::core::RandomStream rng(seed, 0, 0, 0);
    const auto id = [&](std::uint64_t k) {
        return grassroots::core::mix64(k ^ (seed * grassroots::core::kGolden)) % kIdRange;
    };
    char digits[24];
    while (written + buffer.size() < target) {
        for (int line = 0; line < 4096; ++line) {
            const auto a = std::to_chars(digits, digits + sizeof digits, id(rng.below(kIds)));
            buffer.append(digits, a.ptr);
            buffer.push_back('\t');
            const auto b = std::to_chars(digits, digits + sizeof digits, id(rng.below(kIds)));
            buffer.append(digits, b.ptr);
            buffer.push_back('\n');
        }
        if (buffer.size() > (1u << 22) || written + buffer.size() >= target) {
            if (std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size()) {
                throw std::runtime_error("cannot write " + path);
            }
            written += buffer.size();
            buffer.clear();
        }
    }
    if (std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size() || std::fclose(out) != 0) {
        throw std::runtime_error("cannot write " + path);
    }
}

// Bytes of text (inflated, for a gzip file): the figure MB/s are quoted against.
std::uint64_t text_bytes(const std::string& path) {
    grassroots::graph::TextInput input(path, "file");
    std::vector<char> buffer(1 << 20);
    std::uint64_t total = 0;
    for (;;) {
        const auto got = input.stream().rdbuf()->sgetn(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        if (got <= 0) break;
        total += static_cast<std::uint64_t>(got);
    }
    return total;
}

int time_loader(const std::string& path, const std::string& variant, int threads, int reps) {
    using namespace grassroots::graph;
    const double megabytes = static_cast<double>(text_bytes(path)) / 1e6;
    std::vector<double> seconds;
    VertexId vertices = 0;
    std::uint64_t edges = 0;
    for (int rep = 0; rep < reps; ++rep) {
        grassroots::core::run_with_threads(threads, [&] {
            const auto start = Clock::now();
            if (variant == "load") {
                const LoadedGraph g = load_edge_list(path, false);
                vertices = g.graph.vertex_count();
                edges = g.graph.edge_count();
            } else if (variant == "parse") {
                TextInput input(path, "graph.path");
                const EdgeListEdges e = parse_edge_list(input.stream(), path, false);
                vertices = e.vertex_count;
                edges = e.edges.size();
            } else if (variant == "sequential") {
                TextInput input(path, "graph.path");
                const LoadedGraph g = read_edge_list_sequential(input.stream(), path, false);
                vertices = g.graph.vertex_count();
                edges = g.graph.edge_count();
            } else {
                throw std::runtime_error("unknown variant " + variant + " (expected load, parse or sequential)");
            }
            seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
        });
    }
    std::vector<double> sorted = seconds;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[sorted.size() / 2];
    fmt::print("{},{},{:.1f},{:.2f},{:.2f},{:.2f},{:.0f},{:.0f},{},{}\n", variant, threads, megabytes, median,
               sorted.front(), sorted.back(), megabytes / median,
               static_cast<double>(grassroots::core::peak_memory_bytes()) / 1e6, vertices, edges);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        if (args.size() >= 3 && args[0] == "generate") {
            generate(args[1], std::stoull(args[2]), args.size() > 3 ? std::stoull(args[3]) : 1);
            return 0;
        }
        if (args.size() == 5 && args[0] == "time") {
            return time_loader(args[1], args[2], std::stoi(args[3]), std::stoi(args[4]));
        }
        std::fprintf(stderr, "usage: %s generate FILE MEGABYTES [SEED] | time FILE VARIANT THREADS REPS\n", argv[0]);
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
