// The machine's own limits, measured in the benchmark's run: sequential read bandwidth,
// and the rate of independent random 4-byte reads from a table far larger than the
// last-level cache. A view in the simulator is a handful of such reads, so views per
// second as a fraction of this rate is the figure that carries across noisy machines.
// Usage: grassroots_machine_limits [table MiB, default 1024] [threads, default all]
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Runs fn(thread index) on `threads` threads and returns the wall seconds.
template <class Fn>
double timed_parallel(unsigned threads, Fn&& fn) {
    std::vector<std::thread> pool;
    const auto start = Clock::now();
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(fn, t);
    for (auto& th : pool) th.join();
    return seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t mib = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1024;
    unsigned threads = argc > 2 ? static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10)) : 0;
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t words = mib * 1024 * 1024 / sizeof(std::uint32_t);
    std::vector<std::uint32_t> table(words);
    for (std::size_t i = 0; i < words; ++i) table[i] = static_cast<std::uint32_t>(i * 2654435761u);

    // Sequential: each thread sums its slice, twice (the second pass is timed).
    std::atomic<std::uint64_t> sink{0};
    auto sequential = [&](unsigned t) {
        const std::size_t begin = words / threads * t;
        const std::size_t end = t + 1 == threads ? words : words / threads * (t + 1);
        std::uint64_t sum = 0;
        for (std::size_t i = begin; i < end; ++i) sum += table[i];
        sink += sum;
    };
    timed_parallel(threads, sequential);
    const double seq_seconds = timed_parallel(threads, sequential);
    const double bandwidth = static_cast<double>(words * sizeof(std::uint32_t)) / seq_seconds;

    // Random: independent reads at xorshift positions, many in flight per thread.
    const std::size_t reads_per_thread = 50'000'000;
    auto random_reads = [&](unsigned t) {
        std::uint64_t x = 0x9e3779b97f4a7c15ULL * (t + 1), sum = 0;
        for (std::size_t i = 0; i < reads_per_thread; ++i) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            sum += table[x % words];
        }
        sink += sum;
    };
    const double random_seconds = timed_parallel(threads, random_reads);
    const double random_rate = static_cast<double>(reads_per_thread) * threads / random_seconds;
    const double random_rate_1 = static_cast<double>(reads_per_thread) / timed_parallel(1, random_reads);

    std::printf("table_mib,threads,sequential_gb_per_s,random_reads_per_s,random_reads_per_s_1_thread\n");
    std::printf("%zu,%u,%.2f,%.0f,%.0f\n", mib, threads, bandwidth / 1e9, random_rate, random_rate_1);
    return sink.load() == 42 ? 1 : 0;  // keeps the sums alive
}
