// Gzip-compressed inputs (graph/text_input.hpp): an edge list reads the same compressed or
// not, in one gzip member or several, across the reader's buffer boundaries; every
// truncation and a damaged checksum are bad input (InputError), never a crash or a
// silently shorter graph; the memory estimate's first pass sees the inflated text.
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "core/error.hpp"
#include "graph/edge_list.hpp"
#include "graph/text_input.hpp"
#include "gzip_support.hpp"
#include "model/memory_estimate.hpp"
#include "support.hpp"

using namespace grassroots::graph;
using grassroots::core::InputError;
using grassroots::testing::TempFile;

using grassroots::testing::gzip;

namespace {

std::vector<Edge> edges_of(const SocialGraph& g) {
    std::vector<Edge> edges;
    for (VertexId v = 0; v < g.vertex_count(); ++v) {
        for (const VertexId w : g.friends(v)) edges.emplace_back(v, w);
    }
    return edges;
}

// Reads `bytes` from memory as the loader reads a file.
SocialGraph read_bytes(const std::string& bytes, bool directed = false) {
    std::stringbuf buffer(bytes, std::ios::in | std::ios::binary);
    TextInput input(buffer, "test.txt.gz", "graph.path");
    return read_edge_list(input.stream(), "test.txt.gz", directed).graph;
}

// A ring with chords over `n` nodes, SNAP-style: a comment header, tabs, CRLF line ends.
std::string edge_text(std::uint32_t n) {
    std::string text = "# a test graph\r\n# FromNodeId\tToNodeId\r\n";
    for (std::uint32_t v = 0; v < n; ++v) {
        text += std::to_string(v) + "\t" + std::to_string((v + 1) % n) + "\r\n";
        text += std::to_string(v) + "\t" + std::to_string((v * 7 + 3) % n) + "\r\n";
    }
    return text;
}

}  // namespace

TEST_CASE("gzip: an edge list reads the same compressed as plain", "[graph][gzip]") {
    // 40,000 nodes: 1.1 MB of text, several of the reader's 256 KiB output buffers.
    const std::string text = edge_text(40000);
    const SocialGraph plain = read_bytes(text);
    REQUIRE(plain.vertex_count() == 40000);
    const std::string compressed = gzip(text);
    REQUIRE(compressed.size() > (1u << 16));  // more than one 64 KiB input buffer too
    CHECK(edges_of(read_bytes(compressed)) == edges_of(plain));
    CHECK(edges_of(read_bytes(compressed, true)) == edges_of(read_bytes(text, true)));

    // Several members, as `cat a.gz b.gz` makes, split mid-line: one text.
    const std::size_t cut = text.size() / 3 + 5;
    CHECK(edges_of(read_bytes(gzip(text.substr(0, cut)) + gzip(text.substr(cut)))) == edges_of(plain));

    // From a file, through load_edge_list, as graph.path is read.
    const TempFile file(compressed, ".txt.gz");
    CHECK(edges_of(load_edge_list(file.path(), false).graph) == edges_of(plain));
}

TEST_CASE("gzip: every truncation and a damaged checksum are bad input", "[graph][gzip]") {
    const std::string text = edge_text(50);
    const std::string compressed = gzip(text);
    // Cut anywhere (fewer than two bytes lose the magic and read as text, which is not an
    // edge list either): an InputError, never a crash or a graph.
    for (std::size_t size = 1; size < compressed.size(); ++size) {
        INFO("first " << size << " of " << compressed.size() << " bytes");
        CHECK_THROWS_AS(read_bytes(compressed.substr(0, size)), InputError);
    }
    // The last member's CRC-32 (the trailer's first four bytes) no longer matches.
    std::string damaged = compressed;
    damaged[damaged.size() - 6] = static_cast<char>(damaged[damaged.size() - 6] ^ 0x5a);
    try {
        read_bytes(damaged);
        FAIL("a damaged checksum was accepted");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("not a valid gzip file: incorrect data check") != std::string::npos);
    }
    // A complete member followed by a truncated one.
    CHECK_THROWS_AS(read_bytes(compressed + compressed.substr(0, compressed.size() / 2)), InputError);
}

TEST_CASE("gzip: the memory estimate's scan sees the inflated text", "[graph][gzip]") {
    const std::string text = edge_text(3000);
    const TempFile plain(text);
    const TempFile compressed(gzip(text), ".txt.gz");
    const auto a = grassroots::model::scan_edge_list(plain.path());
    const auto b = grassroots::model::scan_edge_list(compressed.path());
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->lines == 6000);
    CHECK(a->max_id == 2999);
    CHECK(b->lines == a->lines);
    CHECK(b->max_id == a->max_id);
    // A truncated file: the scan leaves the report to the loader.
    const TempFile truncated(gzip(text).substr(0, 100), ".txt.gz");
    CHECK_FALSE(grassroots::model::scan_edge_list(truncated.path()));
}
