#include "analysis/sensitivity_csv.hpp"

#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "io/csv_field.hpp"

namespace grassroots::analysis {
namespace {

std::string number(double x) { return std::isfinite(x) ? fmt::format("{}", x) : std::string(); }

std::string field(const std::string& text) { return io::csv_field(text); }

}  // namespace

std::string sensitivity_csv(const std::vector<SensitivityRow>& rows) {
    std::string text = "metric,method,index,key,key2,value,ci_low,ci_high,samples,warning\n";
    for (const SensitivityRow& r : rows) {
        fmt::format_to(std::back_inserter(text), "{},{},{},{},{},{},{},{},{},{}\n", field(r.metric), r.method, r.index,
                       field(r.key), field(r.key2), number(r.value), number(r.ci_low), number(r.ci_high), r.samples,
                       r.warning);
    }
    return text;
}

}  // namespace grassroots::analysis
