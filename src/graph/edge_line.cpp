#include "graph/edge_line.hpp"

#include <charconv>
#include <limits>

namespace grassroots::graph::detail {

namespace {

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

class LineParser {
public:
    explicit LineParser(std::string_view line) : line_(line) {}

    ParsedLine parse() {
        std::size_t pos = skip_blanks(0);
        if (pos == line_.size() || line_[pos] == '#') return result_;
        result_.first_column = pos;
        if (!read_id(pos, result_.edge.first)) return result_;
        pos = skip_blanks(pos);
        if (pos < line_.size() && line_[pos] == ',') pos = skip_blanks(pos + 1);
        if (pos == line_.size()) return fault(pos, "edge " + quoted(line_) + " has only one node id");
        result_.second_column = pos;
        if (!read_id(pos, result_.edge.second)) return result_;
        pos = skip_blanks(pos);
        if (pos != line_.size()) return fault(pos, "edge " + quoted(line_) + " has more than two columns");
        result_.kind = LineKind::edge;
        return result_;
    }

private:
    std::size_t skip_blanks(std::size_t pos) const {
        while (pos < line_.size() && is_blank(line_[pos])) ++pos;
        return pos;
    }

    ParsedLine& fault(std::size_t pos, std::string problem, std::string expected = std::string(kEdgeLineExpected)) {
        result_.kind = LineKind::fault;
        result_.fault_column = pos;
        result_.problem = std::move(problem);
        result_.expected = std::move(expected);
        return result_;
    }

    // Parses the id starting at pos and leaves pos just past it; false after a fault.
    bool read_id(std::size_t& pos, std::uint64_t& id) {
        std::size_t end = pos;
        while (end < line_.size() && !is_blank(line_[end]) && line_[end] != ',') ++end;
        const std::string_view token = line_.substr(pos, end - pos);
        if (token.starts_with('-')) {
            fault(pos, "negative node id " + quoted(token) + " in edge " + quoted(line_));
            return false;
        }
        const auto [stop, error] = std::from_chars(token.data(), token.data() + token.size(), id);
        if (error == std::errc::result_out_of_range) {
            fault(pos, "node id " + quoted(token) + " is too large",
                  "ids at most " + std::to_string(std::numeric_limits<std::uint64_t>::max()));
            return false;
        }
        if (error != std::errc() || stop != token.data() + token.size()) {
            fault(pos, "malformed edge " + quoted(line_));
            return false;
        }
        pos = end;
        return true;
    }

    std::string_view line_;
    ParsedLine result_;
};

}  // namespace

ParsedLine parse_edge_line(std::string_view line) { return LineParser(line).parse(); }

}  // namespace grassroots::graph::detail
