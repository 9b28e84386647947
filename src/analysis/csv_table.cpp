#include "analysis/csv_table.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace grassroots::analysis {

std::size_t CsvTable::column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i].text == name) return i;
    }
    return static_cast<std::size_t>(-1);
}

CsvTable parse_csv(const std::string& text, const std::string& file) {
    CsvTable table;
    table.file = file;
    std::vector<CsvField> row;
    CsvField field;
    int line = 1, column = 1;
    bool in_quotes = false, field_started = false, row_has_content = false;
    int quote_line = 0, quote_column = 0;
    const auto end_field = [&] {
        row.push_back(std::move(field));
        field = CsvField{};
        field_started = false;
    };
    const auto end_row = [&] {
        end_field();
        if (table.header.empty() && table.rows.empty() && row.size() >= 1) {
            table.header = std::move(row);
        } else if (row.size() != table.header.size()) {
            throw core::InputError({file, row.front().line, 1}, "csv",
                                   "a row of " + std::to_string(row.size()) + " fields",
                                   std::to_string(table.header.size()) + " fields, as in the header row");
        } else {
            table.rows.push_back(std::move(row));
        }
        row.clear();
        row_has_content = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (!field_started) {
            field.line = line;
            field.column = column;
            field_started = true;
        }
        if (in_quotes) {
            if (ch == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field.text += '"';
                    ++i;
                    ++column;
                } else {
                    in_quotes = false;
                }
            } else {
                field.text += ch;
            }
            if (ch == '\n') {
                ++line;
                column = 0;
            }
        } else if (ch == '"' && field.text.empty()) {
            in_quotes = true;
            quote_line = line;
            quote_column = column;
            row_has_content = true;
        } else if (ch == ',') {
            end_field();
            row_has_content = true;
        } else if (ch == '\n' || ch == '\r') {
            if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;  // CRLF
            if (row_has_content || !field.text.empty()) {
                end_row();
            } else {
                field = CsvField{};  // a blank line: nothing
                field_started = false;
            }
            ++line;
            column = 0;
        } else {
            field.text += ch;
            row_has_content = true;
        }
        ++column;
    }
    if (in_quotes) {
        throw core::InputError({file, quote_line, quote_column}, "csv", "a quoted field is never closed",
                               "a closing \"");
    }
    if (row_has_content || !field.text.empty()) end_row();
    if (table.header.empty()) throw core::InputError({file, 1, 1}, "csv", "the file is empty", "a header row");
    return table;
}

CsvTable read_csv(const std::string& path, const std::string& what, const std::string& expected) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw core::InputError({path, 0, 0}, "analyze", "no such file (" + what + ")", expected);
    }
    if (std::filesystem::is_directory(path, ec)) {
        throw core::InputError({path, 0, 0}, "analyze", "is a directory (" + what + ")", expected);
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in || in.bad()) {
        throw core::InputError({path, 0, 0}, "analyze", "cannot be read (" + what + ")", "a readable file");
    }
    return parse_csv(text.str(), path);
}

bool parse_finite(const std::string& text, double& value) {
    if (text.empty() || std::isspace(static_cast<unsigned char>(text.front())) != 0) return false;
    errno = 0;
    char* end = nullptr;
    value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) return false;
    return std::isfinite(value);
}

}  // namespace grassroots::analysis
