#pragma once
// Social proof: the like chance of a view rises with the item's visible likes L,
//   P(like) = like x quality x (1 + social_proof x L / (1 + L)),
// L as of the start of the day (what the viewer sees). One like on an item without any
// multiplies the chance by 1 + social_proof / 2: Muchnik, Aral & Taylor (Science 341:647,
// 2013) found one seeded up-vote made the next rating 32 % more likely to be positive, so
// social_proof = 0.64 reproduces it (docs/validation.md). The saturating form is assumed:
// each further like adds less, and no pile of likes raises the chance more than
// 1 + social_proof times (an unbounded form, 1 + s ln(1 + L), tripled the like rate of
// popular items and doubled the seeded items' final likes).
//
// Their experiment as a key: engagement.seeded_like_share of new items get one up-vote at
// birth, which viewers see but nobody gave (it is not in the creator's likes).
#include <cmath>
#include <cstdint>

#include "core/rng.hpp"
#include "model/streams.hpp"

namespace grassroots::model {

inline double social_proof_factor(double social_proof, std::uint32_t visible_likes) {
    const double l = static_cast<double>(visible_likes);
    return social_proof > 0.0 ? 1.0 + social_proof * l / (1.0 + l) : 1.0;
}

// Whether the item with this id gets a seeded up-vote: a pure function of the run's seed
// and the id, so an analysis can tell treated items from controls.
inline bool has_seeded_like(std::uint64_t seed, std::uint64_t item_id, double share) {
    if (share <= 0.0) return false;
    core::RandomStream rng(seed, 0, stream::kSeededLikes, item_id);
    return rng.bernoulli(share);
}

}  // namespace grassroots::model
