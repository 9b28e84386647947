#pragma once
// How much friends share a category (a cohort, a region, an interest): the share of the
// graph's arcs that join two users of one category, that share's expectation were the
// categories assigned at random with the same sizes, and Newman's assortativity
// coefficient for categories, r = (sum_k e_kk - sum_k a_k b_k) / (1 - sum_k a_k b_k), with
// e_kk the share of arcs inside category k and a_k, b_k the shares of arcs leaving and
// entering k (M. E. J. Newman, "Mixing patterns in networks", Phys. Rev. E 67, 026126,
// 2003, eq. 2). Undirected edges count both ways.
#include <cstdint>
#include <iterator>
#include <vector>

#include <tbb/enumerable_thread_specific.h>

#include "core/parallel.hpp"
#include "graph/social_graph.hpp"

namespace grassroots::metrics {

struct Mixing {
    double same = 0.0;         // share of arcs within one category
    double same_random = 0.0;  // its expectation under random assignment of these sizes
    double assortativity = 0.0;
};

// Counted in parallel when each thread's counts are small (24 bytes a category): the
// counts are integers, so their sums do not depend on how the users were split among
// threads. With more categories (a million regions) one thread counts, in one copy.
template <class Category>
Mixing mixing_of(const graph::SocialGraph& g, const std::vector<Category>& category, std::size_t categories) {
    constexpr std::size_t kParallelCategories = 1 << 16;
    const std::uint32_t n = g.vertex_count();
    struct Counts {
        std::vector<std::uint64_t> leaving, entering, size;
        std::uint64_t arcs = 0, same = 0;
    };
    const auto fresh = [&] {
        return Counts{std::vector<std::uint64_t>(categories), std::vector<std::uint64_t>(categories),
                      std::vector<std::uint64_t>(categories)};
    };
    const auto count = [&](Counts& c, std::size_t begin, std::size_t end) {
        for (std::size_t u = begin; u < end; ++u) {
            const Category mine = category[u];
            ++c.size[mine];
            const auto friends = g.friends(static_cast<std::uint32_t>(u));
            c.arcs += friends.size();
            c.leaving[mine] += friends.size();
            for (const std::uint32_t f : friends) {
                ++c.entering[category[f]];
                c.same += category[f] == mine ? 1 : 0;
            }
        }
    };
    tbb::enumerable_thread_specific<Counts> partial(fresh);
    partial.local();  // the calling thread's counts exist even with no users
    if (categories <= kParallelCategories) {
        core::for_each_block(
            n, [&](std::size_t, std::size_t begin, std::size_t end) { count(partial.local(), begin, end); });
    } else {
        count(partial.local(), 0, n);
    }
    // Sums into the first thread's counts: no second set of arrays.
    Counts& total = *partial.begin();
    for (auto it = std::next(partial.begin()); it != partial.end(); ++it) {
        for (std::size_t k = 0; k < categories; ++k) {
            total.leaving[k] += it->leaving[k];
            total.entering[k] += it->entering[k];
            total.size[k] += it->size[k];
        }
        total.arcs += it->arcs;
        total.same += it->same;
    }
    const auto arcs = static_cast<double>(total.arcs);
    Mixing m;
    double expected_ends = 0.0;
    for (std::size_t k = 0; k < categories; ++k) {
        const auto size = static_cast<double>(total.size[k]);
        if (n > 1) m.same_random += size * (size - 1.0) / (static_cast<double>(n) * (n - 1.0));
        if (total.arcs > 0) {
            expected_ends +=
                (static_cast<double>(total.leaving[k]) / arcs) * (static_cast<double>(total.entering[k]) / arcs);
        }
    }
    m.same = total.arcs > 0 ? static_cast<double>(total.same) / arcs : 0.0;
    // One category everywhere (or no arcs): r is 0/0; call it 0, no mixing to measure.
    m.assortativity = expected_ends < 1.0 && total.arcs > 0 ? (m.same - expected_ends) / (1.0 - expected_ends) : 0.0;
    return m;
}

}  // namespace grassroots::metrics
