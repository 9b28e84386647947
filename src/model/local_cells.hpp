#pragma once
// Local-service markets: a cell is region * local_kinds + kind. The mini-program phase
// (what going online would bring) and the local-services phase (who takes a need) both
// look at the online merchants of a cell as of the start of their phase.
#include <cstdint>

#include "core/rng.hpp"
#include "model/tick.hpp"

namespace grassroots::model {

inline std::uint64_t cell_of(const Merchants& m, MerchantId id, std::size_t kinds) {
    return std::uint64_t{m.region[id]} * kinds + m.kind[id];
}

// True when a need's choice among a cell's online merchants is weighted
// (commerce.local.reputation or price_elasticity above 0); else it is uniform.
bool weighted_choice(const scenario::Scenario& s);

// A merchant's weight in its cell's choice: (orders + 1)^reputation x
// (price / mean_price)^-price_elasticity.
double choice_weight(const scenario::Scenario& s, std::uint64_t orders, Cents price, double mean_price);

// Fills buffers.cell_keys, cell_start and cell_merchants with the online local merchants
// by cell (and buffers.local_by_cell, all local merchants by cell, the first time); with a
// weighted choice also cell_weight, each merchant's cumulative weight within its cell,
// from the orders as they are now: a snapshot, so that orders taken while the phase runs
// in parallel do not change anyone's chances (the results do not depend on threads).
void index_online_cells(TickContext& ctx);

// The index in cell_keys of `cell`, or cell_keys.size() if it has no online merchant.
std::size_t find_cell(const Buffers& b, std::uint64_t cell);

// Draws the merchant who takes a need in the cell at index `at`: uniform with one draw of
// below() (the draw made before the choice was weighted), else in proportion to weight
// with one uniform().
MerchantId choose_merchant(const Buffers& b, std::size_t at, bool weighted, core::RandomStream& rng);

}  // namespace grassroots::model
