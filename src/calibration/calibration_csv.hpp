#pragma once
// The text of a calibration's output files (results/README.md documents their columns).
#include <string>
#include <vector>

#include "calibration/abc_smc.hpp"
#include "calibration/calibration_spec.hpp"

namespace grassroots::calibration {

struct GenerationRow {
    std::int64_t generation = 0;
    double tolerance = 0.0;        // inf for generation 0 (the prior)
    std::size_t proposals = 0;     // proposals run in this generation
    std::size_t accepted = 0;      // of them, within the tolerance (may exceed the particles kept)
    std::size_t runs = 0;          // runs of this generation (proposals x replicates)
    std::size_t runs_total = 0;    // runs since generation 0
    double ess = 0.0;              // effective sample size of the kept particles' weights
    double median_distance = 0.0;  // weighted median of the kept particles' distances
};

// generations/NNN/particles.csv and posterior.csv.
std::string particles_csv(const CalibrationSpec& spec, const std::vector<Particle>& particles);
std::string generations_csv(const std::vector<GenerationRow>& rows);
// Per parameter: the prior and the posterior's weighted mean, sd and 5/50/95 % quantiles.
std::string posterior_summary_csv(const CalibrationSpec& spec, const std::vector<Particle>& particles);
// Per target: the observation against the posterior predictive mean and 90 % interval.
std::string fit_csv(const CalibrationSpec& spec, const std::vector<Particle>& particles);
// calibration.json: the priors, targets, how the calibration stopped and its size.
std::string calibration_json(const CalibrationSpec& spec, const std::string& status,
                             const std::vector<GenerationRow>& rows, std::size_t runs_executed);

}  // namespace grassroots::calibration
