#pragma once
// One line of an edge list: blank, a '#' comment, or two raw (sparse) node ids. The rules,
// and the message for every line they reject, are parse_edge_line's. parse_simple_edge_line
// is the loaders' fast path: it accepts only the plainest lines ("12 34", "12,34", tabs,
// surrounding blanks), always with the ids parse_edge_line would give, and hands every
// other line to parse_edge_line, so that fast and exact parsing cannot disagree.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace grassroots::graph::detail {

inline constexpr std::string_view kEdgeLineExpected = "two non-negative integer node ids per line";

struct RawEdge {
    std::uint64_t first = 0;
    std::uint64_t second = 0;
};

enum class LineKind { skip, edge, fault };

// What parse_edge_line made of a line. Columns are 0-based byte offsets into the line.
struct ParsedLine {
    LineKind kind = LineKind::skip;
    RawEdge edge;
    std::size_t first_column = 0;  // where each id starts (for "too many node ids")
    std::size_t second_column = 0;
    std::size_t fault_column = 0;  // where the offending token starts
    std::string problem;           // for core::InputError
    std::string expected;
};

// `line` without its '\n', and without one '\r' before it (CRLF files).
ParsedLine parse_edge_line(std::string_view line);

// The fast path over the same line: edge (ids set), skip (blank or comment), or fault,
// meaning "not simple": ask parse_edge_line, which decides (the line may still be good).
inline LineKind parse_simple_edge_line(const char* p, const char* end, RawEdge& edge) {
    const auto skip_blanks = [&] {
        while (p != end && (*p == ' ' || *p == '\t')) ++p;
    };
    // At most 19 digits: no 19-digit number overflows 64 bits; longer ones go the exact way.
    const auto read_digits = [&](std::uint64_t& id) {
        const char* start = p;
        std::uint64_t value = 0;
        while (p != end && static_cast<unsigned char>(*p - '0') < 10) {
            value = value * 10 + static_cast<std::uint64_t>(*p - '0');
            ++p;
        }
        id = value;
        return p != start && p - start <= 19;
    };
    skip_blanks();
    if (p == end || *p == '#') return LineKind::skip;
    if (!read_digits(edge.first)) return LineKind::fault;
    skip_blanks();
    if (p != end && *p == ',') {
        ++p;
        skip_blanks();
    }
    // A token that went on past its digits ("5x") makes the second read fail or stop early.
    if (!read_digits(edge.second)) return LineKind::fault;
    skip_blanks();
    return p == end ? LineKind::edge : LineKind::fault;
}

}  // namespace grassroots::graph::detail
