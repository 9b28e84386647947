#include "calibration/calibration_csv.hpp"

#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "io/checkpoint.hpp"
#include "io/csv_field.hpp"
#include "io/run_files.hpp"

namespace grassroots::calibration {
namespace {

std::string number(double x) { return fmt::format("{}", x); }

std::vector<double> weights_of(const std::vector<Particle>& particles) {
    std::vector<double> w;
    for (const Particle& p : particles) w.push_back(p.weight);
    return w;
}

// The weighted mean of `values`, NaN values left out (NaN if all are).
double weighted_mean(const std::vector<double>& values, const std::vector<double>& weights) {
    double sum = 0.0, total = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i])) continue;
        sum += weights[i] * values[i];
        total += weights[i];
    }
    return total > 0.0 ? sum / total : std::nan("");
}

// The weighted mean, sd and 5/50/95 % quantiles of `values` (NaN values left out).
std::string moments(const std::vector<double>& values, const std::vector<double>& weights) {
    const double mean = weighted_mean(values, weights);
    std::vector<double> squares;
    for (const double v : values) squares.push_back((v - mean) * (v - mean));
    const double variance = weighted_mean(squares, weights);
    return fmt::format(
        "{},{},{},{},{}", number(mean), number(std::sqrt(variance)), number(weighted_quantile(values, weights, 0.05)),
        number(weighted_quantile(values, weights, 0.5)), number(weighted_quantile(values, weights, 0.95)));
}

}  // namespace

std::string particles_csv(const CalibrationSpec& spec, const std::vector<Particle>& particles) {
    std::string text = "particle,proposal";
    for (const Prior& p : spec.priors) fmt::format_to(std::back_inserter(text), ",{}", io::csv_field(p.key));
    text += ",weight,distance";
    for (const Target& t : spec.targets.targets) fmt::format_to(std::back_inserter(text), ",model:{}", t.name);
    text += '\n';
    for (std::size_t i = 0; i < particles.size(); ++i) {
        const Particle& particle = particles[i];
        fmt::format_to(std::back_inserter(text), "{},{}", i, particle.proposal);
        for (std::size_t k = 0; k < spec.priors.size(); ++k) {
            fmt::format_to(std::back_inserter(text), ",{}", spec.priors[k].value_text(particle.z[k]));
        }
        fmt::format_to(std::back_inserter(text), ",{},{}", number(particle.weight), number(particle.distance));
        for (const double m : particle.model) fmt::format_to(std::back_inserter(text), ",{}", number(m));
        text += '\n';
    }
    return text;
}

std::string generations_csv(const std::vector<GenerationRow>& rows) {
    std::string text = "generation,tolerance,proposals,accepted,runs,runs_total,acceptance_rate,ess,median_distance\n";
    for (const GenerationRow& r : rows) {
        fmt::format_to(std::back_inserter(text), "{},{},{},{},{},{},{},{},{}\n", r.generation, number(r.tolerance),
                       r.proposals, r.accepted, r.runs, r.runs_total,
                       number(static_cast<double>(r.accepted) / static_cast<double>(r.proposals)), number(r.ess),
                       number(r.median_distance));
    }
    return text;
}

std::string posterior_summary_csv(const CalibrationSpec& spec, const std::vector<Particle>& particles) {
    std::string text = "key,prior,lo,hi,mean,sd,q05,q50,q95\n";
    const std::vector<double> weights = weights_of(particles);
    for (std::size_t k = 0; k < spec.priors.size(); ++k) {
        const Prior& prior = spec.priors[k];
        std::vector<double> values;
        for (const Particle& p : particles) values.push_back(prior.value(p.z[k]));
        fmt::format_to(std::back_inserter(text), "{},{},{},{},{}\n", io::csv_field(prior.key), prior_name(prior.kind),
                       number(prior.lo), number(prior.hi), moments(values, weights));
    }
    return text;
}

std::string fit_csv(const CalibrationSpec& spec, const std::vector<Particle>& particles) {
    std::string text = "target,metric,observed_lo,observed_hi,tolerance,weight,mean,q05,q95,within,source\n";
    const std::vector<double> weights = weights_of(particles);
    for (std::size_t i = 0; i < spec.targets.targets.size(); ++i) {
        const Target& t = spec.targets.targets[i];
        std::vector<double> values;
        for (const Particle& p : particles) values.push_back(p.model[i]);
        const double q05 = weighted_quantile(values, weights, 0.05);
        const double q95 = weighted_quantile(values, weights, 0.95);
        // The 90 % interval meets the observation (a value, or a range).
        const bool within = q05 <= t.observed_hi && q95 >= t.observed_lo;
        const double mean = weighted_mean(values, weights);
        fmt::format_to(std::back_inserter(text), "{},{},{},{},{},{},{},{},{},{},{}\n", io::csv_field(t.name),
                       io::csv_field(t.metric.label()), number(t.observed_lo), number(t.observed_hi),
                       number(t.tolerance), number(t.weight), number(mean), number(q05), number(q95), within ? 1 : 0,
                       io::csv_field(t.source));
    }
    return text;
}

std::string calibration_json(const CalibrationSpec& spec, const std::string& status,
                             const std::vector<GenerationRow>& rows, std::size_t runs_executed) {
    std::string priors;
    for (const Prior& p : spec.priors) {
        if (!priors.empty()) priors += ",\n";
        priors += fmt::format("    {{\"key\": {}, \"prior\": \"{}\", \"lo\": {}, \"hi\": {}}}", io::json_string(p.key),
                              prior_name(p.kind), number(p.lo), number(p.hi));
    }
    std::string targets;
    for (const Target& t : spec.targets.targets) targets += (targets.empty() ? "" : ", ") + io::json_string(t.name);
    const double tolerance = rows.empty() ? INFINITY : rows.back().tolerance;
    return fmt::format(
        "{{\n  \"name\": {},\n  \"status\": \"{}\",\n  \"generations\": {},\n  \"tolerance\": {},\n"
        "  \"runs\": {},\n  \"particles\": {},\n  \"replicates\": {},\n  \"parameters\": [\n{}\n  ],\n"
        "  \"targets\": [{}],\n  \"program\": {}\n}}\n",
        io::json_string(spec.name), status, rows.size(), std::isfinite(tolerance) ? number(tolerance) : "null",
        runs_executed, spec.particles, spec.replicates, priors, targets, io::json_string(io::program_identity()));
}

}  // namespace grassroots::calibration
