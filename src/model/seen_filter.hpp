#pragma once
// Items each user has viewed, remembered at bounded memory: per user a Bloom filter
// (Bloom 1970), as production feeds use to keep viewed items out of a feed. Two generations
// each cover item_lifetime days: an item lives at most that long, so a view of any live
// item is in the current or the previous generation; when the current one has covered its
// days it becomes the previous and a cleared one starts. A Bloom filter has no false
// negatives (a viewed item is never shown again, so nobody likes an item twice) and false
// positives at a rate set by its size: an unseen item is then skipped as if seen.
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/prefetch.hpp"
#include "core/rng.hpp"

namespace grassroots::model {

// The most bits set per item (seen_filter_shape clamps its hashes to this).
inline constexpr std::uint32_t kMaxHashes = 16;

struct SeenFilterShape {
    std::uint32_t words = 0;   // 64-bit words per user and generation; 0: no filter
    std::uint32_t hashes = 0;  // bits set per item
};

// The size that gives `false_positive_rate` for a filter holding `views` items (the most a
// user can view in one generation): m = -n ln p / (ln 2)^2 bits and k = m/n ln 2 hashes
// (Broder & Mitzenmacher, "Network applications of Bloom filters", 2004).
inline SeenFilterShape seen_filter_shape(double views, double false_positive_rate) {
    if (views <= 0.0 || false_positive_rate <= 0.0) return {};
    const double ln2 = std::log(2.0);
    const double bits = std::ceil(-views * std::log(false_positive_rate) / (ln2 * ln2));
    const auto words = static_cast<std::uint32_t>(std::ceil(std::max(64.0, bits) / 64.0));
    const double hashes = std::round(static_cast<double>(words) * 64.0 / views * ln2);
    return {words, static_cast<std::uint32_t>(std::clamp(hashes, 1.0, double{kMaxHashes}))};
}

struct SeenFilters {
    SeenFilterShape shape;
    std::int32_t generation_start = 0;    // tick the current generation began
    std::vector<std::uint64_t> current;   // users x words
    std::vector<std::uint64_t> previous;  // users x words

    bool enabled() const { return shape.words > 0; }

    // Bit positions by double hashing of one 64-bit mix of the item id (Kirsch &
    // Mitzenmacher 2006), each reduced to [0, bits) by a multiply-shift.
    template <class Fn>
    void for_each_bit(std::uint64_t item, Fn&& fn) const {
        const std::uint64_t h = core::mix64(item ^ 0x5bd1e9955bd1e995ULL);
        const auto h1 = static_cast<std::uint32_t>(h);
        const auto h2 = static_cast<std::uint32_t>(h >> 32) | 1u;
        const std::uint64_t bits = std::uint64_t{shape.words} * 64;
        for (std::uint32_t i = 0; i < shape.hashes; ++i) {
            const std::uint32_t mixed = h1 + i * h2;
            fn((std::uint64_t{mixed} * bits) >> 32);
        }
    }

    static bool has(const std::uint64_t* row, std::uint64_t bit) { return (row[bit >> 6] >> (bit & 63)) & 1u; }

    bool contains(std::uint32_t user, std::uint64_t item) const {
        const std::uint64_t* now = current.data() + std::uint64_t{user} * shape.words;
        const std::uint64_t* before = previous.data() + std::uint64_t{user} * shape.words;
        bool in_now = true, in_before = true;
        for_each_bit(item, [&](std::uint64_t bit) {
            in_now = in_now && has(now, bit);
            in_before = in_before && has(before, bit);
        });
        return in_now || in_before;
    }

    // Only the user's own row is written: users are fed in parallel, each by one thread.
    void insert(std::uint32_t user, std::uint64_t item) {
        std::uint64_t* now = current.data() + std::uint64_t{user} * shape.words;
        for_each_bit(item, [&](std::uint64_t bit) { now[bit >> 6] |= std::uint64_t{1} << (bit & 63); });
    }

    // contains() then, when it was absent, insert(), in one pass (the feed's path, once
    // per view): the bit positions are hashed once and the two rows are tested without a
    // branch per bit. True when the item was absent and is now recorded; false when it was
    // (probably) seen, and nothing is written.
    bool insert_if_absent(std::uint32_t user, std::uint64_t item) {
        std::uint64_t* now = current.data() + std::uint64_t{user} * shape.words;
        const std::uint64_t* before = previous.data() + std::uint64_t{user} * shape.words;
        std::uint32_t word[kMaxHashes];
        std::uint64_t mask[kMaxHashes];
        std::uint32_t k = 0;
        for_each_bit(item, [&](std::uint64_t bit) {
            word[k] = static_cast<std::uint32_t>(bit >> 6);
            mask[k] = std::uint64_t{1} << (bit & 63);
            ++k;
        });
        std::uint64_t missing_now = 0, missing_before = 0;  // bits of the item a row lacks
        for (std::uint32_t i = 0; i < k; ++i) {
            missing_now |= mask[i] & ~now[word[i]];
            missing_before |= mask[i] & ~before[word[i]];
        }
        if (missing_now == 0 || missing_before == 0) return false;
        for (std::uint32_t i = 0; i < k; ++i) now[word[i]] |= mask[i];
        return true;
    }

    // Asks for a user's two rows ahead of its feed (core/prefetch.hpp).
    void prefetch(std::uint32_t user) const {
        const std::uint64_t begin = std::uint64_t{user} * shape.words;
        for (std::uint64_t w = begin; w < begin + shape.words; w += 8) {
            core::prefetch(current.data() + w);
            core::prefetch(previous.data() + w);
        }
        core::prefetch(current.data() + begin + shape.words - 1);
        core::prefetch(previous.data() + begin + shape.words - 1);
    }

    // At the start of a tick: a generation that has covered `lifetime` days is retired.
    void rotate_if_due(std::int32_t tick, std::int64_t lifetime) {
        if (!enabled() || tick - generation_start < lifetime) return;
        current.swap(previous);
        std::fill(current.begin(), current.end(), 0);
        generation_start = tick;
    }
};

}  // namespace grassroots::model
