#pragma once
// One bit per id: small enough to stay in cache where a byte or word per id would not,
// for "is this friend a creator / did it share?" checks on hot paths.
#include <cstdint>
#include <vector>

namespace grassroots::core {

class Bitmap {
public:
    void assign(std::size_t size) { words_.assign((size + 63) / 64, 0); }
    void set(std::size_t i) { words_[i >> 6] |= std::uint64_t{1} << (i & 63); }
    void reset(std::size_t i) { words_[i >> 6] &= ~(std::uint64_t{1} << (i & 63)); }
    bool test(std::size_t i) const { return (words_[i >> 6] >> (i & 63)) & 1u; }
    void clear() { std::fill(words_.begin(), words_.end(), 0); }
    // The bits as 64-bit words, for saving and restoring (checkpoints).
    std::vector<std::uint64_t>& words() { return words_; }
    const std::vector<std::uint64_t>& words() const { return words_; }

private:
    std::vector<std::uint64_t> words_;
};

}  // namespace grassroots::core
