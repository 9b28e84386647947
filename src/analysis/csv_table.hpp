#pragma once
// A CSV file as the sweep writes them (RFC 4180: a header row, fields quoted with "" when
// they hold a comma, a quote or a line break), with each field's line and column kept so
// that an error can name the spot. Throws core::InputError for a malformed file.
#include <cstddef>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace grassroots::analysis {

struct CsvField {
    std::string text;
    int line = 0;    // 1-based
    int column = 0;  // 1-based, the field's first character
};

struct CsvTable {
    std::string file;                         // names the file in errors
    std::vector<CsvField> header;             // the first row
    std::vector<std::vector<CsvField>> rows;  // every later row has as many fields as the header

    // Where a field stands, for core::InputError.
    core::SourcePosition at(const CsvField& field) const { return {file, field.line, field.column}; }
    // The index of the header's column `name`, or npos.
    std::size_t column(const std::string& name) const;
};

// Parses `text`; `file` names it in errors. An empty file, an unterminated quote, or a row
// whose field count differs from the header's are errors. A final line break is optional.
CsvTable parse_csv(const std::string& text, const std::string& file);

// Reads and parses a file. A missing or unreadable file is an InputError that says what the
// file is (`what`, e.g. "the sweep's design") and what was expected (`expected`).
CsvTable read_csv(const std::string& path, const std::string& what, const std::string& expected);

// The field as a finite number, or false. Accepts what strtod does over the whole field
// (surrounding spaces not allowed); "nan" and "inf" are not finite and give false.
bool parse_finite(const std::string& text, double& value);

}  // namespace grassroots::analysis
