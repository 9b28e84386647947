#include "graph/edge_list.hpp"

#include <algorithm>
#include <charconv>
#include <istream>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "graph/text_input.hpp"

namespace grassroots::graph {

namespace {

constexpr std::string_view kExpected = "two non-negative integer node ids per line";
// VertexId must hold the vertex count itself, so the largest usable id is one below its max.
constexpr std::uint64_t kMaxVertices = std::numeric_limits<VertexId>::max();

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Lines are quoted in messages; a binary file must not produce a megabyte-long message.
// Built by appending: GCC 12 gives a false -Wrestrict on "'" + std::string (bug 105651).
std::string quoted(std::string_view text) {
    constexpr std::size_t kMax = 60;
    std::string out;
    out.reserve(kMax + 5);
    out.append(1, '\'').append(text.substr(0, kMax));
    out.append(text.size() > kMax ? "...'" : "'");
    return out;
}

// Reads one line's worth of ids and turns sparse ids into dense ones; everything it
// rejects names the file, line and 1-based column of the offending token.
class EdgeListReader {
public:
    EdgeListReader(const std::string& path, const std::string& key) : path_(path), key_(key) {}

    // Returns false for blank and comment lines; otherwise sets (u, v) to dense ids.
    bool parse(std::string_view line, std::uint64_t line_number, VertexId& u, VertexId& v) {
        // SourcePosition holds an int; a file of over 2^31 lines reports its last int line.
        line_number_ = static_cast<int>(std::min<std::uint64_t>(line_number, std::numeric_limits<int>::max()));
        line_ = line;
        std::size_t pos = skip_blanks(0);
        if (pos == line.size() || line[pos] == '#') return false;
        const std::size_t first_column = pos;
        const std::uint64_t first = read_id(pos);
        pos = skip_blanks(pos);
        if (pos < line.size() && line[pos] == ',') pos = skip_blanks(pos + 1);
        if (pos == line.size()) {
            fail(pos, "edge " + quoted(line) + " has only one node id", std::string(kExpected));
        }
        const std::size_t second_column = pos;
        const std::uint64_t second = read_id(pos);
        pos = skip_blanks(pos);
        if (pos != line.size()) {
            fail(pos, "edge " + quoted(line) + " has more than two columns", std::string(kExpected));
        }
        u = dense_id(first, first_column);
        v = dense_id(second, second_column);
        return true;
    }

    VertexId vertex_count() const { return static_cast<VertexId>(dense_.size()); }

    [[noreturn]] void fail(std::size_t pos, const std::string& problem, const std::string& expected) const {
        throw core::InputError({path_, line_number_, static_cast<int>(pos) + 1}, key_, problem, expected);
    }

private:
    std::size_t skip_blanks(std::size_t pos) const {
        while (pos < line_.size() && is_blank(line_[pos])) ++pos;
        return pos;
    }

    // Parses the id starting at pos and leaves pos just past it.
    std::uint64_t read_id(std::size_t& pos) const {
        std::size_t end = pos;
        while (end < line_.size() && !is_blank(line_[end]) && line_[end] != ',') ++end;
        const std::string_view token = line_.substr(pos, end - pos);
        if (token.starts_with('-')) {
            fail(pos, "negative node id " + quoted(token) + " in edge " + quoted(line_), std::string(kExpected));
        }
        std::uint64_t id = 0;
        const auto [stop, error] = std::from_chars(token.data(), token.data() + token.size(), id);
        if (error == std::errc::result_out_of_range) {
            fail(pos, "node id " + quoted(token) + " is too large",
                 "ids at most " + std::to_string(std::numeric_limits<std::uint64_t>::max()));
        }
        if (error != std::errc() || stop != token.data() + token.size()) {
            fail(pos, "malformed edge " + quoted(line_), std::string(kExpected));
        }
        pos = end;
        return id;
    }

    VertexId dense_id(std::uint64_t id, std::size_t pos) {
        const auto [it, inserted] = dense_.try_emplace(id, static_cast<VertexId>(dense_.size()));
        if (inserted && dense_.size() > kMaxVertices) {
            fail(pos, "more than " + std::to_string(kMaxVertices) + " distinct node ids",
                 "a graph whose vertex count fits in 32 bits");
        }
        return it->second;
    }

    const std::string& path_;
    const std::string& key_;
    int line_number_ = 0;
    std::string_view line_;
    std::unordered_map<std::uint64_t, VertexId> dense_;
};

}  // namespace

LoadedGraph load_edge_list(const std::string& path, bool directed, const std::string& key) {
    TextInput input(path, key);
    return read_edge_list(input.stream(), path, directed, key);
}

LoadedGraph read_edge_list(std::istream& in, const std::string& path, bool directed, const std::string& key) {
    const auto fail_file = [&](const std::string& problem, const std::string& expected) {
        throw core::InputError({path, 0, 0}, key, problem, expected);
    };
    EdgeListReader reader(path, key);
    std::vector<Edge> edges;
    LoadedGraph loaded;
    std::string line;
    std::uint64_t line_number = 0;
    while (std::getline(in, line)) {
        ++line_number;
        std::string_view text = line;
        if (text.ends_with('\r')) text.remove_suffix(1);
        VertexId u = 0;
        VertexId v = 0;
        if (!reader.parse(text, line_number, u, v)) continue;
        if (u == v) {
            ++loaded.self_loops_dropped;
            continue;
        }
        // An undirected edge is stored once, in a canonical orientation, so that v-u after
        // u-v is recognised as a duplicate below.
        edges.push_back(directed ? Edge{u, v} : Edge{std::min(u, v), std::max(u, v)});
    }
    if (in.bad()) fail_file("error while reading edge list '" + path + "'", "a readable file");
    if (edges.empty()) {
        fail_file("edge list '" + path + "' has no edges", "at least one line 'u v' with u != v");
    }

    std::sort(edges.begin(), edges.end());
    const auto unique_end = std::unique(edges.begin(), edges.end());
    loaded.duplicates_dropped = static_cast<std::uint64_t>(edges.end() - unique_end);
    edges.erase(unique_end, edges.end());
    edges.shrink_to_fit();
    loaded.graph = SocialGraph::from_edges(reader.vertex_count(), edges, directed);
    return loaded;
}

}  // namespace grassroots::graph
