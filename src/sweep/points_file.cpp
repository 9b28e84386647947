// Strict CSV reading for points_file.
#include "sweep/points_file.hpp"

#include <string_view>

namespace grassroots::sweep {
namespace {

using core::InputError;
using core::SourcePosition;

constexpr const char* kKey = "points_file";
constexpr const char* kShape = "a CSV file: a header of dotted keys, then one row of values per point";

struct Field {
    std::string text;
    int column;  // 1-based byte column where the field starts
};

// One line's fields; `line` has no line ending.
std::vector<Field> split(std::string_view line, const std::string& file, int line_number) {
    std::vector<Field> fields;
    std::size_t i = 0;
    while (true) {
        Field field{"", static_cast<int>(i) + 1};
        if (i < line.size() && line[i] == '"') {
            ++i;
            while (true) {
                if (i >= line.size()) {
                    throw InputError({file, line_number, field.column}, kKey, "a quoted field is not closed",
                                     "a closing '\"' on the same line");
                }
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        field.text += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field.text += line[i++];
            }
            if (i < line.size() && line[i] != ',') {
                throw InputError({file, line_number, static_cast<int>(i) + 1}, kKey, "text after a quoted field",
                                 "',' or the end of the line after the closing quote");
            }
        } else {
            const std::size_t end = std::min(line.find(',', i), line.size());
            field.text = std::string(line.substr(i, end - i));
            if (field.text.find('"') != std::string::npos) {
                throw InputError({file, line_number, field.column}, kKey, "a quote inside an unquoted field",
                                 "a field quoted whole, \"like \"\"this\"\"\"");
            }
            i = end;
        }
        fields.push_back(std::move(field));
        if (i >= line.size()) break;
        ++i;  // the comma
    }
    return fields;
}

}  // namespace

PointsTable parse_points_csv(const std::string& text, const std::string& file) {
    std::string_view rest(text);
    if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);
    if (rest.empty()) throw InputError({file, 1, 1}, kKey, "the file is empty", kShape);
    PointsTable table;
    int line_number = 0;
    while (!rest.empty()) {
        ++line_number;
        const std::size_t newline = rest.find('\n');
        std::string_view line = rest.substr(0, newline);
        rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) {
            throw InputError({file, line_number, 1}, kKey, "a blank line",
                             line_number == 1 ? "a header of dotted keys on line 1" : "one row per point, no gaps");
        }
        const std::vector<Field> fields = split(line, file, line_number);
        if (line_number == 1) {
            for (const Field& f : fields) {
                const SourcePosition at{file, line_number, f.column};
                if (f.text.empty()) throw InputError(at, kKey, "an empty column name", "a dotted scenario key");
                for (const std::string& key : table.keys) {
                    if (key == f.text) {
                        throw InputError(at, kKey, "column '" + f.text + "' is repeated", "each key once");
                    }
                }
                table.keys.push_back(f.text);
                table.key_positions.push_back(at);
            }
            continue;
        }
        if (fields.size() != table.keys.size()) {
            throw InputError(
                {file, line_number, 1}, kKey,
                std::to_string(fields.size()) + " fields where the header has " + std::to_string(table.keys.size()),
                "one value per column");
        }
        table.rows.emplace_back();
        table.positions.emplace_back();
        for (std::size_t k = 0; k < fields.size(); ++k) {
            const SourcePosition at{file, line_number, fields[k].column};
            if (fields[k].text.empty()) {
                throw InputError(at, kKey, "no value for " + table.keys[k], "a value in every column");
            }
            table.rows.back().push_back(fields[k].text);
            table.positions.back().push_back(at);
        }
    }
    if (table.rows.empty()) throw InputError({file, 1, 1}, kKey, "a header but no points", kShape);
    return table;
}

}  // namespace grassroots::sweep
