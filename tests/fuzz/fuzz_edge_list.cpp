// Fuzz target: the edge-list loader (graph.type: edgelist), fed from memory so that the
// fuzzer never touches the file system, through the same gzip detection as a file (an input
// that starts with the gzip magic bytes is inflated). Every input is read both as an
// undirected and as a directed graph. An InputError is the expected answer to bad input; any other exception,
// a crash, a sanitizer report or a hang is a bug. A graph that loads must be consistent:
// every neighbour id below the vertex count.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "core/error.hpp"
#include "graph/edge_list.hpp"
#include "graph/text_input.hpp"

namespace {

void check_consistent(const grassroots::graph::SocialGraph& g) {
    for (grassroots::graph::VertexId v = 0; v < g.vertex_count(); ++v) {
        for (const auto u : g.friends(v)) {
            if (u >= g.vertex_count()) {
                std::fprintf(stderr, "vertex %u has neighbour %u of %u vertices\n", v, u, g.vertex_count());
                std::abort();
            }
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    for (const bool directed : {false, true}) {
        std::stringbuf bytes(text, std::ios::in | std::ios::binary);
        try {
            grassroots::graph::TextInput input(bytes, "fuzz.txt", "graph.path");
            check_consistent(grassroots::graph::read_edge_list(input.stream(), "fuzz.txt", directed).graph);
        } catch (const grassroots::core::InputError&) {
        }
    }
    return 0;
}
