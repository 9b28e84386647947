#include "analysis/tidy_summary.hpp"

#include "analysis/csv_table.hpp"
#include "io/csv_field.hpp"

namespace grassroots::analysis {

std::string tidy_summary(const std::string& summary_csv, std::size_t key_columns, const std::string& file) {
    const CsvTable table = parse_csv(summary_csv, file);
    std::string out;
    const auto add_keys = [&](const std::vector<CsvField>& row) {
        for (std::size_t c = 0; c < key_columns && c < row.size(); ++c) out += io::csv_field(row[c].text) + ",";
    };
    add_keys(table.header);
    out += "metric,value\n";
    for (const auto& row : table.rows) {
        for (std::size_t c = key_columns; c < row.size(); ++c) {
            add_keys(row);
            out += io::csv_field(table.header[c].text) + "," + io::csv_field(row[c].text) + "\n";
        }
    }
    return out;
}

}  // namespace grassroots::analysis
