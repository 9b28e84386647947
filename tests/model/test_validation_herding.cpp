// Validation: herding after a seeded up-vote. Source: L. Muchnik, S. Aral & S. J. Taylor,
// "Social influence bias: a randomized experiment", Science 341:647-651, 2013. Comments
// given one up-vote at random were rated positively next 32 % more often than controls
// and ended with a 25 % higher mean rating. scenarios/herding.yaml is the experiment in
// the model: half of all new items get one up-vote nobody gave, and the like chance is
// like x quality x (1 + social_proof L / (1 + L)), L the visible likes, social_proof = 0.64
// (model/social_proof.hpp). The first number is the calibration; the second is not used
// to set anything and is what the model predicts.
#include <cmath>
#include <string>
#include <vector>

#include "catch.hpp"
#include "model/social_proof.hpp"
#include "support.hpp"

namespace model = grassroots::model;

namespace {

struct Arms {
    double first_day_views[2] = {}, first_day_likes[2] = {};  // [control, treated]
    double final_likes[2] = {}, items[2] = {};
};

// Runs the herding scenario and splits items into controls and treated; an item's first
// day is the tick it was born (its views and likes at that tick's end), its final likes
// those when it expires (the last tick it is live), the seeded vote not counted.
Arms run_experiment(std::uint64_t seed, const std::vector<std::string>& sets = {}) {
    std::vector<std::string> overrides = sets;
    overrides.push_back("seed=" + std::to_string(seed));
    auto s = grassroots::scenario::load_scenario(GRASSROOTS_SOURCE_DIR "/scenarios/herding.yaml", overrides);
    model::Simulation sim(s, model::build_graph(s));
    Arms arms;
    const std::int64_t lifetime = s.creators.item_lifetime;
    for (std::int64_t t = 1; t <= s.ticks; ++t) {
        sim.step();
        const model::Items& items = sim.world().items;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::uint64_t id = items.first_id + i;
            const int arm = model::has_seeded_like(s.seed, id, s.engagement.seeded_like_share) ? 1 : 0;
            const double likes = static_cast<double>(items.likes[i]) - arm;  // real likes only
            if (items.born[i] == t) {
                arms.first_day_views[arm] += items.views[i];
                arms.first_day_likes[arm] += likes;
            }
            // Last day of life: born + lifetime - 1 (expire_items drops it the next tick);
            // items born too late to end within the run are left out.
            if (items.born[i] + lifetime - 1 == t) {
                arms.final_likes[arm] += likes;
                arms.items[arm] += 1;
            }
        }
    }
    return arms;
}

}  // namespace

TEST_CASE("Herding (Muchnik et al. 2013): a seeded up-vote raises the next like 32 %, then compounds",
          "[validation][herding]") {
    for (const std::uint64_t seed : {1, 2, 3}) {
        const Arms a = run_experiment(seed);
        const double first_rate[2] = {a.first_day_likes[0] / a.first_day_views[0],
                                      a.first_day_likes[1] / a.first_day_views[1]};
        const double lift_first = first_rate[1] / first_rate[0] - 1.0;
        const double lift_final = (a.final_likes[1] / a.items[1]) / (a.final_likes[0] / a.items[0]) - 1.0;
        INFO("seed " << seed << ": first-day like rate " << first_rate[0] << " vs " << first_rate[1] << " (+"
                     << 100 * lift_first << " %), final likes per item " << a.final_likes[0] / a.items[0] << " vs "
                     << a.final_likes[1] / a.items[1] << " (+" << 100 * lift_final << " %), items " << a.items[0]
                     << " / " << a.items[1]);
        // The first day's viewers all see one like on a treated item and none on a control:
        // their like chance is 1.32 times, exactly in expectation. About 400,000 first-day
        // views and 20,000-26,000 likes per arm give the ratio an sd of about 0.01: margin
        // 0.03. (Measured: +30.9, +31.8, +30.3 %.)
        CHECK(std::abs(lift_first - 0.32) < 0.03);
        CAPTURE(a.final_likes[0] / a.items[0], a.final_likes[1] / a.items[1], a.first_day_views[0] / a.items[0]);
        // Not calibrated: the seeded items end with 74-83 % more likes than the controls
        // (measured), against 25 % higher final ratings on the site. The feed ranks by like
        // rate (interest's estimated quality, explore's pool promotion), so a head start
        // also buys views, and herding compounds more than it did there. The test pins
        // the direction and that the final lift exceeds the first day's.
        CHECK(lift_final > lift_first);
    }
}

TEST_CASE("Herding: social_proof 0 turns it off, the seeded vote then changes no like", "[validation][herding]") {
    CHECK(model::social_proof_factor(0.0, 5) == 1.0);
    CHECK(model::social_proof_factor(0.64, 0) == 1.0);
    CHECK(model::social_proof_factor(0.64, 1) == Approx(1.32));
    CHECK(model::social_proof_factor(0.64, 1000000) < 1.64);
    // Without social proof the arms differ only in the seeded vote's effect on ranking:
    // the first day's like rate per view is the same (sd of the ratio about 0.01).
    for (const std::uint64_t seed : {1, 2}) {
        const Arms a = run_experiment(seed, {"engagement.social_proof=0"});
        const double lift_first =
            (a.first_day_likes[1] / a.first_day_views[1]) / (a.first_day_likes[0] / a.first_day_views[0]) - 1.0;
        CHECK(std::abs(lift_first) < 0.03);
    }
}
