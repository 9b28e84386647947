#include "calibration/batch.hpp"

#include "core/rng.hpp"

namespace grassroots::calibration {
namespace {

constexpr core::StreamId kWorldStream = 0x574f524c;  // "WORL"

}  // namespace

sweep::SweepSpec batch_sweep(const CalibrationSpec& spec, const std::string& name, std::uint64_t seed,
                             const std::vector<std::vector<std::string>>& points) {
    sweep::SweepSpec s;
    s.name = name;
    s.source_file = spec.source_file;
    s.base_path = spec.base_path;
    s.base_text = spec.base_text;
    s.replicates = spec.replicates;
    s.vary_world = spec.vary_world;
    s.common_random_numbers = false;
    s.seed = seed;
    // One world for the whole calibration unless every run is to build its own.
    if (!spec.vary_world) {
        s.world_seed =
            spec.world_seed ? *spec.world_seed : core::RandomStream(spec.seed, 0, kWorldStream, 0).next_u64();
    }
    s.keep = spec.keep;
    s.fixed_keys = spec.fixed_keys;
    s.fixed.values = spec.fixed_values;
    s.fixed.origins = spec.fixed_origins;
    // The parameters' keys, then the keys that share a parameter's value (`also`).
    for (const Prior& prior : spec.priors) s.keys.push_back(prior.key);
    for (const Prior& prior : spec.priors) s.keys.insert(s.keys.end(), prior.also.begin(), prior.also.end());
    s.design.method = sweep::DesignMethod::points;
    for (const auto& values : points) {
        sweep::SweepPoint point;
        point.values = values;
        for (const Prior& prior : spec.priors) point.origins.push_back(prior.at);
        for (std::size_t k = 0; k < spec.priors.size(); ++k) {
            for (std::size_t a = 0; a < spec.priors[k].also.size(); ++a) {
                point.values.push_back(values[k]);
                point.origins.push_back(spec.priors[k].at);
            }
        }
        s.points.push_back(std::move(point));
    }
    return s;
}

}  // namespace grassroots::calibration
