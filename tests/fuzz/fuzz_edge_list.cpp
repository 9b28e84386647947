// Fuzz target: the edge-list loader (graph.type: edgelist), fed from memory so that the
// fuzzer never touches the file system, through the same gzip detection as a file (an input
// that starts with the gzip magic bytes is inflated). Every input is read both as an
// undirected and as a directed graph, by the parallel loader with blocks of 16 bytes (so
// that block boundaries fall everywhere) and by the sequential one, which states the
// semantics: both must give the same graph and counts, or the same error message. An
// InputError is the expected answer to bad input; any other exception, a crash, a sanitizer
// report, a hang or a difference between the loaders is a bug. A graph that loads must be
// consistent: every neighbour id below the vertex count.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "graph/edge_list.hpp"
#include "graph/text_input.hpp"

namespace {

using grassroots::graph::LoadedGraph;
using grassroots::graph::SocialGraph;
using grassroots::graph::VertexId;

void check_consistent(const SocialGraph& g) {
    for (VertexId v = 0; v < g.vertex_count(); ++v) {
        for (const auto u : g.friends(v)) {
            if (u >= g.vertex_count()) {
                std::fprintf(stderr, "vertex %u has neighbour %u of %u vertices\n", v, u, g.vertex_count());
                std::abort();
            }
        }
    }
}

// The graph row by row and the counts, or the error message: what the two loaders must agree on.
std::vector<std::vector<VertexId>> outcome(const std::string& text, bool directed,
                                           const std::function<LoadedGraph(std::istream&)>& read, std::string& error) {
    std::stringbuf bytes(text, std::ios::in | std::ios::binary);
    std::vector<std::vector<VertexId>> rows;
    try {
        grassroots::graph::TextInput input(bytes, "fuzz.txt", "graph.path");
        const LoadedGraph loaded = read(input.stream());
        check_consistent(loaded.graph);
        rows.push_back(
            {static_cast<VertexId>(loaded.self_loops_dropped), static_cast<VertexId>(loaded.duplicates_dropped)});
        for (VertexId v = 0; v < loaded.graph.vertex_count(); ++v) {
            rows.emplace_back(loaded.graph.friends(v).begin(), loaded.graph.friends(v).end());
            if (directed) rows.emplace_back(loaded.graph.audience(v).begin(), loaded.graph.audience(v).end());
        }
    } catch (const grassroots::core::InputError& e) {
        error = e.what();
    }
    return rows;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    grassroots::graph::EdgeListOptions small_blocks;
    small_blocks.block_bytes = 16;
    for (const bool directed : {false, true}) {
        std::string parallel_error, sequential_error;
        const auto parallel = outcome(
            text, directed,
            [&](std::istream& in) {
                return grassroots::graph::read_edge_list(in, "fuzz.txt", directed, "graph.path", small_blocks);
            },
            parallel_error);
        const auto sequential = outcome(
            text, directed,
            [&](std::istream& in) { return grassroots::graph::read_edge_list_sequential(in, "fuzz.txt", directed); },
            sequential_error);
        if (parallel != sequential || parallel_error != sequential_error) {
            std::fprintf(stderr, "the loaders disagree (directed %d):\n  parallel:   %s\n  sequential: %s\n",
                         directed ? 1 : 0, parallel_error.c_str(), sequential_error.c_str());
            std::abort();
        }
    }
    return 0;
}
