#pragma once
// Per-user rows in compressed sparse row form (follows, last tick's shares, viewed items):
// row u is values[starts[u], starts[u + 1]). The starts are 32-bit while the table holds
// fewer than 2^32 values, which halves their 8 bytes a user for a table: at 200 million
// users the follows, their next tick's copy and the shares saved 2.4 GB. A table that
// grows past 2^32 values (a long run of a platform-sized world) gets 64-bit starts at its
// next layout, so no count is ever capped.
#include <cstdint>
#include <limits>
#include <vector>

namespace grassroots::model {

class RowStarts {
public:
    // Lays out n rows whose sizes are size_of(u), u = 0..n-1 (called twice per row).
    template <class SizeOf>
    void layout(std::size_t n, const SizeOf& size_of) {
        std::uint64_t total = 0;
        for (std::size_t u = 0; u < n; ++u) total += size_of(u);
        if (total <= std::numeric_limits<std::uint32_t>::max()) {
            std::vector<std::uint64_t>().swap(wide_);
            fill(narrow_, n, size_of);
        } else {
            std::vector<std::uint32_t>().swap(narrow_);
            fill(wide_, n, size_of);
        }
    }
    // n empty rows.
    void layout_empty(std::size_t n) {
        layout(n, [](std::size_t) { return std::uint64_t{0}; });
    }

    std::uint64_t operator[](std::size_t u) const { return wide_.empty() ? narrow_[u] : wide_[u]; }
    std::size_t size() const { return wide_.empty() ? narrow_.size() : wide_.size(); }
    bool empty() const { return size() == 0; }
    bool wide() const { return !wide_.empty(); }
    // Where start u lives (for software prefetch).
    const void* address(std::size_t u) const {
        return wide_.empty() ? static_cast<const void*>(narrow_.data() + u) : wide_.data() + u;
    }
    std::uint64_t bytes() const { return narrow_.size() * 4 + wide_.size() * 8; }

    // Both forms, for the checkpoint (one of them is empty).
    std::vector<std::uint32_t>& narrow_column() { return narrow_; }
    std::vector<std::uint64_t>& wide_column() { return wide_; }
    const std::vector<std::uint32_t>& narrow_column() const { return narrow_; }
    const std::vector<std::uint64_t>& wide_column() const { return wide_; }

    friend bool operator==(const RowStarts&, const RowStarts&) = default;

private:
    template <class Offset, class SizeOf>
    static void fill(std::vector<Offset>& starts, std::size_t n, const SizeOf& size_of) {
        starts.resize(n + 1);
        starts[0] = 0;
        for (std::size_t u = 0; u < n; ++u) starts[u + 1] = static_cast<Offset>(starts[u] + size_of(u));
    }

    std::vector<std::uint32_t> narrow_;
    std::vector<std::uint64_t> wide_;
};

template <class T>
struct RowTable {
    RowStarts row_start;  // users + 1 entries (none for a table that is not kept)
    std::vector<T> values;
    std::size_t row_size(std::uint32_t u) const { return row_start[u + 1] - row_start[u]; }
    const T* row(std::uint32_t u) const { return values.data() + row_start[u]; }
};

}  // namespace grassroots::model
