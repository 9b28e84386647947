#include "calibration/score_csv.hpp"

#include <iterator>

#include <fmt/format.h>

#include "io/csv_field.hpp"

namespace grassroots::calibration {
namespace {

std::string field(const std::string& text) { return io::csv_field(text); }

// Numbers in the shortest form that reads back as the same double (fmt's default), as
// the runs' CSVs give them; nan for an undefined value.
std::string number(double x) { return fmt::format("{}", x); }

std::string model_columns(const std::vector<Target>& targets) {
    std::string text;
    for (const Target& t : targets) fmt::format_to(std::back_inserter(text), ",model:{}", t.name);
    return text;
}

std::string swept_columns(const std::vector<std::string>& keys) {
    std::string text;
    for (const std::string& key : keys) fmt::format_to(std::back_inserter(text), ",{}", field(key));
    return text;
}

}  // namespace

std::string score_csv(const std::vector<Target>& targets, const std::vector<double>& model) {
    std::string text = "target,metric,observed_lo,observed_hi,tolerance,weight,model,error,scaled_error\n";
    auto out = std::back_inserter(text);
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const Target& t = targets[i];
        const double error = target_error(t, model[i]);
        fmt::format_to(out, "{},{},{},{},{},{},{},{},{}\n", t.name, field(t.metric.label()), number(t.observed_lo),
                       number(t.observed_hi), number(t.tolerance), number(t.weight), number(model[i]), number(error),
                       number(error / t.tolerance));
    }
    return text;
}

std::string scores_csv(const std::vector<Target>& targets, const SweepRuns& sweep,
                       const std::vector<RunScore>& scores) {
    std::string text = fmt::format("run_id,point_id,replicate{}{},distance\n", swept_columns(sweep.swept_keys),
                                   model_columns(targets));
    auto out = std::back_inserter(text);
    for (std::size_t r = 0; r < sweep.runs.size(); ++r) {
        const SweepRun& run = sweep.runs[r];
        fmt::format_to(out, "{},{},{}", run.run_id, run.point_id, field(run.replicate));
        for (const std::string& value : run.swept_values) fmt::format_to(out, ",{}", field(value));
        for (const double value : scores[r].model) fmt::format_to(out, ",{}", number(value));
        fmt::format_to(out, ",{}\n", number(scores[r].distance));
    }
    return text;
}

std::string scores_points_csv(const std::vector<Target>& targets, const std::vector<std::string>& swept_keys,
                              const std::vector<PointScore>& points) {
    std::string text = fmt::format("point_id{},replicates{},distance,mean_run_distance\n", swept_columns(swept_keys),
                                   model_columns(targets));
    auto out = std::back_inserter(text);
    for (const PointScore& p : points) {
        fmt::format_to(out, "{}", p.point_id);
        for (const std::string& value : p.swept_values) fmt::format_to(out, ",{}", field(value));
        fmt::format_to(out, ",{}", p.replicates);
        for (const double mean : p.means) fmt::format_to(out, ",{}", number(mean));
        fmt::format_to(out, ",{},{}\n", number(p.distance), number(p.mean_run_distance));
    }
    return text;
}

}  // namespace grassroots::calibration
