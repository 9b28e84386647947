#pragma once
// `points_file: design.csv`: a design made by another tool, run unchanged. A strict CSV: a
// header row of dotted scenario keys, then one row per point with a value for every key.
#include <string>
#include <vector>

#include "core/error.hpp"

namespace grassroots::sweep {

struct PointsTable {
    std::vector<std::string> keys;
    std::vector<core::SourcePosition> key_positions;
    std::vector<std::vector<std::string>> rows;  // rows[point][key]
    std::vector<std::vector<core::SourcePosition>> positions;
};

// Reads the CSV text of `file` (named in errors, file:line:col). Fields are separated by
// commas and may be double-quoted (RFC 4180, "" for a quote, no line break inside);
// lines end in LF or CRLF; a UTF-8 byte-order mark is skipped. Refused, as core::InputError
// with key `points_file`: an empty file, a header without rows, an empty or repeated key,
// an empty value, a row with more or fewer fields than the header, a blank line, a stray
// quote.
PointsTable parse_points_csv(const std::string& text, const std::string& file);

}  // namespace grassroots::sweep
