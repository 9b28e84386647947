#pragma once
// A sweep's summary in long ("tidy") form, as pandas' melt and seaborn want it: one row
// per run and metric. Its columns are the summary's id columns and swept keys (the first
// `key_columns` of summary.csv), then `metric` (a summary column's name) and `value`, in
// run order and, within a run, in summary.csv's column order. Fields are quoted as
// summary.csv quotes them.
#include <cstddef>
#include <string>

namespace grassroots::analysis {

// `summary_csv` is summary.csv's text; `file` names it in errors (core::InputError for a
// malformed table, which the sweep never writes).
std::string tidy_summary(const std::string& summary_csv, std::size_t key_columns, const std::string& file);

}  // namespace grassroots::analysis
