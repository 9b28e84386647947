#pragma once
// Parallel loops over fixed blocks of ids. Block boundaries depend only on the count, never
// on the thread count or the scheduler, so per-block outboxes concatenated in block order
// give the same result at any thread count.
#include <algorithm>
#include <cstddef>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "core/tsan.hpp"

namespace grassroots::core {

inline constexpr std::size_t kBlockSize = 4096;

inline std::size_t block_count(std::size_t n) { return (n + kBlockSize - 1) / kBlockSize; }

// Calls fn(block, begin, end) for every block of [0, n), blocks in parallel. What the
// caller wrote before is visible to every block, and what the blocks wrote is visible to
// the caller after: TBB guarantees both inside libtbb, where ThreadSanitizer cannot see
// them, so a TSan build marks the two edges (no-ops otherwise; blocks stay unordered
// among themselves, so a race between two blocks is still reported).
template <class Fn>
void for_each_block(std::size_t n, Fn&& fn) {
    const std::size_t blocks = block_count(n);
    HappensBefore before, after;
    before.release();
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1), [&](const tbb::blocked_range<std::size_t>& range) {
        before.acquire();
        for (std::size_t b = range.begin(); b != range.end(); ++b) {
            fn(b, b * kBlockSize, std::min(n, (b + 1) * kBlockSize));
        }
        after.release();
    });
    after.acquire();
}

// Calls fn(begin, end) over [first, last) in chunks of about `grain`, chunks in parallel,
// with the same visibility as for_each_block. For loops whose result does not depend on
// how the range is cut (each index writes its own output), where fixed blocks of
// kBlockSize would be too coarse to share among threads.
template <class Fn>
void for_each_chunk(std::size_t first, std::size_t last, std::size_t grain, Fn&& fn) {
    HappensBefore before, after;
    before.release();
    tbb::parallel_for(tbb::blocked_range<std::size_t>(first, last, std::max<std::size_t>(grain, 1)),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                          before.acquire();
                          fn(range.begin(), range.end());
                          after.release();
                      });
    after.acquire();
}

}  // namespace grassroots::core
